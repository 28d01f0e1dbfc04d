#!/usr/bin/env python3
"""CPU cost of the language engines (lint/language): best of N, each in a fresh process.

    .venv/bin/python benchmarks/language.py [--runs 5] [--corpus ../shared/corpus] [--sample F]

- load: ``TypoDetector.load()`` with a warm cache, in a fresh process, its modules imported
  (CPU ms);
- find: ``TypoDetector.find()`` per draft of the corpus: the first call in a fresh process
  (every lazy table cold), and after the other drafts were checked by the same detector, as
  in a batch (what they touched is loaded and remembered; nothing of this draft) (CPU ms,
  best of N);
- formulation: ``FormulationMatcher.find()`` per draft, first in the process (the character
  table loads) and repeated;
- check: ``python -m lint check --exit-zero`` (this tree) of a copy of SAMPLE under a new
  path in every run (the result cache must not answer), the pack and lexicon caches warm:
  wall and CPU time and peak resident memory (``ru_maxrss`` of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROBE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from lint.language.typo import TypoDetector
t = time.process_time()
det = TypoDetector.load()
load = time.process_time() - t
which = int(sys.argv[3])
texts = [open(p, encoding="utf-8").read() for p in sys.argv[4:]]
cold = warm = 0.0
if sys.argv[2] == "cold":  # the first draft of the process
    t = time.process_time(); det.find(texts[which]); cold = time.process_time() - t
else:  # after the other drafts, as in a batch: nothing of this one seen
    for k, text in enumerate(texts):
        if k != which:
            det.find(text)
    t = time.process_time(); det.find(texts[which]); warm = time.process_time() - t
from lint.language.formulation import FormulationMatcher, load_entries
m = FormulationMatcher.from_entries(load_entries(
    __import__("pathlib").Path(sys.argv[1]) / "rules/dictionaries/formulations.yaml"))
t = time.process_time(); m.find(texts[which]); fcold = time.process_time() - t
t = time.process_time(); m.find(texts[which]); fwarm = time.process_time() - t
print(json.dumps({"load": load, "cold": cold, "warm": warm, "fcold": fcold, "fwarm": fwarm}))
"""


def probe(drafts: list[Path], which: int) -> dict:
    got = {}
    for mode in ("cold", "warm"):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, str(ROOT), mode, str(which), *map(str, drafts)],
            capture_output=True,
            text=True,
            check=True,
        )
        for key, value in json.loads(out.stdout).items():
            got[key] = max(got.get(key, 0.0), value) if key in ("cold", "warm") else value
    return got


def check(sample: Path, work: Path, k: int) -> tuple[float, float, int]:
    """Wall s, CPU s, peak RSS kB of one `python -m lint check` process of this tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    copy = work / f"{sample.stem}-{k}{sample.suffix}"
    copy.write_bytes(sample.read_bytes())
    sample = copy
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", "--exit-zero", str(sample)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus")
    parser.add_argument("--sample", type=Path, default=ROOT / "samples" / "good-team-2021.txt")
    args = parser.parse_args()
    drafts = sorted(args.corpus.glob("*.txt")) if args.corpus.is_dir() else []
    if not drafts:
        print(f"no drafts in {args.corpus}", file=sys.stderr)
        return 2
    probe(drafts, 0)  # caches warm
    work = Path(tempfile.mkdtemp(prefix="draftlint-language-"))
    check(args.sample, work, 0)
    runs = [[probe(drafts, i) for i in range(len(drafts))] for _ in range(args.runs)]
    checks = [check(args.sample, work, k + 1) for k in range(args.runs)]
    shutil.rmtree(work)

    def best(key: str, i: int) -> float:
        return min(r[i][key] for r in runs) * 1000

    load = min(best("load", i) for i in range(len(drafts)))
    print(f"typo lexicon load (warm cache, fresh process): {load:.0f} ms CPU")
    for i, d in enumerate(drafts):
        size = len(d.read_text(encoding="utf-8"))
        print(
            f"{d.name} ({size} chars): typo find first in the process {best('cold', i):.1f} ms, "
            f"after the other drafts {best('warm', i):.1f} ms; "
            f"formulation first {best('fcold', i):.1f} ms, again {best('fwarm', i):.1f} ms CPU"
        )
    wall = min(c[0] for c in checks) * 1000
    cpu = min(c[1] for c in checks) * 1000
    rss = min(c[2] for c in checks) / 1024
    print(f"draftlint check {args.sample.name}: {wall:.0f} ms wall, {cpu:.0f} ms CPU, {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
