#!/usr/bin/env python3
"""The HTML report of a batch: how large it is and how long Chromium takes to open it.

    .venv/bin/python benchmarks/html_report.py                  # 200 and 2,000 drafts
    .venv/bin/python benchmarks/html_report.py --drafts 2000 --repeat 3
    .venv/bin/python benchmarks/html_report.py --source /tmp/old-checkout   # another version

Generates the drafts with benchmarks/corpus.py (same seed, same drafts every time), runs
``draftlint check --format html --no-copies --output report.html`` on them (the linter of this
checkout, or of ``--source``, a checkout whose ``lint/`` is imported instead), then opens the
report in headless Chromium (/usr/bin/chromium) and reports the best of ``--repeat`` runs:

- with Playwright (installed with ``.[test]``): the time from ``page.goto`` until the load
  event and the first frame after it (the browser is started before the clock starts);
- without Playwright: the wall time of ``chromium --headless --dump-dom file://…``, which
  includes starting the browser and printing the DOM (an upper bound).

The machine may be busy with other work: the best of several runs is the figure least
disturbed by it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

ROOT = HERE.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DRAFTLINT = [sys.executable, "-m", "lint", "check", "--format", "html", "--no-copies"]
LOAD_TIMEOUT = 600  # seconds: the report before the change took minutes


def make_report(folder: Path, out: Path, source: Path) -> float:
    """Run draftlint on the folder; return the wall time."""
    start = time.perf_counter()
    run = subprocess.run(
        [*DRAFTLINT, "--output", str(out), str(folder)],
        cwd=source,  # `python -m lint` imports the lint/ of this folder first
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1) or not out.exists():
        sys.exit(f"draftlint failed ({run.returncode}): {run.stderr[-2000:]}")
    return elapsed


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        sys.exit("chromium is not installed (apt-get install -y chromium)")
    return path


def load_times_playwright(page_path: Path, repeat: int) -> list[float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for _ in range(repeat):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load", timeout=LOAD_TIMEOUT * 1000)
            # the first frame after load: layout and paint of what is shown are done
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return times


def load_times_dump_dom(page_path: Path, repeat: int) -> list[float]:
    times, uri = [], page_path.as_uri()
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as profile:
            start = time.perf_counter()
            subprocess.run(
                [chromium(), *CHROMIUM_ARGS, f"--user-data-dir={profile}", "--dump-dom", uri],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=LOAD_TIMEOUT,
                check=True,
            )
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drafts", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--corpus",
        choices=["realistic", "clean", "both"],
        default="both",
        help="realistic: about thirty findings a draft, as real drafts have; clean: the "
        "corpus of benchmarks/run.py (a few defects in half of the drafts)",
    )
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout whose lint/ runs")
    parser.add_argument("--dump-dom", action="store_true", help="time chromium --dump-dom")
    parser.add_argument("--keep", type=Path, help="copy each report into this folder")
    args = parser.parse_args()
    print(f"draftlint from {args.source.resolve()}; best of {args.repeat}")
    print("| drafts | corpus | report size | draftlint check | Chromium load |")
    print("| ---: | --- | ---: | ---: | ---: |")
    kinds = ["realistic", "clean"] if args.corpus == "both" else [args.corpus]
    with tempfile.TemporaryDirectory() as tmp:
        for count, kind in [(c, k) for c in args.drafts for k in kinds]:
            folder = Path(tmp) / f"drafts-{kind}-{count}"
            corpus.write(folder, count, seed=args.seed, real_like=kind == "realistic")
            out = Path(tmp) / f"report-{kind}-{count}.html"
            check = min(make_report(folder, out, args.source) for _ in range(args.repeat))
            size = os.path.getsize(out)
            times = None if args.dump_dom else load_times_playwright(out, args.repeat)
            how = "page.goto → load + first frame"
            if times is None:
                times, how = load_times_dump_dom(out, args.repeat), "chromium --dump-dom"
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(out, args.keep / out.name)
            load = f"{min(times):.2f} s ({how})"
            print(f"| {count:,} | {kind} | {size / 1e6:.1f} MB | {check:.1f} s | {load} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
