#!/usr/bin/env python3
"""Fit the weights of the typo engine's scorer (lint/language/typo.py, WEIGHTS).

    .venv/bin/pip install numpy scikit-learn    # only for this script
    .venv/bin/python benchmarks/typo_fit.py /work/typo-data/ecspell/{odw,law,med}.train

Every candidate correction the engine generates on the data (with no threshold) becomes one
example: positive when it is at a gold typo and gives the gold character, negative when it
is on correct text (a sentence with no typo, or the corrected target side of one). Candidates
at a gold typo that give another character are left out. A logistic regression over the
engine's features then gives the bias and weights to paste into WEIGHTS. Only correct text
and the positions of typos are used: no pair of characters is kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from typo_eval import read_pairs  # noqa: E402

from lint.language.typo import _HAN_RUN, FEATURES, TypoDetector  # noqa: E402


def examples(detector: TypoDetector, files: list[Path]) -> tuple[list, list]:
    pairs = [pair for f in files for pair in read_pairs(f)]
    return examples_of(detector, pairs)


def examples_of(detector: TypoDetector, pairs: list[tuple[str, str]]) -> tuple[list, list]:
    """The candidates of these (source, target) sentences: features and labels (1: the gold
    correction at a gold typo, 0: a candidate on correct text)."""
    xs, ys = [], []

    def add(text: str, gold: dict[int, str]) -> None:
        for m in _HAN_RUN.finditer(text):
            for c in detector.candidates(m.group()):
                pos = m.start() + c.pos
                if pos in gold and gold[pos] != c.char:
                    continue
                xs.append(c.features)
                ys.append(1 if pos in gold else 0)

    for src, tgt in pairs:
        gold = {k: b for k, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b}
        add(src, gold)
        if gold:
            add(tgt, {})
    return xs, ys


def fit(xs: list, ys: list, c: float = 1.0) -> tuple[float, ...]:
    """Bias and weights of a logistic regression, rounded as WEIGHTS holds them."""
    import numpy as np  # development only: not a dependency of draftlint
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=10000).fit(np.array(xs, float), np.array(ys))
    return (round(float(model.intercept_[0]), 3), *(round(float(w), 3) for w in model.coef_[0]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation")
    args = parser.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    detector = TypoDetector.load()
    xs, ys = examples(detector, args.files)
    x, y = np.array(xs, float), np.array(ys)
    model = LogisticRegression(C=args.C, max_iter=10000).fit(x, y)
    print(f"{len(y)} candidates, {int(y.sum())} real corrections")
    weights = [round(float(model.intercept_[0]), 3)] + [round(float(w), 3) for w in model.coef_[0]]
    for name, wt in zip(("bias", *FEATURES), weights, strict=True):
        print(f"  {name:16} {wt:+.3f}")
    print("WEIGHTS = (" + ", ".join(f"{w}" for w in weights) + ")")
    p = model.predict_proba(x)[:, 1]
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        sel = p >= t
        print(f"  p >= {t}: {int(sel.sum())} kept, precision {y[sel].mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
