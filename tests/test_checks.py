"""Each check kind, with a draft that must trigger it and one that must not."""

from __future__ import annotations

from helpers import lint_text, rules_and_lines

LEADS = [
    "（一）在带头深刻感悟“两个确立”的决定性意义方面",
    "（二）在带头牢记我们党是什么、要干什么这个根本问题方面",
    "（三）在带头践行以人民为中心的发展思想方面",
    "（四）在带头学习运用党在不同历史时期成功应对风险挑战的丰富经验方面",
    "（五）在带头深刻汲取党史中正反两方面经验方面",
]


def draft(
    leads=LEADS, causes=True, measures=True, item="一是学习不够。比如，全年只学了3次。"
) -> str:
    lines = ["党史学习教育专题民主生活会对照检查材料", "一、存在的问题"]
    for lead in leads:
        lines += [lead, item]
    if causes:
        lines += ["二、原因剖析", "（一）理论学习不够深入。"]
    if measures:
        lines += ["三、整改措施" if causes else "二、整改措施", "（一）年底前完成，由书记负责。"]
    return "\n".join(lines) + "\n"


# sections


def test_sections_present_and_in_order_pass():
    assert lint_text(draft(), "section-missing", "section-order") == []


def test_missing_section_points_where_it_belongs():
    findings = lint_text(draft(causes=False), "section-missing")
    assert rules_and_lines(findings) == [("section-missing", 13)]
    assert findings[0].message == "缺少“原因剖析”部分（应位于“整改措施”之前）"


def test_missing_last_section_points_at_the_end():
    text = draft(measures=False)
    findings = lint_text(text, "section-missing")
    assert rules_and_lines(findings) == [("section-missing", text.count("\n"))]


def test_sections_out_of_order():
    text = "标题\n一、整改措施\n一是改。\n二、存在的问题\n一是学习不够，比如3次。\n三、原因剖析\n一是松。\n"
    assert rules_and_lines(lint_text(text, "section-order", profile="generic")) == [
        ("section-order", 4),
        ("section-order", 6),
    ]


def test_section_roles_follow_the_head_noun():
    text = "标题\n一、存在的主要问题\n一是比如3次。\n二、产生问题的原因\n一是松。\n三、下步打算\n一是改。\n"
    assert lint_text(text, "section-missing", "section-order", profile="generic") == []


# leads


def test_all_leads_abbreviated_pass():
    short = [
        "（一）“两个确立”方面",
        "（二）牢记党是什么方面",
        "（三）以人民为中心方面",
        "（四）应对风险挑战方面",
        "（五）正反两方面经验方面",
    ]
    assert lint_text(draft(leads=short), "lead-missing", "lead-order") == []


def test_pinyin_stand_in_counts_for_matching():
    leads = [*LEADS[:4], "（五）在带头深刻汲取dangshi中正反两方面经验方面"]
    assert lint_text(draft(leads=leads), "lead-missing") == []
    assert rules_and_lines(lint_text(draft(leads=leads), "pinyin-substitute")) == [
        ("pinyin-substitute", 11)
    ]


def test_missing_lead_is_named():
    findings = lint_text(draft(leads=LEADS[:2] + LEADS[3:]), "lead-missing")
    assert rules_and_lines(findings) == [("lead-missing", 7)]
    assert "以人民为中心" in findings[0].message


def test_unrelated_heading_does_not_count_as_a_lead():
    leads = [*LEADS[:4], "（五）在加强机关作风建设方面"]
    assert rules_and_lines(lint_text(draft(leads=leads), "lead-missing")) == [("lead-missing", 2)]


def test_leads_out_of_order():
    leads = [LEADS[0], LEADS[2], LEADS[1], LEADS[3], LEADS[4]]
    assert rules_and_lines(lint_text(draft(leads=leads), "lead-order")) == [("lead-order", 7)]


# items


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


# patterns


def test_placeholders_and_artifacts():
    text = draft().replace("全年只学了3次", "全年只学了x次，由XX负责##paidbegin##", 1)
    assert [
        (f.rule, f.line, text.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1])
        for f in lint_text(text, "placeholder", "artifact")
    ] == [
        ("placeholder", 4, "x次"),
        ("placeholder", 4, "XX"),
        ("artifact", 4, "##paidbegin##"),
    ]


