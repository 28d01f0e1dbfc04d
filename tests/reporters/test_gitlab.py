"""gitlab: the Code Quality report GitLab shows on merge requests."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main

FIXABLE = str(SAMPLES / "fixable-team-2021.txt")
GOOD = str(SAMPLES / "good-team-2021.txt")


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-config", *args])


def test_gitlab_code_quality_report():
    result = run("--format", "gitlab", FIXABLE, GOOD)
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert issues and {i["severity"] for i in issues} <= {"info", "minor", "major"}
    first = issues[0]
    assert set(first) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["location"]["path"] == FIXABLE and first["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert "检查了 2 个文件" in result.stderr
