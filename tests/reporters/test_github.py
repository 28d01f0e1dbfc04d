"""github: workflow commands, escaped, chosen automatically under GitHub Actions."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main
from lint.model import Finding, Result
from lint.reporters.github import render

FIXABLE = str(SAMPLES / "fixable-team-2021.txt")


def test_findings_become_annotations():
    finding = Finding("typo", "warning", "用词有误", "a.txt", 3, 5, 3, 9)
    info = Finding("lead-order", "info", "提示", "a.txt", 1, 1, 1, 2)
    lines = render([Result("a.txt", [finding, info])]).splitlines()
    assert lines[0] == (
        "::warning file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=draftlint typo::用词有误"
    )
    assert lines[1].startswith("::notice file=a.txt,line=1,")


def test_special_characters_are_escaped():
    finding = Finding("typo", "error", "50%\r\n第二行", "d:1,2.txt", 1, 1, 1, 2)
    [line] = render([Result("d:1,2.txt", [finding])]).splitlines()  # the summary: on stderr
    assert line.startswith("::error file=d%3A1%2C2.txt,line=1,")
    assert line.endswith("::50%25%0D%0A第二行")


def test_chosen_when_github_actions_is_set(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(main, ["check", FIXABLE])
    assert result.exit_code == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 6  # the annotations; the summary goes to stderr
    assert commands[0].startswith(f"::error file={FIXABLE},line=3,col=40,")


def test_explicit_format_wins_over_github_actions(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(main, ["check", "--format", "concise", FIXABLE])
    assert "::error" not in result.output
    assert f"{FIXABLE}:3:40: error pinyin-substitute" in result.output
