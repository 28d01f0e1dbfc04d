"""The check kinds behind the substance rules: their options, validated on load, and their
behaviour on small texts with rules written here (not the shipped ones)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lint.linter import lint
from lint.model import PackError, Source
from lint.packs.registry import Registry

DRAFT = """\
2023年度民主生活会对照检查材料

一、存在的问题
（一）学习方面
一是学习不够。能够参加学习，比如今年学了3次。
二是调研不够。客观上任务重。
二、原因剖析
（一）客观上人手少。
（二）任务重，但根子在思想上。
三、整改措施
（一）加强学习。
（二）每月调研一次。
"""


def pack(tmp_path: Path, rule: str, header: str = "") -> Registry:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\ntitle: 测试\nprofile: true\nextends: [generic]\n"
        + header
        + "rules:\n"
        + textwrap.indent(textwrap.dedent(rule), "  "),
        encoding="utf-8",
    )
    return Registry([path])


def run(tmp_path: Path, rule: str, text: str = DRAFT, header: str = "") -> list[tuple[int, str]]:
    """(line, reported text) of the rule ``mine`` alone on ``text``."""
    registry = pack(tmp_path, rule, header)
    profile = registry.context(registry.find("mine"))
    result = lint(Source("draft.txt", text), profile, [r for r in profile.rules if r.id == "t"])
    lines = text.split("\n")
    return [
        (f.line, lines[f.line - 1][f.column - 1 : f.end_column - 1])
        for f in result.findings
        if f.line == f.end_line
    ]


def error(tmp_path: Path, rule: str) -> str:
    with pytest.raises(PackError) as info:
        registry = pack(tmp_path, rule)
        registry.context(registry.find("mine"))
    return str(info.value)


# -- items ----------------------------------------------------------------------------

ITEMS = """\
- id: t
  kind: items
  message: m
  section: {section}
  unit: {unit}
"""


def test_items_require_reports_the_unit_heading(tmp_path):
    rule = ITEMS.format(section="problems", unit="leaf") + "  require: ['比如']\n"
    assert run(tmp_path, rule) == [(6, "二是调研不够")]


def test_items_forbid_reports_the_match_unless_excused(tmp_path):
    rule = ITEMS.format(section="causes", unit="top") + (
        "  forbid: ['客观上', '任务重']\n  unless: ['思想']\n"
    )
    assert run(tmp_path, rule) == [(8, "客观上")]


def test_items_top_unit_is_the_section_own_items(tmp_path):
    rule = ITEMS.format(section="problems", unit="top") + "  forbid: ['客观上']\n"
    assert run(tmp_path, rule) == [(6, "客观上")]  # found inside the lead (一)


def test_items_both_require_and_forbid(tmp_path):
    rule = ITEMS.format(section="problems", unit="leaf") + (
        "  require: ['比如']\n  forbid: ['能够']\n"
    )
    assert run(tmp_path, rule) == [(5, "能够"), (6, "二是调研不够")]


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("", "require 和 forbid 至少给出一个"),
        ("  require: ['比如']\n  unless: ['思想']\n", "unless 只能与 forbid 一起使用"),
        ("  forbid: ['(']\n", "无法编译"),
    ],
)
def test_items_options_are_validated(tmp_path, extra, words):
    assert words in error(tmp_path, ITEMS.format(section="problems", unit="leaf") + extra)


def test_items_unit_is_validated(tmp_path):
    rule = ITEMS.format(section="problems", unit="paragraph") + "  require: ['比如']\n"
    assert "unit 应为 leaf / top" in error(tmp_path, rule)


# -- patterns with year-bound entries --------------------------------------------------

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
    assert run(tmp_path, TERMS, header="year: 2023\n") == [(6, "任务重"), (9, "任务重")]
    assert run(tmp_path, TERMS, header="year: 2022\n") == [(8, "人手少")]


def test_entries_need_a_year(tmp_path):
    assert run(tmp_path, TERMS) == []  # no year in the profile, and no year_from


def test_year_from_reads_the_title(tmp_path):
    rule = TERMS + "  year_from: '(20\\d\\d)年度'\n"
    assert run(tmp_path, rule) == [(6, "任务重"), (9, "任务重")]


def test_hint_fills_the_message(tmp_path):
    registry = pack(tmp_path, TERMS, "year: 2024\n")
    profile = registry.context(registry.find("mine"))
    result = lint(Source("d.txt", DRAFT), profile, [r for r in profile.rules if r.id == "t"])
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
    assert words in error(tmp_path, rule)


def test_year_from_needs_a_group(tmp_path):
    assert "year_from 必须含有一个分组" in error(tmp_path, TERMS + "  year_from: '年度'\n")


# -- numbering ------------------------------------------------------------------------


def test_count_needs_a_named_group(tmp_path):
    rule = "- id: t\n  kind: numbering\n  message: m\n  count: '以下[一二三]个方面'\n"
    assert "(?P<n>" in error(tmp_path, rule)


def test_levels_are_checked_only_when_asked(tmp_path):
    text = "一、存在的问题\n1.学习不够。\n2.调研不够。"
    rule = "- id: t\n  kind: numbering\n  message: '{detail}'\n"
    assert run(tmp_path, rule, text) == []
    assert run(tmp_path, rule + "  levels: true\n", text) == [(2, "1.")]
    flat = rule + "  levels: true\n  flat_in: [problems]\n"
    assert run(tmp_path, flat, text) == []


# -- pairing --------------------------------------------------------------------------

LEADS = """\
leads:
  - id: study
    name: 学习方面
    keywords: [学习方面]
    measure_keywords: [学习]
  - id: visits
    name: 调研方面
    keywords: [调研方面]
