#!/usr/bin/env python3
"""One pass over the text or one scan per rule: CPU per draft of the ways to find the text-level
rules' matches (the generic profile's words, typo and patterns rules) over generated drafts.

    python benchmarks/onepass.py [--drafts 200] [--real-like]

- regex entries: one ``finditer`` per pattern (what draftlint does), one alternation of all of
  them (finds other matches where patterns overlap: shown for its speed only), and one
  lookahead of the alternation whose positions are re-matched per pattern (exact);
- literal entries: one scan per rule, and the one pass of lint.checks.scan for all of them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import regex

from lint import source
from lint.checks import scan
from lint.linter import Linter


def compiled(pattern):
    return pattern.compiled() if hasattr(pattern, "compiled") else pattern


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--real-like", action="store_true", help="real-like drafts (corpus.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        paths = corpus.write(Path(work), args.drafts, seed=2021, real_like=args.real_like)
        texts = [source.read(str(p)).text for p in paths]
    profile = Linter().profile_by_name("generic")
    literal_rules = [r for r in profile.rules if r.kind in scan.LITERAL_KINDS]
    matchers = [r.options.matcher(profile.substitutes) for r in literal_rules]
    patterns = [e.pattern for m in matchers for e in m.patterned]
    patterns += [
        e.pattern for r in profile.rules if r.kind == "patterns" for e in r.options.entries
    ]
    patterns = [compiled(p) for p in patterns]
    flags = regex.VERSION1 | regex.MULTILINE
    alternation = regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags)
    lookahead = regex.compile(f"(?={alternation.pattern})", flags)

    def separate():
        return [[[m.span() for m in p.finditer(t)] for p in patterns] for t in texts]

    def one_alternation():
        return [[m.span() for m in alternation.finditer(t)] for t in texts]

    def lookahead_rematched():
        found = []
        for t in texts:
            starts = [m.start() for m in lookahead.finditer(t)]
            per = []
            for p in patterns:
                resume, spans = 0, []
                for start in starts:
                    if start >= resume and (m := p.match(t, start)):
                        spans.append(m.span())
                        resume = max(m.end(), start + 1)
                per.append(spans)
            found.append(per)
        return found

    one = scan.LiteralPass(matchers)
    each = [scan.LiteralPass([m]) for m in matchers if m.literals]

    def literal_per_rule():
        return [[p.run(t)[0] for p in each] for t in texts]

    def literal_one_pass():
        return [one.run(t) for t in texts]

    assert separate() == lookahead_rematched()
    assert literal_per_rule() == literal_one_pass()
    print(f"{len(texts)} drafts, {len(patterns)} regex entries, {len(each)} literal rules\n")
    print("| way | ms per draft |")
    print("| --- | ---: |")
    ways = [separate, one_alternation, lookahead_rematched, literal_per_rule, literal_one_pass]
    for way in ways:
        best = None
        for _ in range(3):  # the best of three: the machine may be shared
            started = time.process_time()
            way()
            spent = time.process_time() - started
            best = spent if best is None else min(best, spent)
        print(f"| {way.__name__.replace('_', ' ')} | {best / len(texts) * 1000:.3f} |")


if __name__ == "__main__":
    main()
