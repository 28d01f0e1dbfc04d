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
# Straight quotes around Chinese text: one finding and one fix for the pair.
_QUOTED = regex.compile(
    r'"(?P<inner>[^"\n]{1,200})"|(?<![A-Za-z])\'(?P<inner>[^\'\n]{1,100})\'(?![A-Za-z])'
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
        yield from _halfwidth(draft, rule)
    else:
        for start, end in draft.outline.paragraphs:
            for offset, mark in _unpaired(text, start, end):
                yield draft.finding(rule, offset, offset + 1, mark=mark)


def _halfwidth(draft: Draft, rule: Rule) -> Iterator[Finding]:
    text = draft.text
    findings: list[tuple[int, int, str, str]] = []  # start, end, fix, mark
    paired: set[int] = set()
    for m in _QUOTED.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if not regex.search(_HAN, m.group("inner") + before + after):
            continue
        opening, closing = ("“", "”") if m.group()[0] == '"' else ("‘", "’")
        fix = opening + m.group("inner") + closing
        findings.append((m.start(), m.end(), fix, m.group()[0] + "…" + m.group()[0]))
        paired.update((m.start(), m.end() - 1))
    for m in _HALFWIDTH.finditer(text):
        if m.start() in paired:
            continue
        mark = m.group()
        fix = FULLWIDTH.get(mark) or _quote(text, m.start(), mark)
        findings.append((m.start(), m.end(), fix, mark))
    for start, end, fix, mark in sorted(findings):
        shown = fix if len(fix) < 3 else fix[0] + "…" + fix[-1]
        yield draft.finding(rule, start, end, fix, mark=mark, replacement=shown)


def _quote(text: str, offset: int, mark: str) -> str:
    """Opening or closing curly quote, by how many of the same mark precede it on its line."""
    line_start = text.rfind("\n", 0, offset) + 1
    opening = text.count(mark, line_start, offset) % 2 == 0
    return ("“" if opening else "”") if mark == '"' else ("‘" if opening else "’")


_CLOSERS = {v: k for k, v in PAIRS.items()}


def _unpaired(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    closers = _CLOSERS
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
