"""html: one self-contained report for a batch (``--format html --output report.html``).

A chart first (per requirement, how many drafts fail it; numbered, the legend of the table's
columns), then the summary table (one row per draft, one ✓/✗ column per requirement,
totals), similar drafts, and each draft's findings, collapsed (``<details>``): errors first,
then content warnings, then punctuation; a rule's repeated findings are one entry (“×23”)
with the first few shown; each in a window of its line, the offending text highlighted.
One file, no scripts, fonts or other network resources; all text is escaped. Printed, the
table fits A4 landscape: the columns are headed by their numbers only.

Kept small for thousands of drafts: a passing cell is ``<td>✓</td>``, styled by its column.
"""

from __future__ import annotations

from html import escape

from lint.model import COPY_RULE, INPUT_ERROR, SEVERITY_LABELS, Finding, Result
from lint.reporters import by_severity, window
from lint.reporters.checklist import FAIL, PASS
from lint.reporters.requirements import copy_pairs, requirements, rule_title
from lint.reporters.summary import profile_line, summary

HEADER_LENGTH = 12  # characters of a requirement's title shown in a column header
WINDOW = 40  # characters of the line shown each side of a finding's span
GROUP_SHOWN = 3  # findings of a group shown with their text; the rest by position
GROUP_POSITIONS = 30  # positions listed for a group, at most

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 2em; color: #222; line-height: 1.5; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .2em .4em; }
th.req { writing-mode: vertical-rl; vertical-align: bottom; font-weight: normal;
         height: 11em; white-space: nowrap; overflow: hidden; }
th.req .no { font-weight: bold; margin-bottom: .3em; }
#summary tbody td, #summary tfoot td { text-align: center; color: #1a7f37; }
#summary tbody td:nth-child(-n+2), #summary tfoot td:nth-child(-n+2) {
  text-align: left; color: inherit; white-space: nowrap; }
