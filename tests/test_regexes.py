"""Bounded regex work: a rule's regex time is a budget over the whole draft, the pack has one
per draft, and a pattern too costly to compile is refused at its node."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

import lint.regexes
from lint.cli import main
from lint.linter import Linter
from lint.model import PackError
from lint.packs.registry import Registry
from lint.regexes import repeat_cost

SLOW_PER_ITEM = "(?:a|aa)+c"  # backtracks over each item's run of a's: slow, but not stuck


def profile(tmp_path, rules: str):
    text = "id: slow\ntitle: 慢\nprofile: true\nextends: [generic]\nrules:\n" + rules
    path = tmp_path / "slow.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def items_rule(rule_id: str, pattern: str) -> str:
    return (
        f"  - {{id: {rule_id}, kind: items, section: problems, require: ['{pattern}'], "
        "message: 慢}\n"
    )


def many_items(count: int, run: int = 22) -> str:
    lines = [f"{n}. {'a' * run}b。" for n in range(1, count + 1)]
    return "一、存在的问题\n" + "\n".join(lines) + "\n"


def rule_errors(result) -> list[str]:
    return [f.message for f in result.findings if f.rule == "rule-error"]


def test_a_rule_pays_for_all_its_calls_over_the_draft(tmp_path, monkeypatch):
    """Each call is far under the old per-call limit; together they exceed the rule's budget."""
    monkeypatch.setattr(lint.regexes, "REGEX_TIMEOUT", 0.3)
    pack = profile(tmp_path, items_rule("slow-rule", SLOW_PER_ITEM))
    draft = tmp_path / "draft.txt"
    draft.write_text(many_items(400), encoding="utf-8")
    one_call = time.perf_counter()
    lint.regexes.search(lint.regexes.compile_regex(SLOW_PER_ITEM, "t"), "a" * 22 + "b", "t")
    one_call = time.perf_counter() - one_call
    assert one_call < 0.3  # under the limit for one call: only the sum can stop it

    # the rule alone: the clock must not count other rules' one-off set-up (the typo
    # detector builds its lexicon on first use in a fresh cache)
    linter = Linter("slow", extra_packs=[pack], select={"slow-rule"})
    started = time.perf_counter()
    result = linter.check_path(str(draft))
    elapsed = time.perf_counter() - started
    [message] = rule_errors(result)
    assert "规则“slow-rule”的正则表达式在本文稿上累计运行超过" in message
    assert result.failed
    assert not [f for f in result.findings if f.rule == "slow-rule"]  # stopped, not half-done
    assert elapsed < 0.3 + 400 * one_call / 2  # far from running all 400 calls


def test_the_pack_budget_stops_the_draft_and_names_what_did_not_run(tmp_path, monkeypatch):
    monkeypatch.setattr(lint.regexes, "REGEX_TIMEOUT", 0.2)
    monkeypatch.setattr(lint.regexes, "PACK_BUDGET_RULES", 2)
    rules = "".join(items_rule(f"slow-{n}", SLOW_PER_ITEM) for n in (1, 2, 3))
    draft = tmp_path / "draft.txt"
    draft.write_text(many_items(400), encoding="utf-8")
    result = Linter("slow", extra_packs=[profile(tmp_path, rules)]).check_path(str(draft))
    errors = rule_errors(result)
    assert any("slow-1" in e for e in errors) and any("slow-2" in e for e in errors)
    assert any(
        e.startswith("规则集“slow”的正则表达式用时已达上限") and "slow-3" in e for e in errors
    )
    assert result.failed


def test_a_catastrophic_pattern_over_a_large_draft_stops_and_others_are_checked(tmp_path):
    """Default budgets: a 20 KB draft whose every item backtracks stops within 30 s, exit 2,
    and the other draft of the run is checked as usual."""
    pack = profile(tmp_path, items_rule("slow-rule", "(?:a|aa)+$"))
    big = tmp_path / "big.txt"
    big.write_text(many_items(700, run=26), encoding="utf-8")
    assert len(big.read_text(encoding="utf-8")) > 20_000
    other = tmp_path / "other.txt"
    other.write_text("一、存在的问题\n1. XX次会议未落实c。\n", encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--no-cache",
            "--rules",
            str(pack),
            "--profile",
            "slow",
            "--format",
            "json",
            str(big),
            str(other),
        ],
    )
    assert time.perf_counter() - started < 30
    assert result.exit_code == 2
    findings = json.loads(result.stdout)
    errors = [f for f in findings if f["rule"] == "rule-error"]
    assert [e["path"] for e in errors] == [str(big)]
    assert "slow-rule" in errors[0]["message"] and "灾难性回溯" in errors[0]["message"]
    assert {f["rule"] for f in findings if f["path"] == str(other)} >= {"placeholder"}


@pytest.mark.parametrize(
    ("pattern", "cost"),
    [
        ("abc", 0),
        (r"\d{4}年", 4),
        ("(a{10}){20}", 210),
        ("((a{10}b){10}){10}", 1110),
        ("(?:x{2,5}|y{7}){3,}", 33),
        (r"\p{Han}{2,4}", 4),
        ("[{]{3}", 3),
        (r"[[a-z]--[aeiou]]{1,9}", 9),
        ("a{3}b{4}", 7),
        ("{abc}", 0),
    ],
)
def test_repeat_cost(pattern, cost):
    assert repeat_cost(pattern) == cost


@pytest.mark.parametrize(
    "pattern", ["(a{1000}){1000}", "(?:(?:x{50}){50}){50}", "a{20000}", "x" * 10_001]
)
def test_a_pattern_too_costly_to_compile_is_a_pack_error_at_its_node(tmp_path, pattern):
    rule = (
        "  - id: leftover\n    kind: patterns\n    message: 残留\n"
        f"    patterns:\n      - '##paid'\n      - '{pattern}'\n"
    )
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\ntitle: 我的\nrules:\n" + rule, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(PackError) as info:
        Registry([path]).validate(path)
    assert time.perf_counter() - started < 1  # refused before the engine compiles it
    assert (info.value.line, info.value.column) == (9, 9)
    assert "上限" in info.value.message
