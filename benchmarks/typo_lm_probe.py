#!/usr/bin/env python3
"""Probe: does sunpinyin's word language model lift the typo engine? (docs/typo-data.md,
"Third round"). Development only; nothing of the model is used by draftlint.

    .venv/bin/pip install numpy scikit-learn    # only for this script
    .venv/bin/python benchmarks/typo_lm_probe.py /work/typo-data \\
        --model DIR --guard ../shared/corpus samples rules rules/dictionaries/formulations.yaml

DIR holds ``lm_sc.t3g`` and ``pydict_sc.bin`` of Debian's ``sunpinyin-data`` (open-gram,
CC BY-SA 3.0). Their layout is sunpinyin's (``src/slm/slm.h``, ``src/lexicon/pytrie.h``):

- ``pydict_sc.bin``: word count, node count and the offset of the strings (uint32 each),
  the pinyin trie, then every word as UCS-4 ending in NUL, in word-id order;
- ``lm_sc.t3g``: order N, a flag for log probabilities, N + 1 level sizes (uint32), 65,536
  probabilities and 16,384 back-off weights (float32), then levels 0 to N - 1 as nodes of
  three uint32 (word id 18 bits and back-off index 14; probability index 16 and first
  child's low 16 bits; back-off node 23, back-off level 2 and first child's high 7 bits)
  and level N as leaves of two uint32 (word id 18 and probability's low 14 bits; back-off
  node 23, level 2 and probability's high 2 bits). A node's children are the next level's
  entries from its first child to the next node's, sorted by word id.

The engine's candidates (``TypoDetector.candidates``) of every development sentence and of
the correct texts given with ``--guard`` are computed once; a feature from the model is
added to the 22 (``ctx``: the gain in best bigram-Viterbi log-probability of the text from
four characters before the new word to four after it, less the gain of the new word's span
alone); then the same folds and fits as ``typo_cv.py`` give P / R per threshold, and t*, the
lowest threshold of 0.50, 0.51, ... above every hit on the guard texts but the real errors
and known false hits of docs/typo-data.md. ``--weak-cover 1000 --weak-seen 10`` makes more
characters inside words suspect, as the second round did. ECSpell ``odw.test`` is never read.
"""

from __future__ import annotations

import argparse
import math
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from typo_eval import read_pairs  # noqa: E402
from typo_fit import fit  # noqa: E402

import lint.language.typo as typo  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]+")
OOV = math.log(1e-8)  # an unknown character
MAX_WORD = 8
WINDOW = 4
TESTS = ("ecspell/law.test", "ecspell/med.test", "sighan/test2013.txt", "sighan/test2014.txt",
         "sighan/test2015.txt")  # fmt: skip
THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
# Hits on the guard texts that are real errors (the packs' and samples' deliberate ones, 意线)
# or known false hits (docs/typo-data.md, "Second round"): set aside for t*.
SET_ASIDE = ("意线", "束之高搁", "一愁莫展", "健设", "奢糜", "记律", "严以律已", "形势主义",
             "厉害关系", "股室", "卫片", "显绩")  # fmt: skip


