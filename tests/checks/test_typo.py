"""typo: listed misused words (certain, errors) and typos no list names (found by the
detector: warnings, a fix only when one correction is sure)."""

from __future__ import annotations

import textwrap

import pytest
from helpers import example_failures, lint_text, run_rule, shipped_rules


@pytest.mark.parametrize(("pack", "rule"), shipped_rules("typo"))
def test_shipped_examples(pack, rule):
    assert example_failures(pack, rule) == []


def test_a_listed_word_is_an_error_with_its_fix():
    [f] = lint_text("一、存在的问题\n考虑个人厉害关系多了。\n", "typo")
    assert (f.severity, f.line, f.column, f.fix.replacement) == ("error", 2, 5, "利害关系")


def test_an_unlisted_idiom_one_character_off_is_found():
    [f] = lint_text("一、存在的问题\n一些制度被束之高搁，没有落实。\n", "typo")
    assert (f.severity, f.line, f.column, f.end_column) == ("warning", 2, 6, 10)
    assert "束之高阁" in f.message and f.message.startswith("疑似错别字")
    assert f.fix is not None and f.fix.replacement == "束之高阁"


def test_correct_official_sentences_are_not_flagged():
    text = (
        "2025年1月，县委书记张建国到红旗镇调研，召开座谈会3次，征求意见建议18条。\n"
        "坚持把党的政治建设摆在首位，深入学习贯彻习近平新时代中国特色社会主义思想。\n"
    )
    assert lint_text(text, "typo") == []


def test_the_list_wins_where_both_report(tmp_path):
    rule = """\
    - id: t
      kind: typo
      message: 用词有误：“{match}”应为“{right}”
      entries: {束之高搁: 束之高阁}
    """
    assert run_rule(tmp_path, rule, "一是制度束之高搁。") == [(1, "束之高搁")]


def test_unseen_false_keeps_only_the_list(tmp_path):
    rule = """\
    - id: t
      kind: typo
      message: 用词有误：“{match}”应为“{right}”
      unseen: false
      entries: {厉害关系: 利害关系}
    """
    assert run_rule(tmp_path, rule, "一是制度束之高搁。\n二是厉害关系。") == [(2, "厉害关系")]


def test_a_huge_text_is_not_searched_for_unseen_typos_and_says_so(monkeypatch):
    from lint.checks import typo

    monkeypatch.setattr(typo, "MAX_UNSEEN_CHARS", 20)
    text = "一、存在的问题\n一些制度被束之高搁，没有落实。考虑个人厉害关系多了。\n"
    findings = lint_text(text, "typo")
    assert [(f.severity, f.line) for f in findings] == [("info", 1), ("error", 2)]
    assert "未查找词典以外的疑似错别字" in findings[0].message


ALLOW_RULE = """\
- id: t
  kind: typo
  message: 用词有误：“{match}”应为“{right}”
  entries: {厉害关系: 利害关系}
  allow: terms.yaml
"""


def test_allowed_terms_are_never_reported_and_other_typos_still_are(tmp_path):
    text = "一是只重显绩，不重潜绩。\n二是制度束之高搁。\n三是厉害关系。"
    without = ALLOW_RULE.replace("  allow: terms.yaml\n", "")
    assert run_rule(tmp_path, without, text) == [(1, "显绩"), (2, "束之高搁"), (3, "厉害关系")]
    (tmp_path / "terms.yaml").write_text(
        "entries:\n  - word: 显绩\n    source: 人民网\n", encoding="utf-8"
    )
    assert run_rule(tmp_path, ALLOW_RULE, text) == [(2, "束之高搁"), (3, "厉害关系")]


def test_the_shipped_official_terms_keep_correct_sentences_clean():
    text = (
        "一、存在的问题\n既要重视显绩，更要重视潜绩。开展卫片执法检查，局机关各股室逐项整改。\n"
        "深学细悟党的创新理论，持续纠治形式主义官僚主义。\n"
    )
    assert lint_text(text, "typo") == []


@pytest.mark.parametrize(
    ("terms", "error"),
    [
        (None, "词语文件不存在"),
        ("words: [显绩]\n", "应为映射，含 entries 列表"),
        ("entries:\n  - word: 显绩\n", "缺少 source"),
        ("entries:\n  - word: 显\n    source: 某报\n", "两个以上汉字"),
        ("entries:\n  - word: XX\n    source: 某报\n", "两个以上汉字"),
        ("entries:\n  - word: 显绩\n    source: 某报\n    right: 业绩\n", "未知的键"),
    ],
)
def test_a_broken_allow_file_is_refused_with_its_place(tmp_path, terms, error):
    from lint.model import PackError
    from lint.packs.registry import Registry

    if terms is not None:
        (tmp_path / "terms.yaml").write_text(terms, encoding="utf-8")
    pack = tmp_path / "mine.yaml"
    pack.write_text("id: mine\ntitle: 我的\nrules:\n" + textwrap.indent(ALLOW_RULE, "  "), "utf-8")
    with pytest.raises(PackError, match=error):
        Registry([pack]).validate(pack)
