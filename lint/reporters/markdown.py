"""markdown: a table per batch — per draft its profile, errors, warnings and the requirements
it fails — for GitHub's job summary ($GITHUB_STEP_SUMMARY), where nothing is lost to the
limit GitHub puts on annotations."""

from __future__ import annotations

from collections import Counter

from lint.model import Result
from lint.reporters.requirements import requirements
from lint.reporters.summary import summary

SOURCE_LINES = False  # see lint.reporters.shows_source


def cell(text: str) -> str:
    """Text safe in a Markdown table cell: no pipe, no line break, no HTML."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def render(results: list[Result], color: bool = False) -> str:
    out = [
        "## draftlint",
        "",
        summary(results),
        "",
        "| 文稿 | 规则集 | 错误 | 警告 | 未通过的要求 |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for result in results:
        counts = Counter(f.severity for f in result.findings)
        profile = f"{result.profile.title}（{result.profile.id}）" if result.profile else "—"
        failed = [r.title for r in requirements(result) if not r.passed]
        out.append(
            f"| {cell(result.path)} | {cell(profile)} | {counts['error']} | {counts['warning']} "
            f"| {cell('；'.join(failed)) if failed else '全部通过'} |"
        )
    return "\n".join(out) + "\n\n"
