"""Every sample draft gives exactly its known findings: rule and line."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from helpers import check_sample

from lint.linter import Linter

EXPECTED = {
    "good-team-2021.txt": ("wugedaitou-2021", []),
    "good-personal-2021.md": ("wugedaitou-2021", []),
    "defect-leftovers.txt": (
        "wugedaitou-2021",
        [
            ("placeholder", 1),
            ("pinyin-substitute", 1),
            ("pinyin-substitute", 3),
            ("placeholder", 3),
            ("placeholder", 3),
            ("artifact", 14),
            ("pinyin-substitute", 19),
            ("placeholder", 31),
        ],
    ),
    "defect-structure.txt": (
        "wugedaitou-2021",
        [("lead-order", 13), ("lead-missing", 16), ("section-order", 24)],
    ),
    "defect-punctuation.txt": (
        "wugedaitou-2021",
        [
            ("punct-duplicate", 3),
            ("punct-halfwidth", 7),
            ("punct-halfwidth", 8),
            ("punct-duplicate", 8),
            ("punct-unpaired", 9),
            ("punct-unpaired", 10),
        ],
    ),
    "defect-numbering.txt": (
        "wugedaitou-2021",
        [
            ("numbering-sequence", 13),
            ("numbering-sequence", 15),
            ("numbering-sequence", 18),
            ("numbering-sequence", 20),
            ("numbering-sequence", 23),
            ("numbering-sequence", 30),
            ("numbering-sequence", 35),
        ],
    ),
    "defect-examples.txt": (
        "wugedaitou-2021",
        [("example-missing", 7), ("example-missing", 8), ("example-missing", 10)],
    ),
    "defect-typos.txt": ("wugedaitou-2021", [("typo", 11), ("typo", 20)]),
    "fixable-team-2021.txt": (
        "wugedaitou-2021",
        [
            ("pinyin-substitute", 3),
            ("placeholder", 3),
            ("punct-duplicate", 3),
            ("punct-duplicate", 8),
            ("punct-halfwidth", 8),
            ("typo", 31),
        ],
    ),
    "generic-no-theme.txt": ("generic", [("section-missing", 10)]),
    "defect-measure-vague.txt": (
        "wugedaitou-2021",
        [("measure-vague", 37), ("measure-vague", 39)],
    ),
    "defect-cause-objective.txt": ("wugedaitou-2021", [("cause-objective", 31)]),
    "defect-achievement.txt": ("wugedaitou-2021", [("problem-as-achievement", 16)]),
    "defect-measure-uncovered.txt": ("wugedaitou-2021", [("measure-uncovered", 19)]),
    # A 2021 profile: the wording outdated in later years is current here.
    "defect-term-outdated.txt": ("wugedaitou-2021", []),
    "defect-numbering-style.txt": (
        "wugedaitou-2021",
        [
            ("numbering-sequence", 7),
            ("numbering-sequence", 14),
            ("numbering-sequence", 15),
            ("numbering-sequence", 18),
            ("numbering-sequence", 23),
            ("numbering-sequence", 40),
        ],
    ),
    "defect-duplicate.txt": (
        "wugedaitou-2021",
        [("duplicate-text", 17), ("duplicate-text", 33)],
    ),
    # 2025: five leads and a 反面典型案例剖析 part between problems and causes. It writes 股室
    # (a section of a county bureau) and 卫片 (as in 卫片执法): correct terms that no lexicon
    # draftlint reads knows, kept from the typo detector by the common pack's official terms.
    "good-team-2025.txt": ("wugedaitou-2025", []),
    "defect-team-2025.txt": (
        "wugedaitou-2025",
        [("example-missing", 12), ("lead-missing", 15), ("section-order", 29)],
    ),
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_every_sample_has_expectations():
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_findings(linter, name):
    profile, expected = EXPECTED[name]
    result = linter.check_path(str(SAMPLES / name))
    assert result.profile.id == profile
    assert [(f.rule, f.line) for f in result.findings] == expected


def test_findings_carry_exact_spans(linter):
    findings = linter.check_path(str(SAMPLES / "defect-leftovers.txt")).findings
    by_rule = {(f.rule, f.line): f for f in findings}
    paid = by_rule[("artifact", 14)]
    assert (paid.column, paid.end_column) == (34, 47)  # ##paidbegin## is 13 characters
    assert paid.fix.replacement == ""
    times = [f for f in findings if f.line == 3 and f.rule == "placeholder"]
    assert [f.message for f in times] == [
        "模板占位符“x次”未替换，请填写实际内容",
        "模板占位符“××”未替换，请填写实际内容",
    ]


def test_messages_name_what_to_change(linter):
    findings = linter.check_path(str(SAMPLES / "defect-structure.txt")).findings
    messages = {f.rule: f.message for f in findings}
    assert "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验" in messages["lead-missing"]
    assert messages["section-order"] == "“原因剖析”部分应放在“整改措施”部分之前"


# The substance checks (read more closely than the rest) on the compliant samples.
SUBSTANCE = {
    "example-missing",
    "measure-vague",
    "cause-objective",
    "problem-as-achievement",
    "measure-uncovered",
    "term-outdated",
    "numbering-sequence",
    "duplicate-text",
}


@pytest.mark.parametrize("name", ["good-team-2021.txt", "good-personal-2021.md"])
def test_compliant_samples_are_clean_under_every_substance_check(name):
    assert check_sample(name, *SUBSTANCE) == []
