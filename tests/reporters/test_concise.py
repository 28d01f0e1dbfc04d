"""concise: one line per finding, path:line:column: severity rule message."""

from __future__ import annotations

from conftest import SAMPLES
from helpers import run


def test_concise_lines():
    result = run("--format", "concise", str(SAMPLES / "defect-typos.txt"))
    path = str(SAMPLES / "defect-typos.txt")
    assert result.output.splitlines()[:2] == [
        f"{path}:11:7: error typo 用词有误：“厉害关系”应为“利害关系”",
        f"{path}:20:15: error typo 用词有误：“红线意线”应为“红线意识”",
    ]
