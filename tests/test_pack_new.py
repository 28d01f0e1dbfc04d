"""``draftlint pack new --from-notice``: a pack from a meeting notice that validates, passes its
own examples and detects a draft written for that notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx_build import styled

from lint.cli import main

# Fictional notices, written for these tests.
DAITOU_NOTICE = """关于召开2026年度民主生活会的通知
各党组（党委）：
经研究，现就开好2026年度民主生活会有关事项通知如下。
一、会议主题
深入学习贯彻党的创新理论，对照“四个带头”查摆问题。
二、重点内容
围绕以下方面进行对照检查：带头筑牢信念根基、锤炼坚强党性，坚定理想信念；带头服务群众、改进调查研究，站稳人民立场；带头攻坚克难、推进改革发展，树立正确政绩观；带头遵规守纪、廉洁奉公，严守纪律规矩。
三、会前准备
（一）认真学习研讨。各班子要集中学习。
（二）广泛征求意见。采取多种方式听取意见。
（三）深入谈心谈话。班子成员之间要开展谈心谈话。
"""

DAITOU_LEADS = [
    "带头筑牢信念根基、锤炼坚强党性",
    "带头服务群众、改进调查研究",
    "带头攻坚克难、推进改革发展",
    "带头遵规守纪、廉洁奉公",
]

ENUM_NOTICE = """关于召开2026年度专题民主生活会的通知
一、主要内容
这次专题民主生活会，领导班子和班子成员要重点对照检查以下方面：一是在深入学习贯彻党的创新理论、坚定拥护“两个确立”方面；二是在践行宗旨、服务人民方面；三是在担当作为、狠抓落实方面。同时要认真检视上年度整改情况。
二、工作要求
（一）会前要认真学习。
（二）会上要开展批评。
（三）会后要抓好整改。
"""

ENUM_LEADS = ["深入学习贯彻党的创新理论", "践行宗旨、服务人民", "担当作为、狠抓落实"]

# A branch's 组织生活会 notice, its aspects numbered （一）… (in Word: by automatic numbering).
BRANCH_NOTICE = """2026年度组织生活会和民主评议党员工作通知
各党支部要认真召开组织生活会，党员逐一对照以下方面检视剖析：
（一）检视学习贯彻党的创新理论情况，看学习是否深入。
（二）检视发挥先锋模范作用情况，看是否立足岗位作贡献。
（三）检视联系服务群众情况，看是否为群众办实事。
（四）检视遵守纪律规矩情况，看是否严守党的纪律。
会后要及时报送材料。
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def draft(title: str, headings: list[str]) -> str:
    numbers = "一二三四五六"
    lines = [title, "按照会议通知要求，认真开展会前学习，广泛征求意见12条，现对照检查如下。"]
    lines.append("一、存在的问题")
    for i, heading in enumerate(headings):
        lines += [f"（{numbers[i]}）{heading}", f"一是落实不够到位，比如有{i + 2}项工作进度滞后。"]
    lines += [
        "二、原因剖析",
        "一是理想信念有所弱化。",
        "三、整改措施",
        "一是加强学习，6月底前完成3次研讨。",
    ]
    return "\n".join(lines) + "\n"


