#!/usr/bin/env python3
"""Record, or compare with a record, everything the typo engine finds: for refactoring it
without changing a result.

    .venv/bin/python benchmarks/typo_identity.py --write OUT.json --dev /work/typo-data \
        --corpus ../shared/corpus samples
    .venv/bin/python benchmarks/typo_identity.py --compare OUT.json --dev ... --corpus ...

Recorded per text (both sides of each development sentence, each draft): every hit (span,
text, suggestions, certain, reason) and a digest of every scored candidate
(``TypoDetector.candidates`` on each Han run: span, character, channel, features and
probability), so that a change in scoring shows even where no hit changes. The record holds
sentences of the development data: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typo_eval import DEV_FILES, read_pairs  # noqa: E402

from lint.language.typo import _HAN_RUN, TypoDetector  # noqa: E402


def texts(dev: Path | None, corpus: list[Path]) -> dict[str, str]:
    found: dict[str, str] = {}
    if dev:
        for name in DEV_FILES:
            path = dev / name
            if path.is_file():
                for n, (src, tgt) in enumerate(read_pairs(path)):
                    found[f"{name}:{n}:src"] = src
                    found[f"{name}:{n}:tgt"] = tgt
    for path in corpus:
        files = sorted(p for p in path.iterdir() if p.suffix in (".txt", ".md"))
        for f in files if path.is_dir() else [path]:
            found[str(f)] = f.read_text(encoding="utf-8")
    return found


def record(detector: TypoDetector, text: str) -> dict:
    hits = [
        [h.start, h.end, h.wrong, list(h.suggestions), h.certain, h.reason]
        for h in detector.find(text)
    ]
    h = hashlib.sha256()
    for m in _HAN_RUN.finditer(text):
        for c in detector.candidates(m.group()):
            h.update(repr((m.start(), tuple(c))).encode())
    return {"hits": hits, "candidates": h.hexdigest()[:16]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--corpus", nargs="*", type=Path, default=[])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args()
    detector = TypoDetector.load()
    all_texts = texts(args.dev, args.corpus)
    t = time.process_time()
    got = {key: record(detector, text) for key, text in all_texts.items()}
    print(f"{len(got)} texts, {time.process_time() - t:.1f} s CPU", file=sys.stderr)
    if args.write:
        args.write.write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
        n = sum(len(r["hits"]) for r in got.values())
        print(f"recorded {n} hits", file=sys.stderr)
        return 0
    want = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = [k for k in want if want[k] != got.get(k)] + [k for k in got if k not in want]
    for key in differ[:20]:
        print(f"DIFFERS {key}: {want.get(key)} != {got.get(key)}")
    hits = sum(len(r["hits"]) for r in got.values())
    print(f"{len(got)} texts, {hits} hits: {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
