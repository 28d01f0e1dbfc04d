"""Word comments that accept findings: a comment whose text starts ``draftlint: ignore RULE``
(or ``draftlint: ignore`` for every rule) covers a range of the draft's text.

The ranges become ``Source.ignores`` (rule ids, start offset, end offset); lint.suppress
drops the findings inside them. Offsets are those of the Source's text: line N is paragraph N.
"""

from __future__ import annotations

import re
from typing import Any

from lint.model import Source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_IGNORE = re.compile(r"^\s*draftlint\s*[:：]\s*ignore\b([^\n]*)", re.IGNORECASE)
_RULE_IDS = re.compile(r"[A-Za-z0-9_.\-/]+")


def comment_texts(root: Any) -> dict[str, str]:
    """Each comment's text by its id (w:comment/@w:id), from the root of word/comments.xml."""
    if root is None:
        return {}
    texts = {}
    for comment in root.iter(W + "comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in comment.iter(W + "p")]
        texts[comment.get(W + "id")] = "\n".join(paragraphs)
    return texts


def comment_marks(element: Any, paragraph: Any) -> list[tuple[str, bool, int]]:
    """Where comments start and end in a paragraph: (comment id, is start, offset in the
    paragraph's text, automatic number included)."""
    by_run = {id(s.run): s for s in paragraph.segments}
    prefix = len(paragraph.prefix)
    pos, marks = prefix, []
    for child in element.iter():
        segment = by_run.get(id(child))
        if segment is not None:
            pos = prefix + segment.end
        elif child.tag == W + "commentRangeStart":
            marks.append((child.get(W + "id"), True, 0 if pos == prefix else pos))
        elif child.tag == W + "commentRangeEnd":
            marks.append((child.get(W + "id"), False, pos))
    return marks


def ignore_rules(text: str) -> tuple[bool, frozenset[str] | None]:
    """Whether a comment's text is an ignore directive, and the rules it names (None: all)."""
    m = _IGNORE.match(text)
    if not m:
        return False, None
    rules = _RULE_IDS.findall(m.group(1).replace("，", ","))
    return True, frozenset(rules) if rules else None


def ignore_ranges(comments: dict[str, str], paragraphs: list, src: Source) -> list:
    """The (rules, start, end) ranges of the draft's ``draftlint: ignore`` comments."""
    directives = {}
    for cid, text in comments.items():
        found, rules = ignore_rules(text)
        if found:
            directives[cid] = rules
    if not directives:
        return []
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for index, paragraph in enumerate(paragraphs):
        line_start = src.line_starts[index]
        for cid, is_start, pos in paragraph.marks:
            if is_start:
                starts.setdefault(cid, line_start + pos)
            else:
                ends[cid] = line_start + pos
    ranges = []
    for cid, rules in directives.items():
        if cid in starts:
            ranges.append((rules, starts[cid], max(ends.get(cid, starts[cid]), starts[cid])))
    return ranges
