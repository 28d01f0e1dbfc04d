"""Findings: what a check reports, located by 1-based line and character column."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
INPUT_ERROR = "input-error"


@dataclass(frozen=True)
class Fix:
    """Replace the text between two positions (end exclusive) by ``replacement``."""

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        return asdict(self)


def input_error(path: str, message: str) -> Finding:
    """A file that could not be read, reported like a finding so every format shows it."""
    return Finding(INPUT_ERROR, "error", message, path, 1, 1, 1, 1)
