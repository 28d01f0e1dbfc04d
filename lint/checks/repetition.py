"""repetition: a paragraph or sentence repeated within one draft (a copy-paste slip).

Text is compared with punctuation, spaces and a leading enumerator (一是 / 1. / （一）)
removed, so a sentence pasted under another number is still the same sentence. Sentences
shorter than ``min_chars`` (set phrases such as 还有差距) and headings (measures may be
arranged under the same leads as the problems) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule

# Plain character classes: the standard engine finds the same spans, faster.
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")
_ENUMERATOR = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、.．]"
    r"|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、：:]?)"
)
_NOISE = regex.compile(r"[\p{P}\p{S}\s]+")


# The punctuation, symbols and spaces common in drafts, removed first with the standard
# engine, which is several times faster than regex's Unicode property classes; only text
# with anything else that is not a letter or digit left goes through _NOISE as well.
_COMMON = "".join(
    c
    for c in " \t\n\r\u3000,.;:?!()[]{}<>\"'`~@#$%^&*-_+=/\\|，。、；：？！（）《》〈〉【】「」『』"
    "“”‘’…—～·〔〕［］｛｝＜＞＂＇＊＋－／＼｜＠＃％＆＝．，：；？！"
    if _NOISE.fullmatch(c)  # only what _NOISE removes too
)
_COMMON_NOISE = re.compile(f"[{re.escape(_COMMON)}]+")


def key(text: str) -> str:
    """What two passages must share to count as the same text."""
    text = text.strip()
    enumerator = _ENUMERATOR.match(text)  # anchored at the start: one match, not a scan
    if enumerator is not None:
        text = text[enumerator.end() :]
    text = _COMMON_NOISE.sub("", text)
    return text if text.isalnum() or not text else _NOISE.sub("", text)


@dataclass
class Options:
    """Options of a ``repetition`` rule: the shortest sentence it reports."""

    min_chars: int = 15  # shorter sentences (after normalising) are never reported

    def __post_init__(self) -> None:
        if self.min_chars < 1:
            raise OptionError("min_chars", "min_chars 应为正整数")


def _quote(text: str, limit: int = 20) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    text, minimum = draft.text, rule.options.min_chars
    # Headings may repeat by design (measures arranged under the same leads as problems).
    headings = {
        key(draft.outline.span_text(node.title))
        for node in draft.outline.root.walk()
        if node.children
    }
    paragraphs: dict[str, int] = {}
    sentences: dict[str, int] = {}
    for start, end in draft.outline.paragraphs:
        whole = key(text[start:end])
        if whole in headings:
            continue
        if len(whole) >= minimum:
            if whole in paragraphs:
                yield _repeat(draft, rule, start, end, paragraphs[whole], "段落")
                continue  # its sentences are part of the same slip
            paragraphs[whole] = start
        for m in _SENTENCE.finditer(text, start, end):
            sentence = key(m.group())
            if len(sentence) < minimum or sentence in headings:
                continue
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            if sentence in sentences:
                yield _repeat(draft, rule, s, e, sentences[sentence], "句子")
            else:
                sentences[sentence] = s


def _repeat(draft: Draft, rule: Rule, start: int, end: int, first: int, what: str) -> Finding:
    line, _ = draft.source.position(first)
    return draft.finding(
        rule, start, end, what=what, line=line, excerpt=_quote(draft.text[start:end])
    )
