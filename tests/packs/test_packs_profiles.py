"""The theme profiles: each is detected from its draft's title, and a draft that follows the
theme's leads has no structural finding; the personal variants want the personal-matters part."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.linter import Linter
from lint.model import Source

STRUCTURE = {
    "section-missing",
    "section-order",
    "lead-missing",
    "lead-order",
    "measure-uncovered",
    "personal-matters-missing",
}

# Per theme: the title's theme words, the lead headings, and one measure per lead.
THEMES = {
    "liugedaitou-2022": (
        "2022年度民主生活会“六个带头”",
        [
            "带头深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”方面",
            "带头坚持和加强党中央集中统一领导方面",
            "带头积极担当作为方面",
            "带头践行以人民为中心的发展思想方面",
            "带头发扬斗争精神方面",
            "带头落实全面从严治党政治责任方面",
        ],
        [
            "深入学习党的二十大精神，每月集中学习一次。",
            "坚决维护党中央权威和集中统一领导，重大事项及时请示报告。",
            "推动重点项目落地，6月底前开工3个项目。",
            "办好民生实事，每季度走访群众两次。",
            "敢于斗争，年底前化解信访积案5件。",
            "落实主体责任和“一岗双责”，每季度专题研究一次。",
        ],
    ),
    "zhutijiaoyu-2023": (
        "主题教育专题民主生活会",
        [
            "理论学习方面",
            "政治素质方面",
            "能力本领方面",
            "担当作为方面",
            "工作作风方面",
            "廉洁自律方面",
        ],
        [
            "加强理论学习，每月研讨一次。",
            "提高政治判断力，每季度开展一次政治能力训练。",
            "补齐能力短板，年内参加专业培训两次。",
            "主动担当作为，领办难题3项。",
            "转变工作作风，每季度到基层调研两次。",
            "严守廉洁纪律，每半年开展一次家风教育。",
        ],
    ),
    "sigefangmian-2024": (
        "2024年度民主生活会",
        [
            "在严守政治纪律和政治规矩方面",
            "在增强党性、严守纪律、砥砺作风方面",
            "在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面",
            "在履行全面从严治党政治责任方面",
        ],
        [
            "严守政治纪律和政治规矩，重大事项5个工作日内请示报告。",
            "锤炼党性、改进作风，每季度开展一次党纪教育。",
            "鼓励改革创新，6月底前推出两项便民举措。",
            "落实全面从严治党主体责任，每季度谈话提醒一次。",
        ],
    ),
    "wugedaitou-2025": (
        "2025年度民主生活会",
        [
            "在带头强化政治忠诚、提高政治能力方面",
            "带头固本培元、增强党性方面",
            "在带头敬畏人民、敬畏组织、敬畏法纪方面",
            "在带头干事创业、担当作为方面",
            "在带头坚决扛起管党治党责任方面",
        ],
        [
            "严格落实“第一议题”制度，每月专题研讨一次。",
            "加强党性锻炼，每季度参加支部组织生活不少于一次。",
            "严格执行请示报告制度，重大事项5个工作日内报告。",
            "推动重点项目落地，6月底前开工3个项目。",
            "落实管党治党主体责任，每季度专题研究一次。",
        ],
    ),
    "zhutijiaoyu-2023-2": (
        "第二批主题教育专题民主生活会",
        [
            "在学习贯彻习近平新时代中国特色社会主义思想方面",
            "在维护党中央权威和集中统一领导方面",
            "在践行以人民为中心的发展思想方面",
            "在推动高质量发展方面",
            "在树立和践行正确政绩观方面",
            "在落实全面从严治党政治责任方面",
        ],
        [
            "加强理论学习，每月研讨一次。",
            "坚决做到“两个维护”，重大事项及时请示报告。",
            "办好民生实事，每季度走访群众两次。",
            "推动高质量发展，6月底前开工3个项目。",
            "树牢正确政绩观，3月底前清理闲置工程。",
            "落实主体责任和“一岗双责”，每季度专题研究一次。",
        ],
    ),
}
NUMBERS = "一二三四五六七八九十"


def draft(theme: str, personal: bool = False, matters: bool = False, drop: int | None = None):
    words, leads, measures = THEMES[theme]
    who = "局长" if personal else "局领导班子"
    kind = "个人对照检查材料" if personal else "对照检查材料"
    lines = [f"某县商务局{who}{words}{kind}", "", "按照县委通知要求，会前征求意见12条。", ""]
    lines.append("一、存在的问题")
    for i, lead in enumerate(leads):
        if i == drop:
            continue
        lines += [f"（{NUMBERS[i]}）{lead}", f"一是工作有差距。比如，今年有{i + 2}项任务滞后。"]
    lines += ["二、原因剖析", "一是思想放松。", "三、整改措施"]
    lines += [f"（{NUMBERS[i]}）{m}" for i, m in enumerate(measures)]
    if matters:
        lines += ["四、个人有关事项", "本人已按规定如实报告个人有关事项。"]
    return "\n".join(lines) + "\n"


def lint(text: str, profile: str = "auto"):
    return Linter(profile).check_source(Source("draft.txt", text))


@pytest.mark.parametrize("theme", THEMES)
def test_a_team_draft_of_each_theme_is_detected_and_structurally_clean(theme):
    result = lint(draft(theme))
    assert (result.profile.id, result.detected) == (theme, True)
    assert [f for f in result.findings if f.rule in STRUCTURE] == []


@pytest.mark.parametrize("theme", THEMES)
def test_a_missing_lead_of_each_theme_is_reported_where_it_belongs(theme):
    text = draft(theme, drop=1)
    result = lint(text)
    missing = [(f.rule, f.line) for f in result.findings if f.rule == "lead-missing"]
    later = text.split("\n").index(f"（{NUMBERS[2]}）{THEMES[theme][1][2]}") + 1
    assert missing == [("lead-missing", later)]
    assert THEMES[theme][1][1].removesuffix("方面").removeprefix("在")[:6] in next(
        f.message for f in result.findings if f.rule == "lead-missing"
    )


@pytest.mark.parametrize("theme", THEMES)
def test_a_personal_draft_needs_the_personal_matters_part(theme):
    result = lint(draft(theme, personal=True))
    assert result.profile.id == f"{theme}-personal"
    structural = [f.rule for f in result.findings if f.rule in STRUCTURE]
    assert structural == ["personal-matters-missing"]
    result = lint(draft(theme, personal=True, matters=True))
    assert [f for f in result.findings if f.rule in STRUCTURE] == []


def test_personal_words_alone_do_not_pick_a_theme():
    text = "某支部党员个人对照检查材料\n\n一、存在的问题\n一是学习不够，比如今年只学了2次。\n"
    result = lint(text)
    assert (result.profile.id, result.detected) == ("generic", False)
    out = CliRunner().invoke(main, ["check", "--no-config", "--format", "concise", "-"], input=text)
    assert out.stdout.rstrip().endswith("其中 1 个文件未识别出会议主题，使用通用规则集 generic。")


def test_profiles_lists_every_theme_and_unknown_profile_names_them():
    out = CliRunner().invoke(main, ["profiles"]).output
    for theme in THEMES:
        assert f"{theme}  " in out and f"{theme}-personal  " in out
    assert "同时含“个人对照检查”" in out
    result = CliRunner().invoke(main, ["check", "--profile", "2024", "-"], input="正文")
    assert result.exit_code == 2
    assert all(theme in result.stderr for theme in THEMES)


def test_every_profile_says_where_its_wording_comes_from():
    from lint.packs.registry import Registry

    for pack in Registry().profiles():
        if pack.id != "generic":
            assert "核对" in pack.header.source, pack.id


def test_the_personal_pack_on_top_of_any_profile(tmp_path):
    """``--rules personal.yaml`` lays the personal-matters part over whatever is detected."""
    from lint.packs.registry import SHIPPED

    personal = SHIPPED / "personal.yaml"
    for matters, expected in ((False, ["personal-matters-missing"]), (True, [])):
        path = tmp_path / f"draft-{matters}.txt"
        path.write_text(draft("zhutijiaoyu-2023", matters=matters), encoding="utf-8")
        result = Linter(extra_packs=[personal]).check_path(str(path))
        assert result.profile.id == "zhutijiaoyu-2023"
        assert [f.rule for f in result.findings if f.rule in STRUCTURE] == expected


def test_a_plain_pack_must_fit_the_profile_it_is_laid_over(tmp_path):
    pack = tmp_path / "extra.yaml"
    pack.write_text(
        "id: extra\ntitle: 额外\nrules:\n"
        "  - {id: need-plan, kind: items, section: plans, require: ['计划'], message: 缺计划}\n",
        encoding="utf-8",
    )
    draft_path = tmp_path / "d.txt"
    draft_path.write_text(draft("sigefangmian-2024"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--rules", str(pack), str(draft_path)])
    assert result.exit_code == 2
    assert f"{pack.resolve()}:4:" in result.stderr and "未声明的部分“plans”" in result.stderr
