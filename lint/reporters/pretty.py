"""pretty: each finding with its source line and a caret under the span (ruff style).

Carets are aligned by display width: Chinese characters take two terminal cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

import click

from lint.model import INPUT_ERROR, SEVERITY_LABELS, Result
from lint.reporters import printable, window
from lint.reporters.summary import Tally, profile_line

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
MAX_CONTEXT = 24  # characters of the source line shown each side of the span


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render(results: list[Result], color: bool = False) -> str:
    return "".join(stream(results, color))


def stream(results: Iterable[Result], color: bool = False) -> Iterator[str]:
    """The report in pieces, one per draft, as the drafts come (lint.reporters.streams)."""

    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    tally = Tally()
    for result in results:
        tally.add(result)
        if not result.findings:
            continue
        header = style(printable(result.path), bold=True)
        if result.profile:
            header += style(f"  {profile_line(result)}", dim=True)
        out = [header]
        lines: dict[int, str | None] = {}
        for f in result.findings:
            label = style(
                f"{SEVERITY_LABELS[f.severity]}[{f.rule}]", fg=COLORS[f.severity], bold=True
            )
            out.append(f"{printable(f.path)}:{f.line}:{f.column}: {label} {printable(f.message)}")
            if f.rule == INPUT_ERROR:
                continue
            if f.line not in lines:  # a long line is copied once, not once per finding
                lines[f.line] = result.line(f.line)
            if lines[f.line] is None:
                continue
            out.extend(_snippet(lines[f.line], f, style))
            if f.fix is not None:
                fix = printable(f.fix.replacement)
                shown = fix if len(fix) <= 30 else fix[:29] + "…"
                hint = f"可自动修正为：{shown}" if fix else "可自动删除"
                out.append(style(f"   = {hint}", fg="green"))
        out.append("")
        yield "".join(line + "\n" for line in out)
    yield tally.line() + "\n"


def _snippet(line: str, f, style) -> list[str]:
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(end, start + 1)
    left, right = window(len(line), start, end, MAX_CONTEXT)
    shown = ("…" if left else "") + printable(line[left:right]) + ("…" if right < len(line) else "")
    pad = width(("…" if left else "") + line[left:start])
    carets = "^" * max(1, width(line[start : min(end, right)]))  # under what is shown
    gutter = f"{f.line:>5} | "
    return [
        style(gutter, fg="blue") + shown,
        style(" " * (len(gutter) - 2) + "| ", fg="blue")
        + " " * pad
        + style(carets, fg=COLORS[f.severity], bold=True),
    ]
