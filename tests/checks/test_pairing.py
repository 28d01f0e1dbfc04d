"""The pairing kind: every lead of the problems is answered by a measure."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    check_sample,
    example_failures,
    lint_text,
    rule_error,
    rules_and_lines,
    run_rule,
    shipped_rules,
    span,
)


def test_lead_without_a_measure_is_reported_at_its_heading():
    findings = check_sample("defect-measure-uncovered.txt", "measure-uncovered")
    assert rules_and_lines(findings) == [("measure-uncovered", 19)]
    assert span("defect-measure-uncovered.txt", findings[0]).startswith("在带头学习运用")
    assert "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验" in findings[0].message


def test_measure_answers_a_lead_by_repeating_the_problem_it_fixes():
    text = (
        "一、存在的问题\n（一）在带头践行以人民为中心的发展思想方面\n"
        "一是调处不力。比如，林权纠纷积案还有6件。\n二、原因剖析\n一是思想放松。\n"
        "三、整改措施\n（一）年底前办结林权纠纷积案。"
    )
    assert lint_text(text, "measure-uncovered") == []
    unanswered = text.replace("年底前办结林权纠纷积案", "年底前完成道路硬化")
    assert rules_and_lines(lint_text(unanswered, "measure-uncovered")) == [("measure-uncovered", 2)]


def test_absent_lead_is_left_to_lead_missing():
    text = "一、存在的问题\n（一）在带头践行以人民为中心的发展思想方面\n一是调研少，比如只去了2个村。\n二、原因剖析\n一是思想放松。\n三、整改措施\n（一）每月走访群众一次。"
    assert lint_text(text, "measure-uncovered") == []


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
    return run_rule(tmp_path, rule, text, header=LEADS)


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
    assert "shared 应为 0 或正整数" in rule_error(tmp_path, rule)


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("pairing"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
