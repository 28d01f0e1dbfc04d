#!/usr/bin/env python3
"""Start-up of ``draftlint check FILE`` on one draft: CPU and wall time of the whole process,
and ``python -X importtime``, for this checkout and for other source trees, interleaved.

    python benchmarks/startup.py                          # this checkout
    git archive COMMIT | tar -x -C /tmp/base
    python benchmarks/startup.py --base /tmp/base --runs 15   # before / after

Each tree is installed as run.py's ``--current`` installs it (``pip install --no-deps`` of a
copy, byte-compiled, into a virtual environment that takes the dependencies from this
interpreter; no editable finder, no PYTHONDONTWRITEBYTECODE). The draft is run.py's "one
draft, cold start" (the second real-like draft of seed 2021). Every tree has its own cache
folder, warmed by one run (packs and the typo lexicon cached, as for a user after the first
run); then rounds alternate the trees:

- ``cold``: the result cache emptied before the run, so the draft is checked;
- ``cached``: the result of the run before is read (an unchanged draft checked again);
- ``-X importtime``: the self time of every module, the smallest over the rounds.

``--instructions`` also counts the instructions of one cold run per tree under valgrind
(callgrind): unlike times, the same on a loaded machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import run  # noqa: E402


def groups(module: str) -> str:
    top = module.split(".")[0]
    if top == "lint":
        return "draftlint"
    if top in ("click", "regex", "yaml", "rich"):
        return top
    if top.startswith("__editable__"):
        return "editable finder"
    return "standard library and others"


def importtime(cmd: list[str], env: dict[str, str]) -> dict[str, int]:
    """Self time (µs) of every module imported by one run of ``cmd``."""
    python = Path(cmd[0]).parent / "python"
    out = subprocess.run(
        [str(python), "-X", "importtime", *cmd], capture_output=True, text=True, env=env
    ).stderr
    times = {}
    for line in out.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line[len("import time:") :].split("|")
        times[name.strip()] = int(self_us)
    return times


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions of one run of ``cmd`` under callgrind."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        env=env,
    ).stderr
    line = next(line for line in out.splitlines() if "Collected" in line)
    return int(line.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, action="append", default=[], help="another tree")
    parser.add_argument("--runs", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--draft", type=Path, help="the draft (default: run.py's one draft)")
    parser.add_argument("--instructions", action="store_true", help="count them (valgrind)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="draftlint-startup-"))
    try:
        draft = args.draft or corpus.write(work / "drafts", 2, real_like=True)[1]
        trees = {"this checkout": run.ROOT, **{str(b): b.resolve() for b in args.base}}
        cmds, envs = {}, {}
        for n, (name, tree) in enumerate(trees.items()):
            print(f"installing {name} …", file=sys.stderr)
            cmds[name] = [*run.draftlint_cmd(work / f"tree-{n}", False, tree), str(draft)]
            envs[name] = {**run.measured_env(), "XDG_CACHE_HOME": str(work / f"cache-{n}")}
            subprocess.run(cmds[name], env=envs[name], capture_output=True)  # warm-up
        cold: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        cached: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        imports: dict[str, dict[str, int]] = {name: {} for name in trees}
        for r in range(args.runs):
            print(f"round {r + 1}/{args.runs}", file=sys.stderr)
            order = list(trees)[r % len(trees) :] + list(trees)[: r % len(trees)]
            for name in order:
                os.environ.update(envs[name])  # measure() passes os.environ on
                run.empty_result_cache(Path(envs[name]["XDG_CACHE_HOME"]))
                wall, cpu, _ = run.measure(cmds[name])
                cold[name].append((wall, cpu))
                wall, cpu, _ = run.measure(cmds[name])
                cached[name].append((wall, cpu))
                for module, us in importtime(cmds[name], envs[name]).items():
                    imports[name][module] = min(us, imports[name].get(module, us))
        print(report(trees, cold, cached, imports, draft, args.runs))
        if args.instructions:
            for name in trees:
                run.empty_result_cache(Path(envs[name]["XDG_CACHE_HOME"]))
                print(f"- {name}: {instructions(cmds[name], envs[name]) / 1e6:,.0f} M instructions")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(trees, cold, cached, imports, draft: Path, runs: int) -> str:
    lines = [
        f"One draft ({draft.stat().st_size:,} bytes), medians of {runs} interleaved rounds:",
        "",
        "| tree | cold: CPU | cold: wall | cached result: CPU | cached result: wall "
        "| modules | import self time, sum (ms) | draftlint | regex | standard library "
        "and others |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in trees:
        by_group: dict[str, int] = {}
        for module, us in imports[name].items():
            by_group[groups(module)] = by_group.get(groups(module), 0) + us

        def ms(values: list[tuple[float, float]], i: int) -> str:
            return f"{statistics.median(v[i] for v in values) * 1000:.0f} ms"

        lines.append(
            f"| {name} | {ms(cold[name], 1)} | {ms(cold[name], 0)} | {ms(cached[name], 1)} "
            f"| {ms(cached[name], 0)} | {len(imports[name])} "
            f"| {sum(imports[name].values()) / 1000:.1f} "
            f"| {by_group.get('draftlint', 0) / 1000:.1f} | {by_group.get('regex', 0) / 1000:.1f} "
            f"| {by_group.get('standard library and others', 0) / 1000:.1f} |"
        )
    lines += ["", "Largest imports (self time, ms, smallest over the rounds):", ""]
    for name in trees:
        top = sorted(imports[name].items(), key=lambda kv: -kv[1])[:12]
        lines.append(f"- {name}: " + ", ".join(f"{m} {us / 1000:.1f}" for m, us in top))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
