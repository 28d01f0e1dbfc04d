"""One pass over the text for the literal entries of every ``words`` and ``typo`` rule.

Each such rule compiles its literal entries into a matcher (``words.Matcher``: a table of
lengths by first character and a set of first-two-character heads). The rules of a draft are
combined into one :class:`LiteralPass`, built once per set of matchers and reused for every
draft: one scan of the text with a single lookahead of the union of the rules' first
characters (and second ones, where no rule has a one-character word) finds every position
where any rule's word may start, and each position is handed only to the rules whose words
start with its character. Each rule keeps its own resume point, so its hits are exactly those
of a scan of its own: leftmost, longest first, not overlapping one another (a Latin word not
inside a longer Latin word), while the hits of different rules may overlap as before.

Regex entries are not folded into one alternation: with the ``regex`` engine a combined
alternation (or a lookahead of one, re-matched at its positions) scans several times slower
than the separate patterns, which each keep the engine's literal-prefix search; they stay one
timed ``finditer`` each, under their rule's budget (lint.regexes). The literal pass runs no
pack regex: its one pattern is a character class built here, linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# The kinds whose rules have a literal matcher (``rule.options.matcher(substitutes)``).
LITERAL_KINDS = ("words", "typo")
LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

Hit = tuple[int, int, Any]  # start, end, the matched entry


def _class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


class LiteralPass:
    """The literal matchers of several rules, run in one scan of the text."""

    def __init__(self, matchers: Sequence[Any]) -> None:
        self.matchers = tuple(m for m in matchers if m.literals)
        self.by_first: dict[str, list[int]] = {}
        for index, matcher in enumerate(self.matchers):
            for first in matcher.lengths:
                self.by_first.setdefault(first, []).append(index)
        # One zero-width candidate per position: where some rule's word may start.
        branches = []
        single = {f for m in self.matchers if m.single for f in m.lengths}
        if single:
            branches.append(_class(single))
        pairs = [m for m in self.matchers if not m.single]
        firsts = {f for m in pairs for f in m.lengths} - single
        seconds = {w[1] for m in pairs for w in m.literals if w[1:]}
        if firsts and seconds:
            branches.append(_class(firsts) + _class(seconds))
        self.starts = re.compile(f"(?={'|'.join(branches)})") if branches else None

    def run(self, text: str) -> list[list[Hit]]:
        """The literal hits of each matcher (in the order given), in the order of the text."""
        found: list[list[Hit]] = [[] for _ in self.matchers]
        if self.starts is None:
            return found
        matchers, by_first, size = self.matchers, self.by_first, len(text)
        resume = [0] * len(matchers)
        for candidate in self.starts.finditer(text):
            start = candidate.start()
            first = text[start]
            pair = text[start : start + 2]
            latin_inside = first in LATIN and start and text[start - 1] in LATIN
            for index in by_first.get(first, ()):
                if start < resume[index]:  # inside this rule's previous hit: no overlap
                    continue
                matcher = matchers[index]
                if latin_inside or (not matcher.single and pair not in matcher.heads):
                    continue
                literals = matcher.literals
                for length in matcher.lengths[first]:
                    end = start + length
                    if end > size:  # a slice past the end would be a shorter word
                        continue
                    entry = literals.get(text[start:end])
                    if entry is None or (
                        end < size and text[end - 1] in LATIN and text[end] in LATIN
                    ):
                        continue
                    found[index].append((start, end, entry))
                    resume[index] = end
                    break
        return found


_PASSES: dict[tuple[int, ...], LiteralPass] = {}
MAX_PASSES = 64  # sets of rules (profiles, selections) kept at once


def literal_pass(matchers: Sequence[Any]) -> LiteralPass:
    """The pass of these matchers, built once (matchers are kept per rule, so are these)."""
    key = tuple(id(m) for m in matchers)
    found = _PASSES.get(key)
    if found is None:  # the pass holds its matchers: their ids are not reused while cached
        if len(_PASSES) >= MAX_PASSES:  # a server reloading packs: old rules are let go
            _PASSES.clear()
        found = _PASSES[key] = LiteralPass(matchers)
    return found


def prepare(draft: Any) -> dict[int, list[Hit]]:
    """The literal hits of every literal rule the draft is checked with, by matcher: one pass
    over the text, kept in the draft's memo (run on the first rule that asks)."""
    shared = draft.memo.get("literal-pass")
    if shared is None:
        substitutes = draft.profile.substitutes
        matchers = [
            rule.options.matcher(substitutes) for rule in draft.rules if rule.kind in LITERAL_KINDS
        ]
        combined = literal_pass(matchers)
        shared = draft.memo["literal-pass"] = dict(
            zip(map(id, combined.matchers), combined.run(draft.text), strict=True)
        )
    return shared


def literal_hits(draft: Any, matcher: Any) -> list[Hit]:
    """One matcher's literal hits in the draft, from the pass shared by the draft's rules."""
    hits = prepare(draft).get(id(matcher))
    if hits is None:  # a rule the draft was not set up with (one rule run on its own)
        hits = literal_pass([matcher]).run(draft.text)[0] if matcher.literals else []
    return hits
