"""Pack regexes: compiled with errors that name the option, run under a time limit.

The one place where a pack's pattern meets the ``regex`` engine, so that a pathological
pattern is caught the same way in every check kind and in section headings.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.model import OptionError, RuleError

REGEX_TIMEOUT = 2.0  # seconds for one pattern over a draft of ordinary length
# Longer drafts get more time, so that a slow but linear pattern is not stopped on a big draft.
REGEX_CHARS_PER_SECOND = 50_000


def compile_regex(pattern: str, key: str, flags: int = 0) -> regex.Pattern:
    """Compile a pack's regex; a bad one is an OptionError naming the key."""
    try:
        return regex.compile(pattern, flags | regex.VERSION1)
    except regex.error as exc:
        raise OptionError(key, f"正则表达式“{pattern}”无法编译：{exc}", pattern) from exc


def time_limit(length: int) -> float:
    """Seconds one pack regex may run over ``length`` characters."""
    return REGEX_TIMEOUT + length / REGEX_CHARS_PER_SECOND


def finditer(
    pattern: regex.Pattern, text: str, owner: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match]:
    """Matches of a pack regex, stopped by a time limit: a pathological pattern never hangs.
    ``owner`` says whose pattern it is in the error (规则“…”的)."""
    endpos = len(text) if endpos is None else endpos
    limit = time_limit(endpos - pos)
    try:
        yield from pattern.finditer(text, pos, endpos, timeout=limit)
    except TimeoutError as exc:
        raise timed_out(owner, limit) from exc


def search(
    pattern: regex.Pattern, text: str, owner: str, pos: int = 0, endpos: int | None = None
) -> regex.Match | None:
    """The first match of a pack regex, under the same time limit as ``finditer``."""
    endpos = len(text) if endpos is None else endpos
    limit = time_limit(endpos - pos)
    try:
        return pattern.search(text, pos, endpos, timeout=limit)
    except TimeoutError as exc:
        raise timed_out(owner, limit) from exc


def timed_out(owner: str, limit: float) -> RuleError:
    return RuleError(f"{owner}正则表达式运行超过 {limit:.3g} 秒，已停止；请检查是否存在灾难性回溯")
