"""The formulation matcher (lint/language/formulation.py) over rules/dictionaries/formulations.yaml:
each problem class at the right offset with the right fix, correct wording never reported,
misquotes always reported, the data file's own examples, loud validation, speed."""

from __future__ import annotations

import copy
import subprocess
import sys
import timeit

import pytest
import yaml
from conftest import ROOT, SAMPLES

from lint.language.formulation import (
    PROBLEMS,
    FormulationHit,
    FormulationMatcher,
    load_entries,
    validate_entries,
)

DATA = ROOT / "rules" / "dictionaries" / "formulations.yaml"
ENTRIES = load_entries(DATA)


@pytest.fixture(scope="module")
def matcher() -> FormulationMatcher:
    return FormulationMatcher.from_entries(ENTRIES)


def only(hits: list[FormulationHit]) -> FormulationHit:
    assert len(hits) == 1, hits
    return hits[0]


# ── each problem class: offset, entry, problem, fix ──────────────────────────────────────

CASES = [
    # (text, wrong span, entry, problem, replacement)
    (
        "增强政治意识、大局意识、责任意识、看齐意识。",
        "责任意识",
        "sige-yishi",
        "member",
        "核心意识",
    ),
    ("坚定“三个自信”，不断提高本领。", "三个自信", "sige-zixin", "count", "四个自信"),
    ("切实增强“四个意识”，做到“二个维护”。", "二个维护", "liangge-weihu", "count", "两个维护"),
    (
        "不断增强政治意识、大局意识、核心意识、看起意识。",
        "看起意识",
        "sige-yishi",
        "near-miss",
        "看齐意识",
    ),
    (
        "树牢政治意识、大局意识、核心意思、看齐意识。",
        "核心意思",
        "sige-yishi",
        "near-miss",
        "核心意识",
    ),
    (
        "始终同以习近平为核心的党中央保持高度一致。",
        "以习近平为核心的党中央",
        "zhongyang-hexin",
        "truncated",
        "以习近平同志为核心的党中央",
    ),
    (
        "深入学习习近平新时代中国特色主义思想。",
        "习近平新时代中国特色主义思想",
        "xi-sixiang",
        "truncated",
        "习近平新时代中国特色社会主义思想",
    ),
    ("切实增强“四个自信”。", "增强“四个自信”", "sige-zixin", "verb", "坚定“四个自信”"),
    ("坚决做到“四个意识”。", "做到“四个意识”", "sige-yishi", "verb", "增强“四个意识”"),
    ("认真学习习总书记重要讲话精神。", "习总书记", "xi-zongshuji", "short-form", "习近平总书记"),
    ("严格落实中央八条规定。", "中央八条规定", "baxiang-guiding", "wrong-form", "中央八项规定"),
    (
        "坚定理论自信、道路自信、制度自信、文化自信。",
        "理论自信、道路自信、制度自信、文化自信",
        "sige-zixin",
        "member",
        "道路自信、理论自信、制度自信、文化自信",
    ),
    (
        "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护习近平新时代中国特色社会主义思想的指导地位。",
        "习近平新时代中国特色社会主义思想的指导地位",
        "liangge-weihu",
        "member",
        "党中央权威和集中统一领导",
    ),
]


CASES += [
    ("切实增强“四个识”。", "四个识", "sige-yishi", "truncated", "四个意识"),
    ("克服“四种险危”。", "四种险危", "sizhong-weixian", "wrong-form", "四种危险"),
]


@pytest.mark.parametrize(("text", "span", "entry", "problem", "replacement"), CASES)
def test_problem_class(matcher, text, span, entry, problem, replacement):
    hit = only(matcher.find(text))
    start = text.index(span)
    assert (hit.start, hit.end) == (start, start + len(span))
    assert (hit.formulation, hit.problem, hit.replacement) == (entry, problem, replacement)
    assert hit.problem in PROBLEMS


def test_every_problem_class_is_covered():
    assert {case[3] for case in CASES} == set(PROBLEMS)


def test_message_names_the_canonical_text(matcher):
    hit = only(matcher.find("增强“四个自信”、坚定“四个意识”。")[:1])
    assert (
        hit.message
        == "“四个自信”应与“坚定”搭配，不用“增强”：增强“四个意识”、坚定“四个自信”、做到“两个维护”"
    )
    hit = only(matcher.find("增强政治意识、大局意识、责任意识、看齐意识。"))
    assert "政治意识、大局意识、核心意识、看齐意识" in hit.message


def test_swapped_verbs_are_both_reported(matcher):
    hits = matcher.find("增强“四个自信”、坚定“四个意识”。")
    assert [(h.formulation, h.replacement) for h in hits] == [
        ("sige-zixin", "坚定“四个自信”"),
        ("sige-yishi", "增强“四个意识”"),
    ]


def test_offsets_are_in_the_original_text_across_line_breaks(matcher):
    text = "深入学习习近\n平新时代中国特色主义思想，增强“四个意识”。"
    hit = only(matcher.find(text))
    assert text[hit.start : hit.end] == "习近\n平新时代中国特色主义思想"
    assert hit.problem == "truncated"
    assert hit.replacement is None  # a fix would join the lines


def test_verb_with_uncertain_fix_has_no_replacement(matcher):
    hit = only(matcher.find("坚决做到“两个确立”。"))
    assert (hit.problem, hit.replacement) == ("verb", None)


def test_ambiguous_count_has_no_replacement(matcher):
    hit = only(matcher.find("牢记“四个务必”。"))
    assert (hit.problem, hit.replacement) == ("count", None)
    assert "两个务必" in hit.message and "三个务必" in hit.message


# ── correct wording: never reported ──────────────────────────────────────────────────────

