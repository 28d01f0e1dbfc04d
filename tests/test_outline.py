"""The outline: sections, leads and items of real and sample drafts."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from lint.outline import parse
from lint.source import read
from lint.source.numerals import cn_number

# Corpus draft -> section headings, and the number of items under each of the five leads.
CORPUS_TREES = {
    "000_9723cee4ce65b281.txt": (
        ["存在的问题", "产生的原因剖析", "努力方向和整改措施"],
        [2, 2, 2, 2, 3],
    ),
    "001_b201994ab57dee7d.txt": (
        ["存在的主要问题", "问题根源剖析", "努力方向和整改措施"],
        [3, 2, 3, 3, 3],
    ),
    "002_feebf3d195d17036.txt": (
        ["存在的主要问题", "产生问题的主要原因", "下步的改进措施"],
        [3, 3, 3, 3, 3],
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS_TREES))
def test_corpus_tree(corpus, name):
    outline = parse(read(str(corpus / name)).text)
    headings, items_per_lead = CORPUS_TREES[name]
    assert [outline.span_text(s.title) for s in outline.sections] == headings
    leads = outline.sections[0].children
    assert [lead.style for lead in leads] == ["cn-paren"] * 5
    assert [lead.number for lead in leads] == [1, 2, 3, 4, 5]
    assert [len(lead.children) for lead in leads] == items_per_lead
    for lead in leads:
        assert outline.span_text(lead.title).endswith("方面")
        assert [item.number for item in lead.children] == list(range(1, len(lead.children) + 1))


def test_corpus_causes_and_measures(corpus):
    outline = parse(read(str(corpus / "000_9723cee4ce65b281.txt")).text)
    causes, measures = outline.sections[1], outline.sections[2]
    assert [(n.style, n.number) for n in causes.children] == [("arabic", i) for i in range(1, 6)]
    assert [len(n.children) for n in measures.children] == [0, 3, 4, 0]
    # The misspelt enumerator 二有 still reads as the second item.
    second_lead = outline.sections[0].children[1]
    assert [(i.number, i.punct) for i in second_lead.children] == [(1, "是"), (2, "有")]


def test_corpus_causes_numbered_with_parentheses(corpus):
    outline = parse(read(str(corpus / "002_feebf3d195d17036.txt")).text)
    assert outline.span_text(outline.title) == "副镇长五个带头专题mzshh对照检查材料"
    assert [outline.span_text(n.title) for n in outline.sections[1].children] == [
        "改造思想不够彻底",
        "能力素质不够适应",
        "工作作风不够务实",
    ]


def test_markdown_draft_with_bold_leads_and_inline_items():
    outline = parse(read(str(SAMPLES / "good-personal-2021.md")).text)
    assert outline.span_text(outline.title) == "党史学习教育专题民主生活会个人对照检查材料"
    assert [outline.span_text(s.title) for s in outline.sections] == [
        "存在的问题",
        "原因剖析",
        "整改措施",
    ]
    leads = outline.sections[0].children
    assert [len(lead.children) for lead in leads] == [2, 1, 1, 1, 1]
    first = leads[0].children[0]
    assert first.inline and outline.span_text(first.title) == "学习的主动性不够"


def test_inline_items_end_where_the_next_begins():
    text = "一、存在的问题\n（一）学习方面：一是学得不深。比如少。二是用得不够。例如慢。\n"
    outline = parse(text)
    one, two = outline.sections[0].children[0].children
    assert text[one.start : one.end] == "一是学得不深。比如少。"
    assert text[two.start : two.end] == "二是用得不够。例如慢。"


def test_stray_enumerator_inside_a_sentence_is_not_an_item():
    outline = parse("一、存在的问题\n（一）统一是前提，二是多余的字。\n")
    assert outline.sections[0].children[0].children == []


def test_unnumbered_bold_and_markdown_headings_are_sections():
    outline = parse("标题\n\n**存在的问题**\n一是甲。\n## 整改措施\n一是乙。\n")
    assert [(s.style, outline.span_text(s.title)) for s in outline.sections] == [
        ("heading", "存在的问题"),
        ("heading", "整改措施"),
    ]
    assert all(len(s.children) == 1 for s in outline.sections)


@pytest.mark.parametrize(
    "text, value",
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("12", 12), ("③", 3)],
)
def test_cn_number(text, value):
    assert cn_number(text) == value
