"""Configuration files: found by walking up, merged with the command line, checked loudly."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main
from lint.model import PackError
from lint.run import config

GOOD = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
# The compliant sample with one placeholder: a "placeholder" finding on line 5.
WITH_PLACEHOLDER = GOOD.replace("一是理论学习的系统性不强", "一是XX理论学习的系统性不强", 1)
PLACEHOLDER_LINE = (
    WITH_PLACEHOLDER.split("\n").index(
        next(line for line in WITH_PLACEHOLDER.split("\n") if "XX" in line)
    )
    + 1
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    findings = json.loads(result.stdout) if result.stdout.strip().startswith("[") else []
    return result.exit_code, findings, result.stderr


def rules_at(findings: list[dict]) -> list[tuple[str, str, int]]:
    return [(Path(f["path"]).name, f["rule"], f["line"]) for f in findings]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of drafts: team/a.txt, personal/b.txt, old/c.txt, all with a placeholder."""
    for name in ("team/a.txt", "personal/b.txt", "old/c.txt"):
        write(tmp_path / name, WITH_PLACEHOLDER)
    return tmp_path


def test_without_config_every_draft_is_checked(tree):
    code, findings, _ = check(str(tree))
    assert code == 1
    assert sorted(rules_at(findings)) == [
        ("a.txt", "placeholder", PLACEHOLDER_LINE),
        ("b.txt", "placeholder", PLACEHOLDER_LINE),
        ("c.txt", "placeholder", PLACEHOLDER_LINE),
    ]


def test_config_is_found_by_walking_up_from_the_draft(tree):
    write(tree / ".draftlint.yaml", "ignore: [placeholder]\n")
    assert check(str(tree / "team" / "a.txt"))[:2] == (0, [])
    assert config.find(tree / "team") == tree / ".draftlint.yaml"


def test_the_nearest_config_wins_and_yaml_before_pyproject(tree):
    write(tree / ".draftlint.yaml", "ignore: [placeholder]\n")
    write(tree / "team" / "pyproject.toml", "[tool.draftlint]\nselect = ['typo']\n")
    write(tree / "personal" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table: skipped
    assert config.find(tree / "team") == tree / "team" / "pyproject.toml"
    assert config.find(tree / "personal") == tree / ".draftlint.yaml"
    write(tree / "team" / ".draftlint.yaml", "severity: {placeholder: info}\n")
    assert config.find(tree / "team") == tree / "team" / ".draftlint.yaml"
    code, findings, _ = check(str(tree / "team"), str(tree / "personal"))
    assert code == 0  # an info finding does not fail
    assert [(f["rule"], f["severity"]) for f in findings] == [("placeholder", "info")]


def test_pyproject_table(tree):
    write(tree / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.draftlint]\nexclude = ['old']\n")
    _, findings, _ = check(str(tree))
    assert sorted(name for name, _, _ in rules_at(findings)) == ["a.txt", "b.txt"]


def test_profile_select_and_severity_from_the_config(tree):
    write(
        tree / ".draftlint.yaml",
        """\
        profile: generic
        select: [placeholder, section-missing]
        severity:
          placeholder: warning
        """,
    )
    result = CliRunner().invoke(main, ["check", "--format", "concise", str(tree / "team")])
    assert result.exit_code == 0
    assert f"a.txt:{PLACEHOLDER_LINE}:" in result.stdout and "warning placeholder" in result.stdout
    assert "（generic）×1" in result.stdout


def test_command_line_wins(tree):
    write(tree / ".draftlint.yaml", "profile: generic\nignore: [placeholder, typo]\n")
    result = CliRunner().invoke(
        main,
        ["check", "--format", "concise", "--profile", "wugedaitou-2021", str(tree / "team")],
    )
    assert "（wugedaitou-2021）×1" in result.stdout and "placeholder" not in result.stdout
    # --select replaces the file's selection and brings back what the file ignored.
    _, findings, _ = check("--select", "placeholder", str(tree / "team"))
    assert rules_at(findings) == [("a.txt", "placeholder", PLACEHOLDER_LINE)]
    # --no-config leaves the file out altogether.
    assert check("--no-config", str(tree / "team"))[0] == 1


def test_per_file_overrides_and_exclude(tree):
    write(
        tree / ".draftlint.yaml",
        """\
        per-file:
          - files: ["personal/*.txt"]
            ignore: [placeholder]
          - files: ["team/"]
            severity: {placeholder: info}
        exclude: [old/]
        """,
    )
    code, findings, _ = check(str(tree))
    assert code == 0
    assert [(Path(f["path"]).name, f["severity"]) for f in findings] == [("a.txt", "info")]


def test_exclude_applies_to_named_files_too(tree):
    write(tree / ".draftlint.yaml", "exclude: ['*.txt']\n")
    assert check(str(tree / "team" / "a.txt"))[:2] == (0, [])


def test_extra_packs_are_relative_to_the_config(tree):
    write(
        tree / "packs" / "ours.yaml",
        """\
        id: ours
        title: 本单位要求
        rules:
          - id: no-wang
            kind: patterns
            severity: error
            message: 不要写“{match}”
            patterns: ['理论学习']
        """,
    )
    write(tree / ".draftlint.yaml", "rules: [packs/ours.yaml]\nignore: [placeholder]\n")
    code, findings, _ = check(str(tree / "team"))
    assert code == 1 and {f["rule"] for f in findings} == {"no-wang"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("profile: generic\ncolour: red\n", 2, "未知的键“colour”"),
        ("ignore: [placeholder]\nignore: [typo]\n", 2, "重复的键“ignore”"),
        ("ignore: placeholder\n", 1, "“ignore”应为字符串列表"),
        ("\nignore: [placeholdr]\n", 2, "未知的规则 id：placeholdr"),
        ("profile: wugedaitou-2022\n", 1, "未知的规则集“wugedaitou-2022”"),
        ("severity:\n  typo: fatal\n", 2, "级别应为 error / warning / info"),
        ("severity:\n  typ: info\n", 2, "未知的规则 id：typ"),
        ("ignore:\n  - typo\n  - placeholdr\n", 3, "未知的规则 id：placeholdr"),
        ("severity: {typo: info, numbering: info}\n", 1, "未知的规则 id：numbering"),
        ("rules: [nowhere.yaml]\n", 1, "规则包“nowhere.yaml”不存在"),
        ("per-file:\n  - ignore: [typo]\n", 2, "缺少必需的键“files”"),
        ("per-file:\n  - files: [a]\n    select: [typoo]\n", 3, "未知的规则 id：typoo"),
        ("- profile\n", 1, "顶层必须是映射"),
    ],
)
def test_config_errors_name_file_and_line(tree, text, line, words):
    path = write(tree / ".draftlint.yaml", text)
    with pytest.raises(PackError) as info:
        config.load(path)
    assert words in info.value.message and info.value.line == line, info.value
    code, findings, stderr = check(str(tree / "team"))
    assert code == 2 and f"{path}:{line}:" in stderr and findings == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[tool.draftlint]\nprofile = 'generic'\ncolor = 'red'\n", 3, "未知的键“color”"),
        ("[project]\nname = 'x'\n[tool.draftlint]\nignore = ['nope']\n", 4, "未知的规则 id"),
        ("[tool.draftlint]\nprofile = \n", 2, "TOML 语法错误"),
        (
            "[tool.draftlint]\n[[tool.draftlint.per-file]]\nfiles = ['a']\n"
            "[[tool.draftlint.per-file]]\nignor = ['typo']\n",
            5,
            "未知的键“ignor”",
        ),
    ],
)
def test_pyproject_errors_name_file_and_line(tree, text, line, words):
    path = write(tree / "pyproject.toml", text)
    with pytest.raises(PackError) as info:
        config.load(path)
    assert words in info.value.message and info.value.line == line, info.value