#summary td.f { color: #cf222e; background: #fff0f0; font-weight: bold; }
#summary td.n { color: inherit; }
tr.totals td { font-weight: bold; background: #f6f8fa; }
.chart { display: grid; grid-template-columns: auto auto minmax(8em, 24em) auto;
         gap: .15em .6em; align-items: center; font-size: .9em; margin: .5em 0 1.5em; }
.chart .no { text-align: right; color: #555; }
.chart .bar { background: #eee; height: .9em; }
.chart .bar span { display: block; height: 100%; background: #cf222e; }
.chart .count { white-space: nowrap; }
details.draft { border-bottom: 1px solid #ddd; }
details.draft > summary { cursor: pointer; padding: .3em 0; }
details.draft h3 { display: inline; font-size: 1em; margin: 0; }
.tally { margin-left: .8em; font-size: .9em; color: #555; }
.sev { display: inline-block; min-width: 2.5em; text-align: center; border-radius: 3px;
       color: #fff; padding: 0 .3em; font-size: .85em; }
.sev.error { background: #cf222e; } .sev.warning { background: #bf8700; }
.sev.info { background: #0969da; }
.finding { margin: .8em 0; }
.rule { font-family: monospace; color: #555; }
.times { font-weight: bold; }
.more { color: #555; font-size: .9em; }
pre.context { background: #f6f8fa; padding: .4em .6em; margin: .3em 0 0;
              white-space: pre-wrap; word-break: break-all; }
.ln { color: #888; user-select: none; }
mark { background: #ffd33d; color: inherit; }
mark.error { background: #ffc1c0; } mark.point { background: #ffd33d; padding: 0 .15em; }
.profile { color: #555; font-size: .9em; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { margin: 0; font-size: 8pt; line-height: 1.3; }
  #summary { width: 100%; table-layout: fixed; font-size: 7pt; }
  #summary th, #summary td { padding: .1em; }
  #summary th:first-child { width: 24%; } #summary th:nth-child(2) { width: 10%; }
  #summary th:nth-child(3) { width: 3.5em; }
  #summary tbody td:first-child { white-space: normal; word-break: break-all; }
  #summary tbody td:nth-child(2) { white-space: normal; word-break: break-all; }
  #summary a { color: inherit; text-decoration: none; }
  th.req { writing-mode: horizontal-tb; height: auto; vertical-align: bottom;
           text-align: center; white-space: normal; }
  th.req .t { display: none; }  /* the number only: the chart above is the legend */
  th.req .no { margin: 0; }
  tr.totals td { font-size: 6pt; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  .chart { grid-template-columns: auto auto 12em auto; font-size: 7pt; gap: 0 .5em; }
  details.draft > summary { list-style: none; }
}
"""


def _header(title: str) -> str:
    short = title if len(title) <= HEADER_LENGTH else title[: HEADER_LENGTH - 1] + "…"
    return escape(short)


def _anchor(index: int) -> str:
    return f"draft-{index}"


def render(results: list[Result], color: bool = False) -> str:
    rows = [requirements(r) for r in results]
    columns: dict[str, str] = {}
    for draft_rows in rows:
        for row in draft_rows:
            columns.setdefault(row.key, row.title)
    passed = dict.fromkeys(columns, 0)
    checked = dict.fromkeys(columns, 0)
    for draft_rows in rows:
        for row in draft_rows:
            checked[row.key] += 1
            passed[row.key] += row.passed

    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>draftlint 检查报告</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
        "<h1>draftlint 检查报告</h1>",
        f"<p>{escape(summary(results))}</p>",
    ]
    out += _chart(columns, passed, checked)
    out += [
        '<table id="summary">',
        "<thead><tr><th>文稿</th><th>规则集</th><th>未通过</th>",
    ]
    out += [
        f'<th class="req" title="{escape(title)}（{escape(key)}）">'
        f'<span class="no">{number}</span> <span class="t">{_header(title)}</span></th>'
        for number, (key, title) in enumerate(columns.items(), 1)
    ]
    out.append("</tr></thead><tbody>")
    for index, (result, draft_rows) in enumerate(zip(results, rows, strict=True)):
        by_key = {row.key: row for row in draft_rows}
        failed = sum(not row.passed for row in draft_rows)
        profile = escape(result.profile.id) if result.profile else "—"
        cells = [
            f'<td><a href="#{_anchor(index)}">{escape(result.path)}</a></td>',
            f"<td>{profile}</td>",
            f'<td class="f">{failed}</td>' if failed else "<td>0</td>",
        ]
        for key in columns:
            row = by_key.get(key)
            if row is None:
                cells.append("<td></td>")
            elif row.passed:
                cells.append(f"<td>{PASS}</td>")
            else:
                count = f" {row.failures}" if row.failures > 1 else ""
                cells.append(f'<td class="f" title="{row.failures} 处">{FAIL}{count}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    drafts_failed = sum(any(not row.passed for row in draft_rows) for draft_rows in rows)
    totals = [
        f"<td>合计 {len(results)} 份</td><td></td>",
        f'<td class="n">{drafts_failed}</td>',
        *(f'<td class="n">{passed[k]}/<wbr>{checked[k]}</td>' for k in columns),
    ]
    out.append(f'</tbody><tfoot><tr class="totals">{"".join(totals)}</tr></tfoot></table>')

    pairs = copy_pairs(results)
    if pairs is not None:
        out.append('<h2 id="copies">雷同文稿</h2>')
        if not pairs:
            out.append("<p>未发现彼此雷同的文稿。</p>")
        else:
            out.append("<table><thead><tr><th>文稿</th><th>雷同于</th><th>相同句数</th>")
            out.append("<th>占前者</th><th>占后者</th></tr></thead><tbody>")
            for p in pairs:
                out.append(
                    f"<tr><td>{escape(p.path)}</td><td>{escape(p.other)}</td>"
                    f"<td>{p.shared}</td><td>{p.fraction:.0%}</td>"
                    f"<td>{p.other_fraction:.0%}</td></tr>"
                )
            out.append("</tbody></table>")

    out.append("<h2>问题明细</h2>")
    for index, result in enumerate(results):
        out += _draft(index, result)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _chart(columns: dict[str, str], passed: dict[str, int], checked: dict[str, int]) -> list:
    """A bar per requirement: how many of the drafts checked against it fail it."""
    if not columns:
        return []
    out = ['<h2 id="chart">各项要求未通过的文稿数</h2>', '<div class="chart">']
    for number, (key, title) in enumerate(columns.items(), 1):
        failing = checked[key] - passed[key]
        share = 100 * failing / checked[key] if checked[key] else 0
        out.append(
            f'<span class="no">{number}</span>'
            f'<span class="label" title="{escape(key)}">{escape(title)}</span>'
            f'<span class="bar"><span style="width:{share:.1f}%"></span></span>'
            f'<span class="count">{failing}/{checked[key]} 份</span>'
        )
    out.append("</div>")
    return out


def _draft(index: int, result: Result) -> list[str]:
    counts = {s: 0 for s in SEVERITY_LABELS}
    for f in result.findings:
        counts[f.severity] += 1
    tally = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in counts.items() if n) or "未发现问题"
    out = [
        f'<details class="draft" id="{_anchor(index)}"><summary><h3>{escape(result.path)}</h3>'
        f'<span class="tally">{tally}</span></summary>'
    ]
    if result.profile is not None:
        out.append(f'<p class="profile">{escape(profile_line(result))}</p>')
    if not result.findings:
        out.append("<p>未发现问题。</p>")
    titles = {rule.id: rule_title(rule) for rule in result.profile.rules} if result.profile else {}
    ordered = by_severity(result)
    # a rule's findings are one entry, placed where its first finding is in the order
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in ordered:
        groups.setdefault((f.rule, f.severity), []).append(f)
    for (rule, _), findings in groups.items():
        if len(findings) == 1:
            out.append(_finding(result, findings[0]))
        else:
            out.append(_group(result, titles.get(rule, rule), findings))
    out.append("</details>")
    return out


def _finding(result: Result, f: Finding) -> str:
    label = SEVERITY_LABELS[f.severity]
    head = (
        f'<div class="finding"><span class="sev {f.severity}">{label}</span> '
        f"{f.line}:{f.column} {escape(f.message)}{_fix(f)} "
        f'<span class="rule">[{escape(f.rule)}]</span>'
    )
    context = _context(result, f)
    if context:
        head += f'<pre class="context">{context}</pre>'
    return head + "</div>"


def _group(result: Result, title: str, findings: list[Finding]) -> str:
    """A rule's repeated findings on one draft: the count, the first few with their text,
    the positions of the others."""
    f = findings[0]
    out = [
        f'<div class="finding group"><span class="sev {f.severity}">'
        f"{SEVERITY_LABELS[f.severity]}</span> {escape(title)} "
        f'<span class="times">×{len(findings)}</span> <span class="rule">[{escape(f.rule)}]</span>'
    ]
    shown = []
    for g in findings[:GROUP_SHOWN]:
        context = _context(result, g)
        shown.append(f"{g.line}:{g.column} {escape(g.message)}{_fix(g)}")
        if context:
            shown[-1] += f"\n{context}"
    out.append(f'<pre class="context">{chr(10).join(shown)}</pre>')
    rest = findings[GROUP_SHOWN:]
    if rest:
        positions = "、".join(f"{g.line}:{g.column}" for g in rest[:GROUP_POSITIONS])
        if len(rest) > GROUP_POSITIONS:
            positions += f" 等 {len(rest)} 处"
        out.append(f'<div class="more">其余位置（行:列）：{positions}</div>')
    return "".join(out) + "</div>"


def _fix(f: Finding) -> str:
    if f.fix is None:
        return ""
    fix = f"可自动修正为“{f.fix.replacement}”" if f.fix.replacement else "可自动删除"
    return f" <small>{escape(fix)}</small>"


def _clip(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The text before, inside and after a span, in a window of WINDOW characters around it
    (escaped); a span longer than the window is cut too."""
    end = min(end, start + 2 * WINDOW)
    left, right = window(len(text), start, end, WINDOW)
    before = ("…" if left else "") + escape(text[left:start])
    after = escape(text[end:right]) + ("…" if right < len(text) else "")
    return before, escape(text[start:end]), after


def _context(result: Result, f: Finding) -> str:
    """The finding's first line, in a window around its span, with the span marked."""
    if f.rule in (INPUT_ERROR, COPY_RULE):
        return ""
    text = result.line(f.line)
    if text is None:
        return ""
    gutter = f'<span class="ln">{f.line:>5} │ </span>'
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(text)
    if end <= start:  # a point, not a span: mark the character there
        before, marked, after = _clip(text, start, start + 1)
        return f'{gutter}{before}<mark class="point">{marked or "▮"}</mark>{after}'
    before, marked, after = _clip(text, start, end)
    return f'{gutter}{before}<mark class="{f.severity}">{marked}</mark>{after}'
