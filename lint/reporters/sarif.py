"""sarif: SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) read.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as draftlint's do.
For .docx drafts a "line" is a paragraph number.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.model import (
    COPY_RULE,
    INPUT_ERROR,
    INTERNAL_ERROR,
    RULE_ERROR,
    SEVERITY_LABELS,
    UNUSED_SUPPRESSION,
    Finding,
    Result,
    first_sentence,
)

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
RESERVED_HELP = {
    INPUT_ERROR: "文件无法作为文稿读取。",
    RULE_ERROR: "规则无法运行（例如正则表达式超时）。",
    INTERNAL_ERROR: "draftlint 自身出错，请报告此问题。",
    COPY_RULE: "文稿与其他文稿大量雷同。",
    UNUSED_SUPPRESSION: "忽略指令没有忽略任何问题。",
}


SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    rules: dict[str, dict] = {}
    sarif_results = []
    for result in results:
        descriptions = {r.id: r for r in result.profile.rules} if result.profile else {}
        for f in result.findings:
            if f.rule not in rules:
                rules[f.rule] = _rule(f.rule, descriptions.get(f.rule))
            sarif_results.append(_result(f, list(rules).index(f.rule)))
    run = {
        "tool": {
            "driver": {
                "name": "draftlint",
                "version": __version__,
                "rules": list(rules.values()),
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not any(r.failed for r in results)}],
        "results": sarif_results,
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(rule_id: str, rule) -> dict:
    """A rule's descriptor: short and full description and help (Chinese, from the pack),
    which code-scanning services show beside each result."""
    descriptor: dict = {"id": rule_id}
    if rule is None:
        text = RESERVED_HELP.get(rule_id, rule_id)
        descriptor["shortDescription"] = {"text": text}
        descriptor["fullDescription"] = {"text": text}
        descriptor["help"] = {"text": text, "markdown": text}
        return descriptor
    full = " ".join((rule.description or rule.message).split())
    short = first_sentence(full) or rule.id
    help_text = f"{full}\n\n提示信息：{' '.join(rule.message.split())}\n\n规则包：{rule.pack}"
    markdown = (
        f"**{short}**\n\n{full}\n\n- 级别：{SEVERITY_LABELS[rule.severity]}\n"
        f"- 规则包：`{rule.pack}`\n- 忽略：`<!-- draftlint-disable-next-line {rule.id} -->`"
    )
    descriptor["shortDescription"] = {"text": short}
    descriptor["fullDescription"] = {"text": full}
    descriptor["help"] = {"text": help_text, "markdown": markdown}
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    return descriptor


def uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (and posix), others file://."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    region = {"startLine": line, "startColumn": column}
    if (end_line, end_column) > (line, column):
        region.update(endLine=end_line, endColumn=end_column)
    return region


def _result(f: Finding, rule_index: int) -> dict:
    location = {"uri": uri(f.path)}
    out: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": _region(f.line, f.column, f.end_line, f.end_column),
                }
            }
        ],
    }
    if f.fix is not None and not f.path.lower().endswith(".docx"):  # not edits to a zip
        fix = f.fix
        deleted = {
            "startLine": fix.line,
            "startColumn": fix.column,
            "endLine": fix.end_line,
            "endColumn": fix.end_column,
        }
        out["fixes"] = [
            {
                "description": {"text": f"改为“{fix.replacement}”" if fix.replacement else "删除"},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
                        ],
                    }
                ],
            }
        ]
    return out