def generate(tmp_path: Path, notice: Path, *extra: str) -> Path:
    out = tmp_path / "packs" / "generated.yaml"
    result = run("pack", "new", "--from-notice", str(notice), "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def check_json(tmp_path: Path, pack: Path, text: str) -> tuple[str, list[dict]]:
    """The profile chosen for a draft (--explain-profile) and the findings of its check."""
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    common = ["--no-config", "--profile", "auto", "--rules", str(pack), "--format", "json"]
    explained = run("check", "--explain-profile", *common, str(path))
    assert explained.exit_code == 0, explained.output
    result = run("check", *common, str(path))
    assert result.exit_code in (0, 1), result.output
    return json.loads(explained.stdout)[0]["profile"], json.loads(result.stdout)


def leads_of(pack: Path) -> list[dict]:
    return yaml.safe_load(pack.read_text(encoding="utf-8"))["leads"]


def assert_round_trip(tmp_path: Path, pack: Path, title: str, headings: list[str], pack_id: str):
    """The pack validates, its examples pass, a draft for the notice is detected as it with
    every lead found, and a draft without one lead gets exactly one lead-missing naming it."""
    assert run("rules", "validate", str(pack)).exit_code == 0
    tested = run("rules", "test", str(pack))
    assert tested.exit_code == 0, tested.output
    assert "全部通过" in tested.output

    profile, findings = check_json(tmp_path, pack, draft(title, headings))
    assert profile == pack_id
    assert [f for f in findings if f["rule"].startswith(("lead-", "profile-"))] == []

    profile, findings = check_json(tmp_path, pack, draft(title, headings[:1] + headings[2:]))
    assert profile == pack_id
    name = leads_of(pack)[1]["name"]
    missing = [(f["rule"], f["line"]) for f in findings if f["rule"].startswith("lead-")]
    assert missing == [("lead-missing", 6)]  # on the heading after the gap
    assert [f["message"] for f in findings if f["rule"] == "lead-missing"] == [
        f"“存在的问题”部分缺少“{name}”方面"
    ]


def test_daitou_run_notice(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(DAITOU_NOTICE, encoding="utf-8")
    pack = generate(tmp_path, notice)
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert data["id"] == "sigedaitou-2026"
    assert data["year"] == 2026 and data["profile"] is True and data["extends"] == ["generic"]
    assert data["detect"] == ["2026年度民主生活会", "2026年度专题民主生活会", "四个带头"]
    assert data["detect_not"] == ["组织生活会"]
    assert "通知.txt" in data["source"]
    assert [lead["name"] for lead in data["leads"]] == DAITOU_LEADS
    assert data["leads"][0]["text"] == "带头筑牢信念根基、锤炼坚强党性，坚定理想信念"
    assert data["leads"][0]["keywords"] == ["信念根基", "坚强党性"]
    assert all(lead["measure_keywords"] == [] for lead in data["leads"])
    assert "# 请补充：整改措施中回应这一方面的词语" in pack.read_text(encoding="utf-8")
    assert [r["id"] for r in data["rules"]] == ["lead-missing", "lead-order"]
    # Drafts abbreviate the leads: the draft uses short headings for two of them.
    headings = [
        "在带头筑牢信念根基、锤炼坚强党性方面",
        "在服务群众方面",
        "在攻坚克难、推进改革发展方面",
        "遵规守纪方面",
    ]
    assert_round_trip(
        tmp_path, pack, "某局领导班子2026年度民主生活会对照检查材料", headings, "sigedaitou-2026"
    )


def test_enumeration_notice(tmp_path):
    notice = tmp_path / "notice.md"
    notice.write_text(ENUM_NOTICE, encoding="utf-8")
    pack = generate(tmp_path, notice, "--id", "zhuanti-2026")
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert data["id"] == "zhuanti-2026"
    assert data["detect"] == ["2026年度专题民主生活会"]
    assert [lead["name"] for lead in data["leads"]] == ENUM_LEADS
    # The list ends with the aspects: the sentence after it is not part of the last one.
    assert data["leads"][2]["text"] == "在担当作为、狠抓落实方面"
    headings = [
        "在学习贯彻党的创新理论方面",
        "在践行宗旨、服务人民方面",
        "在担当作为、狠抓落实方面",
    ]
    assert_round_trip(
        tmp_path, pack, "县委常委班子2026年度专题民主生活会对照检查材料", headings, "zhuanti-2026"
    )


def test_docx_notice_with_word_numbering(tmp_path):
    notice = styled(BRANCH_NOTICE, tmp_path / "通知.docx")
    pack = generate(tmp_path, notice)
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert data["id"] == "zuzhishenghuohui-sigefangmian-2026"
    assert data["detect"] == ["2026年度组织生活会"] and data["detect_not"] == ["民主生活会"]
    assert [lead["keywords"] for lead in data["leads"]] == [
        ["创新理论"],
        ["先锋模范作用"],
        ["联系服务群众"],
        ["遵守纪律规矩"],
    ]
    headings = ["学习创新理论方面", "发挥先锋模范作用方面", "联系服务群众方面", "遵守纪律规矩方面"]
    assert_round_trip(
        tmp_path,
        pack,
        "第一党支部2026年度组织生活会对照检查材料",
        headings,
        "zuzhishenghuohui-sigefangmian-2026",
    )


def test_only_the_list_of_aspects(tmp_path):
    """A user may save just the part of the notice that lists the aspects, numbered 1. …"""
    notice = tmp_path / "aspects.txt"
    notice.write_text(
        "1. 带头守正创新、开拓进取；\n2. 带头勤俭节约、艰苦奋斗；\n3. 带头严于律己、从严治家。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.yaml"
    result = run("pack", "new", "--from-notice", str(notice), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["id"] == "sangedaitou" and "year" not in data
    assert "未在通知标题中找到年度" in result.output
    assert [lead["name"] for lead in data["leads"]] == [
        "带头守正创新、开拓进取",
        "带头勤俭节约、艰苦奋斗",
        "带头严于律己、从严治家",
    ]
    assert run("rules", "test", str(out)).exit_code == 0


def test_refuses_to_overwrite(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(DAITOU_NOTICE, encoding="utf-8")
    out = tmp_path / "pack.yaml"
    out.write_text("# mine\n", encoding="utf-8")
    result = run("pack", "new", "--from-notice", str(notice), "-o", str(out))
    assert result.exit_code == 2 and "已存在" in result.output
    assert out.read_text(encoding="utf-8") == "# mine\n"
    assert (
        run("pack", "new", "--from-notice", str(notice), "-o", str(out), "--force").exit_code == 0
    )
    assert out.read_text(encoding="utf-8").count("id: sigedaitou-2026") == 1
    # Never onto the notice itself, even with --force.
    result = run("pack", "new", "--from-notice", str(notice), "-o", str(notice), "--force")
    assert result.exit_code == 2 and "通知本身" in result.output
    assert notice.read_text(encoding="utf-8") == DAITOU_NOTICE


def test_default_output_is_the_id_in_the_current_folder(tmp_path, monkeypatch):
    notice = tmp_path / "通知.txt"
    notice.write_text(DAITOU_NOTICE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("pack", "new", "--from-notice", str(notice)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sigedaitou-2026.yaml", "通知.txt"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("关于召开2026年度民主生活会的通知\n请各单位认真准备。\n", "未在通知中找到列举的方面"),
        ("", "文件是空的"),
    ],
)
def test_notice_without_aspects(tmp_path, text, message):
    notice = tmp_path / "通知.txt"
    notice.write_text(text, encoding="utf-8")
    result = run("pack", "new", "--from-notice", str(notice), "-o", str(tmp_path / "p.yaml"))
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "p.yaml").exists()


def test_bad_id_and_missing_notice(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(DAITOU_NOTICE, encoding="utf-8")
    result = run("pack", "new", "--from-notice", str(notice), "--id", "../x")
    assert result.exit_code == 2 and "--id" in result.output
    result = run("pack", "new", "--from-notice", str(tmp_path / "无.txt"))
    assert result.exit_code == 2 and "draftlint:" in result.output
