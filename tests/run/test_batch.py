"""Checking a folder of drafts: parallel, deterministic, one bad file never stops the others."""

import json
import multiprocessing
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main
from lint.linter import Linter
from lint.run import batch
from lint.run.batch import FILES_PER_JOB, check_files

GOOD = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
LINES = GOOD.split("\n")
ITEM_LINES = [i for i, line in enumerate(LINES) if line.startswith(("一是", "二是"))]


def defective(n: int) -> tuple[str, int]:
    """The good sample with a placeholder put into one item line; returns text and line."""
    index = ITEM_LINES[n % len(ITEM_LINES)]
    lines = list(LINES)
    lines[index] = lines[index].replace("。", "，由XX同志负责。", 1)
    return "\n".join(lines), index + 1


@pytest.fixture
def folder(tmp_path):
    expected = {}
    for n in range(2 * FILES_PER_JOB + 5):
        text, line = defective(n)
        path = tmp_path / "drafts" / f"sub{n % 3}" / f"draft-{n:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        expected[str(path)] = line
    bad = tmp_path / "drafts" / "sub1" / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00")  # a UTF-16 mark with no valid text after it
    return tmp_path / "drafts", expected, str(bad)


def run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_jobs_one_and_two_give_identical_output(folder):
    drafts, expected, bad = folder
    outputs = {}
    for fmt in ("json", "concise", "pretty", "checklist", "html", "sarif"):
        one, two = (
            run("--jobs", 1, "--format", fmt, drafts),
            run("--jobs", 2, "--format", fmt, drafts),
        )
        assert one.exit_code == two.exit_code == 2  # the unreadable file
        assert one.output == two.output
        outputs[fmt] = one.stdout
    findings = json.loads(outputs["json"])
    paths = [f["path"] for f in findings]
    assert paths == sorted(paths)
    # the unreadable file is reported, every other draft is still checked
    assert [f["rule"] for f in findings if f["path"] == bad] == ["input-error"]
    placeholders = {(f["path"], f["line"]) for f in findings if f["rule"] == "placeholder"}
    assert placeholders == set(expected.items())
    # pretty shows the offending line, also when the text stayed in a worker process
    assert "由XX同志负责" in outputs["pretty"]


def test_workers_send_back_light_results(folder):
    _, expected, _ = folder
    paths = sorted(expected)
    linter = Linter()
    results, _ = check_files(linter, paths, jobs=2, progress=False)
    assert [r.path for r in results] == paths
    for result in results:
        assert result.source is None  # no whole texts across processes
        assert result.profile.id == "wugedaitou-2021"
        (finding,) = result.findings
        assert result.line(finding.line) == LINES[expected[result.path] - 1].replace(
            "。", "，由XX同志负责。", 1
        )
        assert set(result.lines) <= {finding.line - 1, finding.line, finding.line + 1}
    in_process, _ = check_files(linter, paths, jobs=1, progress=False)
    assert [r.findings for r in in_process] == [r.findings for r in results]
    assert [r.lines for r in in_process] == [r.lines for r in results]


def test_few_files_are_checked_in_process(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(GOOD, encoding="utf-8")
    (result,), _ = check_files(Linter(), [str(path)], jobs=2, progress=False)
    assert result.source is not None and result.findings == []


def test_no_progress_bar_and_no_rich_off_a_terminal(folder):
    drafts, _, _ = folder
    code = (
        "import sys\n"
        "from lint.cli import main\n"
        f"sys.argv = ['draftlint', 'check', '--jobs', '2', {str(drafts)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rich loaded' if any(m.startswith('rich') for m in sys.modules) else 'no rich')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip().endswith("no rich")
    assert "检查中" not in run.stderr


def test_progress_bar_passes_results_through_in_order(monkeypatch):
    monkeypatch.setattr(batch, "PROGRESS_DELAY", 0.0)
    items = [f"item-{n}" for n in range(50)]
    assert list(batch._with_progress(iter(items), len(items))) == items
    assert "rich.progress" in sys.modules  # imported once the batch took a moment


def test_standard_input_with_a_folder(folder):
    drafts, expected, _ = folder
    text, line = defective(3)
    result = CliRunner().invoke(
        main, ["check", "--jobs", "2", "--format", "json", "-", str(drafts)], input=text
    )
    findings = json.loads(result.stdout)
    assert ("-", line) in {(f["path"], f["line"]) for f in findings if f["rule"] == "placeholder"}
    assert {f["path"] for f in findings} >= set(expected)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers must inherit the patch"
)
def test_a_killed_worker_does_not_stop_the_batch(folder, monkeypatch):
    _, expected, _ = folder
    paths = sorted(expected)
    parent, victim = os.getpid(), paths[5]
    real = Linter.check_path

    def check_path(self, path):
        if path == victim and os.getpid() != parent:
            os._exit(1)  # as if the worker was killed while checking this draft
        return real(self, path)

    monkeypatch.setattr(Linter, "check_path", check_path)  # inherited by forked workers
    results, _ = check_files(Linter(), paths, jobs=2, progress=False)
    assert [r.path for r in results] == paths
    assert all(f.rule == "placeholder" for r in results for f in r.findings)
    assert all(len(r.findings) == 1 for r in results)
