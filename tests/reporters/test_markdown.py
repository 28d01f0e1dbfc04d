"""markdown: the per-draft table appended to GitHub's job summary."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main

FIXABLE = str(SAMPLES / "fixable-team-2021.txt")
GOOD = str(SAMPLES / "good-team-2021.txt")


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-config", *args])


def test_github_step_summary_is_appended(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("--format", "github", FIXABLE, GOOD)
    assert result.exit_code == 1
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "samples" in line]
    assert len(rows) == 2
    fixable = next(r for r in rows if "fixable" in r)
    assert "（wugedaitou-2021）" in fixable and "全部通过" not in fixable
    assert "全部通过" in next(r for r in rows if "good-team" in r)
