"""json: an array of findings with path, rule, severity, message, positions and fix."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from lint.model import Result

SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    return "".join(stream(results, color))


def stream(results: Iterable[Result], color: bool = False) -> Iterator[str]:
    """``json.dumps(findings, ensure_ascii=False, indent=2)`` in pieces, one per draft, as
    the drafts come (lint.reporters.streams): each finding is dumped alone and indented one
    level more, as inside the array (no string holds a raw line break: JSON escapes it)."""
    opening = "[\n  "
    for result in results:
        items = []
        for f in result.findings:
            item = json.dumps(f.to_dict(), ensure_ascii=False, indent=2)
            items.append(opening + item.replace("\n", "\n  "))
            opening = ",\n  "
        if items:
            yield "".join(items)
    yield "[]\n" if opening == "[\n  " else "\n]\n"
