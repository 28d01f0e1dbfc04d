"""json: an array of findings with their positions and fixes."""

from __future__ import annotations

import json

from conftest import SAMPLES
from helpers import run


def test_json_array_of_findings():
    result = run("--format", "json", str(SAMPLES / "defect-leftovers.txt"))
    findings = json.loads(result.stdout)
    assert {tuple(sorted(f)) for f in findings} == {
        ("column", "end_column", "end_line", "fix", "line", "message", "path", "rule", "severity")
    }
    paid = next(f for f in findings if f["rule"] == "artifact")
    assert (paid["line"], paid["column"], paid["end_column"]) == (14, 34, 47)
    assert paid["fix"] == {
        "replacement": "",
        "line": 14,
        "column": 34,
        "end_line": 14,
        "end_column": 47,
    }
    assert next(f for f in findings if f["rule"] == "placeholder")["fix"] is None
