"""Safe fixes: apply the certain fixes findings carry, and write the file back atomically.

Fixes are applied to the decoded text with its original line endings, so nothing outside the
fixed spans changes; the encoding and BOM are kept. The draft is checked again after each
pass (a fix can reveal another one) until no fix is left, at most ``MAX_PASSES`` times.
A file is replaced by ``os.replace`` of a fsynced temporary file in the same folder, with the
original permissions, and only if it did not change on disk after it was read.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path

from lint.atomic import clean_leftovers, replace_file
from lint.linter import Linter
from lint.model import Finding, InputError, Result, Source, input_error
from lint.reporters import printable
from lint.source import text as plain

MAX_PASSES = 10
# Findings of one rule fixed in one pass: far above what reports show, and still a bound on
# the memory a pass takes (a 5 MB draft of nothing but fixable marks fixes within 300 MB).
MAX_FIXES_PER_PASS = 20_000
FIX_ERROR = "fix-error"

Edit = tuple[int, int, str]  # start, end (text offsets), replacement


class FixError(Exception):
    """The fixed draft could not be written; the message is for the user (Chinese)."""


@dataclass
class Outcome:
    """What fixing one file did: the findings left, and the text before and after."""

    result: Result
    original: str = ""
    fixed: str = ""
    applied: int = 0
    written: bool = False
    note: str | None = None  # why the file was not fixed (Word file, standard input)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def edits(src: Source, findings: list[Finding]) -> list[Edit]:
    """The findings' fixes as text edits, sorted, dropping any that overlap an earlier one."""
    candidates = sorted(
        (
            src.offset(f.fix.line, f.fix.column),
            src.offset(f.fix.end_line, f.fix.end_column),
            f.fix.replacement,
        )
        for f in findings
        if f.fix is not None
    )
    chosen: list[Edit] = []
    for start, end, replacement in candidates:
        if chosen and (start < chosen[-1][1] or (start, end) == chosen[-1][:2]):
            continue
        chosen.append((start, end, replacement))
    return chosen


