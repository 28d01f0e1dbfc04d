"""One pass over the text for the literal rules (lint.checks.scan) and the derived text that
profile detection and the checks share: the findings are those of each rule on its own."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest
import regex
from helpers import CORPUS, SAMPLES, lint_text, rule_pack

from lint import regexes, source
from lint.checks import scan
from lint.checks.draft import Draft
from lint.checks.words import Entry, Matcher
from lint.linter import Linter, lint
from lint.model import Source
from lint.outline import parse

# The kinds whose work is now shared: the literal pass, and lead matching with detection.
SHARED_KINDS = ("words", "typo", "leads", "pairing")


def drafts() -> list[Path]:
    found = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md"))
    return found + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])


def keyed(findings) -> list[tuple]:
    return [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.message, f.fix) for f in findings
    ]


@pytest.mark.parametrize("path", drafts(), ids=lambda p: p.name)
def test_each_rule_alone_finds_what_the_shared_pass_finds(path):
    """Every rule of the chosen profile, run alone on a fresh outline (its own literal scan,
    no work shared with detection), finds what it finds in the full run."""
    linter = Linter()
    src = source.read(str(path))
    outline = parse(src.text, src.headings)
    choice = linter.choose(src, outline)  # detection fills the outline's shared memo
    rules = linter.rules(choice.profile)
    together = lint(src, choice.profile, rules, outline, max_findings=None).findings
    checked = [r for r in rules if r.kind in SHARED_KINDS]
    assert {r.kind for r in checked} >= {"words", "typo"}
    for rule in checked:
        alone = lint(src, choice.profile, [rule], parse(src.text, src.headings), max_findings=None)
        assert keyed(alone.findings) == keyed(f for f in together if f.rule == rule.id), rule.id


@cache
def reference_pattern(matcher: Matcher) -> regex.Pattern:
    """A matcher's literals as one alternation, longest first, Latin words not inside longer
    Latin words: what a scan of the rule on its own finds."""

    def literal(word: str) -> str:
        body = regex.escape(word)
        if word[0] in scan.LATIN:
            body = r"(?<![A-Za-z])" + body
        if word[-1] in scan.LATIN:
            body += r"(?![A-Za-z])"
        return body

    words = sorted(matcher.literals, key=len, reverse=True)
    return regex.compile("|".join(literal(w) for w in words))


@pytest.mark.parametrize("path", drafts(), ids=lambda p: p.name)
def test_the_combined_pass_finds_each_rules_own_leftmost_longest_hits(path):
    src = source.read(str(path))
    profiles = [Linter().profile_by_name(name) for name in ("generic", "wugedaitou-2021")]
    for profile in profiles:
        draft = Draft(src, parse(src.text, src.headings), profile)
        matchers = [
            r.options.matcher(profile.substitutes)
            for r in profile.rules
            if r.kind in ("words", "typo")
        ]
        assert sum(1 for m in matchers if m.literals) >= 2  # the pass combines several rules
        for matcher in matchers:
            got = [(s, e, entry.wrong) for s, e, entry in scan.literal_hits(draft, matcher)]
            pattern = reference_pattern(matcher) if matcher.literals else None
            expected = (
                [(m.start(), m.end(), m.group()) for m in pattern.finditer(src.text)]
                if pattern
                else []
            )
            assert got == expected


def matcher(*words: str) -> Matcher:
    return Matcher([Entry(w, ("对",)) for w in words])


def hits(found: list) -> list[tuple[int, int, str]]:
    return [(s, e, entry.wrong) for s, e, entry in found]


def test_hits_of_different_rules_overlap_those_of_one_rule_do_not():
    history, overlap, latin = (
        matcher("党史学习", "学习"),
        matcher("史学", "习教育"),
        matcher("dang"),
    )
    text = "党史学习教育，学习dangshi和dang"
    history_hits, overlap_hits, latin_hits = scan.LiteralPass([history, overlap, latin]).run(text)
    assert hits(history_hits) == [(0, 4, "党史学习"), (7, 9, "学习")]  # 学习 inside: no
    assert hits(overlap_hits) == [(1, 3, "史学"), (3, 6, "习教育")]  # across rules: yes
    assert hits(latin_hits) == [(17, 21, "dang")]  # not inside the longer Latin word dangshi


def test_the_combined_pass_equals_separate_passes_on_random_text():
    rng = random.Random(16)
    rules = [
        matcher("厉害关系", "厉害", "的"),
        matcher("关系", "害关", "xjp"),
        matcher("dangshi", "系厉"),
    ]
    pieces = ["厉害", "关系", "的", "害", "系", "xjp", "dang", "shi", "x", "，", " "]
    combined = scan.LiteralPass(rules)
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert combined.run(text) == [scan.LiteralPass([m]).run(text)[0] for m in rules], text


SLIP = "（一）学习方面\n一是学习不够，把厉害关系看得重，全年只学了4个意识的原文。\n"


def test_a_disabled_rule_is_not_looked_for_and_the_others_still_are():
    text = SLIP
    assert {f.rule for f in lint_text(text, "typo", "number-usage")} == {"typo", "number-usage"}
    assert {f.rule for f in lint_text(text, "number-usage")} == {"number-usage"}
    linter = Linter("wugedaitou-2021", ignore={"typo"})
    src = Source("draft.txt", text)
    outline = parse(text)
    profile = linter.profile_by_name("wugedaitou-2021")
    draft = Draft(src, outline, profile, rules=linter.rules(profile))
    typo = next(r for r in profile.rules if r.id == "typo")
    scan.literal_hits(draft, typo.options.matcher(profile.substitutes))  # asked on its own
    passed = draft.memo["literal-pass"]
    assert id(typo.options.matcher(profile.substitutes)) not in passed  # not in the shared pass
    assert {f.rule for f in linter.check_source(src).findings} >= {"number-usage"}
    assert "typo" not in {f.rule for f in linter.check_source(src).findings}


def test_an_inline_suppression_hides_one_rule_and_not_the_other():
    text = "<!-- draftlint-disable-next-line typo -->\n" + SLIP.split("\n")[1] + "\n"
    findings = lint_text(text, "typo", "number-usage")
    assert [(f.rule, f.line) for f in findings] == [("number-usage", 2)]


def test_the_regex_budget_still_stops_a_rule_whose_dictionary_pattern_backtracks(
    tmp_path, monkeypatch
):
    """The literal pass is shared; the pattern entries run under their own rule's budget: the
    slow rule stops with an error naming it, the other rules' literal findings stay."""
    monkeypatch.setattr(regexes, "REGEX_TIMEOUT", 0.2)
    (tmp_path / "slow.yaml").write_text(
        "entries:\n  - {wrong: 慢, right: 快}\n  - {wrong: a, right: b, pattern: '(?:a|aa)+c'}\n",
        encoding="utf-8",
    )
    registry = rule_pack(tmp_path, "- {id: t, kind: words, dictionary: slow.yaml, message: 慢}\n")
    profile = registry.context(registry.find("mine"))
    text = "一、存在的问题\n" + "".join(f"{n}. {'a' * 22}b。厉害关系。\n" for n in range(1, 300))
    text += "c\n"  # the literal the pattern needs is in the draft: it is run, not skipped
    rules = [r for r in profile.rules if r.id in ("t", "typo")]
    result = lint(Source("draft.txt", text), profile, rules)
    errors = [f.message for f in result.findings if f.rule == "rule-error"]
    assert len(errors) == 1 and "规则“t”的正则表达式在本文稿上累计运行超过" in errors[0]
    assert not [f for f in result.findings if f.rule == "t"]
    listed = [f for f in result.findings if f.rule == "typo" and f.fix is not None]
    assert [f.fix.replacement for f in listed] == ["利害关系"] * 299
