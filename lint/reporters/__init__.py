"""Output formats: one module per format, each with ``render(results, options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable

FORMATS = ("pretty", "concise", "json", "sarif", "github", "checklist", "html")


def renderer(name: str) -> Callable:
    return importlib.import_module(f"lint.reporters.{name.replace('-', '_')}").render