CORRECT = [
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    '切实增强"四个意识"，坚定"四个自信"，坚决做到"两个维护"。',
    "不断增强政治意识、大局意识、核心意识、看齐意识。",
    "进一步树牢“四个意识”，坚决维护党中央权威。",
    "深刻领悟“两个确立”的决定性意义，增强“四个意识”。",
    "坚定拥护“两个确立”、坚决做到“两个维护”。",
    "党确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。",
    "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
    "把“两个维护”落到实处，体现在履职尽责的具体行动上。",
    "牢固树立“四个意识”，“四个自信”更加坚定。",
    "坚定道路自信、理论自信、制度自信、文化自信。",
    "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局。",
    "持续纠治“四风”，力戒形式主义、官僚主义。",
    "坚决反对形式主义、官僚主义、享乐主义和奢靡之风。",
    "完整、准确、全面贯彻新发展理念。",
    "坚持创新、协调、绿色、开放、共享的新发展理念。",
    "严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。",
    "严守政治纪律和政治规矩，严格执行廉洁纪律。",
    "既严以修身、严以用权、严以律己，又谋事要实、创业要实、做人要实。",
    "坚持把马克思主义基本原理同中国具体实际相结合、同中华优秀传统文化相结合。",
    "始终在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致。",
    "紧密团结在以习近平同志为核心的党中央周围，埋头苦干。",
    "深入学习贯彻习近平新时代中国特色社会主义思想，学深悟透习近平文化思想。",
    "认真学习习近平总书记关于党的建设的重要思想。",
    "严格落实中央八项规定及其实施细则精神，驰而不息纠治“四风”。",
    "严格执行中央八项规定精神，落实中央八项规定及其实施细则。",
    "心怀“国之大者”，始终胸怀国之大者。",
    "认真履行“一岗双责”，严格落实“三会一课”制度。",
    "坚持“第一议题”制度，第一时间传达学习。",
    "深入学习贯彻党的二十大和二十届二中、三中、四中全会精神。",
    "学习贯彻党的二十届三中全会精神，进一步全面深化改革。",
    "不断提高政治判断力、政治领悟力、政治执行力。",
    "全党同志务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争。",
    "经受住“四大考验”，克服“四种危险”。",
    "统揽伟大斗争、伟大工程、伟大事业、伟大梦想。",
    "要增强忧患意识、责任意识和担当意识。",
    "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党。",
    "对照“两个确立”“两个维护”要求，逐项查摆问题。",
    "切实把增强“四个意识”、坚定“四个自信”、做到“两个维护”体现到具体工作中。",
    "习近平总书记强调，总书记多次指出，要敢于斗争、善于斗争。",
    "坚持以习近平新时代中国特色社会主义思想为指导，自觉践行“两个维护”。",
    "做到“两个维护”是最根本的政治纪律和政治规矩。",
    "“四个意识”不够牢固，“四个自信”不够坚定，践行“两个维护”不够有力。",
    "增强做到“两个维护”的思想自觉、政治自觉、行动自觉。",
    "牢记“三个务必”，践行“两个务必”。",
    "二〇二五年一月，班子成员开展谈心谈话12人次。",
    "大局意识不强，核心意识有所弱化，有时考虑局部多。",
    "深刻认识“两个确立”的重大意义，始终拥护“两个确立”。",
    "坚持和发展中国特色社会主义，奋力推进中国式现代化。",
    "学习《习近平谈治国理政》第四卷和习近平经济思想。",
    "在党中央坚强领导下，以新发展理念引领高质量发展。",
    "关注国之大事，胸怀天下。",
    "始终严于律己，自觉接受监督。",
    "坚决维护习近平总书记在党中央和全党的核心地位。",
    "认真学习党章党规，把纪律和规矩挺在前面。",
    # real formulations one character off an entry's name (why only some entries are exclusive)
    "坚持“四个自我”，不断自我净化、自我完善。",
    "教育是“国之大计”、党之大计。",
    "从“两个维度”分析问题根源。",
    "会议“第二议题”为研究年度预算。",
    "树立“四种意识”：服务意识、效率意识、创新意识、底线意识。",
    "坚持“四个服务”，落实“四下基层”，统筹“两个大局”，实现“两个确保”。",
    "查找出廉政、安全等四种风险，第一议程为传达文件。",
    # an ordinal is not a count: the second of the 两个结合
    "深刻把握“第二个结合”带来的思想解放。",
    "第一个确立讲核心，第二个确立讲指导思想。",
    # ordinary words one character off a member, with no formulation around them
    "集中整治纪律松弛、作风漂浮等问题。",
    "注重加强制度自身建设，提升执行力。",
    "他始终保持坚定的政治意志。",
    "创业要是缺乏韧劲，就难有成效。",
    "今年推出两个大举措，建成两个大剧院。",  # 两个大局 one off, and other words
    "树立正确的“发展理念”。",  # 新发展理念 less a character, and other words
    "深刻领悟“两个确立”的重大意义。",
    # a count of an ordinary word: 一个 as an article, the name's head before 的
    "先做一个全面的检查，再制定方案。",
    "对全年工作作出两个全面的部署。",
    # a doubled character at a name's end is the next word's (面向), or a word of its own
    "落实四个全面面向基层的要求。",
    "缺乏“钉钉子”精神。",
    "心怀祖国国之大者。",
    # a partial list with an ordinary item one character off a member
    "增强政治意识、法治意识、大局意识。",
    "坚持少数服从多数、个人服从组织。",
    "构建“四位一体”监督格局。",
    # statements: two clauses of prose; a clause added; the 十六大 wording; words added
    "坚决维护党中央权威和集中统一领导，坚决维护社会大局稳定。",  # two clauses, unnamed: prose
    "务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争，务必守住底线。",
    "必须毫不动摇地巩固和发展公有制经济，必须毫不动摇地鼓励、支持和引导非公有制经济发展。",
    "坚持“两个毫不动摇”，毫不动摇鼓励、支持、引导非公有制经济发展壮大。",
    # another session; another count; a history told with the right name
    "学习贯彻党的二十届五中全会精神。",  # another session, not a misspelt one
    "认真落实“第二议题”制度。",
    "从“三个自信”到“四个自信”，体现了认识的深化。",  # a history, told with the right name
    "在道路自信、理论自信、制度自信基础上增加了文化自信。",  # the fourth is told, not missing
]


def test_enough_correct_sentences():
    assert len(CORRECT) >= 40


@pytest.mark.parametrize("text", CORRECT)
def test_correct_wording_is_not_reported(matcher, text):
    assert matcher.find(text) == []


# ── misquotes: always reported ───────────────────────────────────────────────────────────

MISQUOTES = [
    # (text, entry of the first hit)
    ("增强“四个自信”，坚定“四个意识”。", "sige-zixin"),
    ("切实做到“四个意识”。", "sige-yishi"),
    ("树牢“两个确立”。", "liangge-queli"),
    ("进一步增强“两个维护”，始终对党忠诚。", "liangge-weihu"),
    ("坚定“三个自信”。", "sige-zixin"),
    ("坚决做到“三个维护”。", "liangge-weihu"),
    ("不断增强“五个意识”。", "sige-yishi"),
    ("增强政治意识、大居意识、核心意识、看齐意识。", "sige-yishi"),
    ("坚定道路自信、理论自信、制度自信、文化自性。", "sige-zixin"),
    ("坚定道路自信、理论自信、制度自信、历史自信。", "sige-zixin"),
    ("谋事要实、创业要实、做事要实。", "sanyan-sanshi"),  # one off a written member too
    ("在以习近平同志为首的党中央坚强领导下。", "zhongyang-hexin"),
    ("心怀“国之大计”，担当作为。", "guozhi-dazhe"),  # unlike, after its own verb
    ("坚定道路自信、理论自信、制度自信。", "sige-zixin"),
    ("用习近平新时代中国特色社义思想武装头脑。", "xi-sixiang"),
    ("深入学习新时代中国特色社会主义思想。", "xi-sixiang"),
    ("始终同以习近平同志为核心的中央保持高度一致。", "zhongyang-hexin"),
    ("紧密团结在以习近平总书记为核心的党中央周围。", "zhongyang-hexin"),
    (
        "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一。",
        "liangge-weihu",
    ),
    ("坚决维护习近平总书记党中央的核心、全党的核心低位。", "liangge-weihu"),
    (
        "党确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的领导地位。",
        "liangge-queli",
    ),
    (
        "党确立习近平同志党中央的核心、全党的核心地位，确立党中央权威和集中统一领导。",
        "liangge-queli",
    ),
    ("统筹推进“四个全面”战略布局。", "sige-quanmian"),
    ("协调推进“五位一体”总体布局。", "wuwei-yiti"),
    ("坚决反对形式主义、官僚主义、享乐主义、奢侈之风。", "sifeng"),
    ("贯彻创新、协调、录色、开放、共享的新发展理念。", "xin-fazhan-linian"),
    ("严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活记律。", "liuda-jilv"),
    ("做到严以修身、严以用权、严以律己，谋事要实、创业要实、做人要事。", "sanyan-sanshi"),
    ("不断提高政治判断力、政治领悟力、政治执形力。", "sanli"),
    ("务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善与斗争。", "sange-wubi"),
    ("坚持把马克思主义基本原理同中国具体实际相结合、同中华优秀传统文化向结合。", "liangge-jiehe"),
    ("心怀“国之大事”，担当作为。", "guozhi-dazhe"),
    ("认真履行“一岗两责”。", "yigang-shuangze"),
    ("深入学习党的二十大三中全会精神。", "ershijie-sanzhong"),
    ("认真执行中央八项规定和实施细则精神。", "baxiang-guiding"),
    ("对“四种考验”认识不足。", "sida-kaoyan"),
    ("树牢“四个意识”，坚定“四个自心”。", "sige-zixin"),
    ("严格落实中央八项规定实施细则精神。", "baxiang-guiding"),
    ("全面从严治党、全面依法治国、全面深化改革、全面建设社会主义现代化国家。", "sige-quanmian"),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。", "sige-quanmian"),
    ("认真学习习近平书记重要讲话精神。", "xi-zongshuji"),
    ("牢记“国之大着”。", "guozhi-dazhe"),
    ("学习中国共产党第二十次全国人民代表大会精神。", "ershida"),
    # a quoted name with a character dropped or two swapped
    ("要切实增强“四个识”。", "sige-yishi"),
    ("坚决拥护“两确立”。", "liangge-queli"),
    ("有效应对“四种险危”。", "sizhong-weixian"),
    ("心怀“国大者”，勇于担当。", "guozhi-dazhe"),
    # a fixed collocation misquoted
    ("深刻领悟“两个确立”的决定意义。", "liangge-queli"),
    ("统筹推进“五位一体”整体布局。", "wuwei-yiti"),
]


# ── fixes: only where the correction is certain ───────────────────────────────────────────