class Model:
    """Unigram and bigram log-probabilities of the model's words of Han characters."""

    def __init__(self, folder: Path) -> None:
        import numpy as np

        lexicon = (folder / "pydict_sc.bin").read_bytes()
        count, _, strings = struct.unpack("<3I", lexicon[:12])
        chars = np.frombuffer(lexicon[strings:], dtype="<u4")
        ends = np.flatnonzero(chars == 0)[:count]
        starts = [0, *(ends[:-1] + 1).tolist()]
        words = ["".join(map(chr, chars[a:b])) for a, b in zip(starts, ends.tolist(), strict=True)]
        data = (folder / "lm_sc.t3g").read_bytes()
        order, use_log = struct.unpack("<2I", data[:8])
        if use_log:
            raise SystemExit("a model of log probabilities: not handled")
        sizes = struct.unpack(f"<{order + 1}I", data[8 : 8 + 4 * (order + 1)])
        offset = 8 + 4 * (order + 1)
        pr = np.log(np.frombuffer(data, "<f4", 1 << 16, offset).astype(float))
        bow = np.log(np.frombuffer(data, "<f4", 1 << 14, offset + 4 * (1 << 16)).astype(float))
        offset += 4 * ((1 << 16) + (1 << 14)) + 12 * sizes[0]
        one = np.frombuffer(data, "<u4", 3 * sizes[1], offset).reshape(-1, 3)
        offset += 12 * sizes[1]
        two = np.frombuffer(data, "<u4", 3 * sizes[2], offset).reshape(-1, 3)
        first_child = ((one[:, 2] >> 25) << 16) | (one[:, 1] >> 16)
        n1, n2 = sizes[1] - 1, sizes[2] - 1  # the last entry of a level is a sentinel
        han = [bool(HAN.fullmatch(w)) for w in words]
        self.uni: dict[str, tuple[float, float]] = {}
        for wid, p, b in zip(
            (one[:n1, 0] & 0x3FFFF).tolist(),
            pr[one[:n1, 1] & 0xFFFF].tolist(),
            bow[one[:n1, 0] >> 18].tolist(),
            strict=True,
        ):
            if han[wid]:
                self.uni[words[wid]] = (p, b)
        parents = np.repeat(one[:n1, 0] & 0x3FFFF, np.diff(first_child.astype(np.int64)))
        self.bi: dict[tuple[str, str], float] = {}
        for h, wid, p in zip(
            parents.tolist(),
            (two[:n2, 0] & 0x3FFFF).tolist(),
            pr[two[:n2, 1] & 0xFFFF].tolist(),
            strict=True,
        ):
            if han[h] and han[wid]:
                self.bi[words[h], words[wid]] = p
        self.sizes = sizes
        self._cache: dict[str, float] = {}

    def _lp(self, prev: str | None, w: str, u: tuple[float, float]) -> float:
        if prev is None:
            return u[0]
        b = self.bi.get((prev, w))
        return b if b is not None else self.uni[prev][1] + u[0]

    def score(self, x: str) -> float:
        """Best log-probability of x over its segmentations into the model's words."""
        got = self._cache.get(x)
        if got is not None:
            return got
        n = len(x)
        states: list[dict[str | None, float]] = [{} for _ in range(n + 1)]
        states[0][None] = 0.0
        for i in range(n):
            here = states[i]
            if not here:
                continue
            for j in range(i + 1, min(n, i + MAX_WORD) + 1):
                w = x[i:j]
                u = self.uni.get(w)
                nxt = states[j]
                if u is None:
                    if j == i + 1:  # unknown character: a fixed cost, no history
                        best = max(here.values()) + OOV
                        if best > nxt.get(None, -1e18):
                            nxt[None] = best
                    continue
                best = max(v + self._lp(p, w, u) for p, v in here.items())
                if best > nxt.get(w, -1e18):
                    nxt[w] = best
        got = self._cache[x] = max(states[n].values())
        return got

    def ctx(self, run: str, a: int, b: int, pos: int, char: str) -> float:
        new = run[:pos] + char + run[pos + 1 :]
        lo, hi = max(0, a - WINDOW), min(len(run), b + WINDOW)
        gain = self.score(new[lo:hi]) - self.score(run[lo:hi])
        own = self.score(new[a:b]) - self.score(run[a:b])
        return max(-15.0, min(15.0, gain - own))


def candidates(detector, model, text):
    """(run start, span start, end, changed position, character, features) per candidate."""
    found = []
    for m in typo._HAN_RUN.finditer(text):
        run = m.group()
        for c in detector.candidates(run):
            x = c.features
            if model is not None:
                x = (*x, model.ctx(run, c.start, c.end, c.pos, c.char))
            found.append((m.start(), c.start, c.end, c.pos, c.char, x))
    return found


def hits(cands, ps, threshold):
    """The engine's picks: each suspect's best candidate from the threshold, most probable
    first, no overlap: (start, end, changed position, probability)."""
    best: dict[tuple[int, int], int] = {}
    for k, c in enumerate(cands):
        key = (c[0], c[3])
        if key not in best or ps[k] > ps[best[key]]:
            best[key] = k
    picks = sorted((k for k in best.values() if ps[k] >= threshold), key=lambda k: -ps[k])
    taken: set[int] = set()
    found = []
    for k in picks:
        run, a, b, pos = cands[k][:4]
        span = range(run + a, run + b)
        if taken.isdisjoint(span):
            taken.update(span)
            found.append((run + a, run + b, run + pos, ps[k]))
    return found


