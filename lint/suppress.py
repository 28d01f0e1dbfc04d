"""Saying "this is intended": the findings a draft, its config or a baseline accept.

Three ways, applied here and only here (by :class:`lint.linter.Linter` after the rules ran),
so that every surface — check, --fix, annotate, a language server — sees the same findings:

- inline: in .md / .txt, ``<!-- draftlint-disable RULE[,RULE] -->`` … ``<!-- draftlint-enable
  -->`` and ``<!-- draftlint-disable-next-line RULE -->`` (every rule when none is named); in
  .docx, a Word comment starting ``draftlint: ignore RULE`` (``Source.ignores``);
- an accept list in the config: ``{rule, text}`` (the finding's span lies in that text on its
  line) or ``{rule, path}`` (a glob relative to the config's folder);
- a baseline: findings recorded earlier, matched by rule, path and fingerprint (the finding's
  span and the text of its line, not its line number), so edits above do not invalidate it.

HTML comments in .md / .txt are not part of the draft as read: findings inside them are dropped.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from lint.model import SEVERITIES, UNUSED_SUPPRESSION, ConfigError, Finding, Result, Source

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIRECTIVE = re.compile(
    r"<!--\s*draftlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->", re.S
)
_RULE_IDS = re.compile(r"[A-Za-z0-9_.\-/]+")
BASELINE_VERSION = 1
_ALWAYS = ("input-error", "rule-error", "internal-error")  # never hidden by --min-severity


class Suppression:
    """One inline directive (or Word comment): the rules it names (None: all) and the text
    range where it applies; ``at``: where it is written, for unused-suppression. (Plain
    classes here: a dataclass costs ≈ 1.5 M instructions to define at start-up.)"""

    __slots__ = ("at", "end", "rules", "start", "used")

    def __init__(self, rules: frozenset[str] | None, start: int, end: int, at: int) -> None:
        self.rules, self.start, self.end, self.at = rules, start, end, at
        self.used = False

    def covers(self, finding: Finding, start: int, end: int) -> bool:
        if self.rules is not None and finding.rule not in self.rules:
            return False
        return start < self.end and max(end, start + 1) > self.start


class Accept(NamedTuple):
    """An entry of the config's accept list: a rule with a text or a path glob (relative to
    ``root``, the config's folder). (A named tuple: cheaper to define than a frozen
    dataclass, at start-up.)"""

    rule: str
    text: str | None = None
    path: str | None = None
    root: str = ""

    def matches(self, finding: Finding, line: str, column: int, end_column: int) -> bool:
        if finding.rule != self.rule:
            return False
        if self.path is not None and not _path_matches(finding.path, self.path, self.root):
            return False
        if self.text is not None:
            start = column - 1
            end = max(end_column - 1, column)
            return any(
                m.start() < end and m.end() > start for m in re.finditer(re.escape(self.text), line)
            )
        return True


def _path_matches(path: str, pattern: str, root: str) -> bool:
    try:
        rel = Path(os.path.abspath(path)).relative_to(root or os.getcwd()).as_posix()
    except ValueError:
        return False
    pattern = pattern.strip("/")
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
        return True
    return "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))


@dataclass
class Policy:
    """What a linter accepts besides the draft's own directives."""

    accept: tuple[Accept, ...] = ()
    baseline: Baseline | None = None
    report_unused: bool = False
    min_severity: str = "info"  # findings below it are not reported


# -- inline directives ------------------------------------------------------------------------


def _rules(text: str) -> frozenset[str] | None:
    found = _RULE_IDS.findall(text.replace("，", ","))
    return frozenset(found) if found else None


def directives(src: Source) -> tuple[list[Suppression], list[tuple[int, int]]]:
    """The draft's suppressions, and the spans of its HTML comments (.md / .txt only; for
    .docx, the Word comments of ``Source.ignores``)."""
    if src.format == "docx":
        return [Suppression(rules, start, end, start) for rules, start, end in src.ignores], []
    text = src.text
    if "<!--" not in text:
        return [], []
    comments = [(m.start(), m.end()) for m in _COMMENT.finditer(text)]
    found: list[Suppression] = []
    open_: list[Suppression] = []
    for m in _DIRECTIVE.finditer(text):
        kind, rules = m.group(1), _rules(m.group(2))
        if kind == "disable-next-line":
            line = src.position(m.end())[0]
            total = len(src.line_starts)
            target = line + 1
            while target <= total and not src.line_text(target).strip():
                target += 1
            if target <= total:
                start = src.line_starts[target - 1]
                found.append(
                    Suppression(rules, start, start + len(src.line_text(target)), m.start())
                )
            else:
                found.append(Suppression(rules, len(text), len(text), m.start()))
        elif kind == "disable":
            suppression = Suppression(rules, m.end(), len(text), m.start())
            found.append(suppression)
            open_.append(suppression)
        else:  # enable: closes the open ranges of the rules it names (all when none)
            for suppression in open_:
                if suppression.end == len(text) and (
                    rules is None or suppression.rules is None or suppression.rules & rules
                ):
                    suppression.end = m.start()
            open_ = [s for s in open_ if s.end == len(text)]
    return found, comments


# -- baseline ---------------------------------------------------------------------------------


