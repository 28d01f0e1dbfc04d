#!/usr/bin/env python3
"""Measure draftlint against the tools users would pick instead, as whole processes.

    python benchmarks/run.py                 # 2,000 drafts, peers installed with npm
    python benchmarks/run.py --write-readme  # and put the table into benchmarks/README.md

Generates a corpus (benchmarks/corpus.py), installs autocorrect-node and textlint (with
textlint-rule-zh-half-and-full-width-bracket) into a temporary npm prefix, then runs each tool
on (a) one draft, cold start, and (b) the whole folder, interleaving the tools on every round.
Reports the median wall time, draftlint's ratio to each peer and the peak memory of each
run: the sum of the proportional set sizes (PSS) of the process and all its children,
sampled every 10 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

README = HERE / "README.md"
ROOT = HERE.parent
BEGIN, END = "<!-- results: written by benchmarks/run.py -->", "<!-- /results -->"
PEERS = ["autocorrect-node", "textlint", "textlint-rule-zh-half-and-full-width-bracket"]
# The measured processes run as on a user's machine: Python may write the byte code of a
# module it finds without (the warm-up does), where PYTHONDONTWRITEBYTECODE (set in some
# development environments) would make it compile that module again in every process.


IGNORED = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")


def measured_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    tree_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_pss(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kib(pid)
        todo.extend(_children(pid))
    return total


def empty_result_cache(cache_home: Path) -> None:
    """Remove draftlint's result cache under an ``XDG_CACHE_HOME``: the store
    (``results.sqlite3``) and, for trees from before it, the folder of entries (``results/``)."""
    folder = cache_home / "draftlint"
    shutil.rmtree(folder / "results", ignore_errors=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        (folder / f"results.sqlite3{suffix}").unlink(missing_ok=True)


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system, with the children it waited for) and peak
    PSS of the process tree (MiB) of one run.

    (Not ru_maxrss: a child started with vfork counts the parent's pages until it execs.)"""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=measured_env()
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_pss(proc.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed with exit status {proc.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, peak / 1024


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if "model name" in line)
    except (OSError, StopIteration):
        pass
    node = shutil.which("node")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "node": subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
        if node
        else "not installed",
        "os": platform.platform(),
    }


def install_peers(prefix: Path) -> dict[str, list[str]]:
    """npm install the peers into ``prefix``; their command lines (empty when npm is missing)."""
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: peers are not measured", file=sys.stderr)
        return {}
    subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix), *PEERS],
        check=True,
    )
    bin_dir = prefix / "node_modules" / ".bin"
    return {
        "autocorrect --lint": [str(bin_dir / "autocorrect"), "--lint"],
        "textlint (zh-half-and-full-width-bracket)": [
            str(bin_dir / "textlint"),
            "--rule",
            "zh-half-and-full-width-bracket",
        ],
    }


def version(cmd: list[str]) -> str:
    out = subprocess.run([cmd[0], "--version"], capture_output=True, text=True, cwd=cmd_cwd(cmd))
    return (out.stdout or out.stderr).strip().splitlines()[-1] if out.stdout or out.stderr else "?"


def cmd_cwd(cmd: list[str]) -> Path | None:
    """textlint finds its rules in node_modules beside the current directory."""
    path = Path(cmd[0])
    return path.parent.parent.parent if path.parent.name == ".bin" else None


def draftlint_cmd(work: Path, fresh: bool, tree: Path = ROOT) -> list[str]:
    """draftlint as users install it: ``pip install .`` (not editable: an editable install
    imports its path finder, and pathlib with it, in every process) into a new virtual
    environment, byte-compiled by pip at install. With ``fresh`` False (``--current``) the
    checkout is installed the same way (``--no-deps``), into a virtual environment whose
    dependencies are this interpreter's (one ``.pth`` line naming its site-packages).
    ``tree``: the source tree to install (this checkout unless said otherwise)."""
    venv = work / "venv"
    python = venv / "bin" / "python"
    # pip builds in the tree it is given: a copy, so that no stale build/ of the checkout's
    # is installed and nothing is written into it.
    source = work / "source"
    shutil.copytree(tree, source, ignore=shutil.ignore_patterns(*IGNORED))
    if fresh:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(source)], check=True)
    else:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
        mine = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        Path(mine, "draftlint-bench-deps.pth").write_text("\n".join(paths) + "\n")
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-deps", str(source)],
            check=True,
            env=measured_env(),
        )
    script = venv / "bin" / "draftlint"
    if subprocess.run([str(script), "--version"], capture_output=True).returncode != 0:
        raise SystemExit(
            f"{script} does not run: with --current, run this script with an interpreter that "
            "has draftlint's dependencies (e.g. .venv/bin/python benchmarks/run.py --current)"
        )
    return [str(script), "check", "--exit-zero"]


