"""The patterns kind: phrases that must not appear — leftovers, placeholders, outdated wording."""

from __future__ import annotations

import pytest
from helpers import (
    RULE_DRAFT,
    check_sample,
    draft,
    example_failures,
    lint_text,
    rule_error,
    rule_pack,
    rules_and_lines,
    run_rule,
    shipped_rules,
    span,
)

from lint.linter import Linter, lint
from lint.model import Source


def test_placeholders_and_artifacts():
    text = draft().replace("全年只学了3次", "全年只学了x次，由XX负责##paidbegin##", 1)
    assert [
        (f.rule, f.line, text.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1])
        for f in lint_text(text, "placeholder", "artifact")
    ] == [
        ("placeholder", 4, "x次"),
        ("placeholder", 4, "XX"),
        ("artifact", 4, "##paidbegin##"),
    ]


def test_latin_words_are_not_placeholders():
    assert lint_text(draft().replace("3次", "XBRL系统3次"), "placeholder") == []


def test_markdown_residue_only_in_plain_text():
    text = draft().replace("一、存在的问题", "**一、存在的问题**")
    assert rules_and_lines(lint_text(text, "markdown-residue")) == [("markdown-residue", 2)] * 2
    assert lint_text(text, "markdown-residue", fmt="md") == []


def year_pack(tmp_path, year: int):
    pack = tmp_path / f"year-{year}.yaml"
    pack.write_text(
        f"id: year-{year}\ntitle: 测试年度\nprofile: true\nyear: {year}\n"
        "extends: [wugedaitou-2021]\n",
        encoding="utf-8",
    )
    return [pack]


def test_outdated_wording_is_reported_for_later_years(tmp_path):
    name = "defect-term-outdated.txt"
    findings = check_sample(
        name, "term-outdated", profile="year-2023", packs=year_pack(tmp_path, 2023)
    )
    assert rules_and_lines(findings) == [("term-outdated", 3), ("term-outdated", 13)]
    assert [span(name, f) for f in findings] == [
        "十九大和十九届历次全会精神",
        "统筹疫情防控和经济社会发展",
    ]
    assert "二十大" in findings[0].message


def test_the_shipped_2023_profile_flags_the_same_wording():
    findings = check_sample("defect-term-outdated.txt", "term-outdated", profile="zhutijiaoyu-2023")
    assert rules_and_lines(findings) == [("term-outdated", 3), ("term-outdated", 13)]


def test_planning_period_wording_only_from_2025(tmp_path):
    name = "defect-term-outdated.txt"
    findings = check_sample(
        name, "term-outdated", profile="year-2025", packs=year_pack(tmp_path, 2025)
    )
    assert [span(name, f) for f in findings if f.line == 37] == ["对照“十四五”规划"]


def test_2021_profile_does_not_flag_wording_current_in_2021():
    assert check_sample("defect-term-outdated.txt", "term-outdated") == []


def test_corpus_2021_drafts_mention_the_epidemic_and_19th_congress_without_findings(corpus):
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert "疫情" in text or "十九" in text
        result = Linter(select={"term-outdated"}).check_path(str(path))
        assert result.profile.year == 2021
        assert result.findings == []


def test_year_from_the_title_when_the_profile_has_none():
    text = "2023年度民主生活会对照检查材料\n\n一、存在的问题\n一是疫情防控常态化工作不够扎实。"
    assert rules_and_lines(lint_text(text, "term-outdated", profile="generic")) == [
        ("term-outdated", 4)
    ]
    assert lint_text(text.replace("2023年度", ""), "term-outdated", profile="generic") == []


TERMS = """\
- id: t
  kind: patterns
  message: “{match}”：{hint}
  patterns:
    - pattern: '任务重'
      since: 2023
      hint: 新提法
    - pattern: '人手少'
      until: 2022
"""


def test_entries_apply_from_their_year(tmp_path):
    assert run_rule(tmp_path, TERMS, header="year: 2023\n") == [(6, "任务重"), (9, "任务重")]
    assert run_rule(tmp_path, TERMS, header="year: 2022\n") == [(8, "人手少")]


def test_entries_need_a_year(tmp_path):
    assert run_rule(tmp_path, TERMS) == []  # no year in the profile, and no year_from


def test_year_from_reads_the_title(tmp_path):
    rule = TERMS + "  year_from: '(20\\d\\d)年度'\n"
    assert run_rule(tmp_path, rule) == [(6, "任务重"), (9, "任务重")]


def test_hint_fills_the_message(tmp_path):
    registry = rule_pack(tmp_path, TERMS, "year: 2024\n")
    profile = registry.context(registry.find("mine"))
    result = lint(Source("d.txt", RULE_DRAFT), profile, [r for r in profile.rules if r.id == "t"])
    assert result.findings[0].message == "“任务重”：新提法"


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("    - pattern: 'x'\n      colour: red\n", "未知的键“colour”"),
        ("    - since: 2023\n", "必须有 pattern"),
        ("    - pattern: 'x'\n      since: '2023'\n", "since 应为年份"),
        ("    - pattern: 'x'\n      hint: [1]\n", "hint 应为字符串"),
    ],
)
def test_pattern_entries_are_validated(tmp_path, entry, words):
    rule = "- id: t\n  kind: patterns\n  message: m\n  patterns:\n" + entry
    assert words in rule_error(tmp_path, rule)


def test_year_from_needs_a_group(tmp_path):
    assert "year_from 必须含有一个分组" in rule_error(tmp_path, TERMS + "  year_from: '年度'\n")


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("patterns"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
