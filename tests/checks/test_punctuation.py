"""The punctuation kind: full-width, not doubled, paired punctuation."""

from __future__ import annotations

import pytest
from helpers import draft, example_failures, lint_text, rules_and_lines, shipped_rules


def test_punctuation_clean_text_passes():
    assert lint_text(draft(), "punct-duplicate", "punct-halfwidth", "punct-unpaired") == []


def test_halfwidth_marks_in_chinese_text_get_fullwidth_fixes():
    text = draft().replace("比如，", "比如,").replace("“两个确立”", '"两个确立"')
    findings = lint_text(text, "punct-halfwidth")
    assert [(f.line, f.fix.replacement) for f in findings] == [(3, "“两个确立”")] + [
        (4 + 2 * i, "，") for i in range(5)
    ]


def test_halfwidth_marks_between_digits_and_latin_are_fine():
    assert (
        lint_text(
            draft().replace("3次", "3次，10:30开始，见 https://example.org/a,b"), "punct-halfwidth"
        )
        == []
    )


def test_doubled_and_unpaired_marks():
    text = draft().replace("比如，", "比如，，").replace("“两个确立”", "“两个确立")
    assert rules_and_lines(lint_text(text, "punct-duplicate", "punct-unpaired")) == [
        ("punct-unpaired", 3)
    ] + [("punct-duplicate", 4 + 2 * i) for i in range(5)]


def test_ellipsis_and_dashes_are_not_doubled_marks():
    assert lint_text(draft().replace("3次", "3次……还有——差距"), "punct-duplicate") == []


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("punctuation"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
