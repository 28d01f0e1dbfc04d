"""The vocabulary every layer shares: findings, a draft's text, packs and profiles, results,
the error types and the rule ids that come from no pack.

This module imports nothing from draftlint; every other module may import it.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

# Rule ids of findings that come from no pack.
INPUT_ERROR = "input-error"  # a file that could not be read
RULE_ERROR = "rule-error"  # a rule that could not run (e.g. a regex that timed out)
INTERNAL_ERROR = "internal-error"  # a bug in draftlint, reported per file
COPY_RULE = "copy"  # a draft much like another one
UNUSED_SUPPRESSION = "unused-suppression"  # a suppression that suppressed nothing
PROFILE_UNCERTAIN = "profile-uncertain"  # lead headings fit no theme well: leads not checked
CONVERTED = "converted"  # a .doc / .wps / .odt read through LibreOffice's .docx
RESERVED_RULES = (
    INPUT_ERROR,
    RULE_ERROR,
    INTERNAL_ERROR,
    COPY_RULE,
    PROFILE_UNCERTAIN,
    UNUSED_SUPPRESSION,
    CONVERTED,
)

GENERIC = "generic"  # the profile used when no theme is recognised


# -- Errors ---------------------------------------------------------------------------
# User errors carry a Chinese message for one line of output; anything else is a bug.


class InputError(Exception):
    """A file that cannot be read as a draft; the message is for the user (Chinese)."""


class ConfigError(Exception):
    """A configuration or command-line choice that cannot be used (an unknown profile or
    rule id); the message is for the user (Chinese)."""


class PackError(Exception):
    """A pack that cannot be used; ``str()`` gives ``file:line:col: message``."""

    def __init__(self, path: str | Path, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = str(path), line, column, message


class OptionError(ValueError):
    """Raised by a check's options; ``key`` names the offending option."""

    def __init__(self, key: str, message: str, pattern: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.pattern = pattern  # set when a regex failed to compile


class RuleError(Exception):
    """A rule that failed while running (e.g. a regex that timed out)."""


class Loc(NamedTuple):
    """Where a node of a YAML file stands. (A named tuple: a pack from the cache makes
    thousands of them, three times faster than a frozen dataclass.)"""

    path: str
    line: int
    column: int

    def error(self, message: str) -> PackError:
        return PackError(self.path, self.line, self.column, message)


# -- Findings -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # slots: a batch holds many findings (memory)
class Fix:
    """Replace the text between two positions (end exclusive) by ``replacement``."""

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports, located by 1-based line and character column. ``key`` names
    what the finding is about within its rule (a lead id, a section id), for reporters."""

    rule: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    key: str | None = field(default=None, compare=False)
    # what the finding is about, independent of its line (rule, span, line text): set by the
    # linter, for baselines and Code Quality reports
    fingerprint: str | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["key"], data["fingerprint"]
        return data


def input_error(path: str, message: str, rule: str = INPUT_ERROR) -> Finding:
    """A file that could not be read (or checked), reported like a finding so every format
    shows it."""
    return Finding(rule, "error", message, path, 1, 1, 1, 1)


def first_sentence(text: str) -> str:
    """Text up to and including its first 。 outside brackets and quotes (all of it if none):
    the short form of a rule's description."""
    depth = 0
    for i, char in enumerate(text):
        if char in "（(“《":
            depth += 1
        elif char in "）)”》":
            depth = max(0, depth - 1)
        elif char == "。" and depth == 0:
            return text[: i + 1]
    return text


# -- A draft's text -------------------------------------------------------------------


@dataclass
class Source:
    """A draft's text with everything needed to point into it and to write it back."""

    path: str
    text: str  # newlines normalised to "\n", BOM removed
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    format: str = "txt"  # txt | md | docx
    # .docx: heading level (1, 2 …) from the paragraph style, by the offset where the line starts
    headings: dict[int, int] = field(default_factory=dict)
    converted_from: str | None = None  # ".doc" …: the text is LibreOffice's conversion
    # .docx: Word comments "draftlint: ignore RULE[,RULE]" as (rule ids, or None for all; start
    # offset; end offset) of the commented range
    ignores: list[tuple[frozenset[str] | None, int, int]] = field(default_factory=list)
    line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and character column of a text offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]


# -- Packs and profiles ---------------------------------------------------------------


@dataclass
class SectionSpec:
    """A top-level part of a draft, recognised by its heading (``pattern``: the ``match``
    regexes in one, compiled when the pack is parsed)."""

    id: str
    title: str
    match: list[str]
    pattern: Any = field(init=False, default=None, repr=False)
    loc: Loc | None = field(init=False, default=None, repr=False)


@dataclass
class LeadSpec:
    """A lead / aspect the meeting notice requires under a section."""

    id: str
    name: str
    text: str = ""
    keywords: list[str] = field(default_factory=list)
    section: str = "problems"
    measure_keywords: list[str] = field(default_factory=list)  # a measure answering the lead
    loc: Loc | None = field(init=False, default=None, repr=False)


