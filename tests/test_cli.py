"""The command line: formats, exit status, selection, stdin, bad files among good ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from helpers import run

from lint.cli import main


def test_clean_draft_exits_zero():
    result = run("check", "--format", "concise", str(SAMPLES / "good-team-2021.txt"))
    assert result.exit_code == 0
    assert "未发现问题" in result.output
    assert "wugedaitou-2021" in result.output


def test_check_is_the_default_command():
    assert run(str(SAMPLES / "defect-typos.txt")).exit_code == 1


def test_select_and_ignore():
    path = str(SAMPLES / "defect-leftovers.txt")
    selected = json.loads(run("--format", "json", "--select", "artifact", path).stdout)
    assert {f["rule"] for f in selected} == {"artifact"}
    ignored = json.loads(
        run("--format", "json", "--ignore", "placeholder,pinyin-substitute", path).stdout
    )
    assert {f["rule"] for f in ignored} == {"artifact"}


def test_warnings_fail_only_with_strict():
    path = str(SAMPLES / "defect-examples.txt")  # warnings only
    assert run(path).exit_code == 0
    assert run("--strict", path).exit_code == 1
    assert run("--exit-zero", str(SAMPLES / "defect-typos.txt")).exit_code == 0


def test_stdin():
    text = (SAMPLES / "defect-typos.txt").read_text(encoding="utf-8")
    result = run("--format", "concise", "-", input=text)
    assert result.exit_code == 1
    assert result.output.startswith("-:11:7: error typo")


def test_folder_is_checked_in_path_order_and_a_bad_file_does_not_stop_the_rest(tmp_path):
    (tmp_path / "b.txt").write_text(
        (SAMPLES / "defect-typos.txt").read_text(encoding="utf-8"), encoding="gb18030"
    )
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = run("--format", "concise", str(tmp_path))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == f"{tmp_path / 'a.txt'}:1:1: error input-error 这是PNG 图片，不是文本文稿"
    assert [line.split(": ")[1] for line in lines[1:3]] == [
        "error typo 用词有误：“厉害关系”应为“利害关系”",
        "error typo 用词有误：“红线意线”应为“红线意识”",
    ]
    # a PDF is not skipped in silence: it is reported (README.md is never a draft)
    assert f"{tmp_path / 'notes.pdf'}:1:1: error input-error PDF 文件无法检查" in result.output
    assert "检查了 3 个文件" in lines[-2]
    assert lines[-1] == "其中 2 处可用 --fix 自动修正"


def test_unknown_profile_lists_the_known_ones():
    result = CliRunner().invoke(main, ["--profile", "nope", str(SAMPLES / "good-team-2021.txt")])
    assert result.exit_code == 2
    assert "未知的规则集“nope”" in result.output and "wugedaitou-2021" in result.output


def test_generic_profile_is_named_when_no_theme_is_detected():
    result = run("--format", "concise", str(SAMPLES / "generic-no-theme.txt"))
    assert "generic" in result.output


def test_missing_path_is_an_input_error():
    result = run("--format", "concise", "no-such-draft.txt")
    assert result.exit_code == 2
    assert "no-such-draft.txt:1:1: error input-error 路径不存在" in result.output


def test_python_dash_m():
    proc = subprocess.run(
        [sys.executable, "-m", "lint", "--format", "concise", str(SAMPLES / "good-team-2021.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "未发现问题" in proc.stdout


# The real drafts: what the core linter must find, and must not.


@pytest.fixture(scope="module")
def corpus_findings(request) -> dict[str, list[dict]]:
    corpus = request.getfixturevalue("corpus")
    output = run("--format", "json", str(corpus)).stdout
    by_file: dict[str, list[dict]] = {}
    for f in json.loads(output):
        by_file.setdefault(f["path"].rsplit("/", 1)[-1][:3], []).append(f)
    return by_file


def _texts(findings, rule):
    return [f["message"] for f in findings if f["rule"] == rule]


def test_corpus_leftovers_in_000(corpus_findings):
    found = corpus_findings["000"]
    placeholders = _texts(found, "placeholder")
    assert any("“xx”" in m for m in placeholders) and any("“x次”" in m for m in placeholders)
    pinyin = _texts(found, "pinyin-substitute")
    assert any("dangshi" in m for m in pinyin) and any("mzshh" in m for m in pinyin)


def test_corpus_halfwidth_colon_in_001(corpus_findings):
    colon = [
        f
        for f in corpus_findings["001"]
        if f["rule"] == "punct-halfwidth" and f["fix"]["replacement"] == "："
    ]
    assert [(f["line"]) for f in colon] == [15]


def test_corpus_misused_words_in_002(corpus_findings):
    typos = _texts(corpus_findings["002"], "typo")
    assert any("厉害关系" in m for m in typos) and any("红线意线" in m for m in typos)


def test_corpus_structure_is_complete(corpus_findings):
    for found in corpus_findings.values():
        assert not {f["rule"] for f in found} & {
            "section-missing",
            "section-order",
            "lead-missing",
            "lead-order",
        }


# -- The command line speaks Chinese ------------------------------------------------------------


def test_help_and_click_errors_are_in_chinese():
    helped = CliRunner().invoke(main, ["check", "--help"])
    assert "用法：" in helped.output and "选项" in helped.output
    assert "Show this message" not in helped.output and "显示本帮助并退出" in helped.output
    unknown = CliRunner().invoke(main, ["check", "--bogus"])
    assert unknown.exit_code == 2 and "无此选项：--bogus" in unknown.stderr
    choice = CliRunner().invoke(main, ["check", "--format", "xml", "x.txt"])
    assert choice.exit_code == 2 and "的值无效" in choice.stderr


COMMANDS = [
    ["check"], ["annotate"], ["clean"], ["profiles"], ["init"], ["lsp"], ["serve"],
    ["rules"], ["rules", "list"], ["rules", "show"], ["rules", "validate"], ["rules", "test"],
    ["pack"], ["pack", "new"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_help_is_in_chinese_with_its_columns_aligned(command):
    """No click default in English ([OPTIONS], COMMAND, TEXT, INTEGER RANGE …), and the
    descriptions start at one column although values such as 整数 are two columns wide."""
    from lint.cli.chinese import display_width

    helped = CliRunner().invoke(main, [*command, "--help"])
    assert helped.exit_code == 0, helped.output
    usage, *lines = helped.output.splitlines()
    options = [m for m in (re.match(r"  -\S.*?\S  +(?=\S)", line) for line in lines) if m]
    for shown in (usage, *(m.group(0) for m in options)):
        assert not re.search(r"[A-Z]{3,}", shown), shown  # a click default in English
    assert len({display_width(m.group(0)) for m in options}) <= 1  # one column


def test_a_mistyped_command_is_suggested_not_taken_as_a_path():
    result = CliRunner().invoke(main, ["chek", "x.txt"])
    assert result.exit_code == 2
    assert "您是否想输入 check？" in result.stderr
    # a word that looks like a file is still a path (reported as missing, not as a command)
    missing = CliRunner().invoke(main, ["chek.txt"])
    assert "路径不存在" in missing.output and "您是否想输入" not in missing.output


def test_summary_names_the_profile_by_title_and_counts_fixes():
    result = run("--format", "concise", str(SAMPLES / "fixable-team-2021.txt"))
    assert "2021年度党史学习教育专题民主生活会" in result.stdout
    assert "（wugedaitou-2021）×1" in result.stdout
    assert re.search(r"其中 \d+ 处可用 --fix 自动修正", result.stdout.splitlines()[-1])


def test_min_severity_hides_lower_findings():
    path = str(SAMPLES / "fixable-team-2021.txt")
    every = {f["severity"] for f in json.loads(run("--format", "json", path).stdout)}
    assert {"error", "warning"} <= every
    errors = json.loads(run("--format", "json", "--min-severity", "error", path).stdout)
    assert errors and {f["severity"] for f in errors} == {"error"}