"""


def pairing(tmp_path: Path, text: str, shared: int = 4) -> list[tuple[int, str]]:
    rule = f"- id: t\n  kind: pairing\n  message: m\n  shared: {shared}\n"
    return run(tmp_path, rule, text, header=LEADS)


PAIRED = """\
一、存在的问题
（一）学习方面
一是笔记少，比如只写了2篇。
（二）调研方面
一是调研少，比如只去了2个村。
二、原因剖析
（一）思想放松。
三、整改措施
（一）{measure}
"""


def test_pairing_by_keyword_and_leads_without_measure_keywords_are_not_judged(tmp_path):
    assert pairing(tmp_path, PAIRED.format(measure="每月学习一次。")) == []
    assert pairing(tmp_path, PAIRED.format(measure="每月开会一次。")) == [(2, "学习方面")]


def test_pairing_by_shared_words_can_be_switched_off(tmp_path):
    text = PAIRED.format(measure="笔记每月检查。")  # shares 笔记 (2 characters)
    assert pairing(tmp_path, text, shared=2) == []
    assert pairing(tmp_path, text, shared=0) == [(2, "学习方面")]


def test_pairing_shared_is_validated(tmp_path):
    rule = "- id: t\n  kind: pairing\n  message: m\n  shared: -1\n"
    assert "shared 应为 0 或正整数" in error(tmp_path, rule)


# -- repetition -----------------------------------------------------------------------


def test_repetition_ignores_numbering_and_punctuation(tmp_path):
    text = "一、存在的问题\n一是学习不够深入，满足于读读文件。\n二是学习不够深入 满足于读读文件！"
    rule = "- id: t\n  kind: repetition\n  message: m\n  min_chars: 10\n"
    assert run(tmp_path, rule, text) == [(3, text.split("\n")[2])]
    assert run(tmp_path, rule.replace("10", "20"), text) == []


def test_repetition_min_chars_is_validated(tmp_path):
    rule = "- id: t\n  kind: repetition\n  message: m\n  min_chars: 0\n"
    assert "min_chars 应为正整数" in error(tmp_path, rule)
