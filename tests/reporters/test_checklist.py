"""checklist: a checklist per draft with totals, one row per requirement (per lead for leads rules)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from helpers import GOOD, without_people_lead, write

from lint.cli import main
from lint.linter import Linter
from lint.reporters.requirements import requirements


def test_requirements_per_lead_and_rule(tmp_path):
    linter = Linter()
    missing = linter.check_path(str(write(tmp_path, "a.txt", without_people_lead())))
    assert [f.rule for f in missing.findings] == ["lead-missing"]
    rows = {row.key: row for row in requirements(missing)}
    assert not rows["lead-missing/people-centred"].passed
    assert rows["lead-missing/two-establishments"].passed
    assert rows["placeholder"].passed and rows["section-missing"].passed
    assert "lead-missing" not in rows  # expanded into one row per lead
    good = linter.check_path(str(write(tmp_path, "b.txt", GOOD)))
    assert all(row.passed for row in requirements(good))


def test_checklist_format_shows_marks_and_totals(tmp_path):
    write(tmp_path, "a.txt", without_people_lead())
    write(tmp_path, "b.txt", GOOD.replace("三次集中学习", "XX次集中学习"))
    write(tmp_path, "c.txt", GOOD)
    result = CliRunner().invoke(
        main, ["check", "--format", "checklist", "--no-copies", str(tmp_path)]
    )
    assert result.exit_code == 1
    out = result.output
    block_a = out.split(str(tmp_path / "b.txt"))[0]
    assert "✗ 带头践行以人民为中心的发展思想 [lead-missing/people-centred]" in block_a
    assert "✓ 带头深刻感悟“两个确立”的决定性意义 [lead-missing/two-establishments]" in block_a
    assert "1 项未通过" in block_a and "wugedaitou-2021" in block_a
    totals = out.split("合计（3 个文件）：")[1]
    assert re.search(r"2/3\s+通过\s+带头践行以人民为中心的发展思想", totals)
    assert re.search(r"2/3\s+通过\s+模板中的占位符.*\[placeholder\]", totals)
    assert re.search(r"3/3\s+通过\s+.*\[section-missing\]", totals)
    assert "雷同文稿" not in out  # --no-copies
