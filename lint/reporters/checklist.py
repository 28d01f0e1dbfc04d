"""checklist: per draft, each requirement of its profile ticked or crossed, then totals
(the requirements are those of reporters/requirements.py)."""

from __future__ import annotations

import click

from lint.model import Result
from lint.reporters import printable
from lint.reporters.requirements import copy_pairs, requirements, totals
from lint.reporters.summary import profile_line, summary

PASS, FAIL = "✓", "✗"


SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    def mark(ok: bool) -> str:
        symbol = PASS if ok else FAIL
        return click.style(symbol, fg="green" if ok else "red") if color else symbol

    out: list[str] = []
    for result in results:
        rows = requirements(result)
        failed = sum(not r.passed for r in rows)
        verdict = f"{failed} 项未通过" if failed else "全部通过"
        out.append(f"{printable(result.path)}  {verdict}")
        if result.profile is not None:
            out.append(f"  {profile_line(result)}")
        for row in rows:
            count = f" ×{row.failures}" if row.failures > 1 else ""
            out.append(f"  {mark(row.passed)} {printable(f'{row.title} [{row.key}]')}{count}")
        out.append("")

    out.append(f"合计（{len(results)} 个文件）：")
    for key, title, passed, checked in totals(results):
        out.append(f"  {passed:>5}/{checked:<5} 通过  {printable(f'{title} [{key}]')}")
    pairs = copy_pairs(results)
    if pairs is not None:
        out.append("")
        out.append(f"雷同文稿：{len(pairs)} 对" if pairs else "雷同文稿：未发现")
        for p in pairs:
            out.append(
                f"  {printable(p.path)} ↔ {printable(p.other)}：{p.shared} 句相同"
                f"（分别占 {p.fraction:.0%}、{p.other_fraction:.0%}）"
            )
    out.append("")
    out.append(summary(results))
    return "\n".join(out) + "\n"
