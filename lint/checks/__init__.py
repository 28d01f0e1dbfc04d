"""The closed set of check kinds. Each kind is a module with ``Options`` and ``check()``.

``Options`` is a dataclass built from the rule's YAML keys (unknown keys and wrong types are
errors); ``check(draft, rule)`` yields findings. Adding a meeting theme is a YAML change;
adding a kind is a module here and a line in KINDS.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from types import ModuleType

from lint.draft import Draft
from lint.findings import Finding
from lint.packs import Rule

KINDS = {
    "sections": "required top-level sections exist, in order",
    "leads": "every required lead / aspect appears under its section, in order",
    "items": "what each item of a section must (or must not) contain",
    "patterns": "phrases that must not appear",
    "words": "misused words and stand-ins, with their corrections",
    "numbering": "heading and item numbers run in sequence and use the right style",
    "punctuation": "full-width, not doubled, paired punctuation",
    "pairing": "every lead of one section is answered in another (problems → measures)",
    "repetition": "a paragraph or sentence repeated within the draft",
}


class RuleError(Exception):
    """A rule that failed while running (e.g. a regex that timed out)."""


def module(kind: str) -> ModuleType:
    return importlib.import_module(f"lint.checks.{kind}")


def options_class(kind: str) -> type:
    return module(kind).Options


def run(draft: Draft, rule: Rule) -> Iterable[Finding]:
    check: Callable[[Draft, Rule], Iterable[Finding]] = module(rule.kind).check
    return check(draft, rule)


REGEX_TIMEOUT = 2.0  # seconds for one pattern over a draft of ordinary length
# Longer drafts get more time, so that a slow but linear pattern is not stopped on a big draft.
REGEX_CHARS_PER_SECOND = 50_000


def time_limit(length: int) -> float:
    """Seconds one pack regex may run over ``length`` characters."""
    return REGEX_TIMEOUT + length / REGEX_CHARS_PER_SECOND


def finditer(pattern, text: str, rule: Rule, pos: int = 0, endpos: int | None = None):
    """Matches of a pack regex, stopped by a time limit: a pathological pattern never hangs."""
    endpos = len(text) if endpos is None else endpos
    limit = time_limit(endpos - pos)
    try:
        yield from pattern.finditer(text, pos, endpos, timeout=limit)
    except TimeoutError as exc:
        raise _timed_out(rule, limit) from exc


def search(pattern, text: str, rule: Rule, pos: int = 0, endpos: int | None = None):
    """The first match of a pack regex, under the same time limit as ``finditer``."""
    endpos = len(text) if endpos is None else endpos
    limit = time_limit(endpos - pos)
    try:
        return pattern.search(text, pos, endpos, timeout=limit)
    except TimeoutError as exc:
        raise _timed_out(rule, limit) from exc


def _timed_out(rule: Rule, limit: float) -> RuleError:
    message = f"规则“{rule.id}”的正则表达式运行超过 {limit:.3g} 秒，已停止"
    return RuleError(message + "；请检查是否存在灾难性回溯")
