"""json: an array of findings with path, rule, severity, message, positions and fix."""

from __future__ import annotations

import json

from lint.model import Result

SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    findings = [f.to_dict() for result in results for f in result.findings]
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
