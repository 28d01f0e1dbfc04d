"""The sections kind: the required top-level sections exist, in order."""

from __future__ import annotations

import pytest
from helpers import draft, example_failures, lint_text, rules_and_lines, shipped_rules


def test_sections_present_and_in_order_pass():
    assert lint_text(draft(), "section-missing", "section-order") == []


def test_missing_section_points_where_it_belongs():
    findings = lint_text(draft(causes=False), "section-missing")
    assert rules_and_lines(findings) == [("section-missing", 13)]
    assert findings[0].message == "缺少“原因剖析”部分（应位于“整改措施”之前）"


def test_missing_last_section_points_at_the_end():
    text = draft(measures=False)
    findings = lint_text(text, "section-missing")
    assert rules_and_lines(findings) == [("section-missing", text.count("\n"))]


def test_sections_out_of_order():
    text = "标题\n一、整改措施\n一是改。\n二、存在的问题\n一是学习不够，比如3次。\n三、原因剖析\n一是松。\n"
    assert rules_and_lines(lint_text(text, "section-order", profile="generic")) == [
        ("section-order", 4),
        ("section-order", 6),
    ]


def test_section_roles_follow_the_head_noun():
    text = "标题\n一、存在的主要问题\n一是比如3次。\n二、产生问题的原因\n一是松。\n三、下步打算\n一是改。\n"
    assert lint_text(text, "section-missing", "section-order", profile="generic") == []


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("sections"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
