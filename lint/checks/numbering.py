"""numbering: heading and item numbers run 1, 2, 3 … at each level, in one consistent style.

Besides the sequence (no repeat, no skip) it checks the punctuation after each style of
number (``1、`` where ``1.`` is standard, ``（一）、``), a level that is skipped (``一、``
straight to ``1.``), and a declared count (``存在以下五个方面``) against the items that follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from lint.checks import finditer
from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule
from lint.outline import Node
from lint.regexes import compile_regex
from lint.source.numerals import CIRCLED, cn_number, cn_numeral

# The standard order of levels (GB/T 9704): 一、 → （一） → 1. → （1） → ①.
CHAIN = ("cn-comma", "cn-paren", "arabic", "arabic-paren", "circled")


def marker(node: Node, number: int, punct: str | None = None) -> str:
    """How ``node``'s marker reads with another number (and optionally other punctuation)."""
    punct = node.punct if punct is None else punct
    if node.style == "cn-comma":
        return f"{cn_numeral(number)}{punct}"
    if node.style == "cn-paren":
        return f"（{cn_numeral(number)}）"
    if node.style == "arabic":
        return f"{number}{punct}"
    if node.style == "arabic-paren":
        return f"（{number}）"
    if node.style == "circled":
        return CIRCLED[number - 1] if number <= len(CIRCLED) else str(number)
    if node.style == "enum":
        return (
            f"第{cn_numeral(number)}{punct}"
            if punct in "，,、：:"
            else f"{cn_numeral(number)}{punct}"
        )
    return str(number)


def _first_marker(style: str) -> str:
    """The standard first number of a style: 一、 （一） 1. （1） ①."""
    return marker(Node(style, 1, punct={"cn-comma": "、", "arabic": "."}.get(style, "")), 1)


@dataclass
class Options:
    """Options of a ``numbering`` rule: number styles and the punctuation after them."""

    # Punctuation allowed after a number, per style; the first is the standard one.
    punctuation: dict[str, list[str]] = field(
        default_factory=lambda: {
            "cn-comma": ["、"],
            "cn-paren": [""],
            "arabic": [".", "．"],
            "enum": ["是", "要", "，", "、", "："],
        }
    )
    levels: bool = False  # report a level that skips one of CHAIN (一、 straight to 1.)
    flat_in: list[str] = field(default_factory=list)  # sections where a flat 1. list is fine
    count: str | None = None  # regex, group "n": a declared count of the items that follow
    counted: regex.Pattern | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if self.count is not None:
            self.counted = compile_regex(self.count, "count")
            if "n" not in self.counted.groupindex:
                raise OptionError("count", "count 必须含有命名分组 (?P<n>…)，表示声明的数目")


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    found: list[Finding] = []
    _level(draft, rule, draft.outline.root, None, found)
    yield from found


def _level(
    draft: Draft, rule: Rule, parent: Node, section: Node | None, found: list[Finding]
) -> None:
    """The findings under ``parent``, in the order of the tree, added to ``found`` (one call
    per node, not a generator per node that every finding below passes through)."""
    by_style: dict[str, list[Node]] = {}
    for child in parent.children:
        if child.number is not None:
            by_style.setdefault(child.style, []).append(child)
    for nodes in by_style.values():
        found.extend(_sequence(draft, rule, nodes))
    if parent is not draft.outline.root:
        if rule.options.levels:
            found.extend(_skipped_level(draft, rule, parent, section))
        if rule.options.counted is not None:
            found.extend(_declared_count(draft, rule, parent))
    for child in parent.children:
        if child.children:
            _level(draft, rule, child, section or child, found)


def _sequence(draft: Draft, rule: Rule, nodes: list[Node]) -> Iterator[Finding]:
    allowed = rule.options.punctuation.get(nodes[0].style)
    # The i-th item should carry number i: after a skip or a repeat every later number is
    # reported too, so one pass of --fix renumbers the whole run.
    for expected, node in enumerate(nodes, start=1):
        start, end = node.marker
        written = draft.text[start:end]
        if node.number != expected:
            detail = "编号重复" if node.number < expected else "编号跳号"
            right = marker(node, expected)
            yield draft.finding(rule, start, end, right, detail=f"{detail}，应为“{right}”")
        elif allowed is not None and node.punct not in allowed:
            right = marker(node, node.number, allowed[0])
            yield draft.finding(
                rule, start, end, right, detail=f"编号格式应为“{right}”，而不是“{written}”"
            )


def _skipped_level(
    draft: Draft, rule: Rule, parent: Node, section: Node | None
) -> Iterator[Finding]:
    """The first child of ``parent`` whose style skips a level of CHAIN below the parent's."""
    if parent.style not in CHAIN or (section and section.role in rule.options.flat_in):
        return
    below = CHAIN.index(parent.style) + 1
    for child in parent.children:
        if child.style in CHAIN and CHAIN.index(child.style) > below:
            start, end = child.marker
            upper, lower = _first_marker(parent.style), _first_marker(CHAIN[below])
            yield draft.finding(
                rule,
                start,
                end,
                detail=f"“{upper}”下一级应为“{lower}”，请补上这一层级或改用“{lower}”编号",
            )
            return


def _declared_count(draft: Draft, rule: Rule, parent: Node) -> Iterator[Finding]:
    """A count declared in a heading's own text (以下五个方面) against its numbered items.

    The count may be of the items right below (三个方面) or of all the lowest-level items
    under them (查摆出十二个问题 over five leads): either agrees."""
    items = [c for c in parent.children if c.number is not None]
    if not items:
        return
    m = next(
        finditer(rule.options.counted, draft.text, rule, parent.title[0], items[0].start), None
    )
    if m is None:
        return
    declared = cn_number(m.group("n").replace("两", "二"))
    if declared is None or declared in (len(items), sum(1 for _ in parent.leaves())):
        return
    yield draft.finding(
        rule,
        m.start(),
        m.end(),
        detail=f"这里写的是{m.group('n')}个，下文实际列出{len(items)}个，请核对",
    )
