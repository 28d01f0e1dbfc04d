"""Pack validation: every mistake in a pack is an error at the right file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write

from lint.model import PackError
from lint.packs.registry import SHIPPED, Registry

RULE = """\
  - id: leftover
    kind: patterns
    severity: error
    message: 残留“{match}”
    patterns: ['##paid']
"""


def error_of(path: Path, *extra: Path) -> PackError:
    with pytest.raises(PackError) as info:
        Registry([path, *extra]).validate(path)
    return info.value


def test_a_valid_pack_loads(tmp_path):
    path = write(tmp_path, "mine.yaml", "id: mine\ntitle: 我的\nrules:\n" + RULE)
    profile = Registry([path]).validate(path)
    assert [r.id for r in profile.rules] == ["leftover"]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("id: mine\ntitle: 我的\ncolour: red\nrules:\n" + RULE, 3, 1, "未知的键“colour”"),
        ("id: mine\ntitle: 我的\nrules:\n" + RULE + "    colour: red\n", 9, 5, "未知的键“colour”"),
        ("id: mine\ntitle: 我的\ntitle: 又一个\nrules:\n" + RULE, 3, 1, "重复的键“title”"),
        ("id: mine\ntitle: 我的\nrules:\n" + RULE + "    severity: info\n", 9, 5, "重复的键"),
        ("id: mine\ntitle: 我的\nprofile: 是\nrules:\n" + RULE, 3, 10, "“profile”应为布尔值"),
        ("id: mine\ntitle: 我的\nyear: [2024]\nrules:\n" + RULE, 3, 7, "“year”应为整数"),
        (
            "id: mine\ntitle: 我的\nrules:\n" + RULE.replace("patterns\n", "regexes\n"),
            5,
            11,
            "未知的检查类型“regexes”",
        ),
        ("id: mine\ntitle: 我的\nrules:\n" + RULE.replace("error\n", "fatal\n"), 6, 15, "severity"),
        ("id: mine\ntitle: 我的\nrules: []\n", 3, 8, "rules 是空列表"),
        ("id: mine\ntitle: 我的\nrules:\n", 3, 7, "rules 是空列表"),
        ("id: mine\ntitle: 我的\n", 1, 1, "没有任何规则"),
        ("id: mine\ntitle: 我的\ndetect: [主题]\nrules:\n" + RULE, 3, 1, "detect 只对规则集"),
        (
            "id: mine\ntitle: 我的\nrules:\n" + RULE + RULE,
            9,
            9,
            "规则 id“leftover”重复（第 4 行已有）",
        ),
        ("id: mine\ntitle: 我的\nrules:\n  - kind: patterns\n", 4, 5, "规则缺少“id”"),
        (
            "id: mine\ntitle: 我的\nrules:\n" + RULE.replace("    message: 残留“{match}”\n", ""),
            4,
            5,
            "缺少 message",
        ),
        ("id: mine\ntitle: [我的]\nrules:\n" + RULE, 2, 8, "“title”应为字符串"),
        ("id: mine\nrules:\n" + RULE, 1, 1, "缺少必需的键“title”"),
        ("- id: mine\n", 1, 1, "顶层必须是映射"),
        ("id: mine\ntitle: 我的\nrules: {a: 1}\n", 3, 8, "“rules”应为列表"),
        ("id: mine\ntitle: 我的\nrules:\n  - 一条规则\n", 4, 5, "每一项都应为映射"),
        ("id: mine\ntitle: 'unterminated\n", 3, 1, "YAML 语法错误"),
        ("", 1, 1, "规则包是空的"),
    ],
)
def test_mistakes_are_errors_at_their_node(tmp_path, text, line, column, words):
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert words in error.message
    assert (error.line, error.column) == (line, column), error
    assert str(error).startswith(f"{tmp_path / 'mine.yaml'}:{line}:{column}: ")


def test_a_bad_regex_in_a_list_points_at_that_item(tmp_path):
    rule = RULE.replace("patterns: ['##paid']", "patterns:\n      - '##paid'\n      - '(unclosed'")
    error = error_of(write(tmp_path, "mine.yaml", "id: mine\ntitle: 我的\nrules:\n" + rule))
    assert "正则表达式“(unclosed”无法编译" in error.message
    assert (error.line, error.column) == (10, 9)


def test_a_bad_section_match_points_at_that_item(tmp_path):
    text = """\
        id: mine
        title: 我的
        profile: true
        sections:
          - id: problems
            title: 存在的问题
            match: ['问题', '[差距']
        rules:
          - id: section-missing
            kind: sections
            sections: [problems]
            message: 缺少{section}
        """
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "[差距" in error.message and (error.line, error.column) == (7, 19)


def test_options_of_a_kind_are_checked(tmp_path):
    rule = RULE + "    formats: [pdf]\n"
    error = error_of(write(tmp_path, "mine.yaml", "id: mine\ntitle: 我的\nrules:\n" + rule))
    assert "formats" in error.message and error.line == 9


def test_a_missing_dictionary_is_an_error(tmp_path):
    text = """\
        id: mine
        title: 我的
        rules:
          - id: typo
            kind: words
            message: 用词有误
            dictionary: nowhere.yaml
        """
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "词典文件不存在" in error.message and error.line == 7


# -- extends ------------------------------------------------------------------------------


def test_extends_a_missing_pack_points_at_the_entry(tmp_path):
    text = "id: mine\ntitle: 我的\nextends:\n  - common\n  - nosuchpack\nrules:\n" + RULE
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "“nosuchpack”不存在" in error.message and "generic" in error.message
    assert (error.line, error.column) == (5, 5)


def test_extends_cycle_points_at_the_entry_that_closes_it(tmp_path):
    a = write(tmp_path, "a.yaml", "id: a\ntitle: A\nextends: [b]\nrules:\n" + RULE)
    b = write(tmp_path, "b.yaml", "id: b\ntitle: B\n\nextends: [common, a]\n")
    error = error_of(a)
    assert "extends 出现循环：a → b → a" in error.message
    assert (error.path, error.line, error.column) == (str(b.resolve()), 4, 19)


def test_extends_itself_is_a_cycle(tmp_path):
    error = error_of(write(tmp_path, "a.yaml", "id: a\ntitle: A\nextends: a\nrules:\n" + RULE))
    assert "a → a" in error.message and (error.line, error.column) == (3, 10)


def test_a_pack_found_by_id_must_be_named_after_it(tmp_path):
    write(tmp_path, "base.yaml", "id: other\ntitle: B\nrules:\n" + RULE)
    error = error_of(write(tmp_path, "a.yaml", "id: a\ntitle: A\nextends: [base]\n"))
    assert "与文件名“base.yaml”不一致" in error.message and error.line == 1


def test_a_pack_that_only_extends_has_the_parents_rules(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\ntitle: A\nextends: [common]\n")
    assert "placeholder" in {r.id for r in Registry([path]).validate(path).rules}


# -- references that could never match ----------------------------------------------------

PROFILE = """\
id: mine
title: 我的
profile: true
extends: [generic]
leads:
  - id: study
    name: 理论学习方面
    section: problems
