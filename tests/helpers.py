"""Small helpers for tests: lint a text with chosen rules."""

from __future__ import annotations

from lint.linter import Linter
from lint.model import Finding, Source

_LINTERS: dict[tuple, Linter] = {}


def lint_text(
    text: str, *rules: str, profile: str = "wugedaitou-2021", fmt: str = "txt"
) -> list[Finding]:
    """Findings of the given rules (all when none given) on a text."""
    key = (profile, rules)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(profile, select=set(rules) if rules else None)
    return _LINTERS[key].check_source(Source("draft." + fmt, text, format=fmt)).findings


def rules_and_lines(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in findings]