FIXES = [
    # (text, the text with every fix applied: unchanged where the span's edge is a guess)
    # a missing character beside punctuation: the span stops where the text matches
    (
        "党确立习近平同志党中央的核心、全党的核心地，确立习近平新时代中国特色社会主义思想的指导地位。",
        "党确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。",
    ),
    ("学习习近平新时代中国特色主义思想。", "学习习近平新时代中国特色社会主义思想。"),
    # 已 written for 以, or 以 missing after 已? No fix.
    ("紧密团结在已习近平同志为核心的党中央周围。", "紧密团结在已习近平同志为核心的党中央周围。"),
    # two characters swapped: a fix inserting the missing one would double it
    (
        "确立习近平新时代中国特色社会主义想思的指导地位。",
        "确立习近平新时代中国特色社会主义想思的指导地位。",
    ),
    ("发展“全过程人民主民”。", "发展“全过程人民主民”。"),
    ("紧密团结在习以近平同志为核心的党中央周围。", "紧密团结在习以近平同志为核心的党中央周围。"),
    # ...while a dropped word is restored
    ("始终同以习近平为核心的党中央保持一致。", "始终同以习近平同志为核心的党中央保持一致。"),
    # a quoted name with a character dropped or two swapped is certain
    ("切实增强“四个识”。", "切实增强“四个意识”。"),
    ("克服“四种险危”。", "克服“四种危险”。"),
    # a fix must not eat the opening quote or the verb before it
    ("学习贯彻“新时代中国特色社会主义思想”。", "学习贯彻“习近平新时代中国特色社会主义思想”。"),
    # a list's first item missing a character: 强治意识 is no misspelt 政治意识
    (
        "不断增强治意识、大局意识、核心意识、看齐意识。",
        "不断增强治意识、大局意识、核心意识、看齐意识。",
    ),
    (
        "坚决反对式主义、官僚主义、享乐主义、奢靡之风。",
        "坚决反对式主义、官僚主义、享乐主义、奢靡之风。",
    ),
    # ...but a look-alike or same-sounding first item is certain
    (
        "不断增强证治意识、大局意识、核心意识、看齐意识。",
        "不断增强政治意识、大局意识、核心意识、看齐意识。",
    ),
    # the last item is there, misspelt: the full list is not appended after it
    (
        "不断增强政治意识、大局意识、核心意识、齐意识。",
        "不断增强政治意识、大局意识、核心意识、齐意识。",
    ),
    ("不断增强政治意识、大局意识、核心意识。", "不断增强政治意识、大局意识、核心意识、看齐意识。"),
    # a clause of another statement: replaced by the missing clause, not by one already there
    (
        "党确立不忘初心、牢记使命，确立习近平新时代中国特色社会主义思想的指导地位。",
        "党确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。",
    ),
    (
        "党确立习近平同志党中央的核心、全党的核心地位，确立不忘初心、牢记使命。",
        "党确立习近平同志党中央的核心、全党的核心地位，确立不忘初心、牢记使命。",
    ),
]


@pytest.mark.parametrize(("text", "fixed"), FIXES)
def test_fix_only_where_certain(matcher, text, fixed):
    hits = matcher.find(text)
    assert hits, text  # reported either way
    result = text
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        if hit.replacement is not None:
            result = result[: hit.start] + hit.replacement + result[hit.end :]
    assert result == fixed


def test_enough_misquotes():
    assert len(MISQUOTES) >= 30


@pytest.mark.parametrize(("text", "entry"), MISQUOTES)
def test_misquote_is_reported(matcher, text, entry):
    hits = matcher.find(text)
    assert hits, text
    assert hits[0].formulation == entry


# ── the data file ────────────────────────────────────────────────────────────────────────

REQUIRED_IDS = {
    "liangge-queli",
    "liangge-weihu",
    "sige-yishi",
    "sige-zixin",
    "sange-wubi",
    "wuwei-yiti",
    "sige-quanmian",
    "sifeng",
    "xin-fazhan-linian",
    "liuda-jilv",
    "sanyan-sanshi",
    "liangge-jiehe",
    "zhongyang-hexin",
    "xi-sixiang",
    "xi-zongshuji",
    "baxiang-guiding",
    "guozhi-dazhe",
    "ershida",
    "ershijie-yizhong",
    "ershijie-erzhong",
    "ershijie-sanzhong",
    "ershijie-sizhong",
}


def test_required_formulations_are_present():
    assert {e["id"] for e in ENTRIES} >= REQUIRED_IDS


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_entry_examples(matcher, entry):
    for bad in entry["examples"]["bad"]:
        assert matcher.find(bad), f"{entry['id']}: not reported: {bad}"
    for good in entry["examples"]["good"]:
        assert matcher.find(good) == [], f"{entry['id']}: reported: {good}"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_canonical_text_is_clean(matcher, entry):
    assert matcher.find(entry["canonical"]) == []
    for member in entry.get("members", []):
        assert matcher.find(member) == []


# ── validation ───────────────────────────────────────────────────────────────────────────


def broken(change) -> list[dict]:
    entries = copy.deepcopy(ENTRIES)
    change(entries[2])  # sige-yishi
    return entries


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda e: e.update(colour="red"), "colour"),
        (lambda e: e.pop("source"), "source"),
        (lambda e: e.update(kind="enumeration"), "kind"),
        (lambda e: e.update(members="政治意识"), "members"),
        (lambda e: e.update(count={"head": "个自信"}), "count"),
        (lambda e: e["verb"].update(wrong=["增强"]), "verb"),
        (lambda e: e.update(wrong=[{"pattern": "(", "right": "x"}]), "wrong[0]"),
        (lambda e: e.update(wrong=[{"wrong": "x", "right": "y", "problem": "typo"}]), "wrong[0]"),
        (lambda e: e.update(examples={"bad": ["x"]}), "examples.good"),
        (lambda e: e.update(fuzzy=True), "fuzzy"),
        (lambda e: e.update(exclusive="yes"), "exclusive"),
        (lambda e: e.update(id="Si Ge"), "id"),
        (lambda e: e.update(meeting={"held": "2022-10-16"}), "meeting"),  # no meeting's name
        (lambda e: e.update(partial="yes"), "partial"),
        (lambda e: e.update(partial=True, complete=True), "partial"),  # whole or in part
        (
            lambda e: (
                [e.pop(k, None) for k in ("members", "complete", "ordered")]
                and e.update(kind="term", partial=True)
            ),
            "partial",
        ),
    ],
)
def test_validation_names_entry_and_key(change, key):
    with pytest.raises(ValueError) as info:
        validate_entries(broken(change))
    assert "'sige-yishi'" in str(info.value) or "'Si Ge'" in str(info.value)
    assert f"'{key}'" in str(info.value)


@pytest.mark.parametrize(
    "meeting",
    [
        {"held": "2024-7-15"},
        {"held": "2024-07-15", "documents": "决定"},
        {"when": "2024-07-15"},
        {"held": "2024-07-15", "until": "2024-07-14"},  # ends before it begins
        {"held": "2024-07-15", "acts": "选举"},
        {"held": "2024-07-15", "acts": [{"every_term": True}]},
        {"held": "2024-07-15", "acts": [{"pattern": "选举", "every_term": "yes"}]},
        {"held": "2024-07-15", "acts": [{"pattern": "选举("}]},  # not a regex
        {"held": "2024-07-15", "acts": [{"pattern": "选举", "when": 1}]},
    ],
)
def test_meeting_validation(meeting):
    entries = copy.deepcopy(ENTRIES)
    entry = next(e for e in entries if e["id"] == "ershijie-sanzhong")
    entry["meeting"] = meeting
    with pytest.raises(ValueError, match=r"'ershijie-sanzhong'.*'meeting'"):
        validate_entries(entries)


def test_duplicate_id_is_an_error():
    entries = copy.deepcopy(ENTRIES)
    entries.append(copy.deepcopy(entries[0]))
    with pytest.raises(ValueError, match="used twice"):
        FormulationMatcher.from_entries(entries)


