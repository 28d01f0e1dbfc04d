"""concise: one line per finding, ``path:line:col: severity rule message``."""

from __future__ import annotations

from lint.model import Result
from lint.reporters import printable
from lint.reporters.summary import summary

SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    lines = [
        printable(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
        for result in results
        for f in result.findings
    ]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"
