"""Typo detection without a list of known typos.

A character is suspect when the text around it, as written, forms no word of the lexicon:
it lies inside no word of two or more characters. For such a character the engine tries
the characters alike in sound (same reading, other tone, regional mergers) or in shape
(:mod:`lint.language.lexicon`), and reports the span when one of them makes, with the
characters beside it, a word or an idiom that

- is frequent enough (idioms and words made by a same-sound change need less),
- takes no character from a word of the text that reaches outside the new word (the change
  must not break the words around it), and
- is not a name: a span that starts with a surname right after a title or before 同志 is
  left alone, and so are words the caller allows.

A hit is ``certain`` (safe to auto-fix) when one correction stands out: a single candidate,
made by a same-sound change or completing an idiom, and common enough.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lint.language.lexicon import (
    CHANNEL_NAMES,
    SHAPE,
    SOUND_NEAR,
    SOUND_SAME,
    SOUND_TONE,
    Lexicon,
)
from lint.language.lexicon import load as load_lexicon

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
MAX_WORD = 4  # longest word formed by a correction (idioms are four characters)
MAX_COVER = 8  # longest word looked up when telling which characters lie inside words

# Tunable thresholds (jieba's counts; logs are natural).
PARAMS = {
    "cover": 10,  # a word this frequent shields its characters from suspicion
    "alone": 0.35,  # a character used alone this often (share of its uses) is not suspect
    "ratio": 10.0,  # the corrected word must be this much more frequent than words it replaces
    "gain": {SOUND_SAME: 0.0, SOUND_TONE: 1.0, SOUND_NEAR: 2.5, SHAPE: 2.0},
    "min_freq": {SOUND_SAME: 3, SOUND_TONE: 10, SOUND_NEAR: 50, SHAPE: 20},
}
CHANNEL_COST = {SOUND_SAME: 0.0, SOUND_TONE: 1.5, SOUND_NEAR: 3.0, SHAPE: 2.5}


@dataclass(frozen=True)
class TypoHit:
    start: int  # character offset in text (end exclusive)
    end: int
    wrong: str  # the text as written (the span)
    suggestions: tuple[str, ...]  # corrected span(s), best first
    certain: bool  # exactly one sure correction (safe to auto-fix)
    reason: str  # short Chinese explanation


@dataclass(frozen=True)
class _Candidate:
    start: int  # in the run
    end: int
    pos: int  # the changed character
    char: str  # its replacement
    channel: int
    freq: int
    idiom: bool

    @property
    def score(self) -> float:
        bonus = 3.0 if self.idiom else 0.0
        return math.log(self.freq + 1) + bonus - CHANNEL_COST[self.channel] + (self.end - self.start)


class TypoDetector:
    def __init__(self, lexicon: Lexicon, allow: Iterable[str] = ()) -> None:
        self.lex = lexicon
        self.allow = frozenset(a for a in allow if a)
        self._conf: dict[str, list[tuple[str, int]]] = {}
        self._left: dict[str, frozenset[str]] = {}
        self._right: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls, cache_dir: Path | None = None, allow: Iterable[str] = ()) -> TypoDetector:
        return cls(load_lexicon(cache_dir), allow)

    def with_allow(self, allow: Iterable[str]) -> TypoDetector:
        """The same lexicon with another list of words never to flag."""
        return TypoDetector(self.lex, allow)

    # -- lookups ------------------------------------------------------------------------

    def _confusable(self, ch: str) -> list[tuple[str, int]]:
        got = self._conf.get(ch)
        if got is None:
            sets = self.lex.confusion.get(ch, ("", "", "", ""))
            seen: set[str] = set()
            got = []
            for channel, chars in enumerate(sets):
                for c in chars:
                    if c not in seen:
                        seen.add(c)
                        got.append((c, channel))
            self._conf[ch] = got
        return got

    def _neighbours(self, table: dict[str, str], cache: dict, ch: str) -> frozenset[str]:
        got = cache.get(ch)
        if got is None:
            got = cache[ch] = frozenset(table.get(ch, ""))
        return got

    # -- detection ----------------------------------------------------------------------

    def find(self, text: str) -> list[TypoHit]:
        hits: list[TypoHit] = []
        for m in _HAN_RUN.finditer(text):
            for hit in self._find_run(m.group()):
                s, e = hit.start + m.start(), hit.end + m.start()
                hits.append(
                    TypoHit(s, e, hit.wrong, hit.suggestions, hit.certain, hit.reason)
                )
        return hits

    def _words_in(self, s: str) -> list[tuple[int, int, int]]:
        """Every word of two or more characters in s: (start, end, frequency)."""
        words = self.lex.words
        n = len(s)
        found = []
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + MAX_COVER) + 1):
                v = words.get(s[i:j])
                if v is not None:
                    found.append((i, j, v >> 1))
        return found

    def _alone(self, ch: str) -> float:
        """How often ch is a word of its own, as a share of all its uses."""
        a = self.lex.chars.get(ch, 0)
        return a / (a + self.lex.inside.get(ch, 0) + 1)

    def _segment_score(self, s: str) -> float:
        """Log-probability of s under the best segmentation into lexicon words."""
        words, chars = self.lex.words, self.lex.chars
        logt = math.log(self.lex.total)
        n = len(s)
        best = [0.0] + [-1e9] * n
        for j in range(1, n + 1):
            b = best[j - 1] + math.log(chars.get(s[j - 1], 0) + 0.5) - logt
            for i in range(max(0, j - MAX_COVER), j - 1):
                v = words.get(s[i:j])
                if v is not None:
                    b = max(b, best[i] + math.log(v >> 1) - logt)
            best[j] = b
        return best[n]

    def _find_run(self, s: str) -> list[TypoHit]:
        n = len(s)
        spans = self._words_in(s)
        cover = PARAMS["cover"]
        covered = bytearray(n)
        for a, b, f in spans:
            if f >= cover:
                for k in range(a, b):
                    covered[k] = 1
        if all(covered):
            return []
        allowed = bytearray(n)
        for word in self.allow:
            k = s.find(word)
            while k >= 0:
                for x in range(k, k + len(word)):
                    allowed[x] = 1
                k = s.find(word, k + 1)
        alone = PARAMS["alone"]
        picks: list[_Pick] = []
        for i in range(n):
            if covered[i] or allowed[i] or self._alone(s[i]) > alone:
                continue
            cands = self._candidates(s, i, spans, allowed)
            if cands:
                picks.append(_Pick(max(cands, key=lambda c: c.score), cands))
        return self._resolve(s, picks)

    def _candidates(
        self, s: str, i: int, spans: list[tuple[int, int, int]], allowed: bytearray
    ) -> list[_Candidate]:
        lex = self.lex
        words = lex.words
        n = len(s)
        conf = self._confusable(s[i])
        if not conf:
            return []
        before = self._neighbours(lex.right, self._right, s[i - 1]) if i > 0 else frozenset()
        after = self._neighbours(lex.left, self._left, s[i + 1]) if i + 1 < n else frozenset()
        cover, ratio = PARAMS["cover"], PARAMS["ratio"]
        min_freq, min_gain = PARAMS["min_freq"], PARAMS["gain"]
        logt = math.log(lex.total)
        found: list[_Candidate] = []
        for c, channel in conf:
            ok_before = c in before
            ok_after = c in after
            if not ok_before and not ok_after:
                continue
            for a in range(max(0, i - MAX_WORD + 1), i + 1):
                if a < i and not ok_before:
                    continue
                for b in range(max(i + 1, a + 2), min(n, a + MAX_WORD) + 1):
                    if b > i + 1 and not ok_after:
                        continue
                    word = s[a:i] + c + s[i + 1 : b]
                    value = words.get(word)
                    if value is None:
                        continue
                    freq, idiom = value >> 1, bool(value & 1)
                    if freq < min_freq[channel] and not idiom:
                        continue
                    if idiom and channel == SOUND_NEAR:
                        continue
                    if any(allowed[a:b]):
                        continue
                    # The new word must not take characters from a word reaching outside it,
                    # and must be much more frequent than the words of the text it replaces.
                    replaced = 0
                    clash = False
                    for x, y, f in spans:
                        if x < b and y > a:
                            if (x < a or y > b) and f >= cover:
                                clash = True
                                break
                            replaced = max(replaced, f)
                    if clash or freq < ratio * replaced:
                        continue
                    gain = math.log(freq) - logt - self._segment_score(s[a:b])
                    if gain < min_gain[channel] and not idiom:
                        continue
                    found.append(_Candidate(a, b, i, c, channel, freq, idiom))
        return found

    def _resolve(self, s: str, picks: list[_Pick]) -> list[TypoHit]:
        hits: list[TypoHit] = []
        picks = sorted(picks, key=lambda p: -p.best.score)
        taken = bytearray(len(s))
        for p in picks:
            c = p.best
            if any(taken[c.start : c.end]):
                continue
            for k in range(c.start, c.end):
                taken[k] = 1
            wrong = s[c.start : c.end]
            suggestions: list[str] = []
            for alt in sorted(p.cands, key=lambda x: -x.score):
                if (alt.start, alt.end) != (c.start, c.end):
                    continue
                fixed = s[alt.start : alt.pos] + alt.char + s[alt.pos + 1 : alt.end]
                if fixed not in suggestions:
                    suggestions.append(fixed)
            chars = {x.char for x in p.cands}
            certain = len(chars) == 1 and (c.idiom or c.channel == SOUND_SAME) and c.freq >= 20
            right = suggestions[0]
            if c.idiom:
                reason = f"疑为“{right}”"
            else:
                reason = f"“{wrong}”疑为“{right}”（{CHANNEL_NAMES[c.channel]}）"
            hits.append(TypoHit(c.start, c.end, wrong, tuple(suggestions), certain, reason))
        hits.sort(key=lambda h: h.start)
        return hits


@dataclass(frozen=True)
class _Pick:
    best: _Candidate
    cands: list[_Candidate]
