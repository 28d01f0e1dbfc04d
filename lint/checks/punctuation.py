"""punctuation: full-width marks in Chinese text, no doubled marks, paired quotes and brackets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lint.draft import Draft
from lint.findings import Finding
from lint.packs import OptionError, Rule

CHECKS = ("duplicate", "halfwidth", "unpaired")
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』"}

_HAN = r"\p{Han}"
_DOUBLED = regex.compile(r"([，。、；：？！])\1+|[，、；：](?=[。，、；：])|[。](?=[，、；：])")
# A half-width mark touching Chinese text; "." only between Chinese characters or at a line end.
_HALFWIDTH = regex.compile(
    rf"(?<={_HAN}|[“”‘’（）《》])[,;:?!]|[,;:?!](?={_HAN})"
    rf"|(?<={_HAN})\((?=[^()\n]*\))|\((?={_HAN})|(?<={_HAN})\)"
    rf"|(?<={_HAN})\.(?={_HAN}|\s*$)"
    rf"|(?<={_HAN}|^)\"(?=[^\"\n]*\")|\"(?={_HAN})|(?<={_HAN}|[，。：；？！])\""
    rf"|(?<={_HAN})'|'(?={_HAN})",
    regex.MULTILINE,
)
_MARKS = regex.compile("[" + regex.escape("".join(PAIRS) + "".join(PAIRS.values())) + '"]')


@dataclass
class Options:
    check: str

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise OptionError("check", f"check 应为 {' / '.join(CHECKS)} 之一")


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    text = draft.text
    if rule.options.check == "duplicate":
        for m in _DOUBLED.finditer(text):
            mark = m.group()
            span = (m.start(), m.end() + (0 if m.group(1) else 1))
            same = len(set(text[span[0] : span[1]])) == 1
            yield draft.finding(
                rule, *span, mark[0] if same else None, mark=text[span[0] : span[1]]
            )
    elif rule.options.check == "halfwidth":
        for m in _HALFWIDTH.finditer(text):
            mark = m.group()
            right = FULLWIDTH.get(mark) or _quote(text, m.start(), mark)
            yield draft.finding(rule, m.start(), m.end(), right, mark=mark, replacement=right)
    else:
        for start, end in draft.outline.paragraphs:
            for offset, mark in _unpaired(text, start, end):
                yield draft.finding(rule, offset, offset + 1, mark=mark)


def _quote(text: str, offset: int, mark: str) -> str:
    """Opening or closing curly quote, by how many of the same mark precede it on its line."""
    line_start = text.rfind("\n", 0, offset) + 1
    opening = text.count(mark, line_start, offset) % 2 == 0
    return ("“" if opening else "”") if mark == '"' else ("‘" if opening else "’")


def _unpaired(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    closers = {v: k for k, v in PAIRS.items()}
    stack: list[tuple[int, str]] = []
    ascii_quotes = []
    for m in _MARKS.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if ch == '"':
            ascii_quotes.append(i)
        elif ch in PAIRS:
            # “ used for both marks of an inner quote is common; treat a repeat as nesting.
            stack.append((i, ch))
        elif ch in closers:
            if stack and stack[-1][1] == closers[ch]:
                stack.pop()
            elif any(c == closers[ch] for _, c in stack):
                while stack[-1][1] != closers[ch]:
                    yield stack.pop()
                stack.pop()
            else:
                yield i, ch
    yield from stack
    if len(ascii_quotes) % 2:
        yield ascii_quotes[-1], '"'
