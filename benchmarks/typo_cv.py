#!/usr/bin/env python3
"""Cross-validated figures of the typo engine (lint/language/typo.py) on development data.

    .venv/bin/pip install numpy scikit-learn    # only for this script
    .venv/bin/python benchmarks/typo_cv.py /work/typo-data [--folds 5]

WEIGHTS are fitted on ECSpell odw/law/med **train**, so figures on those files are in-sample.
This script gives honest ones:

- odw (official documents, the domain of draftlint): the sentences of ``odw.train`` are split
  into K folds (sentence i goes to fold i mod K); for each fold the weights are fitted
  (``typo_fit.fit``) on law.train + med.train + the other K - 1 folds, and the engine, with
  those weights, is evaluated on the held fold; the counts of the K folds are summed;
- law.test, med.test and SIGHAN 2013-2015 test: never fitted on; evaluated with weights fitted
  on all three train files (as WEIGHTS are).

Figures are printed at several thresholds (sentence-level precision / recall, as
``typo_eval.py`` counts them). ECSpell ``odw.test`` is held out and never read here.

``--guard PATH ...`` (drafts, or folders of them, that are correct text: the real drafts and
``samples/good-*``) lists every hit the engine, with the weights fitted on all three train
files, reports on them, with the highest threshold that still reports it. A change to the
engine is judged at the threshold these texts allow (no new false hit), not at a fixed one:
a feature that lifts the development figures at p >= 0.7 may lift official jargon that the
development data never show (纠治, 逐件) even more, and so need a higher threshold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from typo_eval import evaluate, read_pairs  # noqa: E402
from typo_fit import examples_of, fit  # noqa: E402

from lint.language.typo import TypoDetector  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
TESTS = ("ecspell/law.test", "ecspell/med.test", "sighan/test2013.txt", "sighan/test2014.txt",
         "sighan/test2015.txt")  # fmt: skip


def counts(detector: TypoDetector, pairs: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(flagged, right, with typo) of evaluate(), as counts to add up over folds."""
    r = evaluate(detector, pairs)
    right = round(r["recall"] * r["with_typo"])
    return r["flagged"], right, r["with_typo"]


def line(name: str, by_threshold: dict[float, tuple[int, int, int]]) -> str:
    cells = []
    for t, (flagged, right, typos) in by_threshold.items():
        p = right / flagged if flagged else 0.0
        cells.append(f"p>={t}: P {p:.3f} R {right / typos:.3f}")
    return f"{name:22} " + "  ".join(cells)


def guard(detector: TypoDetector, paths: list[Path]) -> list[str]:
    """Every hit on the texts in paths at the lowest threshold, each with the highest
    threshold that reports it, then the number of hits per threshold."""
    texts = []
    for path in paths:
        files = sorted(path.glob("*.txt")) + sorted(path.glob("*.md")) if path.is_dir() else [path]
        texts += [(f, f.read_text(encoding="utf-8")) for f in files]
    found: dict[tuple[str, int, int, str, str], float] = {}
    per_threshold = {}
    for t in THRESHOLDS:
        detector.threshold = t
        n = 0
        for f, text in texts:
            for h in detector.find(text):
                line = text.count("\n", 0, h.start) + 1
                found[(f"{f.name}:{line}", h.start, h.end, h.wrong, h.suggestions[0])] = t
                n += 1
        per_threshold[t] = n
    lines = [
        f"  {where}: {wrong} -> {right} (p>={t})"
        for (where, _, _, wrong, right), t in sorted(found.items(), key=lambda x: (-x[1], x[0]))
    ]
    counts = "  ".join(f"p>={t}: {n}" for t, n in per_threshold.items())
    return [f"guard hits           {counts}", *lines]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path, help="a folder with ecspell/ and sighan/")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--guard", nargs="+", type=Path, default=[], help="correct drafts: list the hits on them"
    )
    args = parser.parse_args()
    eco = args.dev / "ecspell"
    odw = read_pairs(eco / "odw.train")
    others = read_pairs(eco / "law.train") + read_pairs(eco / "med.train")
    detector = TypoDetector.load()
    # Candidates and their features do not depend on the weights: computed once per sentence.
    xs_other, ys_other = examples_of(detector, others)
    per_sentence = [examples_of(detector, [pair]) for pair in odw]
    total = {t: (0, 0, 0) for t in THRESHOLDS}
    for k in range(args.folds):
        xs, ys = list(xs_other), list(ys_other)
        for i, (x, y) in enumerate(per_sentence):
            if i % args.folds != k:
                xs.extend(x)
                ys.extend(y)
        detector.weights = fit(xs, ys)
        held = [pair for i, pair in enumerate(odw) if i % args.folds == k]
        for t in THRESHOLDS:
            detector.threshold = t
            got = counts(detector, held)
            total[t] = tuple(a + b for a, b in zip(total[t], got, strict=True))
    print(line(f"odw.train ({args.folds}-fold)", total))
    xs, ys = list(xs_other), list(ys_other)
    for x, y in per_sentence:
        xs.extend(x)
        ys.extend(y)
    detector.weights = fit(xs, ys)
    for name in TESTS:
        path = args.dev / name
        if not path.is_file():
            continue
        pairs = read_pairs(path)
        by_threshold = {}
        for t in THRESHOLDS:
            detector.threshold = t
            by_threshold[t] = counts(detector, pairs)
        print(line(name, by_threshold))
    if args.guard:
        print("\n".join(guard(detector, args.guard)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
