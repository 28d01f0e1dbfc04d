"""Word comments: a copy of a .docx draft with each finding as a comment (批注) on its text.

Runs are split at the finding's start and end so the comment covers exactly the span. The
comment runs python-docx adds carry no text, so the annotated copy reads (and checks) the
same as the original. The original is never written; the copy is saved atomically.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import stat
from collections import Counter
from pathlib import Path
from typing import Any

import click

from lint.atomic import TargetError, check_target, replace_file
from lint.linter import Linter
from lint.model import INPUT_ERROR, RULE_ERROR, SEVERITY_LABELS, Finding, InputError, Result
from lint.reporters import punctuation_rules
from lint.run.check import Selection, planned_linters
from lint.source import docx as wordfile

AUTHOR = "draftlint"
INITIALS = "DL"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def annotate(linter: Linter, path: str, out: str, group: bool = True) -> tuple[Result, int]:
    """Check a .docx draft and save a copy with one comment per finding (``group``: one per
    run of repeated punctuation findings in a paragraph); return the result and the number of
    comments. Raises InputError when the draft cannot be read or the copy cannot be written."""
    if Path(path).suffix.lower() != ".docx":
        raise InputError("只能给 .docx 文件加批注")
    if os.path.exists(out) and os.path.samefile(path, out):
        raise InputError("输出文件不能是原文件本身（原文件不会被修改）")
    try:
        check_target(out, [path])
    except TargetError as exc:
        raise InputError(f"{exc}（原文件不会被修改）") from None
    document, paragraphs = wordfile.open_document(path)
    if remove_own_comments(document):  # annotating an annotated copy replaces, not doubles
        paragraphs = wordfile.paragraphs_of(document)
    result = linter.check_source(
        wordfile.source_of(path, paragraphs, wordfile.document_comments(document))
    )
    add = _Commenter(document)
    groups = comment_groups(result, group)
    for findings in groups:
        first, last = anchor(paragraphs, findings[0])
        add(first, last, comment_text(findings[0]) if len(findings) == 1 else group_text(findings))
    save_atomic(document, out, mode=stat.S_IMODE(os.stat(path).st_mode) & 0o666)
    return result, add.count


class _Commenter:
    """Adds comments in constant time each (python-docx's ``add_comment`` looks through all
    the comments for a free id every time: quadratic in their number)."""

    def __init__(self, document: Any) -> None:
        from docx.comments import Comment  # python-docx is loaded by now
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        from docx.text.run import Run

        self.Comment, self.parse_xml, self.nsdecls, self.Run = Comment, parse_xml, nsdecls, Run
        comments = document.comments  # creates the comments part if there is none
        self.part, self.element = comments._comments_part, comments._comments_elm
        ids = [int(i) for i in self.element.xpath("./w:comment/@w:id") if i.isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.count = 0
        self.now = dt.datetime.now(dt.timezone.utc)

    def __call__(self, first: Any, last: Any, text: str) -> None:
        comment_id, self.next_id = self.next_id, self.next_id + 1
        element = self.parse_xml(
            f'<w:comment {self.nsdecls("w")} w:id="{comment_id}" w:author="">'
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            "</w:p></w:comment>"
        )
        self.element.append(element)
        element.author, element.initials, element.date = AUTHOR, INITIALS, self.now
        lines = text.split("\n")
        comment = self.Comment(element, self.part)
        comment.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            comment.add_paragraph(text=line)
        self.Run(first, None).mark_comment_range(self.Run(last, None), comment_id)
        self.count += 1


def remove_own_comments(document: Any) -> int:
    """Remove the comments an earlier run of draftlint wrote (by their author), with their
    anchors in the text; return how many."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # python-docx is loaded by now

    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except (KeyError, AttributeError):
        return 0
    W = wordfile.W
    own = [c for c in comments.iter(W + "comment") if c.get(W + "author") == AUTHOR]
    ids = {c.get(W + "id") for c in own}
    for comment in own:
        comment.getparent().remove(comment)
    if not ids:
        return 0
    tags = (W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")
    for element in list(document.element.body.iter(*tags)):
        if element.get(W + "id") not in ids:
            continue
        parent = element.getparent()
        parent.remove(element)
        if parent.tag == W + "r" and not any(child.tag != W + "rPr" for child in parent):
            parent.getparent().remove(parent)  # the run that only held the reference
    return len(ids)


def comment_groups(result: Result, group: bool = True) -> list[list[Finding]]:
    """The findings to comment, in order: with ``group``, repeated punctuation findings of one
    rule in one paragraph (rules of the punctuation kind, from the profile) are one group,
    commented on the first; every other finding is a group of its own."""
    punctuation = punctuation_rules(result) if group else set()
    groups: dict[object, list[Finding]] = {}
    for n, f in enumerate(result.findings):
        if f.rule in (INPUT_ERROR, RULE_ERROR):
            continue
        grouped = f.rule in punctuation and f.line == f.end_line
        groups.setdefault((f.rule, f.severity, f.line) if grouped else n, []).append(f)
    return list(groups.values())


def group_text(findings: list[Finding]) -> str:
    """One comment for a group: the count, then each distinct finding (with its count)."""
    f = findings[0]
    lines = [f"{SEVERITY_LABELS[f.severity]}[{f.rule}] 本段同类问题 ×{len(findings)}："]
    for text, count in Counter(comment_text(g, label=False) for g in findings).items():
        lines.append(text + (f"（×{count}）" if count > 1 else ""))
    return "\n".join(lines)


def comment_text(f: Finding, label: bool = True) -> str:
    text = f"{SEVERITY_LABELS[f.severity]}[{f.rule}] {f.message}" if label else f.message
    if f.fix is not None:
        text += f"（建议改为“{f.fix.replacement}”）" if f.fix.replacement else "（建议删除）"
    return text


def save_atomic(document: Any, out: str, mode: int | None = None) -> None:
    """Save the copy atomically, after checking that it opens again (a copy that Word or
    draftlint could not open is never written)."""
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    try:
        wordfile.open_document(out, data)
    except InputError as exc:
        raise InputError(f"生成的带批注副本无法再次打开（{exc}），未写入 {out}") from None
    try:
        replace_file(out, lambda f: f.write(data), mode=mode)
    except OSError as exc:
        raise InputError(f"无法写入 {out}：{exc.strerror or exc}") from exc


def anchor(paragraphs: list[wordfile.Paragraph], f: Finding) -> tuple[Any, Any]:
    """The first and last run (w:r elements) of a finding's span, split out of their runs."""
    first_p, last_p = paragraphs[f.line - 1], paragraphs[f.end_line - 1]
    start = split_at(first_p, f.column - 1)
    end = split_at(last_p, f.end_column - 1)
    if first_p is last_p:
        covered = [s for s in _texts(first_p) if start <= s.start and s.end <= end]
        if covered:
            return covered[0].run, covered[-1].run
        run = _nearest(first_p, start)
        return run, run
    after = [s for s in _texts(first_p) if s.start >= start]
    before = [s for s in _texts(last_p) if s.end <= end]
    first = after[0].run if after else _nearest(first_p, start)
    last = before[-1].run if before else _nearest(last_p, end)
    return first, last


def _texts(paragraph: wordfile.Paragraph) -> list[wordfile.Segment]:
    return [s for s in paragraph.segments if s.end > s.start]


def _nearest(paragraph: wordfile.Paragraph, pos: int) -> Any:
    """The run at or just before a position; for an empty span, a number Word generates,
    or an empty paragraph."""
    texts = _texts(paragraph)
    if not texts:
        run = paragraph.element.makeelement(wordfile.W + "r", {})
        paragraph.element.append(run)
        paragraph.segments = list(wordfile.segments(paragraph.element))
        return run
    at = [s for s in texts if s.start <= pos]
    return (at[-1] if at else texts[0]).run


def split_at(paragraph: wordfile.Paragraph, column: int) -> int:
    """Make a run boundary at a column of the paragraph's text (which includes the number
    Word generates); return the position in the runs' text."""
    pos = min(max(column - len(paragraph.prefix), 0), sum(len(p.text) for p in _pieces(paragraph)))
    for segment in paragraph.segments:
        if segment.start < pos < segment.end:
            _split_run(segment, pos - segment.start)
            paragraph.segments = list(wordfile.segments(paragraph.element))
            break
    return pos


def _pieces(paragraph: wordfile.Paragraph) -> list[wordfile.Piece]:
    return [p for s in paragraph.segments for p in s.pieces]


def _split_run(segment: wordfile.Segment, k: int) -> None:
    """Split a run in two at character k of its text; both halves keep its formatting."""
    left = segment.run
    right = copy.deepcopy(left)
    left.addnext(right)
    offset = 0
    text_children = {id(p.element): p for p in segment.pieces}
    for left_child, right_child in zip(list(left), list(right), strict=True):
        if left_child.tag == wordfile.W + "rPr":
            continue
        piece = text_children.get(id(left_child))
        length = len(piece.text) if piece else 0
        if offset + length <= k and not (length == 0 and offset == k):
            right.remove(right_child)
        elif offset >= k:
            left.remove(left_child)
        else:  # a w:t that straddles the split
            cut = k - offset
            text = left_child.text or ""
            left_child.text, right_child.text = text[:cut], text[cut:]
            for t in (left_child, right_child):
                t.set(_XML_SPACE, "preserve")
        offset += length


def annotate_file(draft: str, output: str, selection: Selection) -> int:
    """``draftlint annotate``: write the commented copy; return the exit status."""
    [(linter, _)] = planned_linters([draft], selection)
    try:
        result, comments = annotate(linter, draft, output)
    except InputError as exc:
        raise InputError(f"{draft}：{exc}") from None
    click.echo(f"draftlint: 已写入 {output}：{comments} 条批注", err=True)
    return 2 if result.failed else 0