def apply(text: str, text_edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits (linear in the text's length)."""
    parts, last = [], 0
    for start, end, replacement in text_edits:
        parts += (text[last:start], replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _raw_edits(raw: str, text_edits: list[Edit], newline: str) -> list[Edit]:
    """Map edits of the normalised text ("\n" only) onto the text with its own line endings."""
    dropped = [m.start() - i for i, m in enumerate(re.finditer("\r\n", raw))]

    def to_raw(offset: int) -> int:
        return offset + bisect_left(dropped, offset)

    result = []
    for s, e, r in text_edits:
        start, end, replacement = to_raw(s), to_raw(e), r.replace("\n", newline)
        if (
            start
            and raw[start - 1] == "\r"
            and (replacement or raw[end : end + 1]).startswith("\n")
        ):
            # A lone CR would join the LF after it into one CRLF: write it as a line ending.
            start, replacement = start - 1, newline + replacement
        result.append((start, end, replacement))
    return result


def _normalise(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _stamp(path: str, data: bytes | None = None) -> tuple[int, int, str]:
    """What tells that a file changed: modification time, size and content hash."""
    st = os.stat(path)
    if data is None:
        data = Path(path).read_bytes()
    return st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest()


def fix_source(linter: Linter, src: Source) -> tuple[Result, str, list[list[Edit]]]:
    """Apply the certain fixes to a draft's text, re-checking after each pass; return the
    findings left, the fixed text ("\n" line endings) and each pass's edits."""
    text, passes = src.text, []
    result = linter.check_source(src)
    for _ in range(MAX_PASSES):
        text_edits = edits(result.source, result.findings)
        if not text_edits:
            break
        text = apply(text, text_edits)
        passes.append(text_edits)
        result = linter.check_source(replace(src, text=text))
    return result, text, passes


def fix_file(
    linter: Linter, path: str, write: bool = True, roots: list[str] | None = None
) -> Outcome:
    """Fix one draft: check, apply the certain fixes, re-check; write if asked and changed.
    ``roots``: the folders it may write in; a link to outside them is only checked."""
    if path == "-":
        return Outcome(linter.check_path(path), note="标准输入无法原地修正")
    if Path(path).suffix.lower() in (".docx", ".doc"):
        note = "Word 文件不会被改写，未应用修正；可用 draftlint annotate 生成带批注的副本"
        return Outcome(linter.check_path(path), note=note)
    if write and roots is not None and leaves_folders(path, roots):
        note = "是指向所给目录之外的符号链接，未修正（确需修正请加 --follow-links）"
        return Outcome(linter.check_path(path), note=note)
    if write:  # a run killed while writing here: its backup restored, its leftovers removed
        clean_leftovers(os.path.dirname(os.path.realpath(path)))
    try:
        before = os.stat(path)
        data = plain.read_bytes(path)
        src = plain.from_bytes(data, path, "md" if path.lower().endswith(".md") else "txt")
        raw, _, _ = plain.decode(data)
    except (InputError, OSError) as exc:
        message = str(exc) if isinstance(exc, InputError) else (exc.strerror or str(exc))
        return Outcome(Result(path, [input_error(path, message)], failed=True))
    stamp = (before.st_mtime_ns, before.st_size, hashlib.sha256(data).hexdigest())

    result, text, passes = fix_source(linter, src)
    for text_edits in passes:
        raw = apply(raw, _raw_edits(raw, text_edits, src.newline))
    applied = sum(len(text_edits) for text_edits in passes)
    outcome = Outcome(result, original=src.text, fixed=text, applied=applied)
    if not (write and outcome.changed):
        return outcome
    try:
        if _normalise(raw) != text:  # never write what the fixed text does not say
            raise FixError("内部错误：修正后的文本与换行还原结果不一致，未写入")
        try:
            new_data = plain.encode(raw, src.encoding, src.bom)
        except UnicodeEncodeError as exc:
            raise FixError(f"修正后的文字无法用原编码 {src.encoding} 保存，未写入") from exc
        write_atomic(path, new_data, stamp)
    except FixError as exc:
        result.failed = True
        result.findings.insert(0, replace(input_error(path, str(exc)), rule=FIX_ERROR))
        return outcome
    outcome.written = True
    return outcome


def write_atomic(path: str, data: bytes, stamp: tuple[int, int, str]) -> None:
    """Replace a file's content all at once, keeping its links, owner, group, permissions and
    extended attributes; refuse a read-only file, and one that changed since ``stamp``.

    ``stamp`` is ``(mtime_ns, size, sha256)`` of the content the fixes were computed from.
    The caller has decided that ``path`` may be written (see :func:`leaves_folders`).
    """
    target = os.path.realpath(path)

    def unchanged() -> None:
        if _stamp(target) != stamp:
            raise FixError("文件在检查后被修改过，未写入修正；请重新运行")

    try:
        unchanged()
        if not os.stat(target).st_mode & 0o222 or not os.access(target, os.W_OK):
            raise FixError("文件是只读的，未写入修正")
        # Checked again just before the rename: the check above may be long ago.
        replace_file(target, lambda out: out.write(data), before_rename=unchanged, keep=True)
    except OSError as exc:
        raise FixError(f"写入修正失败：{exc.strerror or exc}；原文件未改动") from exc


def roots_of(paths: tuple[str, ...]) -> list[str]:
    """The folders a run was given (a file named alone: its folder), links resolved."""
    roots = []
    for path in paths or (".",):
        if path == "-":
            continue
        folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        roots.append(os.path.realpath(folder))
    return roots


def leaves_folders(path: str, roots: list[str]) -> bool:
    """Whether writing ``path`` would go through a symbolic link to outside ``roots``."""
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return False
    return not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def unified_diff(outcome: Outcome) -> str:
    """The fixes as a unified diff; file names and draft lines shown for a terminal
    (control characters and bidi overrides visible, never obeyed)."""
    path = printable(outcome.result.path)
    return "".join(
        printable(line.rstrip("\n")) + ("\n" if line.endswith("\n") else "")
        for line in difflib.unified_diff(
            _lines(outcome.original),
            _lines(outcome.fixed),
            fromfile=path,
            tofile=path,
        )
    )


def _lines(text: str) -> list[str]:
    """Lines split at "\n" only (a form feed or U+2028 inside a line is shown, not split)."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)
