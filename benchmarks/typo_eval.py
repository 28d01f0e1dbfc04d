#!/usr/bin/env python3
"""Evaluate the typo engine (lint/language/typo.py) on spelling-check data sets.

    .venv/bin/python benchmarks/typo_eval.py /work/typo-data/ecspell/odw.train ...
    .venv/bin/python benchmarks/typo_eval.py --dev /work/typo-data   # the development files
    .venv/bin/python benchmarks/typo_eval.py --corpus ../shared/corpus samples/good-*

Each data file has one sentence a line, ``N<TAB>source<TAB>target`` (ECSpell's
``Data/domains_data/*`` and its simplified SIGHAN copies): ``source`` as written, ``target``
corrected, of equal length; N is the number of typos (0: the sentence is correct). The data
stay outside the repository.

Sentence-level detection, per file:

- a sentence is *flagged* when the engine reports anything on its source side; the changed
  characters of a hit are where its first suggestion differs from the text;
- a flagged sentence is *right* when it has a typo and every changed character the engine
  reports is a typo of the gold data (a position where source and target differ);
- precision = right / flagged; loose precision = flagged sentences that have any typo /
  flagged; recall = right / sentences with a typo;
- false-positive rate = flagged / correct sentences, on the sentences with no typo and,
  separately, on the corrected target sides of the sentences that had one;
- correction = right sentences whose first suggestions give exactly the gold characters.

``--dev DIR`` evaluates ``DIR/ecspell/{odw.train,law.*,med.*}`` and ``DIR/sighan/*`` when present.
ECSpell's ``odw.test`` is held out for an independent evaluation: ``--dev`` never reads it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.language.typo import TypoDetector, TypoHit  # noqa: E402

DEV_FILES = [
    "ecspell/odw.train",
    "ecspell/law.train",
    "ecspell/law.test",
    "ecspell/med.train",
    "ecspell/med.test",
    "sighan/train2013.txt",
    "sighan/train2014.txt",
    "sighan/train2015.txt",
    "sighan/test2013.txt",
    "sighan/test2014.txt",
    "sighan/test2015.txt",
]


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or len(parts[1]) != len(parts[2]):
                continue
            pairs.append((parts[1], parts[2]))
    return pairs


def changed(text: str, hit: TypoHit) -> set[int]:
    best = hit.suggestions[0]
    return {hit.start + k for k, (a, b) in enumerate(zip(hit.wrong, best, strict=False)) if a != b}


def evaluate(detector: TypoDetector, pairs: list[tuple[str, str]], show: int = 0) -> dict:
    n_err = n_ok = flagged = right = loose = corrected = fp_ok = fp_tgt = 0
    shown = []
    for src, tgt in pairs:
        gold = {k for k, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b}
        hits = detector.find(src)
        if gold:
            n_err += 1
            if detector.find(tgt):
                fp_tgt += 1
        else:
            n_ok += 1
        if not hits:
            continue
        flagged += 1
        positions = set().union(*(changed(src, h) for h in hits))
        if gold:
            loose += 1
            if positions <= gold:
                right += 1
                fixed = list(src)
                for h in hits:
                    fixed[h.start : h.end] = h.suggestions[0]
                if all(fixed[k] == tgt[k] for k in positions):
                    corrected += 1
        else:
            fp_ok += 1
        if (not gold or not positions <= gold) and len(shown) < show:
            shown.append(
                {"src": src, "tgt": tgt, "hits": [(h.wrong, h.suggestions[:3]) for h in hits]}
            )

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    return {
        "sentences": len(pairs),
        "with_typo": n_err,
        "correct": n_ok,
        "flagged": flagged,
        "precision": ratio(right, flagged),
        "precision_loose": ratio(loose, flagged),
        "recall": ratio(right, n_err),
        "fp_rate_correct": ratio(fp_ok, n_ok),
        "fp_rate_targets": ratio(fp_tgt, n_err),
        "correction": ratio(corrected, right),
        "false_flags": shown,
    }


def corpus_hits(detector: TypoDetector, paths: list[Path]) -> None:
    for path in paths:
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for f in files:
            text = f.read_text(encoding="utf-8")
            for h in detector.find(text):
                line = text.count("\n", 0, h.start) + 1
                ctx = text[max(0, h.start - 8) : h.end + 8].replace("\n", " ")
                mark = "certain" if h.certain else "maybe"
                print(
                    f"{f.name}:{line}: {h.wrong} -> {'/'.join(h.suggestions[:3])} "
                    f"[{mark}] {h.reason} … {ctx} …"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="data files (N, source, target)")
    parser.add_argument("--dev", type=Path, help="a folder with ecspell/ and sighan/")
    parser.add_argument("--corpus", nargs="+", type=Path, help="list every hit in these drafts")
    parser.add_argument("--show", type=int, default=0, help="print N false flags per file")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    t0 = time.perf_counter()
    detector = TypoDetector.load()
    print(f"load: {(time.perf_counter() - t0) * 1000:.0f} ms", file=sys.stderr)
    if args.corpus:
        corpus_hits(detector, args.corpus)
    files = list(args.files)
    if args.dev:
        files += [args.dev / f for f in DEV_FILES if (args.dev / f).is_file()]
    results = {}
    for f in files:
        t = time.perf_counter()
        r = evaluate(detector, read_pairs(f), args.show)
        r["seconds"] = round(time.perf_counter() - t, 2)
        results[f"{f.parent.name}/{f.name}"] = r
        if not args.json:
            print(
                f"{f.parent.name}/{f.name:16} n={r['sentences']:5} typo={r['with_typo']:5} "
                f"P={r['precision']:.3f} Ploose={r['precision_loose']:.3f} "
                f"R={r['recall']:.3f} FP(ok)={r['fp_rate_correct']:.3f} "
                f"FP(tgt)={r['fp_rate_targets']:.3f} corr={r['correction']:.3f}"
            )
            for s in r["false_flags"]:
                print("   ", s["hits"], s["src"], "|", s["tgt"] if s["tgt"] != s["src"] else "")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