def test_load_rejects_other_top_level_keys(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump({"entries": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="formulations"):
        load_entries(path)


# ── real drafts ──────────────────────────────────────────────────────────────────────────


def test_good_samples_have_no_hits(matcher):
    for path in sorted(SAMPLES.glob("good-*")):
        assert matcher.find(path.read_text(encoding="utf-8")) == [], path.name


def test_corpus_hits_are_real_errors_only(matcher, corpus):
    found = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [(path.name[:3], h.formulation, text[h.start : h.end]) for h in matcher.find(text)]
    assert found == [
        ("000", "sida-kaoyan", "四种考验"),  # “四大考验”“四种危险”
        ("002", "baxiang-guiding", "中央八项规定和实施细则"),  # 及其实施细则
    ]


def test_speed_per_draft(matcher, corpus):
    text = (corpus / "000_9723cee4ce65b281.txt").read_text(encoding="utf-8")
    matcher.find(text)  # pinyin data loaded
    best = min(timeit.repeat(lambda: matcher.find(text), number=5, repeat=5)) / 5
    assert best < 0.05  # a few milliseconds on a quiet machine; generous for busy CI


def test_import_is_cheap():
    code = "import sys, lint.language.formulation; print('pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_quotes_inside_a_quoted_span_become_single_quotes(matcher: FormulationMatcher) -> None:
    text = "协调推进“四个全面”战略部署。"
    hit = only(matcher.find(text))
    assert (hit.formulation, hit.start, hit.end) == ("sige-quanmian", 4, 14)
    assert hit.message.startswith("“‘四个全面’战略部署”应为“‘四个全面’战略布局”")
    assert hit.replacement == "“四个全面”战略布局"


@pytest.mark.parametrize(
    ("text", "entry", "replacement"),
    [
        ("严格落实“三会一讲”制度。", "sanhui-yike", "三会一课"),
        ("落实“第一议程”制度。", "diyi-yiti", "第一议题"),
        ("克服“四种风险”。", "sizhong-weixian", "四种危险"),
    ],
)
def test_exclusive_name_quoted_one_unlike_character_off(matcher, text, entry, replacement):
    hit = only(matcher.find(text))
    assert (hit.formulation, hit.problem, hit.replacement) == (entry, "near-miss", replacement)
    assert text[hit.start : hit.end] == text[text.index("“") + 1 : text.index("”")]


def test_exclusive_needs_the_quotes_and_the_flag(matcher):
    assert matcher.find("落实第一议程，再议其他。") == []  # not quoted: an ordinary word
    entries = copy.deepcopy(ENTRIES)
    for entry in entries:
        entry.pop("exclusive", None)
    plain = FormulationMatcher.from_entries(entries)
    assert plain.find("严格落实“三会一讲”制度。") == []


def test_exclusive_is_only_for_names_of_four_characters():
    entries = copy.deepcopy(ENTRIES)
    sifeng = next(e for e in entries if e["id"] == "sifeng")
    sifeng["exclusive"] = True
    with pytest.raises(ValueError, match=r"'sifeng'.*'exclusive'"):
        validate_entries(entries)


def test_count_of_two_entries_names_both_in_quotes(matcher):
    hit = only(matcher.find("牢记“四个务必”。"))
    assert hit.problem == "count" and hit.replacement is None
    assert hit.message == "“四个务必”有误，应为“三个务必”或“两个务必”"


def test_member_with_a_character_inserted_is_not_a_replaced_member(matcher):
    # 政治执行能力 is 政治执行力 elaborated; 政治执行能 (one off) must not be "fixed" to 政治执行力
    assert matcher.find("提高政治判断力、政治领悟力、政治执行能力。") == []
    hit = only(matcher.find("提高政治判断力、政治领悟力、政治执性力。"))
    assert (hit.problem, hit.replacement) == ("near-miss", "政治执行力")


STATEMENT_CLAUSES = [
    # (text, the clause reported, entry, the member named as right)
    (
        "牢记“三个务必”，务必不忘初心、牢记使命，务必谦虚谨慎、戒骄戒躁，务必敢于斗争、善于斗争。",
        "务必谦虚谨慎、戒骄戒躁",
        "sange-wubi",
        "务必谦虚谨慎、艰苦奋斗",
    ),
    (
        "坚持“两个毫不动摇”，毫不动摇巩固和发展公有制经济，毫不动摇鼓励、支持、引导私营经济发展。",
        "毫不动摇鼓励、支持、引导私营经济发展",
        "liangge-haobudongyao",
        "毫不动摇鼓励、支持、引导非公有制经济发展",
    ),
    (  # unnamed, two clauses: one its own, the other opening like its member
        "毫不动摇巩固和发展国有经济，毫不动摇鼓励、支持、引导非公有制经济发展。",
        "毫不动摇巩固和发展国有经济",
        "liangge-haobudongyao",
        "毫不动摇巩固和发展公有制经济",
    ),
    (  # ... or ending like it
        "毫不动摇巩固和发展公有制经济，毫不动摇扶持、帮助、引导非公有制经济发展。",
        "毫不动摇扶持、帮助、引导非公有制经济发展",
        "liangge-haobudongyao",
        "毫不动摇鼓励、支持、引导非公有制经济发展",
    ),
    (  # unnamed, but two of its three clauses are there
        "务必不忘初心、牢记使命，务必保持清醒，务必敢于斗争、善于斗争。",
        "务必保持清醒",
        "sange-wubi",
        "务必谦虚谨慎、艰苦奋斗",
    ),
]


@pytest.mark.parametrize(("text", "span", "entry", "right"), STATEMENT_CLAUSES)
def test_statement_clause_that_is_no_member(matcher, text, span, entry, right):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, "member")
    assert f"应为“{right}”" in hit.message and hit.replacement is None


def test_statement_named_with_a_clause_left_out(matcher):
    text = "牢记“三个务必”，务必不忘初心、牢记使命，务必敢于斗争、善于斗争。"
    hit = only(matcher.find(text))
    assert text[hit.start : hit.end] == "务必不忘初心、牢记使命，务必敢于斗争、善于斗争"
    assert "缺少“务必谦虚谨慎、艰苦奋斗”" in hit.message and hit.replacement is None


def test_list_item_found_by_its_affix_beside_other_text_gets_no_fix(matcher):
    # the official wording (the 二十大 report; the data said 长期执政考验 until 2026-12-01)
    assert (
        matcher.find("党面临的执政考验、改革开放考验、市场经济考验、外部环境考验将长期存在。") == []
    )
    # the item's start is a guess where Han text touches it
    text = "警惕精神松懈的危险、能力不足的危险、脱离群众的危险、消极腐败的危险。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem, hit.replacement) == (
        "精神松懈的危险",
        "member",
        None,
    )
    hit = only(matcher.find("精神懈怠的危险、能力不足的危险、脱离群众的危险、腐化堕落的危险。"))
    assert (hit.problem, hit.replacement) == ("member", "消极腐败的危险")


@pytest.mark.parametrize(
    ("text", "span", "entry", "replacement"),
    [
        (
            "认真学习贯彻党的二十届三中全全会精神。",
            "二十届三中全全会",
            "ershijie-sanzhong",
            "二十届三中全会",
        ),
        (
            "深入学习习近平新时代中国特色社会主主义思想。",
            "习近平新时代中国特色社会主主义思想",
            "xi-sixiang",
            "习近平新时代中国特色社会主义思想",
        ),
        ("增强政治意意识、大局意识、核心意识、看齐意识。", "政治意意识", "sige-yishi", "政治意识"),
    ],
)
def test_character_doubled_inside_a_name(matcher, text, span, entry, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, "wrong-form")
    assert hit.replacement == replacement and "多了一个" in hit.message


def test_statement_clauses_in_another_order(matcher):
    text = "坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。"
    hit = only(matcher.find(text))
    assert (hit.formulation, hit.problem, hit.replacement) == ("liangge-weihu", "member", None)
    assert text[hit.start : hit.end].startswith("维护党中央权威") and "顺序" in hit.message


@pytest.mark.parametrize(
    ("text", "span", "replacement"),
    [
        ("落实“一岗二责”。", "一岗二责", "一岗双责"),  # 双 is no numeral: not another count
        ("学习贯彻党的二十届二种全会精神。", "二十届二种全会", "二十届二中全会"),
        ("学习贯彻二十届三重全会精神。", "二十届三重全会", "二十届三中全会"),  # 党的 left out
    ],
)
def test_near_miss_of_names(matcher, text, span, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem, hit.replacement) == (
        span,
        "near-miss",
        replacement,
    )


