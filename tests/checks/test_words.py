"""The words kind: misused words and stand-ins, with their corrections; its fast matcher finds
exactly what the plain alternation finds."""

from __future__ import annotations

import random

import pytest
import regex
from helpers import draft, example_failures, lint_text, shipped_rules

from lint.checks.words import Entry, Matcher
from lint.model import Rule


def test_typo_with_fix():
    findings = lint_text(draft().replace("学习不够", "厉害关系看得重", 1), "typo")
    assert [(f.line, f.column, f.end_column, f.fix.replacement) for f in findings] == [
        (4, 3, 7, "利害关系")
    ]
    assert lint_text(draft().replace("学习不够", "利害关系看得重"), "typo") == []


def test_pinyin_inside_a_latin_word_is_not_a_stand_in():
    assert lint_text(draft().replace("3次", "3次（Xdangshix）"), "pinyin-substitute") == []


WORDS = ["dang", "dangshi", "dangzuzhi", "mzshh", "厉害关系", "厉害", "必需品", "xjp", "党史"]


def reference(words: list[str], text: str) -> list[tuple[int, int, str]]:
    """One alternation, longest first, Latin words not inside longer Latin words."""

    def literal(word: str) -> str:
        body = regex.escape(word)
        if word[0].isascii() and word[0].isalpha():
            body = r"(?<![A-Za-z])" + body
        if word[-1].isascii() and word[-1].isalpha():
            body += r"(?![A-Za-z])"
        return body

    pattern = regex.compile("|".join(literal(w) for w in sorted(words, key=len, reverse=True)))
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def found(text: str, words: list[str] = WORDS) -> list[tuple[int, int, str]]:
    matcher = Matcher([Entry(w, ("x",)) for w in words])
    rule = Rule("typo", "words", "warning", "", None)
    return [(start, end, entry.wrong) for start, end, entry in matcher.hits(text, rule)]


def test_edges():
    assert found("学习dangshi") == [(2, 9, "dangshi")]
    assert found("xdangshi dang") == [(9, 13, "dang")]  # not inside a longer Latin word
    assert found("厉害关系厉害") == [(0, 4, "厉害关系"), (4, 6, "厉害")]
    assert found("dangzuzh") == []  # the end of the text is not a shorter word
    assert found("mzshh。") == [(0, 5, "mzshh")]


def test_same_hits_as_one_alternation():
    rng = random.Random(7)
    pieces = [*WORDS, "a", "x", "Z", " ", "的", "，", "关系", "shi", "品"]
    with_single = [*WORDS, "的", "x"]  # one-character words take the other path
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert found(text) == reference(WORDS, text), text
        assert found(text, with_single) == reference(with_single, text), text


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("words"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []


def test_a_shortened_year_gets_its_own_full_year_as_the_fix():
    text = "一、存在的问题\n15年度和21年度的材料，2021年度，第21年度，31年度。\n"
    found = [(f.column, f.fix.replacement) for f in lint_text(text, "number-usage")]
    assert found == [(1, "2015"), (6, "2021")]


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        ("pattern: '(1[5-9])(?=年度)'\n    right: '20\\2'", "引用 pattern 中的分组"),
        ("pattern: '1[5-9](?=年度)'\n    right: '20\\1'", "引用 pattern 中的分组"),
        ("pattern: '(1[5-9])(?=年度)'\n    right: '20\\g<1>'", "引用 pattern 中的分组"),
        ("right: '20\\1'", "只能用于 pattern 词条"),
    ],
)
def test_a_correction_naming_a_group_the_pattern_lacks_is_refused(tmp_path, entry, error):
    from lint.model import PackError
    from lint.packs.registry import Registry

    (tmp_path / "years.yaml").write_text(
        f"entries:\n  - wrong: 15年度\n    {entry}\n", encoding="utf-8"
    )
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "id: mine\ntitle: 我的\nrules:\n  - id: t\n    kind: words\n    message: 改\n"
        "    dictionary: years.yaml\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=error):
        Registry([pack]).validate(pack)
