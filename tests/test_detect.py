"""Profile choice from the draft itself: year, phrases (with stand-ins), lead headings.

tests/fixtures/detection/ holds draft openings written for the project, one per shipped
profile and per known collision; each file is named ``<expected profile>__<case>.txt``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.detect import draft_year
from lint.linter import Linter
from lint.model import Source
from lint.outline import parse
from lint.packs.registry import Registry
from lint.source import read

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "detection").glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def expected(path: Path) -> str:
    return path.name.split("__")[0]


def test_every_shipped_profile_has_a_detection_fixture():
    profiles = {p.id for p in Registry().profiles()}
    assert len(FIXTURES) >= 20
    assert profiles - {expected(p) for p in FIXTURES} == set()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_the_right_profile_is_chosen(linter, path):
    src = read(str(path))
    choice = linter.choose(src, parse(src.text))
    assert choice.profile.id == expected(path), choice.reason
    assert choice.supported


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_lead_finding_from_another_theme(linter, path):
    result = linter.check_path(str(path))
    assert result.profile.id == expected(path)
    leads = [f for f in result.findings if f.rule in ("lead-missing", "lead-order")]
    assert leads == [], [f.message for f in leads]
    assert "profile-uncertain" not in {f.rule for f in result.findings}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the project")
@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_real_2021_drafts_are_2021_with_all_leads(linter, name):
    [path] = CORPUS.glob(f"{name}_*.txt")
    src = read(str(path))
    choice = linter.choose(src, parse(src.text))
    assert choice.profile.id == "wugedaitou-2021"
    best = choice.candidates[0]
    assert (best.id, best.leads_found, best.leads_total) == ("wugedaitou-2021", 5, 5)


LEADS_2025 = """\
（一）在带头强化政治忠诚、提高政治能力方面
一是学习不深，比如全年只学了3次。
（二）在带头固本培元、增强党性方面
一是党性锻炼不够，比如3月未参加支部活动。
（三）在带头敬畏人民、敬畏组织、敬畏法纪方面
一是群众观念淡薄，比如下乡调研只有2次。
（四）在带头干事创业、担当作为方面
一是担当不够，比如2个项目进度滞后。
（五）在带头坚决扛起管党治党责任方面
一是管党不严，比如谈心谈话只有4次。
"""


def draft(title: str, preamble: str, leads: str) -> Source:
    text = f"{title}\n{preamble}\n一、存在的问题\n{leads}二、原因剖析\n一是理论学习不够。\n三、整改措施\n一是加强学习，年底前完成。\n"
    return Source("draft.txt", text)


def test_2025_leads_win_over_the_2021_name(linter):
    """Both years call their list 五个带头: the leads present decide."""
    src = draft("县委常委班子对照检查材料", "现对照“五个带头”检查如下。", LEADS_2025)
    result = linter.check_source(src)
    assert result.profile.id == "wugedaitou-2025"
    assert "5/5 个方面标题" in result.profile_reason
    assert not [f for f in result.findings if f.rule == "lead-missing"]


def test_pinyin_stand_ins_in_the_title_are_read(linter):
    src = draft("市委常委班子dangshi学习教育专题mzshh对照检查材料", "现检查如下。", "")
    assert linter.choose(src, parse(src.text)).profile.id == "wugedaitou-2021"


def test_headings_that_fit_no_theme_give_one_uncertain_note_not_missing_leads(linter):
    leads = "（一）思想方面\n一是学习不够，比如只学了3次。\n（二）工作方面\n一是作风不实，比如5月迟到。\n"
    src = draft(
        "2021年度党史学习教育专题民主生活会对照检查材料", "现对照“五个带头”检查如下。", leads
    )
    result = linter.check_source(src)
    assert result.profile.id == "wugedaitou-2021"
    rules = [f.rule for f in result.findings]
    assert "lead-missing" not in rules and "measure-uncovered" not in rules
    [note] = [f for f in result.findings if f.rule == "profile-uncertain"]
    assert (note.severity, note.line) == ("warning", 3)  # the problems heading
    assert "--profile" in note.message and "wugedaitou-2021" in note.message


def test_a_named_profile_always_reports_missing_leads():
    leads = "（一）思想方面\n一是学习不够，比如只学了3次。\n"
    src = draft("对照检查材料", "现检查如下。", leads)
    result = Linter("wugedaitou-2021").check_source(src)
    assert [f.rule for f in result.findings].count("lead-missing") == 5
    assert "profile-uncertain" not in [f.rule for f in result.findings]


def test_the_uncertain_note_can_be_ignored():
    leads = "（一）思想方面\n一是学习不够，比如只学了3次。\n（二）工作方面\n一是作风不实，比如5月迟到。\n"
    src = draft(
        "2021年度党史学习教育专题民主生活会对照检查材料", "现对照“五个带头”检查如下。", leads
    )
    result = Linter(ignore={"profile-uncertain"}).check_source(src)
    assert "profile-uncertain" not in [f.rule for f in result.findings]


@pytest.mark.parametrize(
    ("title", "preamble", "year"),
    [
        ("2025年度民主生活会对照检查材料", "", 2025),
        ("二〇二五年度民主生活会对照检查材料", "", 2025),
        ("二O二四年度民主生活会对照检查材料", "", 2024),
        ("对照检查材料", "2026年1月，按照2025年度民主生活会的要求……", 2025),
        ("对照检查材料", "2026年1月5日召开会议。", None),
        ("对照检查材料", "", None),
    ],
)
def test_the_meeting_year(title, preamble, year):
    assert draft_year(title, title + "\n" + preamble) == year


def test_explain_profile_lists_the_candidates_as_json(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(draft("县委班子对照检查材料", "现对照“五个带头”检查如下。", LEADS_2025).text)
    result = CliRunner().invoke(main, ["check", "--explain-profile", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    assert report["profile"] == "wugedaitou-2025"
    scores = {c["profile"]: (c["leads_found"], c["leads_total"]) for c in report["candidates"]}
    assert scores["wugedaitou-2025"] == (5, 5)
    assert scores["wugedaitou-2021"][0] < 3


def test_the_summary_says_why(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(draft("县委班子对照检查材料", "现对照“五个带头”检查如下。", LEADS_2025).text)
    result = CliRunner().invoke(main, ["check", "--format", "checklist", str(path)])
    assert "wugedaitou-2025，按关键词“五个带头”和5/5 个方面标题自动识别" in result.output
