"""numbering: heading and item numbers run 1, 2, 3 … at each level, in one consistent style."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lint.draft import Draft
from lint.findings import Finding
from lint.outline import CIRCLED, Node
from lint.packs import Rule

_CN = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


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


@dataclass
class Options:
    # Punctuation allowed after a number, per style; the first is the standard one.
    punctuation: dict[str, list[str]] = field(
        default_factory=lambda: {
            "cn-comma": ["、"],
            "cn-paren": [""],
            "arabic": [".", "．"],
            "enum": ["是", "要"],
        }
    )


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    yield from _level(draft, rule, draft.outline.root)


def _level(draft: Draft, rule: Rule, parent: Node) -> Iterator[Finding]:
    by_style: dict[str, list[Node]] = {}
    for child in parent.children:
        if child.number is not None:
            by_style.setdefault(child.style, []).append(child)
    for nodes in by_style.values():
        yield from _sequence(draft, rule, nodes)
    for child in parent.children:
        yield from _level(draft, rule, child)


def _sequence(draft: Draft, rule: Rule, nodes: list[Node]) -> Iterator[Finding]:
    allowed = rule.options.punctuation.get(nodes[0].style)
    expected = 1
    for node in nodes:
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
        expected = node.number + 1