rules:
  - id: lead-missing
    kind: leads
    section: {section}
    message: 缺少{{lead}}
"""


def test_a_rule_naming_an_undeclared_section(tmp_path):
    error = error_of(write(tmp_path, "mine.yaml", PROFILE.format(section="findings")))
    assert "未声明的部分“findings”" in error.message and (error.line, error.column) == (12, 14)


def test_a_leads_rule_without_leads_in_its_section_can_never_match(tmp_path):
    error = error_of(write(tmp_path, "mine.yaml", PROFILE.format(section="measures")))
    assert "永远不会触发" in error.message and error.line == 12


def test_a_lead_naming_an_undeclared_section(tmp_path):
    text = PROFILE.format(section="problems").replace("section: problems", "section: nowhere", 1)
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "lead“study”引用了未声明的部分“nowhere”" in error.message and error.line == 6


def test_a_profile_that_declares_nothing_is_checked(tmp_path):
    assert Registry().validate(SHIPPED / "generic.yaml").id == "generic"
    path = write(tmp_path, "mine.yaml", PROFILE.format(section="problems"))
    assert [lead.id for lead in Registry([path]).validate(path).leads] == ["study"]


# -- examples -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("examples", "line", "words"),
    [
        ("    examples: [a]\n", 9, "examples 应为映射"),
        ("    examples:\n      bda: [a]\n", 10, "未知的键“bda”"),
        ("    examples:\n      bad: a\n", 10, "examples.bad 应为列表"),
        ("    examples:\n      bad:\n        - {text: a, line: 3}\n", 11, "line 应在 1 到 1 之间"),
        ("    examples:\n      bad:\n        - {text: a, lines: 1}\n", 11, "未知的键“lines”"),
        ("    examples:\n      bad:\n        - {line: 1}\n", 11, "缺少必需的键“text”"),
        ("    examples:\n      bad:\n        - ''\n", 11, "示例文本不能为空"),
        ("    examples:\n      good:\n        - {text: a, line: 1}\n", 11, "不能指定 line"),
        ("    examples:\n      good:\n        - [a]\n", 11, "每一项应为字符串"),
    ],
)
def test_examples_are_validated(tmp_path, examples, line, words):
    text = "id: mine\ntitle: 我的\nrules:\n" + RULE + examples
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert words in error.message and error.line == line, error


def test_examples_with_lines_are_read(tmp_path):
    examples = '    examples:\n      bad:\n        - 甲\n        - {text: "乙\\n##paid", line: 2}\n'
    path = write(tmp_path, "mine.yaml", "id: mine\ntitle: 我的\nrules:\n" + RULE + examples)
    (rule,) = Registry([path]).validate(path).rules
    assert [(e.text, e.line, e.loc.line) for e in rule.examples.bad] == [
        ("甲", None, 11),
        ("乙\n##paid", 2, 12),
    ]


def test_an_unreadable_pack_is_an_error(tmp_path):
    error = error_of(tmp_path / "absent.yaml")
    assert error.message == "文件不存在"
    (tmp_path / "gbk.yaml").write_bytes("id: 党\n".encode("gbk"))
    assert "UTF-8" in error_of(tmp_path / "gbk.yaml").message


def test_every_shipped_pack_is_valid():
    registry = Registry()
    for path in sorted(SHIPPED.glob("*.yaml")):
        assert registry.validate(path).rules, path


# -- regex time limit ---------------------------------------------------------------------


SLOW = "(a+)+$"
SLOW_RULES = {
    "patterns": RULE.replace("['##paid']", f"['{SLOW}']"),
    "year_from": RULE + f"    year_from: '({SLOW})'\n",
    "items": f"  - {{id: leftover, kind: items, section: problems, require: ['{SLOW}'], message: 慢}}\n",
    "words": "  - id: leftover\n    kind: words\n    message: 慢\n    dictionary: slow-words.yaml\n",
}


@pytest.mark.parametrize("where", [*SLOW_RULES, "section"])
def test_a_catastrophic_regex_stops_with_an_error_naming_it(tmp_path, monkeypatch, where):
    """Every regex a pack gives runs under the time limit: a clear error, exit 2, no hang."""
    from click.testing import CliRunner

    import lint.regexes
    from lint.cli import main

    monkeypatch.setattr(lint.regexes, "REGEX_TIMEOUT", 0.2)
    rule = SLOW_RULES.get(where, RULE)
    text = "id: slow\ntitle: 慢\nprofile: true\nextends: [generic]\nrules:\n" + rule
    write(tmp_path, "slow-words.yaml", f"entries:\n  - {{wrong: a, right: b, pattern: '{SLOW}'}}\n")
    if where == "section":  # generic's sections, with a slow match for problems
        sections = [
            f"  - {{id: {i}, title: {i}, match: ['{m}']}}"
            for i, m in [
                ("previous", "上次"),
                ("problems", SLOW),
                ("causes", "原因"),
                ("measures", "措施"),
            ]
        ]
        text = text.replace("rules:", "sections:\n" + "\n".join(sections) + "\nrules:")
    pack = write(tmp_path, "slow.yaml", text)
    draft = tmp_path / "draft.txt"
    slow_line = "a" * 5000 + "b"
    draft.write_text(
        f"{slow_line}\n\n一、存在的问题\n一是{slow_line}\n二、{slow_line}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        ["check", "--rules", str(pack), "--profile", "slow", "--format", "concise", str(draft)],
    )
    assert result.exit_code == 2
    named = (
        "规则“leftover”的正则表达式" if where != "section" else "部分“problems”的 match 正则表达式"
    )
    assert named in result.stdout and "灾难性回溯" in result.stdout


def test_pairing_needs_leads_that_say_what_answers_them(tmp_path):
    pairing = (
        "  - id: measure-uncovered\n    kind: pairing\n    section: problems\n"
        "    answers: {answers}\n    message: 缺措施\n"
    )
    text = PROFILE.format(section="problems") + pairing.format(answers="measures")
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "带 measure_keywords 的 lead" in error.message and error.line == 16
    text = text.replace(
        "    section: problems\nrules:",
        "    section: problems\n    measure_keywords: [学习]\nrules:",
    )
    assert Registry([tmp_path / "mine.yaml"]).validate(write(tmp_path, "mine.yaml", text))
    text = text.replace("answers: measures", "answers: remedies")
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "未声明的部分“remedies”" in error.message and error.line == 18


def test_detect_also_needs_detect_and_a_profile(tmp_path):
    text = "id: mine\ntitle: 我的\nprofile: true\nextends: [generic]\ndetect_also: [个人]\n"
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "detect_also 要与 detect 一起使用" in error.message and error.line == 5


def test_a_words_rule_without_entries_is_an_error(tmp_path):
    text = "id: mine\ntitle: 我的\nrules:\n  - id: typo\n    kind: words\n    message: 错\n"
    error = error_of(write(tmp_path, "mine.yaml", text))
    assert "没有任何词条" in error.message and error.line == 4
    (tmp_path / "empty.yaml").write_text("entries: []\n", encoding="utf-8")
    error = error_of(write(tmp_path, "mine.yaml", text + "    dictionary: empty.yaml\n"))
    assert "没有任何词条" in error.message and error.line == 7
