"""The items kind: what each item of a section must (or must not) contain — examples in the
problems, concrete measures, subjective causes, no achievements posing as problems."""

from __future__ import annotations

import pytest
from helpers import (
    LEADS,
    check_sample,
    draft,
    example_failures,
    line_text,
    lint_text,
    rule_error,
    rules_and_lines,
    run_rule,
    shipped_rules,
    span,
)

from lint.checks.draft import assign_roles
from lint.linter import Linter
from lint.outline import parse
from lint.source import read


def test_item_with_example_passes_and_without_fails():
    assert lint_text(draft(), "example-missing") == []
    vague = draft(item="一是学习不够深入。满足于读文件。")
    assert rules_and_lines(lint_text(vague, "example-missing")) == [
        ("example-missing", 4 + 2 * i) for i in range(5)
    ]


def test_inline_items_are_checked_one_by_one():
    leads = [LEADS[0] + "：一是学习不够。比如只学了3次。二是运用不够。满足于传达。", *LEADS[1:]]
    findings = lint_text(draft(leads=leads), "example-missing")
    assert len(findings) == 1
    assert findings[0].message.startswith("问题“运用不够”")


def test_vague_measures_are_reported_at_their_heading():
    findings = check_sample("defect-measure-vague.txt", "measure-vague")
    assert rules_and_lines(findings) == [("measure-vague", 37), ("measure-vague", 39)]
    assert span("defect-measure-vague.txt", findings[0]) == "（二）推动改革落地"
    assert "完成时限" in findings[0].message and "推动改革落地" in findings[0].message


@pytest.mark.parametrize(
    "measure",
    [
        "（一）加强学习。6月底前完成专题培训。",  # deadline
        "（一）加强学习。学习计划由办公室牵头制定。",  # owner
        "（一）加强学习。全年撰写心得不少于4篇。",  # measurable target
        "（一）加强学习。每季度开展一次研讨。",  # rhythm
    ],
)
def test_a_deadline_an_owner_or_a_figure_is_enough(measure):
    text = f"一、存在的问题\n一是学习不够，比如笔记少。\n二、原因剖析\n一是思想放松。\n三、整改措施\n{measure}"
    assert lint_text(text, "measure-vague", profile="generic") == []


def test_words_that_only_look_like_an_owner_or_a_figure_do_not_count():
    measure = "（一）以高度负责的精神抓好落实，以上率下，两个维护落到实处。"
    text = f"一、存在的问题\n一是学习不够，比如笔记少。\n二、原因剖析\n一是思想放松。\n三、整改措施\n{measure}"
    assert rules_and_lines(lint_text(text, "measure-vague", profile="generic")) == [
        ("measure-vague", 6)
    ]


def test_objective_cause_is_reported_at_the_circumstance_it_blames():
    findings = check_sample("defect-cause-objective.txt", "cause-objective")
    assert rules_and_lines(findings) == [("cause-objective", 31)]
    assert span("defect-cause-objective.txt", findings[0]) == "客观上"
    # Line 29 also names 任务重, but traces it back to 思想: a subjective cause.
    assert "任务重" in line_text("defect-cause-objective.txt", 29)


@pytest.mark.parametrize(
    "cause",
    [
        "（一）由于平时工作任务繁重，学习时间难以保证。",
        "（一）受客观条件限制，调研开展得不多。",
        "（一）上级检查频繁，疲于应付，下基层少。",
    ],
)
def test_causes_that_only_blame_circumstances(cause):
    text = f"一、存在的问题\n一是学习不够，比如笔记少。\n二、原因剖析\n{cause}\n三、整改措施\n（一）每月学习一次。"
    assert rules_and_lines(lint_text(text, "cause-objective", profile="generic")) == [
        ("cause-objective", 4)
    ]


def test_achievement_posing_as_a_problem():
    findings = check_sample("defect-achievement.txt", "problem-as-achievement")
    assert rules_and_lines(findings) == [("problem-as-achievement", 16)]
    assert span("defect-achievement.txt", findings[0]) == "能够"
    # Line 8 says 能够 too, but goes on to the shortcoming (不充分).
    assert "能够" in line_text("defect-achievement.txt", 8)


