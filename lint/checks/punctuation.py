"""punctuation: full-width marks in Chinese text, no doubled marks, paired quotes and brackets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule

CHECKS = ("duplicate", "halfwidth", "unpaired")
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』"}

_HAN = r"\p{Han}"
# Every branch spans two marks of the class: the lookahead lets the search skip to such pairs
# (the same matches, half the time).
_DOUBLED = re.compile(
    r"(?=[，。、；：？！]{2})(?:([，。、；：？！])\1+|[，、；：](?=[。，、；：])|[。](?=[，、；：]))"
)
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
# A plain character class: the standard engine finds the same marks, twice as fast.
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + '"]')


@dataclass
class Options:
    """Options of a ``punctuation`` rule: which check it runs."""

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
        # One scan of the text, its marks then taken paragraph by paragraph.
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
        first = 0
        for start, end in draft.outline.paragraphs:
            while first < len(marks) and marks[first][0] < start:
                first += 1
            last = first
            while last < len(marks) and marks[last][0] < end:
                last += 1
            if last > first:
                for offset, mark in _unpaired(marks[first:last]):
                    yield draft.finding(rule, offset, offset + 1, mark=mark)
            first = last


def _halfwidth(draft: Draft, rule: Rule) -> Iterator[Finding]:
    text = draft.text
    findings: list[tuple[int, int, str, str]] = []  # start, end, fix, mark
    paired: set[int] = set()
    quotes = _QuoteParity(draft)
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
        fix = FULLWIDTH.get(mark) or quotes.curly(m.start(), mark)
        findings.append((m.start(), m.end(), fix, mark))
    for start, end, fix, mark in sorted(findings):
        shown = fix if len(fix) < 3 else fix[0] + "…" + fix[-1]
        yield draft.finding(rule, start, end, fix, mark=mark, replacement=shown)


class _QuoteParity:
    """Opening or closing curly quote, by how many of the same mark precede it on its line.

    Counts carry over from one mark to the next, so a long line is scanned once, not once
    per quote (which was quadratic).
    """

    def __init__(self, draft: Draft) -> None:
        self.source = draft.source
        self.seen: dict[str, tuple[int, int, int]] = {}  # mark -> (line start, offset, count)

    def curly(self, offset: int, mark: str) -> str:
        text, starts = self.source.text, self.source.line_starts
        line_start = starts[self.source.position(offset)[0] - 1]
        start, scanned, count = self.seen.get(mark, (-1, 0, 0))
        if start != line_start:
            scanned, count = line_start, 0
        count += text.count(mark, scanned, offset)
        self.seen[mark] = (line_start, offset, count)
        opening = count % 2 == 0
        return ("“" if opening else "”") if mark == '"' else ("‘" if opening else "’")


_CLOSERS = {v: k for k, v in PAIRS.items()}


def _unpaired(marks: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The unpaired ones among a paragraph's marks (offset, mark)."""
    closers = _CLOSERS
    stack: list[tuple[int, str]] = []
    open_marks: Counter[str] = Counter()  # what the stack holds: no scan of it per closer
    ascii_quotes = []
    for i, ch in marks:
        if ch == '"':
            ascii_quotes.append(i)
        elif ch in PAIRS:
            # “ used for both marks of an inner quote is common; treat a repeat as nesting.
            stack.append((i, ch))
            open_marks[ch] += 1
        elif ch in closers:
            opener = closers[ch]
            if open_marks[opener]:
                while stack[-1][1] != opener:
                    open_marks[stack[-1][1]] -= 1
                    yield stack.pop()
                stack.pop()
                open_marks[opener] -= 1
            else:
                yield i, ch
    yield from stack
    if len(ascii_quotes) % 2:
        yield ascii_quotes[-1], '"'
