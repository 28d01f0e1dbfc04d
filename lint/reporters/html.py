"""html: one self-contained report for a batch (``--format html --output report.html``).

The summary table comes first (one row per draft, one ✓/✗ column per requirement, totals),
then similar drafts, then each draft's findings with the offending text highlighted in its
context. One file, no scripts, fonts or other network resources; all text is escaped.
"""

from __future__ import annotations

from html import escape

from lint.model import COPY_RULE, INPUT_ERROR, SEVERITY_LABELS, Result
from lint.reporters.checklist import FAIL, PASS
from lint.reporters.requirements import copy_pairs, requirements
from lint.reporters.summary import profile_line, summary

HEADER_LENGTH = 12  # characters of a requirement's title shown in a column header

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 2em; color: #222; line-height: 1.5; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
h3 { font-size: 1em; margin: 1.5em 0 .3em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .2em .4em; }
th.req { writing-mode: vertical-rl; vertical-align: bottom; font-weight: normal;
         height: 11em; white-space: nowrap; overflow: hidden; }
td.mark { text-align: center; }
#summary td:nth-child(-n+2) { white-space: nowrap; }
td.pass { color: #1a7f37; } td.fail { color: #cf222e; background: #fff0f0; font-weight: bold; }
tr.totals td { font-weight: bold; background: #f6f8fa; }
.sev { display: inline-block; min-width: 2.5em; text-align: center; border-radius: 3px;
       color: #fff; padding: 0 .3em; font-size: .85em; }
.sev.error { background: #cf222e; } .sev.warning { background: #bf8700; }
.sev.info { background: #0969da; }
.finding { margin: .8em 0; }
.rule { font-family: monospace; color: #555; }
pre.context { background: #f6f8fa; padding: .4em .6em; margin: .3em 0 0;
              white-space: pre-wrap; word-break: break-all; }
.ln { color: #888; user-select: none; }
mark { background: #ffd33d; color: inherit; }
mark.error { background: #ffc1c0; } mark.point { background: #ffd33d; padding: 0 .15em; }
.profile { color: #555; font-size: .9em; }
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
        '<table id="summary">',
        "<thead><tr><th>文稿</th><th>规则集</th><th>未通过</th>",
    ]
    out += [
        f'<th class="req" title="{escape(title)}（{escape(key)}）">{_header(title)}</th>'
        for key, title in columns.items()
    ]
    out.append("</tr></thead><tbody>")
    passed = dict.fromkeys(columns, 0)
    checked = dict.fromkeys(columns, 0)
    for index, (result, draft_rows) in enumerate(zip(results, rows, strict=True)):
        by_key = {row.key: row for row in draft_rows}
        failed = sum(not row.passed for row in draft_rows)
        profile = escape(result.profile.id) if result.profile else "—"
        cells = [
            f'<td><a href="#{_anchor(index)}">{escape(result.path)}</a></td>',
            f"<td>{profile}</td>",
            f'<td class="mark {"fail" if failed else "pass"}">{failed}</td>',
        ]
        for key in columns:
            row = by_key.get(key)
            if row is None:
                cells.append('<td class="mark"></td>')
                continue
            checked[key] += 1
            passed[key] += row.passed
            if row.passed:
                cells.append(f'<td class="mark pass">{PASS}</td>')
            else:
                count = f" {row.failures}" if row.failures > 1 else ""
                cells.append(f'<td class="mark fail" title="{row.failures} 处">{FAIL}{count}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    drafts_failed = sum(any(not row.passed for row in draft_rows) for draft_rows in rows)
    totals = [
        f"<td>合计 {len(results)} 份</td><td></td>",
        f"<td>{drafts_failed}</td>",
        *(f'<td class="mark">{passed[k]}/{checked[k]}</td>' for k in columns),
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
                    f'<td class="mark">{p.shared}</td><td class="mark">{p.fraction:.0%}</td>'
                    f'<td class="mark">{p.other_fraction:.0%}</td></tr>'
                )
            out.append("</tbody></table>")

    out.append("<h2>问题明细</h2>")
    for index, result in enumerate(results):
        out.append(f'<h3 id="{_anchor(index)}">{escape(result.path)}</h3>')
        if result.profile is not None:
            out.append(f'<p class="profile">{escape(profile_line(result))}</p>')
        if not result.findings:
            out.append("<p>未发现问题。</p>")
        for f in result.findings:
            out.append(_finding(result, f))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _finding(result: Result, f) -> str:
    label = SEVERITY_LABELS[f.severity]
    head = (
        f'<div class="finding"><span class="sev {f.severity}">{label}</span> '
        f"{f.line}:{f.column} {escape(f.message)} "
        f'<span class="rule">[{escape(f.rule)}]</span>'
    )
    if f.fix is not None:
        fix = f"可自动修正为“{f.fix.replacement}”" if f.fix.replacement else "可自动删除"
        head += f" <small>{escape(fix)}</small>"
    context = [] if f.rule in (INPUT_ERROR, COPY_RULE) else _context(result, f)
    if context:
        head += '<pre class="context">' + "\n".join(context) + "</pre>"
    return head + "</div>"


MAX_CONTEXT = 200  # characters shown each side of a span: a 5 MB line is not copied per finding


def _clip(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The text before, inside and after a span, cut to MAX_CONTEXT around it (escaped)."""
    end = min(end, start + 2 * MAX_CONTEXT)  # a span over a whole long line is cut too
    left = max(0, start - MAX_CONTEXT)
    right = min(len(text), max(end, start + 1) + MAX_CONTEXT)
    before = ("…" if left else "") + escape(text[left:start])
    after = escape(text[end:right]) + ("…" if right < len(text) else "")
    return before, escape(text[start:end]), after


def _context(result: Result, f) -> list[str]:
    """The finding's lines, the one before and the one after, with its span marked."""
    lines = []
    for number in range(f.line - 1, f.end_line + 2):
        text = result.line(number)
        if text is None:
            continue
        gutter = f'<span class="ln">{number:>5} │ </span>'
        if not f.line <= number <= f.end_line:
            lines.append(gutter + "".join(_clip(text, 0, 0)))
            continue
        start = f.column - 1 if number == f.line else 0
        end = f.end_column - 1 if number == f.end_line else len(text)
        if end <= start:  # a point, not a span: mark the character there
            before, marked, after = _clip(text, start, start + 1)
            marked = marked or "▮"
            lines.append(f'{gutter}{before}<mark class="point">{marked}</mark>{after}')
        else:
            before, marked, after = _clip(text, start, end)
            lines.append(f'{gutter}{before}<mark class="{f.severity}">{marked}</mark>{after}')
    return lines
