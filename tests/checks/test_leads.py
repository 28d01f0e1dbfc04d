"""The leads kind: every required lead appears under its section, in order."""

from __future__ import annotations

import pytest
from helpers import LEADS, draft, example_failures, lint_text, rules_and_lines, shipped_rules


def test_all_leads_abbreviated_pass():
    short = [
        "（一）“两个确立”方面",
        "（二）牢记党是什么方面",
        "（三）以人民为中心方面",
        "（四）应对风险挑战方面",
        "（五）正反两方面经验方面",
    ]
    assert lint_text(draft(leads=short), "lead-missing", "lead-order") == []


def test_pinyin_stand_in_counts_for_matching():
    leads = [*LEADS[:4], "（五）在带头深刻汲取dangshi中正反两方面经验方面"]
    assert lint_text(draft(leads=leads), "lead-missing") == []
    assert rules_and_lines(lint_text(draft(leads=leads), "pinyin-substitute")) == [
        ("pinyin-substitute", 11)
    ]


def test_missing_lead_is_named():
    findings = lint_text(draft(leads=LEADS[:2] + LEADS[3:]), "lead-missing")
    assert rules_and_lines(findings) == [("lead-missing", 7)]
    assert "以人民为中心" in findings[0].message


def test_unrelated_heading_does_not_count_as_a_lead():
    leads = [*LEADS[:4], "（五）在加强机关作风建设方面"]
    assert rules_and_lines(lint_text(draft(leads=leads), "lead-missing")) == [("lead-missing", 2)]


def test_leads_out_of_order():
    leads = [LEADS[0], LEADS[2], LEADS[1], LEADS[3], LEADS[4]]
    assert rules_and_lines(lint_text(draft(leads=leads), "lead-order")) == [("lead-order", 7)]


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("leads"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
