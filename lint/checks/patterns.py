"""patterns: phrases that must not appear (placeholders, residue), fixed where certain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from lint.checks import finditer
from lint.draft import Draft
from lint.findings import Finding
from lint.packs import OptionError, Rule, compile_regex

FORMATS = ("txt", "md", "docx")


@dataclass
class Options:
    patterns: list[str]
    replacement: str | None = None  # a certain fix; may use \1 group references
    ignore_case: bool = False
    formats: list[str] = field(default_factory=list)  # only for these inputs; empty: all
    compiled: regex.Pattern | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.patterns:
            raise OptionError("patterns", "patterns 不能为空")
        unknown = set(self.formats) - set(FORMATS)
        if unknown:
            raise OptionError("formats", f"formats 只能是 {' / '.join(FORMATS)}")
        flags = regex.IGNORECASE if self.ignore_case else 0
        self.compiled = compile_regex(
            "|".join(f"(?:{p})" for p in self.patterns), "patterns", flags | regex.MULTILINE
        )


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    options = rule.options
    if options.formats and draft.source.format not in options.formats:
        return
    for m in finditer(options.compiled, draft.text, rule):
        if m.end() == m.start():
            continue
        replacement = m.expand(options.replacement) if options.replacement is not None else None
        yield draft.finding(rule, m.start(), m.end(), replacement, replacement=replacement or "")
