"""items: what each item of a section must contain (an example under every problem, …)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from lint.checks import finditer
from lint.draft import Draft
from lint.findings import Finding
from lint.outline import Node
from lint.packs import OptionError, Rule, compile_regex

UNITS = ("leaf", "top")


@dataclass
class Options:
    section: str
    unit: str = "leaf"  # leaf: the lowest-level items; top: the section's own items
    require: list[str] = field(default_factory=list)  # a unit must match one of these
    compiled: regex.Pattern | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise OptionError("unit", f"unit 应为 {' / '.join(UNITS)} 之一")
        if not self.require:
            raise OptionError("require", "require 不能为空：至少给出一个正则表达式")
        self.compiled = compile_regex("|".join(f"(?:{p})" for p in self.require), "require")


def units(section: Node, unit: str) -> list[Node]:
    return list(section.leaves()) if unit == "leaf" else list(section.children)


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    section = draft.outline.section(rule.options.section)
    if section is None:
        return
    for node in units(section, rule.options.unit):
        if next(finditer(rule.options.compiled, draft.text, rule, node.start, node.end), None):
            continue
        title = draft.outline.span_text(node.title)
        yield draft.finding(rule, node.marker[0], node.title[1], title=title)
