"""--statistics: the findings of a batch counted per rule."""

from __future__ import annotations

import re

from click.testing import CliRunner
from helpers import GOOD, without_people_lead, write

from lint.cli import main


def test_statistics_counts_findings_per_rule(tmp_path):
    write(tmp_path, "a.txt", GOOD.replace("三次集中学习", "XX次集中学习").replace("26条", "xx条"))
    write(tmp_path, "b.txt", without_people_lead())
    result = CliRunner().invoke(main, ["check", "--statistics", str(tmp_path)])
    lines = result.output.strip().split("\n")
    assert re.match(r"2\s+placeholder\s+\[错误\]\s+模板中的占位符", lines[0])
    assert re.match(r"1\s+lead-missing\s+\[错误\]", lines[1])
    assert lines[-1].startswith("检查了 2 个文件")