def test_a_broken_extra_pack_in_the_config_is_reported_at_its_line(tree):
    write(tree / "ours.yaml", "id: ours\ntitle: 我的\nrules: []\n")
    write(tree / ".draftlint.yaml", "rules: [ours.yaml]\n")
    code, _, stderr = check(str(tree / "team"))
    assert code == 2 and f"{(tree / 'ours.yaml').resolve()}:3:" in stderr


# -- init ---------------------------------------------------------------------------------


def test_init_writes_a_starter_that_is_a_valid_config(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0
    path = tmp_path / ".draftlint.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("#") > 10  # commented
    loaded = config.load(path)
    assert loaded.file.profile == "auto" and loaded.per_file == []
    # Every key the config knows is shown in the starter, commented or set.
    for key in ("profile:", "rules:", "select:", "ignore:", "severity:", "per-file:", "exclude:"):
        assert key in text
    again = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "已存在" in again.stderr
    assert CliRunner().invoke(main, ["init", "--force", str(tmp_path)]).exit_code == 0


def test_starter_examples_are_valid_when_uncommented(tmp_path):
    text = config.STARTER.replace("#  ", "  ").replace("# select:", "select:")
    text = text.replace("rules: []", "rules:").replace("severity: {}", "severity:")
    text = text.replace("per-file: []", "per-file:").replace("exclude: []", "exclude:")
    text = text.replace("accept: []", "accept:")
    write(tmp_path / "rules" / "our-requirements.yaml", "id: ours\ntitle: 我的\nextends: common\n")
    path = write(tmp_path / ".draftlint.yaml", text)
    loaded = config.load(path)
    assert loaded.file.select == ["section-missing", "lead-missing", "placeholder"]
    assert loaded.per_file[0].files == ["个人/*.txt"]
    assert loaded.file.exclude == ["旧稿/", "*-模板.txt"]


def test_an_unknown_rule_id_on_the_command_line_is_an_error(tree):
    code, findings, stderr = check("--ignore", "placeholdr", str(tree / "team"))
    assert code == 2 and "未知的规则 id：placeholdr" in stderr and findings == []
    assert check("--select", "placeholder,copy", str(tree / "team"))[0] == 1
