"""items: what each item of a section must (or must not) contain.

Declarative, per unit of a section (its lowest-level items, or its own top-level items):

- ``require``: the unit must match one of these (an example under each problem; a deadline,
  owner or figure in each measure). A unit matching none is reported at its heading.
- ``forbid`` with ``unless``: a unit matching one of ``forbid`` is reported at the match,
  unless it also matches one of ``unless`` (a cause that blames circumstances and names no
  subjective cause; a "problem" that reads as an achievement and states no shortcoming).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from lint.checks import search
from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule
from lint.outline import Node
from lint.regexes import compile_regex

UNITS = ("leaf", "top")


def _alternation(patterns: list[str], key: str) -> regex.Pattern | None:
    return compile_regex("|".join(f"(?:{p})" for p in patterns), key) if patterns else None


@dataclass
class Options:
    """Options of an ``items`` rule: what each item of a section must or must not contain."""

    section: str
    unit: str = "leaf"  # leaf: the lowest-level items; top: the section's own items
    require: list[str] = field(default_factory=list)  # a unit must match one of these
    forbid: list[str] = field(default_factory=list)  # a unit must match none of these …
    unless: list[str] = field(default_factory=list)  # … unless it matches one of these
    required: regex.Pattern | None = field(init=False, default=None, repr=False)
    forbidden: regex.Pattern | None = field(init=False, default=None, repr=False)
    excused: regex.Pattern | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise OptionError("unit", f"unit 应为 {' / '.join(UNITS)} 之一")
        if not self.require and not self.forbid:
            raise OptionError("require", "require 和 forbid 至少给出一个（正则表达式列表）")
        if self.unless and not self.forbid:
            raise OptionError("unless", "unless 只能与 forbid 一起使用")
        self.required = _alternation(self.require, "require")
        self.forbidden = _alternation(self.forbid, "forbid")
        self.excused = _alternation(self.unless, "unless")


def units(section: Node, unit: str) -> list[Node]:
    return list(section.leaves()) if unit == "leaf" else list(section.children)


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    section = draft.outline.section(options.section)
    if section is None:
        return
    text = draft.text

    def first(pattern: regex.Pattern, node: Node) -> regex.Match | None:
        return search(pattern, text, rule, node.start, node.end)

    for node in units(section, options.unit):
        title = draft.outline.span_text(node.title)
        if options.required and first(options.required, node) is None:
            yield draft.finding(rule, node.marker[0], node.title[1], title=title)
            continue
        if options.forbidden:
            hit = first(options.forbidden, node)
            if hit and not (options.excused and first(options.excused, node)):
                yield draft.finding(rule, hit.start(), hit.end(), title=title)
