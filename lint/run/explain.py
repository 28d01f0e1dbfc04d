"""``draftlint check --explain-profile``: for each draft, every candidate profile with the
signals detection read (year, phrases, lead headings found), and the one chosen."""

from __future__ import annotations

import json

from lint.detect import Choice
from lint.model import InputError
from lint.outline import parse
from lint.reporters import printable
from lint.run.check import Selection, planned_linters
from lint.source import read


def explain(paths: list[str], selection: Selection, fmt: str = "pretty") -> tuple[str, int]:
    """The explanation of each draft's profile as text (or JSON); and the exit status."""
    reports, status = [], 0
    for linter, group in planned_linters(paths, selection):
        for path in group:
            try:
                src = read(path)
            except InputError as exc:
                reports.append({"path": path, "error": str(exc)})
                status = 2
                continue
            reports.append(_report(path, linter.choose(src, parse(src.text, src.headings))))
    if fmt == "json":
        return json.dumps(reports, ensure_ascii=False, indent=2) + "\n", status
    return "".join(_text(r) for r in reports), status


def _report(path: str, choice: Choice) -> dict:
    return {
        "path": path,
        "profile": choice.profile.id,
        "title": choice.profile.title,
        "reason": choice.reason,
        "supported": choice.supported,
        "candidates": [
            {
                "profile": c.id,
                "title": c.profile.title,
                "year": c.profile.year,
                "year_fits": c.year_fits,
                "phrases": c.phrases + c.also,
                "excluded_by": c.excluded,
                "leads_found": c.leads_found,
                "leads_total": c.leads_total,
                "eligible": c.eligible,
            }
            for c in choice.candidates
        ],
    }


def _text(report: dict) -> str:
    path = printable(report["path"])
    if "error" in report:
        return f"{path}：{report['error']}\n\n"
    lines = [f"{path}：{report['profile']}（{report['reason']}）"]
    if not report["supported"]:
        lines.append("  方面标题与该规则集的要求对不上：不逐项检查各方面（profile-uncertain）")
    lines.append("  候选规则集                          年份  关键词  方面标题  可选")
    for c in report["candidates"]:
        year = {True: "相符", False: "不符", None: "—"}[c["year_fits"]]
        leads = f"{c['leads_found']}/{c['leads_total']}" if c["leads_total"] else "—"
        usable = "是" if c["eligible"] else ("排除" if c["excluded_by"] else "否")
        lines.append(
            f"  {c['profile']:<34}  {year:<4}  {len(c['phrases']):>6}  {leads:>8}  {usable}"
        )
    return "\n".join(lines) + "\n\n"
