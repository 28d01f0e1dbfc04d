"""Typo detection without a list of known typos.

1. Suspects. A character is suspect when, as written, it lies inside no word of the lexicon
   (:mod:`lint.language.lexicon`) of two or more characters and some frequency, and it is not
   mostly a word of its own (的, 是, 和 are not suspects).
2. Candidates. For a suspect the engine tries every character alike in sound (same reading,
   other tone, regional mergers) or in shape. A candidate is a one-character change that makes,
   with the characters beside it, a word or an idiom of the lexicon (at most four characters)
   that takes no character from a word of the text reaching outside it.
3. Scoring. Each candidate gets a probability of being a real correction from a logistic model
   over a few general features: how the change sounds or looks, the new word's frequency and
   length, how much better the span segments with it (unigram word model), how much more often
   the new character follows and precedes its neighbours in running text (character bigrams
   of People's Daily), how often the written character stands alone, whether the span looks
   like a name (a surname, an administrative suffix after it). The weights were fitted by
   ``benchmarks/typo_fit.py`` on development data (ECSpell law/med/odw train); they are
   23 numbers, not a list of typos.
4. Report. The best candidate of a character is reported when its probability reaches
   ``THRESHOLD``; overlapping hits keep the most probable. A hit is ``certain`` (safe to
   auto-fix) when one correction stands out and is very probable.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from operator import mul
from pathlib import Path
from typing import Any, NamedTuple

import regex

from lint.language.chars import is_han
from lint.language.lexicon import CHANNEL_NAMES, IDIOM, SOUND_NEAR, Lexicon
from lint.language.lexicon import load as load_lexicon

# ``re`` spends 3-4 ms compiling a Han class at every start, ``regex`` (there for the packs) 0.5
_HAN_RUN = regex.compile(r"[\u4e00-\u9fff]{2,}")
_DOUBLED = re.compile(r"(.)\1")  # (in a run of Han characters)
_ZERO = re.compile(b"\x00")
_ONE = re.compile(b"\x01")
_WEAK = bytes([1, 1, 2]) + bytes(253)  # translate: covered by a word of frequency COVER
_COVERED = bytes([0, 1, 1]) + bytes(253)  # translate: covered at all
_TWOS = b"\x02" * 64  # covered by a word of frequency WEAK_COVER
MAX_WORD = 4  # longest word formed by a correction (idioms are four characters)
MAX_COVER = 8  # longest word looked up when telling which characters lie inside words
COVER = 10  # a word this frequent (jieba's counts) shields its characters from suspicion
WEAK_COVER = 300  # a rarer word shields only characters seen in running text beside neighbours
WEAK_SEEN = 2  # ... this often
ALONE = 0.6  # a character this often a word of its own (share of its uses) is no suspect
RUN_CACHE = 50_000  # runs whose picks are remembered (then forgotten at once)
NEAR_CACHE = 200_000  # contexts whose possible words are remembered (then forgotten at once)
PLACE_SUFFIXES = "省市县区镇乡村州旗盟屯街路"  # a span before one of these may be a place name
NAME_LENGTH = 4  # the longest person's name in a list of names (two-character surnames)

FEATURES = (
    "tone", "near", "shape", "log_freq", "gain", "alone", "log_replaced", "uncovered3",
    "len3", "len4", "idiom", "log_weight", "log_candidates", "left_ok", "right_ok", "edge",
    "place", "others_alone", "run_uncovered", "context", "seen", "surname",
)  # fmt: skip
# Fitted by benchmarks/typo_fit.py (logistic regression); bias first.
WEIGHTS = (
    -5.069, -0.504, -1.999, -1.136, -0.006, 0.47, 1.705, -0.095,
    -0.534, 1.108, 2.381, -0.486, 0.194, -0.592, -0.71, -0.688,
    0.127, 0.485, -0.996, -1.314, 0.271, 0.035, -0.41,
)  # fmt: skip
_RUN_UNCOVERED = FEATURES.index("run_uncovered")
_REPLACED = FEATURES.index("log_replaced")
THRESHOLD = 0.7  # probability from which a candidate is reported
CERTAIN = 0.95  # probability from which a lone candidate is safe to apply


@dataclass(frozen=True)
class TypoHit:
    start: int  # character offset in text (end exclusive)
    end: int
    wrong: str  # the text as written (the span)
    suggestions: tuple[str, ...]  # corrected span(s), best first
    certain: bool  # exactly one sure correction (safe to auto-fix)
    reason: str  # short Chinese explanation


class Candidate(NamedTuple):
    start: int  # span in the run (end exclusive)
    end: int
    pos: int  # the changed character
    char: str  # its replacement
    channel: int
    freq: int
    idiom: bool
    features: tuple[float, ...]
    p: float


# The words a change of a character makes: (start, end relative to it, new character,
# channel, stored value), in the order tried; their distinct (start, end), in order; the
# weights the last item was computed for and the best score any text around allows (_bound).
_Near = list  # [tuple[tuple[int, int, str, int, int], ...], tuple[tuple[int, int], ...],
#                Any, float]
# The features a character's context does not settle (the run's length, what is covered,
# which words of the text a new word replaces), each with its range: (index, low, high), a
# bound None meaning the feature's value with nothing covered and the most replaced.
_OPEN = tuple(
    (FEATURES.index(name), 0.0, high)
    for name, high in (
        ("log_replaced", None), ("uncovered3", None), ("log_candidates", None),
        ("edge", 1.0), ("place", 1.0), ("run_uncovered", 1.0),
    )
)  # fmt: skip


class TypoDetector:
    def __init__(self, lexicon: Lexicon, allow: Iterable[str] = ()) -> None:
        self.lex = lexicon
        self.allow = tuple(sorted({a for a in allow if a}))
        # the allowed words' first characters: a run without one is not searched for them
        firsts = "".join(sorted({re.escape(a[0]) for a in self.allow}))
        self._allow_first = re.compile(f"[{firsts}]") if firsts else None
        self._conf: dict[str, tuple[dict[str, tuple[int, int]], frozenset[str]]] = {}
        self._alone_cache: dict[str, float] = {}
        self._scored_cache: dict[tuple, list] = {}
        self._runs: dict[str, Any] = {}  # run -> its picks (phrases recur across drafts)
        self._near_cache: dict[tuple[str, int], _Near] = {}
        self._logt = math.log(lexicon.total)
        self.weights = WEIGHTS
        self.threshold = THRESHOLD

    @classmethod
    def load(cls, cache_dir: Path | None = None, allow: Iterable[str] = ()) -> TypoDetector:
        """The detector with its lexicon (cached under cache_dir; built on first use)."""
        return cls(load_lexicon(cache_dir), allow)

    def with_allow(self, allow: Iterable[str]) -> TypoDetector:
        """The same lexicon with another list of words never to flag."""
        other = TypoDetector(self.lex, allow)
        # What depends on the lexicon alone is shared.
        other._conf, other._alone_cache = self._conf, self._alone_cache
        other._near_cache, other._scored_cache = self._near_cache, self._scored_cache
        return other

    # -- lookups ------------------------------------------------------------------------

    def _confusable(self, ch: str) -> tuple[dict[str, tuple[int, int]], frozenset[str]]:
        """The characters alike to ch -> (their rank in the order tried, their channel), and
        their set."""
        got = self._conf.get(ch)
        if got is None:
            channels: dict[str, tuple[int, int]] = {}
            for channel, chars in enumerate(self.lex.table.confusable(ch)):
                for c in chars:
                    if c not in channels:
                        channels[c] = (len(channels), channel)
            got = self._conf[ch] = (channels, frozenset(channels))
        return got

    def _alone(self, ch: str) -> float:
        """How often ch is a word of its own, as a share of all its uses."""
        got = self._alone_cache.get(ch)
        if got is None:
            a = self.lex.chars.get(ch, 0)
            got = self._alone_cache[ch] = a / (a + self.lex.inside.get(ch, 0) + 1)
        return got

    def _segment_score(self, s: str) -> float:
        """Log-probability of s under its best segmentation into lexicon words."""
        words, chars, logt = self.lex.words, self.lex.chars, self._logt
        n = len(s)
        for k in range(n - 1):
            self.lex.starts(s[k : k + 2])  # the words beginning there are loaded
        best = [0.0] + [-1e9] * n
        for j in range(1, n + 1):
            b = best[j - 1] + math.log(chars.get(s[j - 1], 0) + 0.5) - logt
            for i in range(max(0, j - MAX_COVER), j - 1):
                v = words.get(s[i:j])
                if v is not None:
                    b = max(b, best[i] + math.log(v >> 1) - logt)
            best[j] = b
        return best[n]

    def _words_in(self, s: str) -> list[tuple[int, int, int]]:
        """Every word of two or more characters in s: (start, end, frequency)."""
        lex = self.lex
        words, opening, starts = lex.words, lex.opening, lex.starts
        n = len(s)
        found = []
        append = found.append
        for i in range(n - 1):
            pair = s[i : i + 2]
            got = opening.get(pair)
            if got is None:
                starts(pair)  # loads the words beginning with the pair: opening[pair]
                got = opening[pair]
            v, longer = got
            if v is not None:
                append((i, i + 2, v >> 1))
            for length in longer:  # only the lengths some word here has
                j = i + length
                if j > n or length > MAX_COVER:
                    break
                v = words.get(s[i:j])
                if v is not None:
                    # a known idiom (four characters) covers its characters however rare
                    # it is: 拈轻怕重 is no typo of 年轻
                    append((i, j, max(v >> 1, WEAK_COVER) if v & IDIOM else v >> 1))
        return found

    # -- detection ----------------------------------------------------------------------

    def find(self, text: str) -> list[TypoHit]:
        """Typos in text (a paragraph or a whole draft), in text order."""
        hits: list[TypoHit] = []
        runs = self._runs
        if runs.get("") != (self.weights, self.threshold):  # what is remembered holds for these
            runs.clear()
            runs[""] = (self.weights, self.threshold)
        doubled = False
        for m in _HAN_RUN.finditer(text):
            run = m.group()
            found = runs.get(run)
            if found is None:
                if len(runs) >= RUN_CACHE:
                    runs.clear()
                    runs[""] = (self.weights, self.threshold)
                found = runs[run] = (self._picks(run), self._doubled(run))
            picks, twice = found
            if picks and len(run) <= NAME_LENGTH and self._in_name_list(text, m.start(), m.end()):
                picks = []  # 陈敏尔、胡春华: names in a list, not words
            for c, alts in picks:
                hits.append(self._hit(run, m.start(), c, alts))
            for k in twice:
                x, at = run[k], m.start() + k
                reason = f"“{x}{x}”多了一个“{x}”"
                hits.append(TypoHit(at, at + 2, x + x, (x,), True, reason))
                doubled = True
        if doubled:
            hits.sort(key=lambda h: h.start)
        return hits

    def _in_name_list(self, text: str, start: int, end: int) -> bool:
        """The run text[start:end] is an item of a list of people's names: two to four
        characters from a surname, with 、 and another such item on one side (陈希、陈敏尔)."""
        surnames = self.lex.surnames

        def name_at(a: int, b: int) -> bool:
            return 2 <= b - a <= NAME_LENGTH and text[a] in surnames

        if not name_at(start, end):
            return False
        if text[end : end + 1] == "、":
            k = end + 1
            while k < len(text) and is_han(text[k]) and k - end <= NAME_LENGTH + 1:
                k += 1
            if name_at(end + 1, k) and text[k : k + 1] in ("、", "，", "。", "；", "和", ""):
                return True
        if start > 0 and text[start - 1] == "、":
            k = start - 1
            while k > 0 and is_han(text[k - 1]) and start - 1 - k <= NAME_LENGTH:
                k -= 1
            if name_at(k, start - 1) and (k == 0 or not is_han(text[k - 1])):
                return True
        return False

    def _doubled(self, s: str) -> tuple[int, ...]:
        """Where a function character (的, 和, 在) is written twice in a row, a slip of the
        keyboard: the first one's offset. Not where a word of the lexicon holds both copies
        (对对碰, 不了了之) or a common one either (目的的, 的确), and not in a doubled pair
        (的的确确)."""
        function = self.lex.function_chars
        found = []
        for m in _DOUBLED.finditer(s):
            i = m.start()
            if s[i] not in function:
                continue
            if s[i + 2 : i + 3] and s[i + 2 : i + 3] == s[i + 3 : i + 4]:
                continue  # 的的确确
            if i >= 2 and s[i - 2] == s[i - 1]:
                continue  # 和和气气 read from its end
            lo = max(0, i - MAX_COVER + 1)
            window = s[lo : i + 1 + MAX_COVER]
            k = i - lo
            if any(
                (a <= k and k + 2 <= b) or (a < k + 2 and k < b and f >= COVER)
                for a, b, f in self._words_in(window)
            ):
                continue  # a word holds both copies, however rare (对对碰), or a common one either
            if any(0 <= s.find(w, max(0, i + 1 - len(w))) <= i + 1 for w in self.allow):
                continue  # inside an allowed term
            found.append(i)
        return tuple(found)

    def candidates(self, run: str) -> list[Candidate]:
        """Every candidate correction in a run of Han characters, scored (for evaluation)."""
        found: list[Candidate] = []
        for _, cands in self._suspects(run):
            found.extend(cands)
        return found

    def _suspects(self, s: str, likely_only: bool = False) -> Iterable[tuple[int, list[Candidate]]]:
        n = len(s)
        spans = self._words_in(s)
        # 0: in no word of frequency COVER, 1: in such words only, 2: in a WEAK_COVER one
        cover = bytearray(n)
        for a, b, f in spans:
            if f >= COVER:
                cover[a:b] = _TWOS[: b - a] if f >= WEAK_COVER else cover[a:b].translate(_WEAK)
        uncovered = cover.count(0)
        if not uncovered and 1 not in cover:
            return
        covered = cover.translate(_COVERED)
        # A character inside rare words only, never seen beside either neighbour in running
        # text, is suspect too (须要 for 需要).
        bigram = self.lex.bigram
        for m in _ONE.finditer(cover):
            k = m.start()
            if (k == 0 or bigram(s[k - 1 : k + 1]) < WEAK_SEEN) and (
                k == n - 1 or bigram(s[k : k + 2]) < WEAK_SEEN
            ):
                covered[k] = 0
        if all(covered):
            return
        starts_at: list[int] = []  # the spans' starts, made for the first suspect scored
        allowed = bytearray(n)
        may_hold = self._allow_first is not None and self._allow_first.search(s) is not None
        for word in self.allow if may_hold else ():
            k = s.find(word)
            while k >= 0:
                for x in range(k, k + len(word)):
                    allowed[x] = 1
                k = s.find(word, k + 1)
        # In find (likely_only) a suspect whose context is known to allow no score reaching
        # the threshold is passed over at once (most are: see _bound).
        w = self.weights
        floor = self._floor() if likely_only else None
        alone = self._alone_cache
        for m in _ZERO.finditer(covered):
            i = m.start()
            a = alone.get(s[i])
            if allowed[i] or (a if a is not None else self._alone(s[i])) > ALONE:
                continue
            if floor is not None:
                near = self._near(s, i)
                if not near[0] or (near[2] is w and near[3] < floor):
                    continue  # (no word: _candidates would find none)
            if spans and not starts_at:
                starts_at.extend(x for x, _, _ in spans)
            cands = self._candidates(
                s, i, spans, starts_at, covered, allowed, uncovered / n, likely_only
            )
            if cands:
                yield i, cands

    def _picks(self, s: str) -> list[tuple[Candidate, list[Candidate]]]:
        picks = []
        for _, cands in self._suspects(s, likely_only=True):
            best = max(cands, key=lambda c: c.p)
            if best.p >= self.threshold:
                picks.append((best, cands))
        picks.sort(key=lambda p: -p[0].p)
        taken = bytearray(len(s))
        kept = []
        for best, cands in picks:
            if any(taken[best.start : best.end]):
                continue
            for k in range(best.start, best.end):
                taken[k] = 1
            kept.append((best, cands))
        kept.sort(key=lambda p: p[0].start)
        return kept

    def _hit(self, s: str, offset: int, best: Candidate, cands: list[Candidate]) -> TypoHit:
        wrong = s[best.start : best.end]
        suggestions: list[str] = []
        others = []
        for alt in sorted(cands, key=lambda x: -x.p):
            if alt.char != best.char:
                others.append(alt)
            if (alt.start, alt.end) != (best.start, best.end) or alt.p < self.threshold / 2:
                continue
            fixed = s[alt.start : alt.pos] + alt.char + s[alt.pos + 1 : alt.end]
            if fixed not in suggestions:
                suggestions.append(fixed)
        runner_up = max((o.p for o in others), default=0.0)
        # One correction is sure: very probable, or an idiom made whole by a same-sound change,
        # and no other replacement character comes near.
        sure = best.p >= CERTAIN or (best.idiom and best.channel == 0)
        certain = sure and runner_up < self.threshold / 2 and len(suggestions) == 1
        right = suggestions[0]
        if best.idiom:
            reason = f"疑为“{right}”"
        else:
            reason = f"“{wrong}”疑为“{right}”（{CHANNEL_NAMES[best.channel]}）"
        return TypoHit(
            offset + best.start, offset + best.end, wrong, tuple(suggestions), certain, reason
        )

    def _near(self, s: str, i: int) -> _Near:
        """The words a change of s[i] makes: (start, end relative to i, new character,
        channel, stored value), in the order tried, and their distinct spans. They depend
        only on the characters from i - 3 to i + 3 and on whether the run ends there:
        remembered by those."""
        lo = max(0, i - MAX_WORD + 1)
        key = (s[lo : i + MAX_WORD], i - lo)
        got = self._near_cache.get(key)
        if got is None:
            if len(self._near_cache) >= NEAR_CACHE:
                self._near_cache.clear()
            found = self._make_near(s, i)
            got = [found, tuple(dict.fromkeys(w[:2] for w in found)), None, 0.0]
            self._near_cache[key] = got
        return got

    def _floor(self) -> float | None:
        """The score below which _bound rules a suspect out in find: the threshold's
        log-odds with a margin far above rounding (None: no threshold to bound by)."""
        if 0.0 < self.threshold < 1.0:
            return math.log(self.threshold / (1 - self.threshold)) - 1e-6
        return None

    def _bound(self, s: str, i: int, near: tuple[tuple[int, int, str, int, int], ...]) -> float:
        """The best score (before the logistic) a change of s[i] can reach whatever the text
        around the seven characters the near words depend on: an upper bound of what
        _candidates computes there, for any coverage, replaced words and run. Every feature
        is computed as _features does; those the context does not settle (_OPEN) take the
        end of their range the weight favours."""
        if not near:
            return -math.inf
        w = self.weights
        w0, w1 = w[0], w[1:]
        # The most a new word can replace (needed only if replacing more raises the score):
        # the words inside its span, or a word reaching outside it too rare to forbid the
        # change (frequency below COVER).
        most: dict[tuple[int, int], int] = {}
        raw = []
        for da, db, c, channel, value in near:
            replaced = most.get((da, db), 0) if w1[_REPLACED] <= 0 else most.get((da, db))
            if replaced is None:
                inside = self._words_in(s[i + da : i + db])
                replaced = most[da, db] = max([COVER - 1, *(f for _, _, f in inside)])
            raw.append((i + da, i + db, c, channel, value >> 1, bool(value & 1), replaced))
        best = -math.inf
        for *_, x in self._features(s, i, raw, bytearray(len(s))):
            z = w0 + sum(map(mul, w1, x))
            for k, low, high in _OPEN:
                top = x[k] if high is None else high
                z += w1[k] * ((top if w1[k] > 0 else low) - x[k])
            if z > best:
                best = z
        return best

    def _make_near(self, s: str, i: int) -> tuple[tuple[int, int, str, int, int], ...]:
        lex = self.lex
        words, starts = lex.words, lex.starts
        n = len(s)
        channels, alike = self._confusable(s[i])
        if not alike:
            return ()
        # The windows [a, b) a new word may fill, each with the characters that may stand at
        # i in it: those the lexicon's words have there after the characters before i.
        windows: list[tuple[int, str, range, frozenset[str]]] = []
        for a in range(max(0, i - MAX_WORD + 1), i + 1):
            if a == i:
                if i + 1 >= n:
                    continue
                firsts = lex.firsts(s[i + 1])
                fill = frozenset([c for c in alike if c in firsts])
            elif a == i - 1:
                seconds = lex.seconds(s[a])
                fill = frozenset([c for c in alike if c in seconds])
            elif not starts(s[a : a + 2]):
                continue
            else:
                fill = alike & lex.following(s[a:i])
            if fill:
                ends = range(max(i + 1, a + 2), min(n, a + MAX_WORD) + 1)
                windows.append((a, s[a:i], ends, fill))
        if not windows:
            return ()
        viable = frozenset().union(*(w[3] for w in windows))
        tail = s[i + 1 : i + 2]
        suffixes = {b: s[i + 1 : b] for b in range(i + 1, min(n, i + MAX_WORD) + 1)}
        found = []
        for c in sorted(viable, key=channels.__getitem__) if len(viable) > 1 else viable:
            channel = channels[c][1]
            for a, head, ends, fill in windows:
                if c not in fill:
                    continue
                if a >= i - 1 and not starts((head + c + tail)[:2]):
                    continue  # no word begins there (loads the words that do)
                for b in ends:
                    value = words.get(head + c + suffixes[b])
                    if value is None or (value & 1 and channel == SOUND_NEAR):
                        continue  # an idiom is made whole by a close sound only
                    found.append((a - i, b - i, c, channel, value))
        return tuple(found)

    def _candidates(
        self,
        s: str,
        i: int,
        spans: list[tuple[int, int, int]],
        starts_at: list[int],
        covered: bytearray,
        allowed: bytearray,
        run_uncovered: float,
        likely_only: bool = False,
    ) -> list[Candidate]:
        """The scored candidates of the suspect s[i]; likely_only: none when none of them
        can reach the threshold."""
        entry = self._near(s, i)
        near, spans_near = entry[0], entry[1]
        if not near:
            return []
        # Per span of a new word: the highest frequency of the words of the text it replaces,
        # or -1 when it may not stand there (the same whatever the new character).
        check_allowed = bool(self.allow)
        n_spans = len(spans)
        replaced_in = []
        for da, db in spans_near:
            a, b = i + da, i + db
            replaced = -1
            if not (check_allowed and any(allowed[a:b])):
                # The new word must not take characters from a word reaching outside it
                # (spans are in order of their start; none is longer than MAX_COVER).
                replaced = 0
                for k in range(bisect_left(starts_at, a - MAX_COVER + 1), n_spans):
                    x, y, f = spans[k]
                    if x >= b:
                        break
                    if y > a:
                        if (x < a or y > b) and f >= COVER:
                            replaced = -1
                            break
                        if f > replaced:
                            replaced = f
            replaced_in.append(replaced)
        if max(replaced_in) < 0:
            return []
        if likely_only:
            # Nothing this context allows reaches the threshold, whatever the text around:
            # remembered with the words (the next suspect with this context stops at once).
            floor = self._floor()
            if floor is not None:
                if entry[2] is not self.weights:
                    entry[3] = self._bound(s, i, near)
                    entry[2] = self.weights
                if entry[3] < floor:
                    return []
        # The features depend on the run's share of uncovered characters and, otherwise,
        # only on the characters from i - 4 to i + 4, where the run ends, which of them
        # are covered and what the new words replace: remembered by those.
        lo = max(0, i - MAX_WORD)
        key = (
            s[lo : i + MAX_WORD + 1],
            i - lo,
            bytes(covered[max(0, i - MAX_WORD + 1) : i + MAX_WORD]),
            tuple(replaced_in),
        )
        entry = self._scored_cache.get(key)
        if entry is None:
            if len(self._scored_cache) >= NEAR_CACHE:
                self._scored_cache.clear()
            replaced_by = dict(zip(spans_near, replaced_in, strict=True))
            raw = [
                (i + da, i + db, c, channel, value >> 1, bool(value & 1), replaced_by[da, db])
                for da, db, c, channel, value in near
                if replaced_by[da, db] >= 0
            ]
            entry = self._scored_cache[key] = [self._features(s, i, raw, covered), None, 0.0]
        scored = entry[0]
        w = self.weights
        w0, w1 = w[0], w[1:]
        if likely_only and 0.0 < self.threshold < 1.0:
            # The best score the run's share of uncovered characters (0 to 1) allows: below
            # the threshold (with a margin far above rounding), nothing here is reported.
            if entry[1] is not w:
                most = (1.0 if w1[_RUN_UNCOVERED] > 0 else 0.0,)
                entry[1] = w
                entry[2] = max(
                    w0 + sum(map(mul, w1, (*x[:_RUN_UNCOVERED], *most, *x[_RUN_UNCOVERED + 1 :])))
                    for *_, x in scored
                )
            if entry[2] < math.log(self.threshold / (1 - self.threshold)) - 1e-9:
                return []
        found = []
        for a, b, c, channel, freq, idiom, x in scored:
            x = (*x[:_RUN_UNCOVERED], run_uncovered, *x[_RUN_UNCOVERED + 1 :])
            z = w0 + sum(map(mul, w1, x))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            found.append(Candidate(i + a, i + b, i, c, channel, freq, idiom, x, p))
        return found

    def _features(
        self,
        s: str,
        i: int,
        raw: list[tuple[int, int, str, int, int, bool, float]],
        covered: bytearray,
    ) -> list[tuple[int, int, str, int, int, bool, tuple[float, ...]]]:
        """The candidates' features (run_uncovered left 0.0), with spans relative to i."""
        lex = self.lex
        bigram = lex.bigram
        n = len(s)
        c0 = s[i]
        prev = s[i - 1] if i > 0 else ""
        nxt = s[i + 1] if i + 1 < n else ""

        def context(ch: str) -> float:
            score = 0.0
            if prev:
                score += math.log(bigram(prev + ch) + 0.5)
            if nxt:
                score += math.log(bigram(ch + nxt) + 0.5)
            return score

        ctx0 = context(c0)
        seen = math.log(1 + bigram(prev + c0) + bigram(c0 + nxt))
        # (UTF-8 never matches inside another character)
        left_ok = float(bool(prev) and c0.encode("utf-8") in lex.right.get(prev, b""))
        right_ok = float(bool(nxt) and c0.encode("utf-8") in lex.left.get(nxt, b""))
        alone = self._alone(c0)
        log_weight = math.log(lex.chars.get(c0, 0) + lex.inside.get(c0, 0) + 1)
        log_candidates = math.log(len({r[2] for r in raw}))
        segment: dict[tuple[int, int], float] = {}
        found = []
        for a, b, c, channel, freq, idiom, replaced in raw:
            score = segment.get((a, b))
            if score is None:
                score = segment[a, b] = self._segment_score(s[a:b])
            others = [s[k] for k in range(a, b) if k != i]
            surname = s[a] in lex.surnames if a < i else (a > 0 and s[a - 1] in lex.surnames)
            x = (
                float(channel == 1),
                float(channel == 2),
                float(channel == 3),
                math.log(freq),
                min(12.0, math.log(freq) - self._logt - score),
                alone,
                math.log(replaced + 1),
                float(sum(1 for k in range(a, b) if not covered[k]) >= 3),
                float(b - a == 3),
                float(b - a == 4),
                float(idiom),
                log_weight,
                log_candidates,
                left_ok,
                right_ok,
                float(a == 0 or b == n),
                float(b < n and s[b] in PLACE_SUFFIXES),
                max(self._alone(o) for o in others),
                0.0,  # run_uncovered: set per run
                context(c) - ctx0,
                seen,
                float(surname),
            )
            found.append((a - i, b - i, c, channel, freq, idiom, x))
        return found
