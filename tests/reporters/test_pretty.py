"""pretty: the default terminal report, with a caret under each finding."""

from __future__ import annotations

from conftest import SAMPLES
from helpers import run

from lint.reporters.pretty import width


def test_pretty_caret_sits_under_the_span_in_display_cells():
    result = run("--format", "pretty", str(SAMPLES / "defect-typos.txt"))
    lines = result.output.splitlines()
    i = next(i for i, line in enumerate(lines) if "[typo]" in line)
    assert lines[i].endswith("错误[typo] 用词有误：“厉害关系”应为“利害关系”")
    source_line, caret_line = lines[i + 1], lines[i + 2]
    start = width(source_line[: source_line.index("厉害关系")])
    assert caret_line.index("^") == start
    assert caret_line.count("^") == width("厉害关系") == 8
    assert lines[i + 3].endswith("= 可自动修正为：利害关系")
    assert "规则集：2021年度党史学习教育专题民主生活会" in result.output
