"""The repetition kind: a paragraph or sentence repeated within the draft."""

from __future__ import annotations

import pytest
from helpers import (
    check_sample,
    example_failures,
    line_text,
    lint_text,
    rule_error,
    rules_and_lines,
    run_rule,
    shipped_rules,
    span,
)

from lint.linter import Linter


def test_repeated_sentence_and_paragraph():
    name = "defect-duplicate.txt"
    findings = check_sample(name, "duplicate-text")
    assert rules_and_lines(findings) == [("duplicate-text", 17), ("duplicate-text", 33)]
    assert span(name, findings[0]).startswith("比如，今年中心组学习")
    assert "第 8 行" in findings[0].message and "句子" in findings[0].message
    assert span(name, findings[1]) == line_text(name, 33)  # the whole paragraph, once
    assert "第 30 行" in findings[1].message and "段落" in findings[1].message


def test_short_set_phrases_are_not_repetition():
    text = "一、存在的问题\n一是学习不够。还有差距。\n二是作风不实。还有差距。"
    assert lint_text(text, "duplicate-text", profile="generic") == []


def test_corpus_has_no_repeated_text(corpus):
    for path in sorted(corpus.glob("*.txt")):
        assert Linter(select={"duplicate-text"}).check_path(str(path)).findings == []


def test_lead_headings_repeated_in_the_measures_are_not_repetition():
    lead = "（一）在带头践行以人民为中心的发展思想方面"
    text = (
        f"一、存在的问题\n{lead}\n一是调研少，比如只去了2个村。\n二、原因剖析\n一是思想放松。\n"
        f"三、整改措施\n{lead}\n一是每月走访群众一次。"
    )
    assert lint_text(text, "duplicate-text") == []


def test_repetition_ignores_numbering_and_punctuation(tmp_path):
    text = "一、存在的问题\n一是学习不够深入，满足于读读文件。\n二是学习不够深入 满足于读读文件！"
    rule = "- id: t\n  kind: repetition\n  message: m\n  min_chars: 10\n"
    assert run_rule(tmp_path, rule, text) == [(3, text.split("\n")[2])]
    assert run_rule(tmp_path, rule.replace("10", "20"), text) == []


def test_repetition_min_chars_is_validated(tmp_path):
    rule = "- id: t\n  kind: repetition\n  message: m\n  min_chars: 0\n"
    assert "min_chars 应为正整数" in rule_error(tmp_path, rule)


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("repetition"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
