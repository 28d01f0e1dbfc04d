"""The checks a reviewer cares about: examples, measures, causes, achievements, pairing,
outdated wording, numbering style and repeated text — on samples, texts and the corpus."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from helpers import lint_text, rules_and_lines

from lint.checks.draft import assign_roles
from lint.linter import Linter
from lint.outline import parse
from lint.source import read

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


def check(name: str, *rules: str, profile: str = "auto", packs=None) -> list:
    linter = Linter(profile, extra_packs=packs, select=set(rules) or SUBSTANCE)
    return linter.check_path(str(SAMPLES / name)).findings


def line_text(name: str, line: int) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8").split("\n")[line - 1]


def span(name: str, finding) -> str:
    assert finding.line == finding.end_line
    return line_text(name, finding.line)[finding.column - 1 : finding.end_column - 1]


# -- compliant drafts -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["good-team-2021.txt", "good-personal-2021.md"])
def test_compliant_samples_are_clean_under_every_substance_check(name):
    assert check(name) == []


# -- measure-vague --------------------------------------------------------------------


def test_vague_measures_are_reported_at_their_heading():
    findings = check("defect-measure-vague.txt", "measure-vague")
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


# -- cause-objective ------------------------------------------------------------------


def test_objective_cause_is_reported_at_the_circumstance_it_blames():
    findings = check("defect-cause-objective.txt", "cause-objective")
    assert rules_and_lines(findings) == [("cause-objective", 31)]
    assert span("defect-cause-objective.txt", findings[0]) == "客观上"
    # Line 29 also names 任务重, but traces it back to 思想: a subjective cause.
    assert "任务重" in line_text("defect-cause-objective.txt", 29)


# -- problem-as-achievement -----------------------------------------------------------


def test_achievement_posing_as_a_problem():
    findings = check("defect-achievement.txt", "problem-as-achievement")
    assert rules_and_lines(findings) == [("problem-as-achievement", 16)]
    assert span("defect-achievement.txt", findings[0]) == "能够"
    # Line 8 says 能够 too, but goes on to the shortcoming (不充分).
    assert "能够" in line_text("defect-achievement.txt", 8)


def test_cannot_is_not_an_achievement():
    text = "一、存在的问题\n一是学习不深。不能够用理论指导实践，比如今年只写了1篇体会。"
    assert lint_text(text, "problem-as-achievement", profile="generic") == []


# -- measure-uncovered ----------------------------------------------------------------


def test_lead_without_a_measure_is_reported_at_its_heading():
    findings = check("defect-measure-uncovered.txt", "measure-uncovered")
    assert rules_and_lines(findings) == [("measure-uncovered", 19)]
    assert span("defect-measure-uncovered.txt", findings[0]).startswith("在带头学习运用")
    assert "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验" in findings[0].message


def test_measure_answers_a_lead_by_repeating_the_problem_it_fixes():
    text = (
        "一、存在的问题\n（一）在带头践行以人民为中心的发展思想方面\n"
        "一是调处不力。比如，林权纠纷积案还有6件。\n二、原因剖析\n一是思想放松。\n"
        "三、整改措施\n（一）年底前办结林权纠纷积案。"
    )
    assert lint_text(text, "measure-uncovered") == []
    unanswered = text.replace("年底前办结林权纠纷积案", "年底前完成道路硬化")
    assert rules_and_lines(lint_text(unanswered, "measure-uncovered")) == [("measure-uncovered", 2)]


def test_absent_lead_is_left_to_lead_missing():
    text = "一、存在的问题\n（一）在带头践行以人民为中心的发展思想方面\n一是调研少，比如只去了2个村。\n二、原因剖析\n一是思想放松。\n三、整改措施\n（一）每月走访群众一次。"
    assert lint_text(text, "measure-uncovered") == []


# -- term-outdated --------------------------------------------------------------------


def year_pack(tmp_path, year: int):
    pack = tmp_path / f"year-{year}.yaml"
    pack.write_text(
        f"id: year-{year}\ntitle: 测试年度\nprofile: true\nyear: {year}\n"
        "extends: [wugedaitou-2021]\n",
        encoding="utf-8",
    )
    return [pack]


def test_outdated_wording_is_reported_for_later_years(tmp_path):
    name = "defect-term-outdated.txt"
    findings = check(name, "term-outdated", profile="year-2023", packs=year_pack(tmp_path, 2023))
    assert rules_and_lines(findings) == [("term-outdated", 3), ("term-outdated", 13)]
    assert [span(name, f) for f in findings] == [
        "十九大和十九届历次全会精神",
        "统筹疫情防控和经济社会发展",
    ]
    assert "二十大" in findings[0].message


def test_the_shipped_2023_profile_flags_the_same_wording():
    findings = check("defect-term-outdated.txt", "term-outdated", profile="zhutijiaoyu-2023")
    assert rules_and_lines(findings) == [("term-outdated", 3), ("term-outdated", 13)]


def test_planning_period_wording_only_from_2025(tmp_path):
    name = "defect-term-outdated.txt"
    findings = check(name, "term-outdated", profile="year-2025", packs=year_pack(tmp_path, 2025))
    assert [span(name, f) for f in findings if f.line == 37] == ["对照“十四五”规划"]


def test_2021_profile_does_not_flag_wording_current_in_2021():
    assert check("defect-term-outdated.txt", "term-outdated") == []


def test_corpus_2021_drafts_mention_the_epidemic_and_19th_congress_without_findings(corpus):
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert "疫情" in text or "十九" in text
        result = Linter(select={"term-outdated"}).check_path(str(path))
        assert result.profile.year == 2021
        assert result.findings == []


def test_year_from_the_title_when_the_profile_has_none():
    text = "2023年度民主生活会对照检查材料\n\n一、存在的问题\n一是疫情防控常态化工作不够扎实。"
    assert rules_and_lines(lint_text(text, "term-outdated", profile="generic")) == [
        ("term-outdated", 4)
    ]
    assert lint_text(text.replace("2023年度", ""), "term-outdated", profile="generic") == []


# -- numbering-sequence ---------------------------------------------------------------


def test_numbering_style_findings():
    name = "defect-numbering-style.txt"
    findings = check(name, "numbering-sequence")
    assert [(f.line, span(name, f)) for f in findings] == [
        (7, "以下四个方面"),  # five leads follow
        (14, "1、"),
        (15, "2、"),
        (18, "（1）"),  # （三） straight to （1）: the 1. level is skipped
        (23, "二有"),
        (40, "（三）、"),
    ]
    fixes = {f.line: f.fix.replacement for f in findings if f.fix}
    assert fixes == {14: "1.", 15: "2.", 23: "二是", 40: "（三）"}
    assert "下文实际列出5个" in findings[0].message


def test_matching_count_and_flat_lists_in_causes_are_fine():
    name = "defect-numbering-style.txt"
    lines = {f.line for f in check(name, "numbering-sequence")}
    assert "两个方面" in line_text(name, 9) and 9 not in lines
    assert line_text(name, 31).startswith("1.") and 31 not in lines  # 二、 → 1. in causes


def test_flat_list_directly_under_the_problems_heading_skips_a_level():
    text = "一、存在的问题\n1.学习不够，比如笔记少。\n2.作风不实，比如调研少。"
    assert rules_and_lines(lint_text(text, "numbering-sequence", profile="generic")) == [
        ("numbering-sequence", 2)
    ]


def test_ordinal_enumerators_are_fine():
    text = "一、存在的问题\n第一，学习不够，比如笔记少。第二，作风不实，比如调研少。"
    assert lint_text(text, "numbering-sequence", profile="generic") == []


# -- duplicate-text -------------------------------------------------------------------


def test_repeated_sentence_and_paragraph():
    name = "defect-duplicate.txt"
    findings = check(name, "duplicate-text")
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


# -- example-missing on the corpus ----------------------------------------------------

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


def test_lead_headings_repeated_in_the_measures_are_not_repetition():
    lead = "（一）在带头践行以人民为中心的发展思想方面"
    text = (
        f"一、存在的问题\n{lead}\n一是调研少，比如只去了2个村。\n二、原因剖析\n一是思想放松。\n"
        f"三、整改措施\n{lead}\n一是每月走访群众一次。"
    )
    assert lint_text(text, "duplicate-text") == []


def test_declared_count_of_all_problems_over_the_leads_is_fine():
    text = (
        "一、存在的问题\n对照要求，查摆出三个问题：\n（一）学习方面\n一是笔记少，比如只写了2篇。\n"
        "二是研讨少，比如只开了1次。\n（二）调研方面\n一是调研少，比如只去了2个村。"
    )
    assert lint_text(text, "numbering-sequence", profile="generic") == []
    four = text.replace("三个问题", "四个问题")
    assert rules_and_lines(lint_text(four, "numbering-sequence", profile="generic")) == [
        ("numbering-sequence", 2)
    ]


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
