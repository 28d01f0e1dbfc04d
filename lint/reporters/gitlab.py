"""gitlab: a GitLab Code Quality report (a JSON array of issues), shown in merge requests.

Each issue: description, check_name, fingerprint (stable across edits that only move the
finding: the rule, path, span and line text, not the line number), severity and
location.path / location.lines.begin. For .docx drafts a "line" is a paragraph number.
"""

from __future__ import annotations

import hashlib
import json

from lint.model import Finding, Result

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


SOURCE_LINES = False  # see lint.reporters.shows_source


def fingerprint(f: Finding, seen: dict[str, int]) -> str:
    base = f"{f.path}\x1f{f.fingerprint or f'{f.rule}:{f.line}:{f.column}:{f.message}'}"
    seen[base] = seen.get(base, 0) + 1  # the same text twice in a draft: two issues
    return hashlib.sha256(f"{base}\x1f{seen[base]}".encode()).hexdigest()


def render(results: list[Result], color: bool = False) -> str:
    seen: dict[str, int] = {}
    issues = [
        {
            "description": f.message,
            "check_name": f.rule,
            "fingerprint": fingerprint(f, seen),
            "severity": SEVERITIES[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for result in results
        for f in result.findings
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
