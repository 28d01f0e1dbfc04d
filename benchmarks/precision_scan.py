#!/usr/bin/env python3
"""Precision of the language rules on correct text: every finding they report on it.

    .venv/bin/python benchmarks/precision_scan.py DIR_OR_FILE ...    # plain-text files
    .venv/bin/python benchmarks/precision_scan.py --sentences SET.tsv  # label, name, sentence

Give it text that is right as written: official documents (speeches, communiqués, decisions,
white papers saved as plain text) or sets of correct sentences. Every finding of a language
rule (``typo``, ``formulation``, ``number-usage``, ``quote-enumeration-comma``,
``term-outdated``) is then a false hit or a fault of the source. Each is printed with its file,
line and the text around it, followed by the count per rule and per 10,000 characters. The
drafts are checked with the generic profile, as a sentence or a document on its own. Keep such
texts outside the repository: they are other people's writing.

With ``--sentences``, each line is tab-separated: ``good`` or ``bad``, the formulation's name,
the sentence (and any further columns, such as the kind of error). Only the ``good`` lines
are checked.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.linter import Linter
from lint.model import Source

LANGUAGE = ("typo", "formulation", "number-usage", "quote-enumeration-comma", "term-outdated")


def texts(paths: list[Path], sentences: bool) -> list[tuple[str, str]]:
    """(name, text) of every file under paths, or of every good sentence of a set."""
    found = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            content = file.read_text(encoding="utf-8")
            if not sentences:
                found.append((str(file), content))
                continue
            for number, line in enumerate(content.splitlines(), 1):
                fields = line.split("\t")
                if fields[0] == "good" and len(fields) >= 3:
                    found.append((f"{file}:{number}", fields[2]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sentences", action="store_true", help="tab-separated sets")
    args = parser.parse_args()
    linter = Linter(profile="generic")
    counts: Counter[str] = Counter()
    characters = 0
    for name, text in texts(args.paths, args.sentences):
        characters += len(text)
        result = linter.check_source(Source(name, text))
        for finding in result.findings:
            if finding.rule not in LANGUAGE:
                continue
            counts[finding.rule] += 1
            line = text.splitlines()[finding.line - 1] if text else ""
            around = ""
            if finding.line == finding.end_line:  # the span and twelve characters either side
                around = line[max(0, finding.column - 13) : finding.end_column + 12]
            print(f"{name}:{finding.line}\t{finding.rule}\t{around}\t{finding.message}")
    per = 10_000 / max(characters, 1)
    summary = ", ".join(f"{rule} {n} ({n * per:.2f} per 10k)" for rule, n in counts.most_common())
    print(f"{characters:,} characters; findings: {summary or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