def test_word_replaced_at_a_clause_end(matcher):
    # the two unlike characters end the clause (a comma follows): a word replaced, reported
    # without a fix, not read as text beyond a shorter quote
    text = "全党同志务必不忘初心、牢记使命，务必谦虚谨慎、艰苦朴素，务必敢于斗争、善于斗争。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem, hit.replacement) == (
        "务必谦虚谨慎、艰苦朴素",
        "wrong-form",
        None,
    )


@pytest.mark.parametrize(
    ("text", "span", "entry", "replacement"),
    [
        # found by what every member has at the same place (服从); the first item's start is
        # a guess where Han text touches it, so no fix there
        (
            "做到个人服从组织、少数服从多数、下级服从上级、地方服从中央。",
            "地方服从中央",
            "sige-fucong",
            "全党服从中央",
        ),
        (
            "严格执行个人服从集体、少数服从多数、下级服从上级、全党服从中央。",
            "个人服从集体",
            "sige-fucong",
            None,
        ),
        # the whole list: one member word for word, the other one character off
        ("始终做到不忘初衷、牢记使命。", "不忘初衷", "buwang-chuxin", "不忘初心"),
        # long members: one word for word is enough
        (
            "统筹中华民族伟大复兴战略全局和世界百年未遇之大变局。",
            "世界百年未遇之大变局",
            "liangge-daju",
            "世界百年未有之大变局",
        ),
    ],
)
def test_list_item_replaced(matcher, text, span, entry, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, "member")
    assert hit.replacement == replacement


def test_verb_of_another_saying_gets_no_fix(matcher):
    # 领悟 goes with “两个确立”: the writer may have meant that name; 深刻做到 is no Chinese
    hit = only(matcher.find("班子成员要深刻领悟“两个维护”，同党中央保持高度一致。"))
    assert (hit.formulation, hit.problem, hit.replacement) == ("liangge-weihu", "verb", None)
    # the verbs of one saying (增强“四个意识”、坚定“四个自信”、做到“两个维护”) are fixed
    hit = only(matcher.find("切实增强“两个维护”。"))
    assert hit.replacement == "做到“两个维护”"


def test_wrong_form_across_one_quote_mark_gets_no_fix(matcher):
    text = "严格遵守中央“八条规定”，没有发现违规问题。"
    hit = only(matcher.find(text))
    assert (hit.problem, hit.replacement) == ("wrong-form", None)
    assert hit.message.startswith("“中央八条规定”应为“中央八项规定”")


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("统筹推进经济建设、政治建设、文化建设、生态文明建设“五位一体”总体布局。", "社会建设"),
        ("贯彻落实创新、协调、绿色、共享的新发展理念。", "开放"),
    ],
)
def test_list_beside_its_name_lacking_a_member(matcher, text, missing):
    hit = only(matcher.find(text))
    assert (hit.problem, hit.replacement) == ("member", None)
    assert f"缺少“{missing}”" in hit.message


def test_list_item_with_a_doubled_character_is_not_also_missing(matcher):
    hit = only(matcher.find("增强政治意识、大局意识、核心意识、看齐齐意识。"))
    assert (hit.problem, hit.replacement) == ("wrong-form", "看齐意识")


def test_two_characters_doubled_inside_a_term(matcher):
    text = "深入学习习近平新时代中国特色社会主义主义思想。"
    hit = only(matcher.find(text))
    assert (hit.problem, hit.replacement) == ("wrong-form", "习近平新时代中国特色社会主义思想")
    assert "多了一个“主义”" in hit.message
    assert matcher.find("研究研究四个全面的问题。") == []  # (a verb said twice, no name)


def test_long_member_with_a_character_left_out_inside(matcher):
    text = "统筹中华民族伟大复兴战略全局和世界百年未有之变局，提高政治站位。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem, hit.replacement) == (
        "世界百年未有之变局",
        "truncated",
        "世界百年未有之大变局",
    )
    assert matcher.find("当今世界正经历百年未有之大变局。") == []


def test_clause_without_a_mark_for_a_page_is_no_clause(matcher):
    # no punctuation for far longer than any member: not a clause (and not aligned at length)
    text = (
        "牢记“三个务必”，务必不忘初心、牢记使命，务必" + "学" * 400 + "，务必敢于斗争、善于斗争。"
    )
    assert matcher.find(text) == []


# ── meetings: damaged names, dates and documents of another meeting ─────────────────────


@pytest.mark.parametrize(
    ("text", "span", "entry", "problem", "replacement"),
    [
        (
            "学习党的二十届三中会精神。",
            "二十届三中会",
            "ershijie-sanzhong",
            "truncated",
            "二十届三中全会",
        ),
        (
            "学习党的二十届三全会精神。",
            "二十届三全会",
            "ershijie-sanzhong",
            "truncated",
            "二十届三中全会",
        ),
        (
            "学习党的二十四中全会精神。",
            "二十四中全会",
            "ershijie-sizhong",
            "truncated",
            "二十届四中全会",
        ),
        ("学习党的二十届中全会精神。", "二十届中全会", "ershijie-yizhong", "truncated", None),
        (
            "认真学习贯彻党的二十届三中精神。",
            "二十届三中精神",
            "ershijie-sanzhong",
            "truncated",
            "二十届三中全会精神",
        ),
        (
            "学习党的二十届是中全会精神。",
            "二十届是中全会",
            "ershijie-sizhong",
            "near-miss",
            "二十届四中全会",
        ),
        (  # 全会 left out, other words after it
            "对二十届三中提出的改革任务落实不够。",
            "二十届三中",
            "ershijie-sanzhong",
            "truncated",
            "二十届三中全会",
        ),
        ("学习党的二十大大报告。", "二十大大", "ershida", "wrong-form", "二十大"),
        ("学习贯彻党地二十大精神。", "党地二十大", "ershida", "near-miss", "党的二十大"),
        (
            "党得二十届三中全会作出部署。",
            "党得二十届三中全会",
            "ershijie-sanzhong",
            "near-miss",
            "党的二十届三中全会",
        ),
    ],
)
def test_meeting_name_damaged(matcher, text, span, entry, problem, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, problem)
    assert hit.replacement == replacement


@pytest.mark.parametrize(
    ("text", "span", "entry", "says"),
    [
        (
            "2022年10月召开的党的十二届一中全会选举产生了新一届中央领导机构。",
            "十二届一中全会",
            "ershijie-yizhong",
            "2022年10月召开的是“党的二十届一中全会”",
        ),
        (
            "2023年2月召开的党的二十届三中全会作出了部署。",
            "二十届三中全会",
            "ershijie-sanzhong",
            "于2024年7月召开",
        ),
        (
            "党的十二届三中全会审议通过了《中共中央关于进一步全面深化改革、推进中国式现代化的决定》。",
            "十二届三中全会",
            "ershijie-sanzhong",
            "是“党的二十届三中全会”审议通过的",
        ),
        (
            "《党和国家机构改革方案》是党的二十届三中全会审议通过的。",
            "二十届三中全会",
            "ershijie-erzhong",
            "是“党的二十届二中全会”审议通过的",
        ),
        (  # a date right after the name
            "党的二十届三中全会于2024年10月召开，我们认真学习。",
            "二十届三中全会",
            "ershijie-sanzhong",
            "于2024年7月召开",
        ),
        (  # the days: one outside the meeting's, or not its first and last
            "我们学习了2022年10月16日至23日召开的党的二十大精神。",
            "党的二十大",
            "ershida",
            "于2022年10月16日至22日召开",
        ),
        (
            "学习2022年10月22日召开的党的二十届一中全会精神。",
            "二十届一中全会",
            "ershijie-yizhong",
            "于2022年10月23日召开",
        ),
        (  # an act of another meeting: every term's first plenum elects the leadership
            "党的二十届三中全会选举产生了新一届中央领导机构。",
            "二十届三中全会",
            "ershijie-yizhong",
            "的是“党的二十届一中全会”",
        ),
        (
            "党的十八届五中全会正式提出“以习近平同志为核心的党中央”。",
            "十八届五中全会",
            "shibajie-liuzhong",
            "的是“党的十八届六中全会”",
        ),
    ],
)
def test_meeting_of_another_date_or_document(matcher, text, span, entry, says):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, "wrong-form")
    assert hit.replacement is None and says in hit.message


