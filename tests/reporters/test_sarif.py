"""sarif: valid against the official SARIF 2.1.0 schema, one result per finding."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from lint.cli import main
from lint.linter import Linter
from lint.reporters import renderer
from lint.reporters.sarif import uri

SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text("utf-8"))
FIXABLE = SAMPLES / "fixable-team-2021.txt"


def sarif_of(*paths) -> dict:
    linter = Linter()
    log = json.loads(renderer("sarif")([linter.check_path(str(p)) for p in paths]))
    jsonschema.validate(log, SCHEMA)
    return log


def test_results_follow_the_findings_and_validate():
    log = sarif_of(FIXABLE, SAMPLES / "good-team-2021.txt")
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    got = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in run["results"]
    ]
    assert got == [
        ("pinyin-substitute", "error", 3, 40),
        ("placeholder", "error", 3, 72),
        ("punct-duplicate", "error", 3, 123),
        ("punct-duplicate", "error", 8, 34),
        ("punct-halfwidth", "warning", 8, 38),
        ("typo", "error", 31, 24),
    ]
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert rules[0]["shortDescription"]["text"]


def test_fixes_are_replacements_of_the_finding_span():
    results = sarif_of(FIXABLE)["runs"][0]["results"]
    typo = next(r for r in results if r["ruleId"] == "typo")
    (change,) = typo["fixes"][0]["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "利害关系"
    assert replacement["deletedRegion"] == {
        "startLine": 31,
        "startColumn": 24,
        "endLine": 31,
        "endColumn": 28,
    }
    assert "fixes" not in next(r for r in results if r["ruleId"] == "placeholder")


def test_input_errors_are_results_and_mark_the_run_unsuccessful(tmp_path):
    png = tmp_path / "图片.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    run = sarif_of(png)["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["input-error"]
    assert run["invocations"][0]["executionSuccessful"] is False


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "drafts/二〇二一 班子.txt",
            "drafts/%E4%BA%8C%E3%80%87%E4%BA%8C%E4%B8%80%20%E7%8F%AD%E5%AD%90.txt",
        ),
        ("/srv/a b.txt", "file:///srv/a%20b.txt"),
    ],
)
def test_uris_are_percent_encoded(path, expected):
    assert uri(path) == expected


def test_cli_writes_sarif_to_output_file(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    out = tmp_path / "report.sarif"
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "-o", str(out), str(FIXABLE)])
    assert result.exit_code == 1
    assert result.stdout == ""  # the report went to the file, the summary to stderr
    assert "检查了 1 个文件" in result.stderr
    log = json.loads(out.read_text("utf-8"))
    jsonschema.validate(log, SCHEMA)
    assert len(log["runs"][0]["results"]) == 6


def test_output_to_unwritable_place_is_a_usage_error(tmp_path):
    out = tmp_path / "missing-dir" / "report.txt"
    result = CliRunner().invoke(main, ["check", "-o", str(out), str(FIXABLE)])
    assert result.exit_code == 2
    assert "无法写入报告文件" in result.output
