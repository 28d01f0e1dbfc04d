#!/usr/bin/env python3
"""The findings of a draftlint, as JSON, to compare two versions: an optimisation must not
change a single finding.

    # expected output from the commit you start from (kept outside the repository):
    git archive HEAD | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base python benchmarks/identity.py --write /tmp/expected.json
    # after the change, with the working tree's draftlint:
    .venv/bin/python benchmarks/identity.py --compare /tmp/expected.json

The drafts: samples/, tests/fixtures/drafts/, ../shared/corpus (when present), the generated
benchmark corpus (``--drafts``, default 300) and real-like drafts (``--real-like``, default
300; benchmarks/corpus.py). For each draft: the profile, whether the run failed, the rules
that ran and every finding (rule, severity, message, positions, fix and key), from the
library (``Linter.check_path``, every finding, no cap) and, for the whole set, the ``json``,
``concise`` and ``pretty`` reports of ``draftlint check`` run as a command (with two jobs, as a
batch, so that results come back from worker processes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

SHARED = ROOT.parent.parent / "shared" / "corpus"  # /work/shared/corpus beside the worktrees
FORMATS = ("json", "concise", "pretty")


def drafts(work: Path, generated: int, real_like: int) -> dict[str, list[Path]]:
    sets = {
        "samples": sorted((ROOT / "samples").glob("*.*")),
        "fixtures": sorted(p for p in (ROOT / "tests/fixtures/drafts").rglob("*") if p.is_file()),
    }
    shared = Path(os.environ.get("DRAFTLINT_SHARED_CORPUS", SHARED))
    if shared.is_dir():
        sets["shared"] = sorted(shared.glob("*.txt"))
    if generated:
        sets["generated"] = corpus.write(work / "generated", generated, seed=2021)
    if real_like:
        sets["real-like"] = corpus.write(work / "real-like", real_like, seed=7, real_like=True)
    return sets


def library(paths: list[Path], base: Path) -> list[dict]:
    from lint.linter import Linter

    linter = Linter()
    linter.max_findings = None
    out = []
    here = os.getcwd()
    os.chdir(base)  # paths relative to the set's folder: the same in every run
    try:
        results = [linter.check_path(str(path.relative_to(base))) for path in paths]
    finally:
        os.chdir(here)
    for result in results:
        out.append(
            {
                "path": result.path,
                "profile": result.profile.id if result.profile else None,
                "failed": result.failed,
                "rules": list(result.rules),
                "findings": [{**f.to_dict(), "key": f.key} for f in result.findings],
            }
        )
    return out


def command(paths: list[Path], base: Path, fmt: str) -> str:
    options = ["--no-config", "--exit-zero", "--jobs", "2", "--format", fmt]
    names = [str(p.relative_to(base)) for p in paths]
    out = subprocess.run(
        [sys.executable, "-m", "lint", "check", *options, *names],
        capture_output=True,
        text=True,
        cwd=base,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if out.returncode != 0:
        raise SystemExit(f"draftlint check failed ({out.returncode}): {out.stderr[-2000:]}")
    return out.stdout


def collect(generated: int, real_like: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="draftlint-identity-") as tmp:
        work = Path(tmp)
        found = {}
        for name, paths in drafts(work, generated, real_like).items():
            base = ROOT if name in ("samples", "fixtures") else paths[0].parent
            found[name] = {"library": library(paths, base)}
            for fmt in FORMATS:
                found[name][fmt] = command(paths, base, fmt)
            total = sum(len(d["findings"]) for d in found[name]["library"])
            print(f"{name}: {len(paths)} drafts, {total} findings", file=sys.stderr)
        return found


def compare(expected: dict, actual: dict) -> int:
    differences = 0
    for name in sorted(set(expected) | set(actual)):
        if name not in expected or name not in actual:
            print(f"{name}: only in {'actual' if name in actual else 'expected'}")
            differences += 1
            continue
        old, new = expected[name], actual[name]
        for a, b in zip(old["library"], new["library"], strict=False):
            if a != b:
                differences += 1
                if differences <= 10:
                    print(f"{name} {a['path']}: findings differ")
                    fa = {json.dumps(f, sort_keys=True) for f in a["findings"]}
                    fb = {json.dumps(f, sort_keys=True) for f in b["findings"]}
                    for f in sorted(fa - fb)[:5]:
                        print("  - " + f)
                    for f in sorted(fb - fa)[:5]:
                        print("  + " + f)
                    for key in ("profile", "failed", "rules"):
                        if a[key] != b[key]:
                            print(f"  {key}: {a[key]} -> {b[key]}")
        if len(old["library"]) != len(new["library"]):
            differences += 1
            print(f"{name}: {len(old['library'])} drafts before, {len(new['library'])} now")
        for fmt in FORMATS:
            if old[fmt] != new[fmt]:
                differences += 1
                print(f"{name}: the {fmt} report differs")
    print("identical" if not differences else f"{differences} differences")
    return 1 if differences else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the findings to this JSON file")
    group.add_argument("--compare", type=Path, help="compare with findings written before")
    parser.add_argument("--drafts", type=int, default=300, help="generated drafts")
    parser.add_argument("--real-like", type=int, default=300, help="real-like drafts")
    args = parser.parse_args()
    found = collect(args.drafts, args.real_like)
    if args.write:
        args.write.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        return
    expected = json.loads(args.compare.read_text(encoding="utf-8"))
    raise SystemExit(compare(expected, found))


if __name__ == "__main__":
    main()