@pytest.mark.parametrize(
    "text",
    [
        "2024年7月15日至18日召开的党的二十届三中全会审议通过了《中共中央关于进一步全面深化改革、推进中国式现代化的决定》。",
        "2013年11月召开的党的十八届三中全会开启了全面深化改革新征程。",
        "党的十九届六中全会于2021年11月8日至11日在北京召开。",  # a date right after it
        "2022年10月16日召开的党的二十大开启了新征程。",  # one of its days
        # the last plenum of the term before, the same month as the first of this one
        "2022年10月召开的党的十九届七中全会为党的二十大作了准备。",
        "党的十九届七中全会于2022年10月9日至12日在北京举行。",
        # a longer title holding a shorter one, of another meeting (2018)
        "党的十九届三中全会审议通过了《中共中央关于深化党和国家机构改革的决定》和《深化党和国家机构改革方案》。",
        "党的二十届二中全会于2023年2月26日至28日召开。",
        "2022年10月，党的二十大胜利召开。",
        "党的二十届二中全会以来，三中全会审议通过了《中共中央关于进一步全面深化改革、推进中国式现代化的决定》。",
        "党的二十届二中全会审议通过了《党和国家机构改革方案》，三中全会作出了进一步全面深化改革的部署。",
        "学习党的二十届一中、二中、三中、四中全会精神。",
        "学习党的二十届三中和四中全会精神。",
        "二十一中全体师生参加了活动。",
        "协调推进四个全面面向基层的各项部署。",  # 面向 is a word: no doubled 面
        "党的十二届三中全会通过了《中共中央关于经济体制改革的决定》。",  # another document
        "党的十九届一中全会选举产生了新一届中央领导机构。",  # every term's first plenum
        "党的二十大选举产生了新一届中央领导机构。",  # a congress told with its first plenum
        "党的二十届三中全会以来，我们紧密团结在以习近平同志为核心的党中央周围。",
    ],
)
def test_meetings_named_rightly_are_not_reported(matcher, text):
    assert matcher.find(text) == []


@pytest.mark.parametrize(
    ("text", "span", "entry", "problem", "replacement"),
    [
        # one of two numbers of a name changed, quoted
        ("对照“三严二实”查摆问题。", "三严二实", "sanyan-sanshi", "count", "三严三实"),
        ("坚持“三会二课”制度。", "三会二课", "sanhui-yike", "count", "三会一课"),
        ("开展“两学三做”学习教育。", "两学三做", "liangxue-yizuo", "count", "两学一做"),
        # two characters in a row left out of a quoted name of six or more
        ("坚持“两个不动摇”。", "两个不动摇", "liangge-haobudongyao", "truncated", "两个毫不动摇"),
        ("深刻把握“五个之路”。", "五个之路", "wuge-biyou-zhilu", "truncated", "五个必由之路"),
    ],
)
def test_quoted_name_with_a_number_changed_or_two_characters_left_out(
    matcher, text, span, entry, problem, replacement
):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, problem)
    assert hit.replacement == replacement


@pytest.mark.parametrize(
    "text",
    [
        "建立“三位一体”工作机制。",  # a word of the lexicon
        "从“三会一课”到“四会一课”的提法并不存在。",  # the right name in the sentence
        "坚持“毫不动摇”的态度。",  # a word, quoted on its own
        "走好“必由之路”。",
        "这是“三严三实”的要求。",
    ],
)
def test_quoted_words_like_a_name_are_not_reported(matcher, text):
    assert matcher.find(text) == []


@pytest.mark.parametrize(
    ("text", "span", "says"),
    [
        (  # a clause more
            "坚持“两个结合”，把马克思主义基本原理同中国具体实际相结合、同中华优秀传统文化相结合、同人类文明成果相结合。",
            "同人类文明成果相结合",
            "不在其中",
        ),
        (  # a clause that is none of its members
            "坚持把马克思主义基本原理同中国具体实际相结合、同新时代要求相结合的“两个结合”。",
            "同新时代要求相结合",
            "应为“同中华优秀传统文化相结合”",
        ),
        (  # right after its name is defined, one left out
            "“两个结合”即把马克思主义基本原理同中国具体实际相结合。",
            "把马克思主义基本原理同中国具体实际相结合",
            "缺少“同中华优秀传统文化相结合”",
        ),
    ],
)
def test_statement_without_a_lead_read_by_its_clauses_common_ending(matcher, text, span, says):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (
        span,
        "liangge-jiehe",
        "member",
    )
    assert says in hit.message and hit.replacement is None


def test_statement_without_a_lead_told_twice_in_a_text(matcher):
    # every group of clauses is judged, each against its own sentence
    one = "坚持“两个结合”，把马克思主义基本原理同中国具体实际相结合、同人类文明成果相结合。"
    hits = matcher.find(one + "我们要做到" + one)
    assert [h.problem for h in hits] == ["member", "member"]
    assert matcher.find("两个结合。" + "同中国具体实际相结合、同什么相结合。" * 3) == []


def test_clause_ending_like_a_member_but_opening_otherwise(matcher):
    text = "领会“五个必由之路”，深化改革是新时代我国发展壮大的必由之路。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (
        "深化改革是新时代我国发展壮大的必由之路",
        "wuge-biyou-zhilu",
        "member",
    )
    assert "应为“贯彻新发展理念是新时代我国发展壮大的必由之路”" in hit.message


@pytest.mark.parametrize(
    "text",
    [
        "坚持“两个结合”，把马克思主义基本原理同中国具体实际相结合、同中华优秀传统文化相结合。",
        "深化“两个结合”，尤其是把马克思主义基本原理同中华优秀传统文化相结合。",  # not defined
        "践行“两个结合”，坚持理论与实践相结合、学习与运用相结合。",  # other clauses
        # the first clause's subject left out, as writers may
        "我对同中国具体实际相结合、同中华优秀传统文化相结合的“两个结合”理解不深。",
        "深刻领悟“五个必由之路”：坚持党的全面领导是坚持和发展中国特色社会主义的必由之路，"
        "中国特色社会主义是实现中华民族伟大复兴的必由之路，团结奋斗是中国人民创造历史伟业的必由之路，"
        "贯彻新发展理念是新时代我国发展壮大的必由之路，全面从严治党是党永葆生机活力、走好新的赶考之路的必由之路。",
    ],
)
def test_statement_without_a_lead_written_rightly(matcher, text):
    assert matcher.find(text) == []


@pytest.mark.parametrize(
    ("text", "span", "entry"),
    [
        (  # inside a member of a statement, beside a 、
            "坚持毫不动摇鼓励、支持、扶持、引导非公有制经济发展。",
            "扶持",
            "liangge-haobudongyao",
        ),
        (  # at the end of a clause of a statement written out whole
            "务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗、戒骄戒躁，务必敢于斗争、善于斗争。",
            "、戒骄戒躁",
            "sange-wubi",
        ),
    ],
)
def test_an_item_more_inside_a_statement(matcher, text, span, entry):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, "member")
    assert "中没有" in hit.message and hit.replacement is None


def test_words_added_without_a_new_item_are_no_misquote(matcher):
    assert matcher.find("毫不动摇鼓励、支持和引导非公有制经济发展。") == []


@pytest.mark.parametrize(
    ("text", "span", "says"),
    [
        (  # members written without their 的: read as the members
            "警惕精神懈怠危险、能力不足危险、脱离实际危险、消极腐败危险。",
            "脱离实际危险",
            "应为“脱离群众的危险”",
        ),
        (
            "要警惕精神懈怠危险、能力不足危险、消极腐败危险这“四种危险”。",
            "精神懈怠危险、能力不足危险、消极腐败危险",
            "缺少“脱离群众的危险”",
        ),
        (  # one more, last, right before 等 and the name
            "反对形式主义、官僚主义、享乐主义、奢靡之风和衙门作风等“四风”。",
            "衙门作风",
            "中没有“衙门作风”",
        ),
        (  # unnamed, the three members sharing 严以 in another order
            "做到严以律己、严以修身、严以用权。",
            "严以律己、严以修身、严以用权",
            "的顺序应为：严以修身、严以用权、严以律己",
        ),
    ],
)
def test_lists_written_loosely(matcher, text, span, says):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem) == (span, "member")
    assert says in hit.message