def test_latin_words_are_not_placeholders():
    assert lint_text(draft().replace("3次", "XBRL系统3次"), "placeholder") == []


def test_markdown_residue_only_in_plain_text():
    text = draft().replace("一、存在的问题", "**一、存在的问题**")
    assert rules_and_lines(lint_text(text, "markdown-residue")) == [("markdown-residue", 2)] * 2
    assert lint_text(text, "markdown-residue", fmt="md") == []


# words


def test_typo_with_fix():
    findings = lint_text(draft().replace("学习不够", "厉害关系看得重", 1), "typo")
    assert [(f.line, f.column, f.end_column, f.fix.replacement) for f in findings] == [
        (4, 3, 7, "利害关系")
    ]
    assert lint_text(draft().replace("学习不够", "利害关系看得重"), "typo") == []


def test_pinyin_inside_a_latin_word_is_not_a_stand_in():
    assert lint_text(draft().replace("3次", "3次（Xdangshix）"), "pinyin-substitute") == []


# numbering


def numbered(*markers: str) -> list[str]:
    """The five leads with these numbers in place of （一）…（五）."""
    return [marker + lead[3:] for marker, lead in zip(markers, LEADS, strict=True)]


def test_numbering_in_sequence_passes():
    assert lint_text(draft(), "numbering-sequence") == []


def test_numbering_skip_repeat_and_style():
    leads = numbered("（一）", "（二）", "（四）", "（五）", "（五）、")
    findings = lint_text(draft(leads=leads), "numbering-sequence")
    assert [(f.line, f.message) for f in findings] == [
        (7, "编号“（四）”有误：编号跳号，应为“（三）”"),
        (9, "编号“（五）”有误：编号跳号，应为“（四）”"),
        (11, "编号“（五）、”有误：编号格式应为“（五）”，而不是“（五）、”"),
    ]


# punctuation


def test_punctuation_clean_text_passes():
    assert lint_text(draft(), "punct-duplicate", "punct-halfwidth", "punct-unpaired") == []


def test_halfwidth_marks_in_chinese_text_get_fullwidth_fixes():
    text = draft().replace("比如，", "比如,").replace("“两个确立”", '"两个确立"')
    findings = lint_text(text, "punct-halfwidth")
    assert [(f.line, f.fix.replacement) for f in findings] == [(3, "“两个确立”")] + [
        (4 + 2 * i, "，") for i in range(5)
    ]


def test_halfwidth_marks_between_digits_and_latin_are_fine():
    assert (
        lint_text(
            draft().replace("3次", "3次，10:30开始，见 https://example.org/a,b"), "punct-halfwidth"
        )
        == []
    )


def test_doubled_and_unpaired_marks():
    text = draft().replace("比如，", "比如，，").replace("“两个确立”", "“两个确立")
    assert rules_and_lines(lint_text(text, "punct-duplicate", "punct-unpaired")) == [
        ("punct-unpaired", 3)
    ] + [("punct-duplicate", 4 + 2 * i) for i in range(5)]


def test_ellipsis_and_dashes_are_not_doubled_marks():
    assert lint_text(draft().replace("3次", "3次……还有——差距"), "punct-duplicate") == []


def test_numbering_is_checked_by_position_so_one_fix_pass_renumbers_a_run():
    leads = numbered("（一）", "（二）", "（四）", "（五）", "（六）")
    findings = lint_text(draft(leads=leads), "numbering-sequence")
    assert [(f.line, f.fix.replacement) for f in findings] == [
        (7, "（三）"),
        (9, "（四）"),
        (11, "（五）"),
    ]


def test_chinese_numerals_for_long_runs_read_back():
    from lint.source.numerals import cn_number, cn_numeral

    assert [cn_numeral(n) for n in (10, 11, 21, 101, 112, 999)] == [
        "十",
        "十一",
        "二十一",
        "一百零一",
        "一百一十二",
        "九百九十九",
    ]
    assert all(cn_number(cn_numeral(n)) == n for n in range(1, 1000))
