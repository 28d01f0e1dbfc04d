"""``draftlint rules list|show|validate|test`` and ``draftlint profiles``."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from helpers import PACKS, corrupted_copy, run, write

from lint.packs.registry import SHIPPED

# -- rules test -----------------------------------------------------------------------------


def test_every_shipped_pack_passes_its_rule_tests():
    """This is how CI runs ``draftlint rules test``."""
    result = run("rules", "test")
    assert result.exit_code == 0, result.output
    packs = len(list(SHIPPED.glob("*.yaml")))
    assert re.search(rf"测试了 {packs} 个规则包、\d+ 条规则、\d+ 个示例：全部通过", result.output)


PACKS_WITH_RULES = [n for n in PACKS if "\nrules:" in (SHIPPED / n).read_text(encoding="utf-8")]


@pytest.mark.parametrize("name", PACKS_WITH_RULES)
def test_rule_tests_fail_when_examples_contradict_their_rule(tmp_path, name):
    """Swap the bad and good examples of the pack's first rule: both kinds must fail."""
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    first_rule = re.search(r"^\s+- id: (\S+)", text[text.index("\nrules:") :], re.M).group(1)
    text = re.sub(r"^(\s+)bad:", r"\1was-bad:", text, count=1, flags=re.M)
    text = re.sub(r"^(\s+)good:", r"\1bad:", text, count=1, flags=re.M)
    text = re.sub(r"^(\s+)was-bad:", r"\1good:", text, count=1, flags=re.M)
    text = re.sub(r", line: \d+\}", "}", text)  # a good example has no line to report at
    path.write_text(text, encoding="utf-8")

    result = run("rules", "test", str(path))
    assert result.exit_code == 1
    failures = re.findall(rf"^{re.escape(str(path))}:(\d+):\d+: (\S+): (\S+)", result.output, re.M)
    assert {(rule, what[:3]) for _, rule, what in failures} == {
        (first_rule, "bad"),
        (first_rule, "goo"),
    }
    assert "    | " in result.output  # the example is shown


RULE = """\
id: mine
title: 我的检查
rules:
  - id: leftover
    kind: patterns
    message: 残留“{match}”
    patterns: ['##paid']
"""


def test_a_rule_without_examples_is_reported(tmp_path):
    result = run("rules", "test", str(write(tmp_path, "mine.yaml", RULE)))
    assert result.exit_code == 1
    assert f"{tmp_path / 'mine.yaml'}:4:5: leftover: 没有 bad 示例" in result.output
    assert "leftover: 没有 good 示例" in result.output


def test_an_example_can_require_a_line(tmp_path):
    examples = """\
    examples:
      bad:
        - {text: "一、问题\\n正文##paid", line: 2}
        - {text: "一、问题##paid\\n正文", line: 2}
      good: [正文]
"""
    path = write(tmp_path, "mine.yaml", RULE + examples)
    result = run("rules", "test", str(path))
    assert result.exit_code == 1
    assert "mine.yaml:11:11: leftover: bad 示例应在第 2 行触发，实际在第 1 行" in result.output
    assert result.output.count("leftover:") == 1


def test_a_rule_of_a_plain_pack_runs_in_the_generic_sections(tmp_path):
    text = """\
        id: measures
        title: 整改措施要有时限
        rules:
          - id: measure-deadline
            kind: items
            section: measures
            require: ['\\d+月(?:底|末)?前|年底前']
            message: 整改措施“{title}”没有完成时限
            examples:
              bad: ["一、存在的问题\\n一是学习不够。\\n二、整改措施\\n一是加强学习。"]
              good: ["一、存在的问题\\n一是学习不够。\\n二、整改措施\\n一是加强学习，6月底前完成。"]
        """
    result = run("rules", "test", str(write(tmp_path, "measures.yaml", text)))
    assert result.exit_code == 0, result.output
    assert "测试了 1 个规则包、1 条规则、2 个示例：全部通过" in result.output