@pytest.mark.parametrize(
    "text",
    [
        "警惕精神懈怠危险、能力不足危险、脱离群众危险、消极腐败危险。",
        "反对享乐主义、官僚主义、形式主义。",  # 主义: a word any list may share
        "对照形式主义、官僚主义、享乐主义和奢靡之风，查摆“四风”方面的问题。",
    ],
)
def test_lists_written_loosely_but_rightly(matcher, text):
    assert matcher.find(text) == []


def test_a_list_told_in_part_lacks_a_member_only_where_defined(matcher):
    defined = "“三会一课”即支部党员大会、支部委员会和党课。"
    hit = only(matcher.find(defined))
    assert (hit.formulation, hit.problem) == ("sanhui-yike", "member")
    assert "缺少“党小组会”" in hit.message
    # named, not defined: the 三会 told on their own
    assert matcher.find("“三会一课”中，支部党员大会、支部委员会、党小组会还要规范。") == []


def test_any_item_more_between_members_of_a_defined_list(matcher):
    text = "“三会一课”即支部党员大会、支部委员会、党小组会、谈心谈话和党课。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (
        "谈心谈话",
        "sanhui-yike",
        "member",
    )


def test_statement_clause_cut_where_the_next_clause_begins(matcher):
    text = (
        "党确立习近平同志党中央的核心、全党的核心，确立习近平新时代中国特色社会主义思想的指导地位。"
    )
    hit = only(matcher.find(text))
    assert (hit.formulation, hit.problem) == ("liangge-queli", "truncated")
    assert text[hit.start : hit.end] == "确立习近平同志党中央的核心、全党的核心"
    assert hit.replacement == "确立习近平同志党中央的核心、全党的核心地位"


@pytest.mark.parametrize(
    ("text", "span", "entry", "replacement"),
    [
        (
            "深入学习习近平新时代中国特色思想。",
            "习近平新时代中国特色思想",
            "xi-sixiang",
            "习近平新时代中国特色社会主义思想",
        ),
        (
            "严格落实中央八项规定及其精神。",
            "中央八项规定及其精神",
            "baxiang-guiding",
            "中央八项规定及其实施细则精神",
        ),
        (  # a list member of twelve characters or more
            "协调推进全面建设现代化国家、全面深化改革。",
            "全面建设现代化国家",
            "sige-quanmian",
            "全面建设社会主义现代化国家",
        ),
    ],
)
def test_term_with_a_word_inside_left_out(matcher, text, span, entry, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (span, entry, "truncated")
    assert hit.replacement == replacement and "缺字" in hit.message


@pytest.mark.parametrize(
    ("text", "extra", "entry"),
    [
        (
            "“四个意识”即政治意识、大局意识、核心意识、看齐意识和忧患意识，需要时刻增强。",
            "忧患意识",
            "sige-yishi",
        ),
        (
            "“四个全面”即全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党、全面扩大开放。",
            "全面扩大开放",
            "sige-quanmian",
        ),
        (
            "坚定道路自信、理论自信、制度自信、文化自信、历史自信这“四个自信”。",
            "历史自信",
            "sige-zixin",
        ),
        (
            "“三个务必”要求我们务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争，务必清正廉洁。",
            "务必清正廉洁",
            "sange-wubi",
        ),
        (  # inside the list, where the name is said
            "对照“四风”，即形式主义、官僚主义、享乐主义、铺张主义和奢靡之风逐项检视。",
            "铺张主义",
            "sifeng",
        ),
        (  # an item of the members' length between two members
            "贯彻创新、协调、绿色、开放、安全、共享的新发展理念。",
            "安全",
            "xin-fazhan-linian",
        ),
        (
            "牢记“三个务必”，务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必清正廉洁，务必敢于斗争、善于斗争。",
            "务必清正廉洁",
            "sange-wubi",
        ),
        (  # last, with the name elsewhere in the sentence
            "我们坚持道路自信、理论自信、制度自信、文化自信和历史自信，不断坚定“四个自信”。",
            "历史自信",
            "sige-zixin",
        ),
        (  # one more of the members sharing an affix (严以 of the first three)
            "践行“三严三实”，做到严以修身、严以用权、严以律己、严以治家。",
            "严以治家",
            "sanyan-sanshi",
        ),
        (  # … or 要实 of the last three, then other words
            "对照“三严三实”，在谋事要实、创业要实、用人要实、做人要实上查找差距。",
            "用人要实",
            "sanyan-sanshi",
        ),
    ],
)
def test_one_item_more_than_the_defined_name_has(matcher, text, extra, entry):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (extra, entry, "member")
    assert hit.replacement is None and ("没有" in hit.message or "不在其中" in hit.message)


def test_defined_two_clause_statement_lacking_one(matcher):
    text = "“两个维护”就是坚决维护习近平总书记党中央的核心、全党的核心地位，对此我深信不疑。"
    hit = only(matcher.find(text))
    assert (hit.formulation, hit.problem, hit.replacement) == ("liangge-weihu", "member", None)
    assert "缺少“坚决维护党中央权威和集中统一领导”" in hit.message


@pytest.mark.parametrize(
    "text",
    [
        "我们要增强政治意识、大局意识、核心意识、看齐意识和忧患意识。",  # not the name's definition
        "“四个意识”即政治意识、大局意识、核心意识、看齐意识，还要增强忧患意识。",
        "做到“两个维护”，坚决维护习近平总书记党中央的核心、全党的核心地位。",  # no definition
        "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导，坚决维护国家安全。",
        "坚持创新、协调、绿色、开放、安全、共享发展，统筹发展和安全。",  # the name not said
        "反对形式主义、官僚主义、享乐主义、拜金主义和奢靡之风。",
        "坚定道路自信、理论自信、制度自信、文化自信，增强历史自信，筑牢“四个自信”。",
        "践行“三严三实”，做到严以修身、严以用权、严以律己，谋事要实、创业要实、做人要实。",
        "对照“三严三实”，严以修身、严以用权、严以律己做得还不够。",  # the first three alone
    ],
)
def test_more_or_fewer_items_in_prose_are_not_reported(matcher, text):
    assert matcher.find(text) == []


def test_an_item_replaced_where_the_name_is_said(matcher):
    text = "我们要把创新、协调、节约、开放、共享的新发展理念落到实处。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (
        "节约",
        "xin-fazhan-linian",
        "member",
    )
    assert hit.replacement == "绿色"


# ── two characters, two words or two items swapped ─────────────────────────────────────


@pytest.mark.parametrize(
    "text, span, entry, replacement",
    [
        # in a statement or a fuzzy term: the alignment's swap of two characters or two words
        (
            "我们要坚决维护党中央权威和统一集中领导。",
            "维护党中央权威和统一集中领导",
            "liangge-weihu",
            "维护党中央权威和集中统一领导",
        ),
        (
            "我们坚决维护党中央威权和集中统一领导。",
            "维护党中央威权和集中统一领导",
            "liangge-weihu",
            "维护党中央权威和集中统一领导",
        ),
        (
            "牢记务必谨慎谦虚、艰苦奋斗的要求。",
            "务必谨慎谦虚、艰苦奋斗",
            "sange-wubi",
            "务必谦虚谨慎、艰苦奋斗",
        ),
        (
            "毫不动摇巩固和发展公有制经济，毫不动摇支持、鼓励、引导非公有制经济发展。",
            "毫不动摇支持、鼓励、引导非公有制经济发展",
            "liangge-haobudongyao",
            "毫不动摇鼓励、支持、引导非公有制经济发展",
        ),
        (
            "贯彻中央八项规定及其实施则细精神。",
            "中央八项规定及其实施则细精神",
            "baxiang-guiding",
            "中央八项规定及其实施细则精神",
        ),
        (
            "学习习近平新时代中国色特社会主义思想。",
            "习近平新时代中国色特社会主义思想",
            "xi-sixiang",
            "习近平新时代中国特色社会主义思想",
        ),
        # the items either side of a 、
        (
            "党确立习近平同志全党的核心、党中央的核心地位，意义重大。",
            "全党的核心、党中央的核心",
            "liangge-queli",
            "党中央的核心、全党的核心",
        ),
        (
            "坚持马克思主义基本原理同中华优秀传统文化相结合、同中国具体实际相结合。",
            "同中华优秀传统文化相结合、同中国具体实际相结合",
            "liangge-jiehe",
            "同中国具体实际相结合、同中华优秀传统文化相结合",
        ),
        # a list member (in a list, or alone) or a meeting's name
        ("对照检查中，齐看意识还不够强。", "齐看意识", "sige-yishi", "看齐意识"),
        ("坚持创新、调协、绿色、开放、共享的发展理念。", "调协", "xin-fazhan-linian", "协调"),
        (  # two two-character words of a long member
            "开展学党规党章、学系列讲话，做合格党员学习教育。",
            "学党规党章",
            "liangxue-yizuo",
            "学党章党规",
        ),
        (
            "深入学习党的二十届三全中会精神。",
            "二十届三全中会",
            "ershijie-sanzhong",
            "二十届三中全会",
        ),
    ],
)
def test_two_characters_words_or_items_swapped(matcher, text, span, entry, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem, hit.replacement) == (
        span,
        entry,
        "wrong-form",
        replacement,
    )
    assert "字序有误" in hit.message or "语序有误" in hit.message


