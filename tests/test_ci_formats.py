"""CI formats: machine formats keep stdout for their format alone; SARIF rule help."""

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


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab"])
def test_machine_formats_print_only_their_format(fmt):
    result = run("--format", fmt, FIXABLE)
    assert "检查了" not in result.stdout and "--fix" not in result.stdout
    assert "检查了 1 个文件" in result.stderr
    if fmt != "github":
        json.loads(result.stdout)
    else:
        assert all(line.startswith("::") for line in result.stdout.splitlines())


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