def probabilities(cands, weights):
    out = []
    for c in cands:
        z = weights[0] + sum(w * v for w, v in zip(weights[1:], c[5], strict=True))
        out.append(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def examples(rows):
    xs, ys = [], []
    for gold, src, tgt in rows:
        for c in src:
            pos = c[0] + c[3]
            if pos in gold and gold[pos] != c[4]:
                continue
            xs.append(c[5])
            ys.append(int(pos in gold))
        xs.extend(c[5] for c in tgt)
        ys.extend(0 for _ in tgt)
    return xs, ys


def counts(rows, weights, grid):
    """Per threshold: (flagged, right, with typo)."""
    out = {t: [0, 0, 0] for t in grid}
    for gold, src, _ in rows:
        ps = probabilities(src, weights)
        for t in grid:
            found = hits(src, ps, t)
            out[t][2] += bool(gold)
            if found:
                out[t][0] += 1
                out[t][1] += bool(gold) and all(h[2] in gold for h in found)
    return out


def cell(c):
    flagged, right, typos = c
    return f"{right / flagged if flagged else 0:.3f} / {right / typos:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path, help="a folder with ecspell/ and sighan/")
    parser.add_argument("--model", type=Path, help="sunpinyin's data folder (none: shipped)")
    parser.add_argument("--guard", nargs="+", type=Path, default=[])
    parser.add_argument("--weak-cover", type=int, default=typo.WEAK_COVER)
    parser.add_argument("--weak-seen", type=int, default=typo.WEAK_SEEN)
    args = parser.parse_args()
    typo.WEAK_COVER, typo.WEAK_SEEN = args.weak_cover, args.weak_seen
    model = Model(args.model) if args.model else None
    if model:
        print(f"model: levels {model.sizes}; {len(model.uni)} words, {len(model.bi)} bigrams")
    detector = typo.TypoDetector.load()

    def rows_of(name):
        rows = []
        for src, tgt in read_pairs(args.dev / name):
            gold = {k: b for k, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b}
            rows.append(
                (
                    gold,
                    candidates(detector, model, src),
                    candidates(detector, model, tgt) if gold else [],
                )
            )
        return rows

    grid = sorted({*THRESHOLDS, *(round(0.5 + 0.01 * k, 2) for k in range(50))})
    odw = rows_of("ecspell/odw.train")
    others = rows_of("ecspell/law.train") + rows_of("ecspell/med.train")
    xo, yo = examples(others)
    results = {"odw.train (5-fold)": {t: [0, 0, 0] for t in grid}}
    for k in range(5):
        xs, ys = examples([r for i, r in enumerate(odw) if i % 5 != k])
        weights = fit(xo + xs, yo + ys)
        got = counts([r for i, r in enumerate(odw) if i % 5 == k], weights, grid)
        for t in grid:
            results["odw.train (5-fold)"][t] = [
                a + b for a, b in zip(results["odw.train (5-fold)"][t], got[t], strict=True)
            ]
    xs, ys = examples(odw)
    weights = fit(xo + xs, yo + ys)
    for name in TESTS:
        if (args.dev / name).is_file():
            results[name] = counts(rows_of(name), weights, grid)
    top = 0.0
    found = []
    for path in args.guard:
        files = sorted(path.glob("*.txt")) + sorted(path.glob("*.md")) + sorted(path.glob("*.yaml"))
        for f in files if path.is_dir() else [path]:
            text = f.read_text(encoding="utf-8")
            cands = candidates(detector, model, text)
            for a, b, pos, p in hits(cands, probabilities(cands, weights), 0.5):
                around = text[max(0, a - 3) : b + 3]
                aside = any(w in around for w in SET_ASIDE)
                found.append((p, f"{f.name}: {text[a:b]} ({text[pos]}) p={p:.3f}", aside))
                if not aside:
                    top = max(top, p)
    t_star = min((t for t in grid if t > top), default=0.99)
    print(f"t* = {t_star}")
    for name, by in results.items():
        cells = "  ".join(f"{t}: {cell(by[t])}" for t in THRESHOLDS)
        print(f"{name:22} {cells}  t*: {cell(by[t_star])}")
    for p, what, aside in sorted(found, reverse=True):
        if p >= t_star - 0.1:
            print(f"  {'set aside     ' if aside else 'correct text  '}{what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
