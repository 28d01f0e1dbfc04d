"""github: GitHub Actions workflow commands, shown as annotations on the pull request.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``; info becomes
``::notice``. Chosen automatically when GITHUB_ACTIONS is set and no --format is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lint.model import Result
from lint.reporters import printable

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    return "".join(stream(results, color))


def stream(results: Iterable[Result], color: bool = False) -> Iterator[str]:
    """The commands in pieces, one per draft, as the drafts come (lint.reporters.streams)."""
    for result in results:
        lines = []
        for f in result.findings:
            props = {
                "file": f.path,
                "line": f.line,
                "col": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "title": f"draftlint {f.rule}",
            }
            fields = ",".join(f"{k}={escape_property(printable(str(v)))}" for k, v in props.items())
            message = escape_data(f.message)  # a multi-line message stays one command
            lines.append(f"::{COMMANDS[f.severity]} {fields}::{message}\n")
        if lines:
            yield "".join(lines)  # the summary goes to stderr
