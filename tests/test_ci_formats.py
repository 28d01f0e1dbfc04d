"""CI formats: GitLab Code Quality, GitHub's job summary, SARIF rule help; machine formats keep
stdout for their format alone."""

from __future__ import annotations

import json

import pytest
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


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab"])
def test_machine_formats_print_only_their_format(fmt):
    result = run("--format", fmt, FIXABLE)
    assert "检查了" not in result.stdout and "--fix" not in result.stdout
    assert "检查了 1 个文件" in result.stderr
    if fmt != "github":
        json.loads(result.stdout)
    else:
        assert all(line.startswith("::") for line in result.stdout.splitlines())


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


def test_sarif_rules_have_help_and_docx_results_no_fixes(tmp_path):
    import docx

    document = docx.Document()
    for line in (SAMPLES / "fixable-team-2021.txt").read_text("utf-8").splitlines():
        document.add_paragraph(line)
    word = tmp_path / "a.docx"
    document.save(word)
    log = json.loads(run("--format", "sarif", FIXABLE, str(word)).stdout)
    run_ = log["runs"][0]
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    with_fixes = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in run_["results"]
        if "fixes" in r
    }
    assert with_fixes and all(not uri.endswith(".docx") for uri in with_fixes)
