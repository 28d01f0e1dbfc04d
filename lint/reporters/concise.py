"""concise: one line per finding, ``path:line:col: severity rule message``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lint.model import Result
from lint.reporters import printable
from lint.reporters.summary import Tally

SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    return "".join(stream(results, color))


def stream(results: Iterable[Result], color: bool = False) -> Iterator[str]:
    """The report in pieces, one per draft, as the drafts come (lint.reporters.streams)."""
    tally = Tally()
    for result in results:
        tally.add(result)
        if result.findings:
            yield "".join(
                printable(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}") + "\n"
                for f in result.findings
            )
    yield tally.line() + "\n"