@dataclass
class Example:
    """A text a rule must (bad) or must not (good) report; ``line``: where it must report."""

    text: str
    line: int | None = None
    loc: Loc | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise OptionError("text", "示例文本不能为空")
        if self.line is not None and not 1 <= self.line <= self.text.count("\n") + 1:
            raise OptionError("line", f"line 应在 1 到 {self.text.count(chr(10)) + 1} 之间")


@dataclass
class Examples:
    """A rule's examples: texts it must report (bad) and must not (good)."""

    bad: list[Example] = field(default_factory=list)
    good: list[Example] = field(default_factory=list)


@dataclass
class Rule:
    """One rule of a pack: its check kind, severity, message and options."""

    id: str
    kind: str
    severity: str
    message: str
    options: Any
    description: str = ""
    examples: Examples = field(default_factory=Examples)
    pack: str = ""
    loc: Loc | None = None
    data: Any = field(default=None, repr=False)  # the rule as written (a YAML map), for errors

    def at(self, key: str) -> Loc | None:
        """Where one of the rule's keys stands (the rule itself if the key is not written)."""
        if self.data is not None and key in self.data:
            return self.data.at(key)
        return self.loc


@dataclass
class PackHeader:
    """A pack's own keys: id, title, what it extends, how it is detected."""

    id: str
    title: str
    description: str = ""
    source: str = ""
    profile: bool = False
    year: int | None = None
    extends: list[str] = field(default_factory=list)
    detect: list[str] = field(default_factory=list)
    detect_also: list[str] = field(default_factory=list)  # one of these must appear as well
    detect_not: list[str] = field(default_factory=list)  # none of these may appear
    substitutes: dict[str, str] = field(default_factory=dict)


@dataclass
class Pack:
    """One pack file parsed: header, sections, leads and rules (before ``extends``)."""

    header: PackHeader
    path: Path
    sections: list[SectionSpec] | None
    leads: list[LeadSpec] | None
    rules: list[Rule]
    data: Any = field(default=None, repr=False)  # the pack as written (a YAML map), for errors
    files: list[Path] = field(default_factory=list, repr=False)  # every file read to build it

    @property
    def id(self) -> str:
        return self.header.id

    def extends_locs(self) -> list[Loc]:
        """Where each ``extends`` entry stands."""
        value = self.data.get("extends")
        if isinstance(value, list) and hasattr(value, "locs"):
            return value.locs
        return [self.data.at("extends")] * len(self.header.extends)


@dataclass
class Profile:
    """A pack resolved through ``extends``: everything a draft is checked against."""

    id: str
    title: str
    description: str
    source: str
    year: int | None
    detect: list[str]
    substitutes: dict[str, str]
    sections: list[SectionSpec]
    leads: list[LeadSpec]
    rules: list[Rule]
    path: Path


# -- Results --------------------------------------------------------------------------


class CopyPair(NamedTuple):
    """Two drafts that share many sentences, seen from ``path``. (A named tuple: cheaper to
    define than a frozen dataclass, at start-up.)"""

    path: str
    other: str
    shared: int  # sentences in common
    fraction: float  # of this draft's sentences
    other_fraction: float  # of the other draft's

    @property
    def largest(self) -> float:
        return max(self.fraction, self.other_fraction)


@dataclass
class Result:
    """One draft checked: its findings and what they were checked against."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    profile: Profile | None = None
    detected: bool = False  # profile chosen automatically from the draft's title and preamble
    profile_reason: str = ""  # why this profile (detection's explanation, or 指定)
    failed: bool = False  # the file could not be read, or a rule could not run
    source: Source | None = None
    lines: dict[int, str] = field(default_factory=dict)  # kept by slim() when the text is dropped
    rules: tuple[str, ...] = ()  # ids of the rules that ran
    copies: list[CopyPair] | None = None  # similar drafts; None: not looked for

    @property
    def source_lines(self) -> list[str]:
        return self.source.text.split("\n") if self.source else []

    def line(self, number: int) -> str | None:
        """The text of a 1-based source line, if known."""
        if self.source is not None:
            if 1 <= number <= len(self.source.line_starts):
                return self.source.line_text(number)
            return None
        return self.lines.get(number)

    def slim(self, context: int = 1) -> Result:
        """This result without the draft's text: only the lines around findings are kept,
        so that results sent back from worker processes stay light."""
        if self.source is not None:
            total = len(self.source.line_starts)
            wanted = {
                n
                for f in self.findings
                for n in range(f.line - context, f.end_line + context + 1)
                if 1 <= n <= total
            }
            self.lines = {n: self.source.line_text(n) for n in sorted(wanted)}
            self.source = None
        return self