@pytest.mark.parametrize(
    "text",
    [
        "坚持党中央集中统一领导，统一思想、统一行动。",
        "敢于斗争、善于斗争是共产党人的鲜明品格。",  # the right order, outside the statement
        "全党的核心、党中央的核心这一说法在文件中没有出现。",  # no text of the statement around it
        "同中国具体实际相结合是第一个结合。",
        "学习党的十二届三中全会的历史文献。",  # two numerals swapped: another meeting
        "小说写了两个家族的伟大争斗。",  # 争斗 is a word: a short member swapped is not enough
    ],
)
def test_words_in_their_own_order_are_not_reported(matcher, text):
    assert matcher.find(text) == []


def test_last_item_of_a_list_replaced_after_its_head(matcher):
    text = "严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活作风，守住底线。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem, hit.replacement) == (
        "生活作风",
        "liuda-jilv",
        "member",
        "生活纪律",
    )
    # one more item after the whole list, or the head and more words: other prose
    assert (
        matcher.find("严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律、生活作风。")
        == []
    )
    assert (
        matcher.find("严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活作风问题。") == []
    )


def test_what_is_said_of_another_formulation(matcher):
    text = "我们深刻领悟“四个意识”的决定性意义还不够。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem, hit.replacement) == (
        "“四个意识”的决定性意义",
        "sige-yishi",
        "verb",
        None,
    )
    assert "说的是“两个确立”" in hit.message
    assert matcher.find("深刻领悟“两个确立”的决定性意义，增强“四个意识”的自觉。") == []


@pytest.mark.parametrize(
    ("title", "right", "problem"),
    [
        (  # words left out
            "中共中央关于全面深化改革、推进中国式现代化的决定",
            "中共中央关于进一步全面深化改革、推进中国式现代化的决定",
            "truncated",
        ),
        (  # a word replaced
            "中共中央关于进一步全面深化改革、推动中国式现代化的决定",
            "中共中央关于进一步全面深化改革、推进中国式现代化的决定",
            "wrong-form",
        ),
        (  # words left out
            "中共中央关于制定国民经济第十五个五年规划的建议",
            "中共中央关于制定国民经济和社会发展第十五个五年规划的建议",
            "truncated",
        ),
        (  # one character off at its end: 决定 for 决议
            "中共中央关于党的百年奋斗重大成就和历史经验的决定",
            "中共中央关于党的百年奋斗重大成就和历史经验的决议",
            "wrong-form",
        ),
    ],
)
def test_title_of_an_adopted_document_misquoted(matcher, title, right, problem):
    text = f"我们认真学习《{title}》。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem, hit.replacement) == (title, problem, right)


@pytest.mark.parametrize(
    ("text", "title", "right"),
    [
        (  # the meeting named: any part of its document's title
            "我对党的二十届二中全会审议通过的《党和国家机构改革》理解不深。",
            "党和国家机构改革",
            "党和国家机构改革方案",
        ),
        (  # not named: two thirds of it, as it begins and ends
            "我学习《中共中央关于进一步全面深化改革的决定》不够深入。",
            "中共中央关于进一步全面深化改革的决定",
            "中共中央关于进一步全面深化改革、推进中国式现代化的决定",
        ),
        (  # close to two documents: the meeting named says which
            "重温党的十八届四中全会的《中共中央关于全面依法治国若干重大问题的决定》。",
            "中共中央关于全面依法治国若干重大问题的决定",
            "中共中央关于全面推进依法治国若干重大问题的决定",
        ),
    ],
)
def test_title_of_an_adopted_document_cut_short(matcher, text, title, right):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem, hit.replacement) == (title, "truncated", right)


def test_part_of_a_title_without_its_meeting_may_be_another_work(matcher):
    assert matcher.find("学习《党和国家机构改革》一书。") == []


@pytest.mark.parametrize(
    "title",
    [
        "中共中央关于制定国民经济和社会发展第十四个五年规划的建议",  # another number: another one
        "中共中央关于全面深化改革若干重大问题的决定",  # 2013: far from the 2024 one
        "党和国家机构改革方案",
        "深化党和国家机构改革方案",  # 2018: begins otherwise
    ],
)
def test_other_titles_are_not_reported(matcher, title):
    assert matcher.find(f"我们认真学习《{title}》。") == []


@pytest.mark.parametrize(
    ("text", "span", "problem_says", "replacement"),
    [
        (
            "践行“三严三实”，做到严以律己、严以修身、严以用权。",
            "严以律己、严以修身、严以用权",
            "的顺序应为：严以修身、严以用权、严以律己",
            "严以修身、严以用权、严以律己",
        ),
        (
            "践行“三严三实”，做到严以修身、严以待人、严以律己。",
            "严以待人",
            "应为“严以用权”",
            "严以用权",
        ),
        (  # one off a member that is written too: another item, not a misspelling
            "对照“三严三实”，在谋事要实、干事要实、做人要实方面有差距。",
            "干事要实",
            "应为“创业要实”",
            "创业要实",
        ),
    ],
)
def test_part_of_a_named_list(matcher, text, span, problem_says, replacement):
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.formulation, hit.problem) == (
        span,
        "sanyan-sanshi",
        "member",
    )
    assert problem_says in hit.message and hit.replacement == replacement


@pytest.mark.parametrize(
    "text",
    [
        "践行“三严三实”，做到严以修身、严以待人、严以律己，严以用权更要带头。",  # there, told
        "践行“三严三实”，做到严以修身、严以用权、严以律己。",
    ],
)
def test_part_of_a_list_not_reported(matcher, text):
    assert matcher.find(text) == []


def test_clause_in_place_of_another_names_the_member_not_its_number(matcher):
    # found by a random search: the member left free was named by its index, which crashed
    hits = matcher.find("务必务必初心牢记使命务必谨慎艰苦奋斗")
    assert {h.formulation for h in hits} == {"sange-wubi"}
    assert any("应为“务必敢于斗争、善于斗争”" in h.message for h in hits)


def test_a_word_ending_in_the_names_first_character_is_no_part_of_it(matcher):
    # 学习 + 贯彻新时代…: the 习 of 学习 is not that of 习近平 (a speech's own wording)
    text = "要在学习贯彻新时代中国特色社会主义思想上发挥示范引领作用。"
    hit = only(matcher.find(text))
    assert (text[hit.start : hit.end], hit.problem) == ("新时代中国特色社会主义思想", "truncated")


def test_wrong_forms_must_be_a_list():
    entries = copy.deepcopy(ENTRIES)
    next(e for e in entries if e["id"] == "sige-yishi")["wrong"] = None
    with pytest.raises(ValueError, match=r"'sige-yishi'.*'wrong'"):
        validate_entries(entries)


def test_a_speech_quoted_word_for_word_is_not_cut_short(matcher):
    assert (
        matcher.find("总书记指出：“要在学习贯彻新时代中国特色社会主义思想上发挥示范引领作用。”")
        == []
    )
    hit = only(matcher.find("用新时代中国特色社会主义思想武装头脑。"))  # the writer's own words
    assert hit.problem == "truncated"
    # a quotation with a character left out inside it is misquoted all the same
    hit = only(matcher.find("牢记“务必使同志们继续保持谦虚、谨慎、不骄、不躁的作风”的教诲。"))
    assert (hit.formulation, hit.problem) == ("liangge-wubi", "truncated")
