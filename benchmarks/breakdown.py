#!/usr/bin/env python3
"""Where the time of one draft goes: CPU per draft for reading, outlining, choosing the
profile, the one pass over the text for the literal rules (lint.checks.scan) and each rule,
over generated drafts, in this process.

    python benchmarks/breakdown.py [--drafts 400] [--real-like] [--fresh-text]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from lint import checks, source
from lint.checks import scan
from lint.checks import typo as typo_check
from lint.checks.draft import Draft, assign_roles
from lint.linter import Linter
from lint.outline import parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--real-like", action="store_true", help="real-like drafts (corpus.py)")
    parser.add_argument(
        "--fresh-text",
        action="store_true",
        help="forget the typo detector's remembered runs before each draft: the generated "
        "drafts share their phrases, which it otherwise checks once; distinct drafts do not",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        paths = corpus.write(Path(work), args.drafts, seed=args.seed, real_like=args.real_like)
        linter = Linter()
        linter.check_path(str(paths[0]))  # packs loaded, matchers built
        spent: Counter[str] = Counter()

        def timed(stage: str, work, *a):
            started = time.process_time()
            value = work(*a)
            spent[stage] += time.process_time() - started
            return value

        for path in paths:
            if args.fresh_text:
                for detector in typo_check.detectors():
                    detector._runs.clear()  # (each detector's own memo of runs)
            src = timed("read", source.read, str(path))
            outline = timed("outline", parse, src.text, src.headings)
            choice = timed("profile detection", linter.choose, src, outline)
            profile = choice.profile
            rules = linter.rules(profile)
            draft = Draft(src, outline, profile, rules=rules)
            timed("section roles", assign_roles, outline, profile.sections, draft.normalize)
            timed("literal pass (words, typo)", scan.prepare, draft)
            for rule in rules:
                timed(
                    f"rule {rule.id} ({rule.kind})", lambda r=rule, d=draft: list(checks.run(d, r))
                )
    total = sum(spent.values())
    print(f"CPU per draft, {len(paths)} drafts: {total / len(paths) * 1000:.2f} ms\n")
    print("| stage | ms per draft | share |")
    print("| --- | ---: | ---: |")
    for stage, seconds in spent.most_common():
        print(f"| {stage} | {seconds / len(paths) * 1000:.3f} | {seconds / total:.0%} |")


if __name__ == "__main__":
    main()