def fingerprint(finding: Finding, src: Source | None) -> str:
    """What a finding is about, without its line number: rule, key, span and line text."""
    line = squeezed = ""
    if src is not None and 1 <= finding.line <= len(src.line_starts):
        line, squeezed = _line(src, finding.line)
    return _fingerprint(finding, line, squeezed)


def _line(src: Source, number: int) -> tuple[str, str]:
    line = src.line_text(number)
    return line, " ".join(line.split())


def _fingerprint(finding: Finding, line: str, squeezed: str) -> str:
    span = ""
    if line:
        end = finding.end_column if finding.end_line == finding.line else len(line) + 1
        span = line[finding.column - 1 : max(end - 1, finding.column - 1)]
    data = "\x1f".join((finding.rule, finding.key or "", span, squeezed))
    if not line:
        data += "\x1f" + finding.message
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


# A finding's fields in order, and where its fingerprint is among them.
_FIELDS = [f.name for f in fields(Finding)]
_values, _FINGERPRINT = attrgetter(*_FIELDS), _FIELDS.index("fingerprint")


def _with_fingerprint(f: Finding, value: str) -> Finding:
    # the constructor, not dataclasses.replace: a third of the cost, for every finding
    values = list(_values(f))
    values[_FINGERPRINT] = value
    return Finding(*values)


class Baseline:
    """Findings recorded with ``--update-baseline``: (rule, path, fingerprint) → how many."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.entries: Counter = Counter()

    def key(self, finding: Finding) -> tuple[str, str, str]:
        return (finding.rule, relative(finding.path, self.root), finding.fingerprint or "")

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"基线文件 {path} 不存在（用 --update-baseline 生成）") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"无法读取基线文件 {path}：{exc}") from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(entries, list) or data.get("version") != BASELINE_VERSION:
            raise ConfigError(f"基线文件 {path} 格式不对（应由 draftlint --update-baseline 生成）")
        baseline = cls(os.path.dirname(os.path.abspath(path)))
        for entry in entries:
            try:
                key = (str(entry["rule"]), str(entry["path"]), str(entry["fingerprint"]))
                baseline.entries[key] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise ConfigError(f"基线文件 {path} 中有无法识别的条目：{entry!r}") from None
        return baseline

    def dump(self, results: list[Result]) -> str:
        counts: Counter = Counter()
        messages: dict = {}
        for result in results:
            for f in result.findings:
                if f.fingerprint is not None:
                    counts[self.key(f)] += 1
                    messages.setdefault(self.key(f), f.message)
        findings = [
            {"rule": rule, "path": path, "fingerprint": fp, "count": n, "message": messages[k]}
            for k, n in sorted(counts.items())
            for rule, path, fp in [k]
        ]
        data = {"version": BASELINE_VERSION, "findings": findings}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def relative(path: str, root: str) -> str:
    if path == "-":
        return path
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


# -- applying ---------------------------------------------------------------------------------


def apply(result: Result, src: Source, policy: Policy | None = None) -> Result:
    """Drop the findings the draft, the accept list or the baseline accept; fingerprint the
    rest; with ``report_unused``, report the directives that suppressed nothing."""
    policy = policy or Policy()
    suppressions, comments = directives(src)
    remaining = (policy.baseline.entries.copy()) if policy.baseline else None
    kept = []
    total = len(src.line_starts)
    lines: dict[int, tuple[str, str]] = {}  # line → its text, and its words: shared by findings
    for f in result.findings:
        line = squeezed = ""
        if 1 <= f.line <= total:
            if f.line not in lines:
                lines[f.line] = _line(src, f.line)
            line, squeezed = lines[f.line]
        f = _with_fingerprint(f, _fingerprint(f, line, squeezed))
        if f.line > total or f.path != src.path:
            kept.append(f)
            continue
        if comments or suppressions:  # (most drafts have neither)
            start = src.offset(f.line, f.column)
            end = src.offset(f.end_line, f.end_column) if f.end_line <= total else start
            if any(c_start <= start < c_end for c_start, c_end in comments):
                continue  # inside an HTML comment: not part of the draft as read
            hit = next((s for s in suppressions if s.covers(f, start, end)), None)
            if hit is not None:
                hit.used = True
                continue
        if policy.accept:
            end_column = f.end_column if f.end_line == f.line else len(line) + 1
            if any(a.matches(f, line, f.column, end_column) for a in policy.accept):
                continue
        if remaining is not None:
            key = policy.baseline.key(f)
            if remaining[key] > 0:
                remaining[key] -= 1
                continue
        kept.append(f)
    if policy.report_unused:
        ran = set(result.rules)
        for s in suppressions:
            if not s.used and (s.rules is None or s.rules & ran):
                line, column = src.position(s.at)
                names = "、".join(sorted(s.rules)) if s.rules else "全部规则"
                message = f"此处的忽略指令（{names}）没有忽略任何问题，可以删除"
                kept.append(
                    Finding(
                        UNUSED_SUPPRESSION, "info", message, src.path, line, column, line, column
                    )
                )
    shown = SEVERITIES[: SEVERITIES.index(policy.min_severity) + 1]
    kept = [f for f in kept if f.severity in shown or f.rule in _ALWAYS]
    kept.sort(key=lambda f: f.sort_key)
    result.findings = kept
    return result
