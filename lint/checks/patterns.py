"""patterns: phrases that must not appear (placeholders, residue, outdated wording).

An entry is a regex, or a mapping ``{pattern, since, until, hint}``: such an entry applies
only to profiles whose ``year`` lies in [since, until] (wording outdated from a given year),
and its ``hint`` fills the message's ``{hint}``. A profile without a year may take it from
the draft's title and preamble with ``year_from`` (a regex whose first group is the year).
A ``replacement`` makes findings fixable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from lint.checks import finditer
from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule
from lint.regexes import compile_regex

FORMATS = ("txt", "md", "docx")
_ENTRY_KEYS = {"pattern", "since", "until", "hint"}


class Entry(NamedTuple):
    """One pattern of a ``patterns`` rule, with the years it applies to. (A named tuple:
    cheaper to define than a frozen dataclass, at start-up.)"""

    pattern: regex.Pattern
    since: int | None = None
    until: int | None = None
    hint: str = ""

    def applies(self, year: int | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if year is None:
            return False  # a year-bound entry needs a profile that states its year
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until
        )


@dataclass
class Options:
    """Options of a ``patterns`` rule: the phrases that must not appear."""

    patterns: list[str | dict]
    replacement: str | None = None  # a certain fix; may use \1 group references
    ignore_case: bool = False
    formats: list[str] = field(default_factory=list)  # only for these inputs; empty: all
    year_from: str | None = None  # regex: the draft's year in its title, if the profile has none
    year_pattern: regex.Pattern | None = field(init=False, default=None, repr=False)
    entries: list[Entry] = field(init=False, default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.patterns:
            raise OptionError("patterns", "patterns 不能为空")
        unknown = set(self.formats) - set(FORMATS)
        if unknown:
            raise OptionError("formats", f"formats 只能是 {' / '.join(FORMATS)}")
        flags = (regex.IGNORECASE if self.ignore_case else 0) | regex.MULTILINE
        if self.year_from is not None:
            self.year_pattern = compile_regex(self.year_from, "year_from")
            if self.year_pattern.groups < 1:
                raise OptionError("year_from", "year_from 必须含有一个分组，表示年份")
        plain = [p for p in self.patterns if isinstance(p, str)]
        if plain:
            alternation = "|".join(f"(?:{p})" for p in plain)
            self.entries.append(Entry(compile_regex(alternation, "patterns", flags)))
        for item in self.patterns:
            if isinstance(item, dict):
                self.entries.append(_entry(item, flags))


def _entry(item: dict, flags: int) -> Entry:
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        keys = "、".join(sorted(_ENTRY_KEYS))
        raise OptionError("patterns", f"patterns 中未知的键“{'、'.join(unknown)}”（可用：{keys}）")
    pattern, hint = item.get("pattern"), item.get("hint", "")
    if not isinstance(pattern, str) or not pattern:
        raise OptionError("patterns", "patterns 中的映射必须有 pattern（正则表达式）")
    if not isinstance(hint, str):
        raise OptionError("patterns", f"“{pattern}”的 hint 应为字符串")
    years = {key: item.get(key) for key in ("since", "until")}
    for key, value in years.items():
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise OptionError("patterns", f"“{pattern}”的 {key} 应为年份（整数）")
    return Entry(compile_regex(pattern, "patterns", flags), years["since"], years["until"], hint)


def year(draft: Draft, rule: Rule) -> int | None:
    """The profile's year, or else the year the draft's title and preamble state."""
    options = rule.options
    if draft.profile.year is not None or options.year_pattern is None:
        return draft.profile.year
    m = next(finditer(options.year_pattern, draft.outline.heading_text(), rule), None)
    return int(m.group(1)) if m and m.group(1).isdigit() else None


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    options = rule.options
    if options.formats and draft.source.format not in options.formats:
        return
    draft_year = year(draft, rule)
    for entry in options.entries:
        if not entry.applies(draft_year):
            continue
        for m in finditer(entry.pattern, draft.text, rule):
            if m.end() == m.start():
                continue
            fix = m.expand(options.replacement) if options.replacement is not None else None
            yield draft.finding(
                rule, m.start(), m.end(), fix, replacement=fix or "", hint=entry.hint
            )
