"""The numbering kind: heading and item numbers run in sequence and use the right style."""

from __future__ import annotations

import pytest
from helpers import (
    LEADS,
    check_sample,
    draft,
    example_failures,
    line_text,
    lint_text,
    rule_error,
    rules_and_lines,
    run_rule,
    shipped_rules,
    span,
)


def numbered(*markers: str) -> list[str]:
    """The five leads with these numbers in place of （一）…（五）."""
    return [marker + lead[3:] for marker, lead in zip(markers, LEADS, strict=True)]


def test_numbering_in_sequence_passes():
    assert lint_text(draft(), "numbering-sequence") == []


def test_numbering_skip_repeat_and_style():
    leads = numbered("（一）", "（二）", "（四）", "（五）", "（五）、")
    findings = lint_text(draft(leads=leads), "numbering-sequence")
    assert [(f.line, f.message) for f in findings] == [
        (7, "编号“（四）”有误：编号跳号，应为“（三）”"),
        (9, "编号“（五）”有误：编号跳号，应为“（四）”"),
        (11, "编号“（五）、”有误：编号格式应为“（五）”，而不是“（五）、”"),
    ]


def test_numbering_is_checked_by_position_so_one_fix_pass_renumbers_a_run():
    leads = numbered("（一）", "（二）", "（四）", "（五）", "（六）")
    findings = lint_text(draft(leads=leads), "numbering-sequence")
    assert [(f.line, f.fix.replacement) for f in findings] == [
        (7, "（三）"),
        (9, "（四）"),
        (11, "（五）"),
    ]


def test_chinese_numerals_for_long_runs_read_back():
    from lint.source.numerals import cn_number, cn_numeral

    assert [cn_numeral(n) for n in (10, 11, 21, 101, 112, 999)] == [
        "十",
        "十一",
        "二十一",
        "一百零一",
        "一百一十二",
        "九百九十九",
    ]
    assert all(cn_number(cn_numeral(n)) == n for n in range(1, 1000))


def test_numbering_style_findings():
    name = "defect-numbering-style.txt"
    findings = check_sample(name, "numbering-sequence")
    assert [(f.line, span(name, f)) for f in findings] == [
        (7, "以下四个方面"),  # five leads follow
        (14, "1、"),
        (15, "2、"),
        (18, "（1）"),  # （三） straight to （1）: the 1. level is skipped
        (23, "二有"),
        (40, "（三）、"),
    ]
    fixes = {f.line: f.fix.replacement for f in findings if f.fix}
    assert fixes == {14: "1.", 15: "2.", 23: "二是", 40: "（三）"}
    assert "下文实际列出5个" in findings[0].message


def test_matching_count_and_flat_lists_in_causes_are_fine():
    name = "defect-numbering-style.txt"
    lines = {f.line for f in check_sample(name, "numbering-sequence")}
    assert "两个方面" in line_text(name, 9) and 9 not in lines
    assert line_text(name, 31).startswith("1.") and 31 not in lines  # 二、 → 1. in causes


def test_flat_list_directly_under_the_problems_heading_skips_a_level():
    text = "一、存在的问题\n1.学习不够，比如笔记少。\n2.作风不实，比如调研少。"
    assert rules_and_lines(lint_text(text, "numbering-sequence", profile="generic")) == [
        ("numbering-sequence", 2)
    ]


def test_ordinal_enumerators_are_fine():
    text = "一、存在的问题\n第一，学习不够，比如笔记少。第二，作风不实，比如调研少。"
    assert lint_text(text, "numbering-sequence", profile="generic") == []


def test_declared_count_of_all_problems_over_the_leads_is_fine():
    text = (
        "一、存在的问题\n对照要求，查摆出三个问题：\n（一）学习方面\n一是笔记少，比如只写了2篇。\n"
        "二是研讨少，比如只开了1次。\n（二）调研方面\n一是调研少，比如只去了2个村。"
    )
    assert lint_text(text, "numbering-sequence", profile="generic") == []
    four = text.replace("三个问题", "四个问题")
    assert rules_and_lines(lint_text(four, "numbering-sequence", profile="generic")) == [
        ("numbering-sequence", 2)
    ]


def test_count_needs_a_named_group(tmp_path):
    rule = "- id: t\n  kind: numbering\n  message: m\n  count: '以下[一二三]个方面'\n"
    assert "(?P<n>" in rule_error(tmp_path, rule)


def test_levels_are_checked_only_when_asked(tmp_path):
    text = "一、存在的问题\n1.学习不够。\n2.调研不够。"
    rule = "- id: t\n  kind: numbering\n  message: '{detail}'\n"
    assert run_rule(tmp_path, rule, text) == []
    assert run_rule(tmp_path, rule + "  levels: true\n", text) == [(2, "1.")]
    flat = rule + "  levels: true\n  flat_in: [problems]\n"
    assert run_rule(tmp_path, flat, text) == []


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("numbering"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
