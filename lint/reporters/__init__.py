"""Output formats: one module per format, each with ``render(results, options) -> str``."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator

from lint.model import Finding, Result

FORMATS = (
    "pretty",
    "concise",
    "json",
    "sarif",
    "github",
    "gitlab",
    "markdown",
    "checklist",
    "html",
)


def _ranges(codes: Iterable[int]) -> Iterator[str]:
    """A character class's ranges for a set of code points (escaped: some are controls)."""
    codes = sorted(codes)
    start = previous = codes[0]
    for code in [*codes[1:], None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        yield f"\\u{start:04x}" if start == previous else f"\\u{start:04x}-\\u{previous:04x}"
        if code is not None:
            start = previous = code


# C0 controls (but tab) as their Unicode pictures (ESC → ␛), C1 controls as �: one character
# for one, so columns and carets stay aligned.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c != 0x09} | {0x7F: 0x2421}
_CONTROLS |= dict.fromkeys(range(0x80, 0xA0), 0xFFFD)
# Bidirectional overrides and isolates (text shown in another order than it is read: a
# "Trojan Source" file name or line) and the bidi marks: shown as ⁇, one for one.
_CONTROLS |= dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], 0x2047)
_CONTROLS |= dict.fromkeys([0x200E, 0x200F, 0x061C], 0x2047)
# Lone surrogates: a file name that is not valid UTF-8 (os.fsdecode's surrogateescape).
_CONTROLS |= dict.fromkeys(range(0xD800, 0xE000), 0xFFFD)
_SURROGATES = dict.fromkeys(range(0xD800, 0xE000), 0xFFFD)
# Whether a text has any of them: translate() looks every character up in the table (a tenth
# of a millisecond for a report of one draft), a search of one character class does not.
_ANY_CONTROL = re.compile(f"[{''.join(_ranges(_CONTROLS))}]")
_ANY_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text from a draft or a file name, safe for a terminal: control characters (an escape
    sequence that clears the screen or retitles the window) and bidi overrides are shown,
    never obeyed; bytes that are not UTF-8 are shown as �."""
    return text.translate(_CONTROLS) if _ANY_CONTROL.search(text) else text


def valid_unicode(text: str) -> str:
    """A report that can be written as UTF-8: a file name that is not valid UTF-8 (held as
    lone surrogates) is shown with the replacement character, never a crash."""
    return text.translate(_SURROGATES) if _ANY_SURROGATE.search(text) else text


def inert(text: str) -> str:
    """Output that GitHub Actions never reads as workflow commands (``::error …``): under
    Actions, wrapped in ``::stop-commands::`` with a token no draft can know."""
    if not text or not os.environ.get("GITHUB_ACTIONS"):
        return text
    import secrets  # here, for start-up time: only under GitHub Actions (hmac, random …)

    token = secrets.token_hex(16)
    end = "" if text.endswith("\n") else "\n"
    return f"::stop-commands::{token}\n{text}{end}::{token}::\n"


def window(length: int, start: int, end: int, margin: int) -> tuple[int, int]:
    """The part of a line of ``length`` characters shown around a span: ``margin`` characters
    each side (a long line is never shown whole)."""
    return max(0, start - margin), min(length, max(end, start + 1) + margin)


PUNCTUATION = "punctuation"  # the check kind whose findings come last and are grouped


def punctuation_rules(result: Result) -> set[str]:
    """The ids of the draft's rules of the punctuation kind (from its profile, not from the
    messages)."""
    if result.profile is None:
        return set()
    return {rule.id for rule in result.profile.rules if rule.kind == PUNCTUATION}


def by_severity(result: Result) -> list[Finding]:
    """The draft's findings, errors first, then content warnings, then punctuation warnings,
    then notes; in the order of the text within each."""
    punctuation = punctuation_rules(result)
    rank = {"error": 0, "warning": 1, "info": 3}

    def key(f: Finding) -> tuple:
        tier = rank[f.severity] + (f.severity != "error" and f.rule in punctuation)
        return (tier, f.line, f.column, f.rule)

    return sorted(result.findings, key=key)


def renderer(name: str) -> Callable:
    return importlib.import_module(f"lint.reporters.{name.replace('-', '_')}").render


def streamer(name: str) -> Callable | None:
    """The format's ``stream(results, color)``, if it has one: the report in pieces, written
    as the drafts come (memory independent of their number); ``render`` is their join."""
    module = importlib.import_module(f"lint.reporters.{name.replace('-', '_')}")
    return getattr(module, "stream", None)


def inert_stream(pieces: Iterable[str]) -> Iterator[str]:
    """inert() of the pieces' join, piece by piece."""
    if not os.environ.get("GITHUB_ACTIONS"):
        yield from pieces
        return
    token, last = None, ""
    for piece in pieces:
        if piece:
            if token is None:
                import secrets  # here, for start-up time: only under GitHub Actions

                token = secrets.token_hex(16)
                yield f"::stop-commands::{token}\n"
            last = piece
            yield piece
    if token is not None:
        yield ("" if last.endswith("\n") else "\n") + f"::{token}::\n"


def shows_source(name: str) -> bool:
    """Whether a format shows the drafts' source lines (a module says ``SOURCE_LINES = False``
    when it does not): a batch keeps them only then, which saves memory on big batches."""
    module = importlib.import_module(f"lint.reporters.{name.replace('-', '_')}")
    return getattr(module, "SOURCE_LINES", True)
