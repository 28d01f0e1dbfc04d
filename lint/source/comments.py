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


def comment_texts(document: Any) -> dict[str, str]:
    """Each comment's text by its id (w:comment/@w:id); none when there are no comments."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # python-docx is loaded by now

    try:
        part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return {}
    element = getattr(part, "element", None)
    if element is None:
        return {}
    texts = {}
    for comment in element.iter(W + "comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in comment.iter(W + "p")]
        texts[comment.get(W + "id")] = "\n".join(paragraphs)
    return texts


def ignore_rules(text: str) -> tuple[bool, frozenset[str] | None]:
    """Whether a comment's text is an ignore directive, and the rules it names (None: all)."""
    m = _IGNORE.match(text)
    if not m:
        return False, None
    rules = _RULE_IDS.findall(m.group(1).replace("，", ","))
    return True, frozenset(rules) if rules else None


def ignore_ranges(document: Any, paragraphs: list, src: Source) -> list:
    """The (rules, start, end) ranges of the draft's ``draftlint: ignore`` comments."""
    directives = {}
    for cid, text in comment_texts(document).items():
        found, rules = ignore_rules(text)
        if found:
            directives[cid] = rules
    if not directives:
        return []
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for index, paragraph in enumerate(paragraphs):
        line_start = src.line_starts[index]
        by_run = {id(s.run): s for s in paragraph.segments}
        pos = 0
        for element in paragraph.element.iter():
            segment = by_run.get(id(element))
            if segment is not None:
                pos = len(paragraph.prefix) + segment.end
            elif element.tag == W + "commentRangeStart":
                cid = element.get(W + "id")
                starts.setdefault(cid, line_start + (0 if pos == len(paragraph.prefix) else pos))
            elif element.tag == W + "commentRangeEnd":
                ends[element.get(W + "id")] = line_start + pos
    ranges = []
    for cid, rules in directives.items():
        if cid in starts:
            ranges.append((rules, starts[cid], max(ends.get(cid, starts[cid]), starts[cid])))
    return ranges
