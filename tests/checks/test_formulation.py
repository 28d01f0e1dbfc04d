"""The formulation kind: key official formulations quoted in full, in order, with their verbs.

The matcher and its data file are tested in tests/language/test_formulation_engine.py; here
the shipped rule runs its examples, those of the pack and those of the data file."""

from __future__ import annotations

import pytest
from helpers import example_failures, shipped_rules


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("formulation"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []


def test_a_huge_text_is_not_compared_and_says_so(monkeypatch):
    from helpers import lint_text

    from lint.checks import formulation

    monkeypatch.setattr(formulation, "MAX_CHARS", 20)
    findings = lint_text("一、存在的问题\n我们要增强“四个意思”，坚定“四个自信”。\n", "formulation")
    assert [(f.rule, f.severity, f.line) for f in findings] == [("formulation", "info", 1)]
    assert "未核对重要提法" in findings[0].message