def test_cannot_is_not_an_achievement():
    text = "一、存在的问题\n一是学习不深。不能够用理论指导实践，比如今年只写了1篇体会。"
    assert lint_text(text, "problem-as-achievement", profile="generic") == []


# Problem items per corpus draft, and how many lack a case (read and judged one by one).
CORPUS_ITEMS = {"000": (11, 8), "001": (14, 3), "002": (15, 10)}


def corpus_items(path):
    """The problem items of a corpus draft, and the example-missing findings on it."""
    result = Linter(select={"example-missing"}).check_path(str(path))
    source = read(str(path))
    outline = parse(source.text)
    assign_roles(outline, result.profile.sections)
    items = list(outline.section("problems").leaves())
    return source, items, result.findings


def test_corpus_example_missing_counts(corpus):
    counts = {}
    for path in sorted(corpus.glob("*.txt")):
        _, items, findings = corpus_items(path)
        counts[path.name[:3]] = (len(items), len(findings))
    assert counts == CORPUS_ITEMS


def test_corpus_items_with_an_example_marker_are_never_flagged(corpus):
    checked = 0
    for path in sorted(corpus.glob("*.txt")):
        source, items, findings = corpus_items(path)
        flagged = {(f.line, f.column) for f in findings}
        for item in items:
            body = source.text[item.start : item.end]
            if "比如" in body or "例如" in body:
                checked += 1
                assert source.position(item.marker[0]) not in flagged, body[:30]
    assert checked >= 15


def test_flagged_corpus_items_have_neither_marker_nor_figure(corpus):
    for path in sorted(corpus.glob("*.txt")):
        source, items, findings = corpus_items(path)
        at = {source.position(item.marker[0]): item for item in items}
        for finding in findings:
            item = at[(finding.line, finding.column)]
            body = source.text[item.start : item.end]
            assert not any(m in body for m in ("比如", "例如", "譬如", "如，")), body[:30]
            assert not any(ch.isdigit() for ch in body), body[:30]


ITEMS = """\
- id: t
  kind: items
  message: m
  section: {section}
  unit: {unit}
"""


def test_items_require_reports_the_unit_heading(tmp_path):
    rule = ITEMS.format(section="problems", unit="leaf") + "  require: ['比如']\n"
    assert run_rule(tmp_path, rule) == [(6, "二是调研不够")]


def test_items_forbid_reports_the_match_unless_excused(tmp_path):
    rule = ITEMS.format(section="causes", unit="top") + (
        "  forbid: ['客观上', '任务重']\n  unless: ['思想']\n"
    )
    assert run_rule(tmp_path, rule) == [(8, "客观上")]


def test_items_top_unit_is_the_section_own_items(tmp_path):
    rule = ITEMS.format(section="problems", unit="top") + "  forbid: ['客观上']\n"
    assert run_rule(tmp_path, rule) == [(6, "客观上")]  # found inside the lead (一)


def test_items_both_require_and_forbid(tmp_path):
    rule = ITEMS.format(section="problems", unit="leaf") + (
        "  require: ['比如']\n  forbid: ['能够']\n"
    )
    assert run_rule(tmp_path, rule) == [(5, "能够"), (6, "二是调研不够")]


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("", "require 和 forbid 至少给出一个"),
        ("  require: ['比如']\n  unless: ['思想']\n", "unless 只能与 forbid 一起使用"),
        ("  forbid: ['(']\n", "无法编译"),
    ],
)
def test_items_options_are_validated(tmp_path, extra, words):
    assert words in rule_error(tmp_path, ITEMS.format(section="problems", unit="leaf") + extra)


def test_items_unit_is_validated(tmp_path):
    rule = ITEMS.format(section="problems", unit="paragraph") + "  require: ['比如']\n"
    assert "unit 应为 leaf / top" in rule_error(tmp_path, rule)


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("items"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []
