"""Output formats: one module per format, each with ``render(results, options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable

FORMATS = ("pretty", "concise", "json", "sarif", "github", "checklist", "html")


# C0 controls (but tab) as their Unicode pictures (ESC → ␛), C1 controls as �: one character
# for one, so columns and carets stay aligned.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c != 0x09} | {0x7F: 0x2421}
_CONTROLS |= dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


def printable(text: str) -> str:
    """Text from a draft or a file name, safe for a terminal: control characters (an escape
    sequence that clears the screen or retitles the window) are shown, never obeyed."""
    return text.translate(_CONTROLS)


def renderer(name: str) -> Callable:
    return importlib.import_module(f"lint.reporters.{name.replace('-', '_')}").render


def shows_source(name: str) -> bool:
    """Whether a format shows the drafts' source lines (a module says ``SOURCE_LINES = False``
    when it does not): a batch keeps them only then, which saves memory on big batches."""
    module = importlib.import_module(f"lint.reporters.{name.replace('-', '_')}")
    return getattr(module, "SOURCE_LINES", True)
