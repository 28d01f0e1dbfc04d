"""Copy detection: drafts of a batch that share a large part of their sentences.

Each draft's sentences are normalised (no spaces, punctuation or symbols; short ones such as
headings are left out) and hashed. A MinHash signature of the sentence hashes (one-permutation
hashing with densification: one hash per sentence, not one per permutation) is cut into LSH
bands; only drafts that collide in a band are compared, exactly, on their sentence hashes.
The work grows about linearly with the number of drafts, never with the number of pairs.
"""

from __future__ import annotations

import hashlib
from array import array
from typing import NamedTuple

import regex

from lint.model import COPY_RULE, CopyPair, Finding, InputError
from lint.source import read

BINS = 64  # MinHash values per draft
ROWS = 2  # values per LSH band: 32 bands find pairs with Jaccard ≥ 0.3 almost surely
MIN_SENTENCE = 8  # characters of a normalised sentence; shorter ones are headings or stock phrases
MIN_SENTENCES = 4  # drafts with fewer sentences are not compared
THRESHOLD = 0.5  # share of a draft's sentences found in the other draft
NEIGHBOURS = 4  # in a crowded bucket, each draft is compared with its next few only

_SENTENCE_END = regex.compile(r"[。！？!?；;\n]+")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
_VALUE_BITS = 58  # the low 6 bits of a hash pick the bin, the rest is the value
_EMPTY = 1 << 64


class Fingerprint(NamedTuple):
    """A draft's sorted sentence hashes and its MinHash signature (None: too few sentences).
    (A named tuple: a frozen dataclass costs ≈ 4 M instructions more to define at start-up.)"""

    hashes: bytes
    signature: tuple[int, ...] | None

    @property
    def sentences(self) -> int:
        return len(self.hashes) // 8


def sentence_hashes(text: str) -> list[int]:
    found = set()
    for sentence in _SENTENCE_END.split(text):
        sentence = _NOISE.sub("", sentence)
        if len(sentence) >= MIN_SENTENCE:
            digest = hashlib.blake2b(sentence.encode(), digest_size=8).digest()
            found.add(int.from_bytes(digest, "little"))
    return sorted(found)


def signature(hashes: list[int]) -> tuple[int, ...] | None:
    if len(hashes) < MIN_SENTENCES:
        return None
    mins = [_EMPTY] * BINS
    for h in hashes:
        b, v = h & (BINS - 1), h >> (64 - _VALUE_BITS)
        if v < mins[b]:
            mins[b] = v
    # Densify: an empty bin borrows the next filled bin's value, marked with the distance.
    filled = [i for i, v in enumerate(mins) if v != _EMPTY]
    for i in range(BINS):
        if mins[i] == _EMPTY:
            j = next((k for k in filled if k > i), filled[0])
            mins[i] = mins[j] | (((j - i) % BINS) << _VALUE_BITS)
    return tuple(mins)


def fingerprint(text: str) -> Fingerprint:
    hashes = sentence_hashes(text)
    return Fingerprint(array("Q", hashes).tobytes(), signature(hashes))


def find_pairs(
    batch: dict[str, Fingerprint],
    reference: dict[str, Fingerprint] | None = None,
    threshold: float = THRESHOLD,
) -> list[CopyPair]:
    """Pairs of drafts (two of the batch, or one of the batch and one of ``reference``) of
    which one shares at least ``threshold`` of its sentences with the other; sorted."""
    reference = reference or {}
    names = sorted(batch) + sorted(set(reference) - set(batch))
    prints = {**reference, **batch}
    buckets: dict[tuple, list[int]] = {}
    for index, name in enumerate(names):
        sig = prints[name].signature
        if sig is None:
            continue
        for band in range(0, BINS, ROWS):
            buckets.setdefault((band, *sig[band : band + ROWS]), []).append(index)

    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, a in enumerate(members):
            candidates.update((a, b) for b in members[i + 1 : i + 1 + NEIGHBOURS])

    sets: dict[int, set[int]] = {}

    def sentences(index: int) -> set[int]:
        if index not in sets:
            sets[index] = set(array("Q", prints[names[index]].hashes))
        return sets[index]

    pairs = []
    for a, b in candidates:
        path, other = names[a], names[b]
        if path not in batch and other not in batch:
            continue
        sa, sb = sentences(a), sentences(b)
        shared = len(sa & sb)
        pair = CopyPair(path, other, shared, shared / len(sa), shared / len(sb))
        if pair.largest >= threshold:
            pairs.append(pair)
    pairs.sort(key=lambda p: (-p.largest, p.path, p.other))
    return pairs


def fingerprint_folder(paths: list[str]) -> dict[str, Fingerprint]:
    """Fingerprints of reference drafts (unreadable ones are skipped)."""

    prints = {}
    for path in paths:
        try:
            prints[path] = fingerprint(read(path).text)
        except InputError:
            continue
    return prints


def attach(results: list, pairs: list[CopyPair], severity: str = "warning") -> None:
    """Report each pair on the batch drafts it involves: in ``result.copies`` and as a
    ``copy`` finding, so that every output format shows it."""

    by_path = {r.path: r for r in results}
    for result in results:
        result.copies = []
    for pair in pairs:
        for path, other, shared, fraction in (
            (pair.path, pair.other, pair.shared, pair.fraction),
            (pair.other, pair.path, pair.shared, pair.other_fraction),
        ):
            result = by_path.get(path)
            if result is None:
                continue
            result.copies.append(pair)
            message = (
                f"与“{other}”有 {shared} 句相同（占本文 {fraction:.0%}），"
                "疑似抄用他稿或套用同一模板"
            )
            result.findings.append(Finding(COPY_RULE, severity, message, path, 1, 1, 1, 1))
    for result in results:
        result.findings.sort(key=lambda f: f.sort_key)
