"""Bounded regex work: a rule's regex time is a budget over the whole draft, the pack has one
per draft, and a pattern too costly to compile is refused at its node."""

from __future__ import annotations

import json
import time

import pytest
import regex
import yaml
from click.testing import CliRunner
from conftest import ROOT

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


@pytest.mark.parametrize(
    ("pattern", "flags", "literals"),
    [
        ("必需(?=坚持|加强)", regex.VERSION1, ("必需",)),
        ("(?<![0-9.第])15(?=年度)", regex.VERSION1, ("15", "年度")),  # positive lookahead
        ("(?<=[二十]届)1(?=中全会)", regex.VERSION1, ("中全会", "1", "届")),
        ("(?<=党的)19(?=大|届)|19(?=大)", regex.VERSION1, ()),  # an alternation at the top
        ("ab(?:cd|ef)gh", regex.VERSION1, ("ab", "gh")),  # the group's own alternation
        ("ab?c", regex.VERSION1, ("a", "c")),  # b is optional
        ("ab*c{2}d+e", regex.VERSION1, ("a", "d", "e")),
        ("(ab){2}cd(?:ef)?", regex.VERSION1, ("cd",)),  # repeated or optional groups
        ("(?:ab)+c", regex.VERSION1, ("ab", "c")),  # at least once
        ("(?!ab)cd(?<!ef)", regex.VERSION1, ("cd",)),  # negative lookarounds
        ("[年月]度", regex.VERSION1, ("度",)),
        ("[[a-z]--[aeiou]]x", regex.VERSION1, ("x",)),  # a nested set of VERSION1
        (r"\u4e00年\x41bc\p{Han}d", regex.VERSION1, ("d", "年")),  # escapes take no literal
        (r"a\d{1,3}b", regex.VERSION1, ("a", "b")),
        ("(?P<n>第)(?<m>二)", regex.VERSION1, ("二", "第")),
        ("(?:ab){e<=1}c", regex.VERSION1, ("c",)),  # fuzzy: the group may differ
        ("abc", regex.VERSION1 | regex.IGNORECASE, ()),  # case-insensitive
        ("(?i)abc", regex.VERSION1, ()),  # inline flags
        ("a b", regex.VERSION1 | regex.VERBOSE, ()),
        ("abc", 0, ()),  # VERSION0
        (r"\Qa|b\E", regex.VERSION1, ()),
        ("(?(1)ab|cd)", regex.VERSION1, ()),
        ("a{b}", regex.VERSION1, ()),  # a brace that is no quantifier
    ],
)
def test_literals_every_match_contains(pattern, flags, literals):
    assert lint.regexes.required_literals(pattern, flags) == literals


def shipped_patterns() -> list:
    """Every regex of the shipped packs' words, typo and patterns rules."""
    found = []
    for pack in Registry().all_packs():
        for rule in pack.rules:
            entries = getattr(rule.options, "loaded", None) or getattr(rule.options, "entries", [])
            found += [e.pattern for e in entries if getattr(e, "pattern", None) is not None]
    return found


def test_a_pattern_that_matches_a_text_finds_its_literals_there():
    # Soundness of the skip on the shipped patterns: over the samples, the fixtures and the
    # patterns' own dictionary examples, wherever a pattern matches, may_match says it may.
    texts = [p.read_text("utf-8") for p in (ROOT / "samples").glob("*.txt")]
    texts += [p.read_text("utf-8") for p in (ROOT / "tests/fixtures/drafts").rglob("*.txt")]
    for name in ("numbers.yaml", "typos.yaml"):
        data = yaml.safe_load((ROOT / "rules/dictionaries" / name).read_text("utf-8"))
        texts += [e["example"] for e in data["entries"] if "example" in e]
    patterns = shipped_patterns()
    assert sum(bool(lint.regexes.required_literals(*lint.regexes.identity(p))) for p in patterns)
    matched = 0
    for pattern in patterns:
        for text in texts:
            compiled = pattern.compiled() if hasattr(pattern, "compiled") else pattern
            if compiled.search(text):
                matched += 1
                assert lint.regexes.may_match(pattern, text), (pattern, text[:40])
    assert matched > 20


def test_a_pattern_whose_literal_is_absent_is_neither_compiled_nor_run():
    lazy = lint.regexes.LazyPattern("必需(?=坚持)", regex.VERSION1)
    assert list(lint.regexes.finditer(lazy, "必须坚持", "规则“x”的")) == []
    assert lazy._compiled is None
    assert [m.span() for m in lint.regexes.finditer(lazy, "必需坚持", "规则“x”的")] == [(0, 2)]