def test_rules_test_on_an_invalid_pack_exits_2(tmp_path):
    path, line = corrupted_copy(tmp_path, "generic.yaml", "bad-regex")
    result = run("rules", "test", str(path))
    assert result.exit_code == 2 and f"{path.resolve()}:{line}:" in result.stderr


# -- rules validate -------------------------------------------------------------------------


def test_validate_shipped_packs():
    result = run("rules", "validate")
    assert result.exit_code == 0
    assert result.output.count("有效") == len(PACKS)


@pytest.mark.parametrize("corruption", ["unknown-key", "duplicate-key", "bad-regex", "cycle"])
def test_validate_prints_the_error_at_its_line(tmp_path, corruption):
    path, line = corrupted_copy(tmp_path, "wugedaitou-2021.yaml", corruption)
    good = SHIPPED / "common.yaml"
    result = run("rules", "validate", str(good), str(path))
    assert result.exit_code == 2
    assert f"{good}: 有效" in result.output
    assert f"{path.resolve()}:{line}:" in result.output


# -- rules list / show, profiles ---------------------------------------------------------


def test_list_shows_id_kind_severity_pack_and_summary():
    result = run("rules", "list")
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("placeholder "))
    assert row.split()[:4] == ["placeholder", "patterns", "error", "common"]
    assert "占位符" in row


def test_list_of_a_profile_includes_inherited_rules_as_json():
    result = run("rules", "list", "--profile", "wugedaitou-2021", "--format", "json")
    rules = {r["id"]: r for r in json.loads(result.output)}
    assert rules["lead-missing"]["pack"] == "wugedaitou-2021"
    assert rules["section-missing"]["pack"] == "generic"
    assert rules["typo"] == {
        "id": "typo",
        "kind": "typo",  # the listed words and the typos no list names
        "severity": "error",
        "pack": "common",
        "summary": rules["typo"]["summary"],
    }


def test_list_with_an_unknown_profile_names_the_known_ones():
    result = run("rules", "list", "--profile", "nosuch")
    assert result.exit_code == 2 and "generic" in result.stderr


def test_list_includes_a_users_pack(tmp_path):
    result = run("rules", "list", "--rules", str(write(tmp_path, "mine.yaml", RULE)))
    assert any(
        line.split()[:4] == ["leftover", "patterns", "warning", "mine"]
        for line in result.output.splitlines()
    )


def test_show_explains_a_rule():
    result = run("rules", "show", "example-missing")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("# example-missing\n")
    assert "检查类型：items" in out and "generic" in out and "查摆问题要见人见事" in out
    assert "  section: problems" in out and "  unit: leaf" in out
    assert "应当报告的示例（bad）" in out and "不应报告的示例（good）" in out


def test_show_an_unknown_rule_exits_2():
    result = run("rules", "show", "no-such-rule")
    assert result.exit_code == 2 and "placeholder" in result.stderr


def test_profiles_lists_each_profile_with_what_detects_it():
    result = run("profiles")
    assert result.exit_code == 0
    out = result.output
    assert "wugedaitou-2021  2021年度党史学习教育专题民主生活会" in out
    assert "“五个带头”" in out and "要求的方面：5 个" in out
    assert "generic  " in out and "未识别出会议主题时使用" in out
    assert "common  " not in out  # not a profile


def test_validate_says_which_pack_it_was_checking_when_a_parent_is_wrong(tmp_path):
    write(
        tmp_path,
        "base.yaml",
        "id: base\ntitle: B\nrules:\n  - {id: x, kind: numbering, message: m, levels: 是}\n",
    )
    child = write(tmp_path, "child.yaml", "id: child\ntitle: C\nextends: [base]\n")
    result = run("rules", "validate", str(child))
    assert result.exit_code == 2
    assert f"{(tmp_path / 'base.yaml').resolve()}:4:" in result.output
    assert f"（校验 {child} 时发现）" in result.output
