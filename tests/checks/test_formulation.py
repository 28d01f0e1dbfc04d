"""The formulation kind: key official formulations quoted in full, in order, with their verbs.

The matcher and its data file are tested in tests/language/test_formulation_engine.py; here
the shipped rule runs its examples, those of the pack and those of the data file."""

from __future__ import annotations

import pytest
from helpers import example_failures, shipped_rules


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("formulation"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