def run(args: argparse.Namespace) -> str:
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="draftlint-bench-"))
    try:
        folder = work / "drafts"
        print(f"generating {args.drafts} drafts in {folder} …", file=sys.stderr)
        paths = corpus.write(folder, args.drafts, seed=args.seed)
        real = work / "real-like"
        real_paths = corpus.write(real, args.drafts, seed=args.seed, real_like=True)
        size = sum(p.stat().st_size for p in paths)
        one = real_paths[1]
        tools = {"draftlint": [*draftlint_cmd(work, not args.current), "--jobs", str(args.jobs)]}
        if not args.no_peers:
            tools.update(install_peers(work / "npm"))
        versions = {name: version(cmd) for name, cmd in tools.items()}
        cases = {
            "one draft, cold start": [one],
            f"{len(paths):,} real-like drafts": [real],
            f"{len(paths):,} generated drafts": [folder],
        }
        results: dict[tuple[str, str], Runs] = {}
        # draftlint's caches live in the benchmark's own folder: the packs and the typo lexicon
        # are warm after the warm-up (as for any user after the first run), but every measured
        # run starts without results (``empty_result_cache``), so drafts are really checked.
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        for case, targets in cases.items():
            rounds = args.repeat_one if len(targets) == 1 and targets[0] == one else args.repeat
            for cmd in tools.values():  # warm-up: OS file cache, draftlint's pack cache
                measure([*cmd, *map(str, targets)], cmd_cwd(cmd))
            for r in range(rounds):
                order = list(tools.items())
                order = order[r % len(order) :] + order[: r % len(order)]
                for name, cmd in order:
                    print(f"  {case}: {name} (round {r + 1}/{rounds})", file=sys.stderr)
                    empty_result_cache(work / "cache")
                    seconds, cpu, tree = measure([*cmd, *map(str, targets)], cmd_cwd(cmd))
                    runs = results.setdefault((case, name), Runs())
                    runs.seconds.append(seconds)
                    runs.cpu.append(cpu)
                    runs.tree_mib.append(tree)
        # A re-run over the unchanged real-like drafts: draftlint's result cache is warm.
        rerun = f"re-run of {len(paths):,} unchanged real-like drafts"
        cases[rerun] = [real]
        cmd = tools["draftlint"]
        measure([*cmd, str(real)], cmd_cwd(cmd))  # fills the result cache
        for r in range(args.repeat):
            print(f"  {rerun}: draftlint (round {r + 1}/{args.repeat})", file=sys.stderr)
            seconds, cpu, tree = measure([*cmd, str(real)], cmd_cwd(cmd))
            runs = results.setdefault((rerun, "draftlint"), Runs())
            runs.seconds.append(seconds)
            runs.cpu.append(cpu)
            runs.tree_mib.append(tree)
        for name in tools:  # the peers have no cache: their re-run is their first run
            if name != "draftlint":
                results[(rerun, name)] = results[(f"{len(paths):,} real-like drafts", name)]
        table = report(info, versions, cases, tools, results, len(paths), size, args)
        if args.scaling:
            table += scaling(work, tools["draftlint"], args)
        return table
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(info, versions, cases, tools, results, count, size, args) -> str:
    lines = [
        f"Measured {info['date']} on {info['nproc']} × {info['cpu']}, Python {info['python']}, "
        f"Node {info['node']} ({info['os']}). Corpora: {count:,} generated drafts, "
        f"{size / 1e6:.1f} MB, and {count:,} real-like drafts (seed {args.seed}); one draft "
        f"(real-like): {size / count / 1e3:.1f} kB. draftlint runs with `--jobs {args.jobs}`.",
        "",
        "| case | tool | median wall time | ratio draftlint / tool | median CPU time "
        "| CPU ratio | peak memory (PSS, process tree) | runs |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in cases:
        mine = results[(case, "draftlint")]
        for name in tools:
            runs = results[(case, name)]
            ratio = "—" if name == "draftlint" else f"{mine.median / runs.median:.2f}"
            cpu = statistics.median(runs.cpu)
            cpu_ratio = "—" if name == "draftlint" else f"{statistics.median(mine.cpu) / cpu:.2f}"
            lines.append(
                f"| {case} | {name} | {runs.median:.3f} s | {ratio} | "
                f"{cpu:.3f} s | {cpu_ratio} | {max(runs.tree_mib):.0f} MiB | "
                f"{len(runs.seconds)} |"
            )
    named = [
        v if k.split()[0].lower() in v.lower() else f"{k.split()[0]} {v}"
        for k, v in versions.items()
    ]
    lines += ["", "Versions: " + "; ".join(named) + "."]
    return "\n".join(lines) + "\n"


def scaling(work: Path, cmd: list[str], args: argparse.Namespace) -> str:
    """draftlint alone on real-like corpora of growing size: time per draft and peak memory."""
    lines = [
        "",
        f"Scaling (draftlint alone, real-like drafts, `--jobs {args.jobs}`, one run each after a "
        "warm-up on the smallest):",
        "",
        "| drafts | wall time | per draft | CPU time | CPU per draft | peak memory (PSS, tree) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, count in enumerate(args.scaling):
        folder = work / f"scale-{count}"
        corpus.write(folder, count, seed=args.seed + 1, real_like=True)
        if n == 0:
            measure([*cmd, str(folder)])
        print(f"  scaling: {count:,} drafts", file=sys.stderr)
        empty_result_cache(work / "cache")
        seconds, cpu, tree = measure([*cmd, str(folder)])
        lines.append(
            f"| {count:,} | {seconds:.2f} s | {seconds / count * 1000:.2f} ms | {cpu:.2f} s | "
            f"{cpu / count * 1000:.2f} ms | {tree:.0f} MiB |"
        )
        shutil.rmtree(folder, ignore_errors=True)
    return "\n".join(lines) + "\n"


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    README.write_text(text[:start] + "\n" + table + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--repeat", type=int, default=3, help="rounds for the whole folder")
    parser.add_argument("--repeat-one", type=int, default=7, help="rounds for one draft")
    parser.add_argument("--no-peers", action="store_true", help="measure draftlint only")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="draftlint --jobs (default: cores)"
    )
    parser.add_argument(
        "--scaling",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[],
        help="also time draftlint alone on this many real-like drafts, e.g. 200,2000,20000",
    )
    parser.add_argument(
        "--current",
        action="store_true",
        help="measure the draftlint of this interpreter instead of a fresh `pip install .`",
    )
    parser.add_argument("--write-readme", action="store_true", help="update benchmarks/README.md")
    args = parser.parse_args()
    table = run(args)
    print(table)
    if args.write_readme:
        write_readme(table)


if __name__ == "__main__":
    main()
