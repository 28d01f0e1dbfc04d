"""The outline: one tree of sections, headings and items for every input format.

Numbering styles have fixed ranks (一、 above （一） above 1. above （1） above ① above 一是),
so the tree is built with a stack, the way a reader nests numbered paragraphs. Enumerations
written inline (``……方面：一是……。二是……。``) are split into items of their own.
Checks read this tree and never re-parse the text.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.source.numerals import CIRCLED, CN_DIGITS, cn_number

_CN = f"[{CN_DIGITS}]+"

# style -> rank; a smaller rank is a higher level.
RANKS = {
    "document": 0,
    "cn-comma": 1,  # 一、
    "heading": 1,  # Markdown ## heading or a bold line without a number
    "cn-paren": 2,  # （一）
    "subheading": 2,  # Markdown ### heading
    "arabic": 3,  # 1. 1、 1．
    "arabic-paren": 4,  # （1）
    "circled": 5,  # ①
    "enum": 6,  # 一是 二是 / 第一，第二，
}
# Markers at the start of a paragraph; group "n" is the number, "p" the punctuation after it.
_LEADING = [
    ("cn-comma", regex.compile(rf"(?P<n>{_CN})(?P<p>[、.．])")),
    ("cn-paren", regex.compile(rf"[（(](?P<n>{_CN})[）)](?P<p>[、.．,，：:]?)")),
    ("arabic-paren", regex.compile(r"[（(](?P<n>\d{1,3})[）)](?P<p>[、.．]?)")),
    ("arabic", regex.compile(r"(?P<n>\d{1,3})\s*(?P<p>[.．、](?!\d)|[)）])")),
    ("circled", regex.compile(rf"(?P<n>[{CIRCLED}])(?P<p>[、.．]?)")),
    ("enum", regex.compile(rf"(?P<n>{_CN})(?P<p>是|要|有)(?![的了])")),
    ("enum", regex.compile(rf"第(?P<n>{_CN})(?P<p>[，,、：:]|是)")),
]
# Enumerators inside a paragraph: after the start of a sentence or clause.
_INLINE = regex.compile(
    rf"(?<=[。；;！？：:!?][\s*]*|^)(?:(?P<n>{_CN})(?P<p>是|要|有)(?![的了])|第(?P<n>{_CN})(?P<p>[，,、：:]))"
)
_MD_HEADING = regex.compile(r"(?P<hashes>#{1,6})[ \t]+")
_BOLD = regex.compile(r"\*\*(?P<inner>.+?)\*\*\s*$")
# A heading ends at 方面 (leads are phrased "在……方面") or at the end of its first sentence.
_HEADING_END = regex.compile(r"方面(?=[。：:，,；;]|\s*$)|[。：:！？!?；;]")


class Node:
    """A numbered unit of the draft: section, heading (lead) or item, with its extent.
    (Plain classes here, not dataclasses: defining one costs ≈ 1.5–2.5 M instructions at
    start-up, and nothing reads their fields generically.)"""

    __slots__ = (
        "children",
        "end",
        "inline",
        "marker",
        "number",
        "punct",
        "role",
        "start",
        "style",
        "title",
    )  # fmt: skip

    def __init__(
        self,
        style: str,
        number: int | None = None,
        marker: tuple[int, int] = (0, 0),  # the numbering text, e.g. （一） or 二是
        punct: str = "",  # what follows the number: 、 . ． 是 …
        title: tuple[int, int] = (0, 0),  # heading text: up to 方面 or the first sentence
        start: int = 0,
        end: int = 0,
        inline: bool = False,  # found inside a paragraph rather than at its start
        children: list[Node] | None = None,
        role: str | None = None,  # set from the profile: problems, causes, measures …
    ) -> None:
        self.style, self.number, self.marker, self.punct = style, number, marker, punct
        self.title, self.start, self.end, self.inline = title, start, end, inline
        self.children: list[Node] = [] if children is None else children
        self.role = role

    def __repr__(self) -> str:
        return f"Node({self.style!r}, {self.number!r}, start={self.start}, end={self.end})"

    @property
    def rank(self) -> int:
        return RANKS[self.style]

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield child
            yield from child.walk()

    def leaves(self) -> Iterator[Node]:
        for child in self.children:
            if child.children:
                yield from child.leaves()
            else:
                yield child


class Outline:
    """A draft's tree: its title, preamble, paragraphs and numbered nodes."""

    def __init__(self, text: str, root: Node, title: tuple[int, int] | None = None) -> None:
        self.text, self.root, self.title = text, root, title
        self.preamble: list[tuple[int, int]] = []
        self.paragraphs: list[tuple[int, int]] = []
        # Work shared by everything that reads this draft's outline (every profile scored in
        # detection, then the checks): e.g. how each section pattern matches each heading.
        self.memo: dict = {}

    @property
    def sections(self) -> list[Node]:
        return [n for n in self.root.children if n.rank == 1]

    def section(self, role: str) -> Node | None:
        return next((s for s in self.sections if s.role == role), None)

    def span_text(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def heading_text(self) -> str:
        """The title and preamble: what profile detection reads."""
        spans = ([self.title] if self.title else []) + self.preamble
        return "\n".join(self.span_text(s) for s in spans)


class _Unit:
    """A piece of a paragraph that starts a node (or continues the current one)."""

    __slots__ = ("content", "end", "inline", "marker", "number", "punct", "style")

    def __init__(
        self,
        style: str | None,
        number: int | None,
        marker: tuple[int, int],
        punct: str,
        content: int,  # where the text after the marker starts
        end: int,  # end of this unit's text
        inline: bool,
    ) -> None:
        self.style, self.number, self.marker, self.punct = style, number, marker, punct
        self.content, self.end, self.inline = content, end, inline


def parse(text: str, headings: dict[int, int] | None = None) -> Outline:
    """Build the outline of a draft.

    ``headings`` maps the offset where a line starts to a heading level known from outside
    the text (a .docx paragraph style): levels 1 and 2 make unnumbered headings.
    """
    headings = headings or {}
    root = Node("document", start=0, end=len(text))
    outline = Outline(text, root)
    stack: list[Node] = [root]
    ranks = [0]  # the stack's ranks (Node.rank, looked up once per node)
    last_end = 0
    seen_section = False

    for start, end in _paragraphs(text):
        outline.paragraphs.append((start, end))
        level = headings.get(text.rfind("\n", 0, start) + 1) if headings else None
        if outline.title is None and not root.children:
            level = None  # a title styled as a heading is still the title
        units = _units(text, start, end, stack, level)
        first = units[0]
        if first.style is None and not seen_section and not root.children:
            if outline.title is None and _looks_like_title(text, start, end):
                outline.title = _strip_markup(text, start, end)
            else:
                outline.preamble.append((start, end))
        for unit in units:
            if unit.style is None:
                last_end = unit.end
                continue
            node = Node(
                unit.style,
                unit.number,
                unit.marker,
                unit.punct,
                _title(text, unit.content, unit.end, unit.style),
                start=unit.marker[0],
                inline=unit.inline,
            )
            rank = RANKS[unit.style]
            while ranks[-1] >= rank:
                ranks.pop()
                stack.pop().end = last_end
            stack[-1].children.append(node)
            stack.append(node)
            ranks.append(rank)
            seen_section = seen_section or rank == 1
            last_end = unit.end
    while len(stack) > 1:
        stack.pop().end = last_end
    return outline


_LINE = regex.compile(r"[^\n]+")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines, as (start, end) without surrounding white space."""
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip(" \t\u3000\ufeff\r")
        if stripped:
            lead = len(line) - len(line.lstrip(" \t\u3000\ufeff\r"))
            yield m.start() + lead, m.start() + lead + len(stripped)


def _strip_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without a leading Markdown '#' or a '**…**' wrapping."""
    m = _MD_HEADING.match(text, start, end)
    if m:
        start = m.end()
    if text.startswith("**", start) and text.endswith("**", start, end) and end - start > 4:
        start, end = start + 2, end - 2
    return start, end


def _looks_like_title(text: str, start: int, end: int) -> bool:
    body = text[start:end]
    return body.startswith("#") or (len(body) <= 80 and not regex.search(r"[。；;]", body))


def _units(
    text: str, start: int, end: int, stack: list[Node], level: int | None = None
) -> list[_Unit]:
    """Split one paragraph into the units that start nodes."""
    md = _MD_HEADING.match(text, start, end) if text.startswith("#", start) else None
    pos = md.end() if md else start
    bold = text.startswith("**", pos)
    if bold:
        pos += 2
    units: list[_Unit] = []
    lead = _leading_marker(text, pos, end, stack)
    if lead:
        units.append(lead)
    elif level in (1, 2):  # an unnumbered heading by its Word style
        style = "heading" if level == 1 else "subheading"
        units.append(_Unit(style, None, (start, start), "", pos, end, False))
    elif (md and len(md.group("hashes")) > 1) or (bold and _BOLD.fullmatch(text, start, end)):
        # An unnumbered heading: Markdown ## or a line that is bold as a whole.
        style = "heading" if not md or len(md.group("hashes")) <= 2 else "subheading"
        units.append(_Unit(style, None, (start, start), "", pos, end, False))
    else:
        units.append(_Unit(None, None, (start, start), "", start, end, False))

    # Inline enumerations continue the paragraph's own enumerator, or start at one.
    first = units[0]
    expected = first.number + 1 if first.style == "enum" and first.number else 1
    scan = first.content
    for m in _INLINE.finditer(text, scan, end):
        number = cn_number(m.group("n"))
        if number != expected or (m.group("p") == "有" and number == 1):
            continue
        units[-1].end = _rstrip(text, units[-1].content, m.start())
        units.append(_Unit("enum", number, m.span(), m.group("p"), m.end(), end, True))
        expected += 1
    return units


def _first_chars(pattern: regex.Pattern) -> str | None:
    """The characters a leading-marker pattern can start with (None: any)."""
    source = pattern.pattern
    if source.startswith("(?P<n>" + _CN):
        return CN_DIGITS
    if source.startswith("[（(]"):
        return "（("
    if source.startswith(f"(?P<n>[{CIRCLED}]"):
        return CIRCLED
    if source.startswith("第"):
        return "第"
    if source.startswith(r"(?P<n>\d"):
        return "0123456789"  # and any other decimal digit, see _candidates
    return None


# Leading-marker patterns by the paragraph's first character, in their order of precedence:
# a paragraph is tried only against the patterns that can match its first character.
_BY_FIRST = [(_first_chars(p), style, p) for style, p in _LEADING]


def _candidates(first: str) -> list[tuple[str, regex.Pattern]]:
    found = _CANDIDATES.get(first)
    if found is None:
        found = [
            (style, p)
            for chars, style, p in _BY_FIRST
            if chars is None or first in chars or (chars == "0123456789" and first.isdecimal())
        ]
        _CANDIDATES[first] = found
    return found


_CANDIDATES: dict[str, list[tuple[str, regex.Pattern]]] = {}


def _leading_marker(text: str, pos: int, end: int, stack: list[Node]) -> _Unit | None:
    if pos >= end:
        return None
    for style, pattern in _candidates(text[pos]):
        m = pattern.match(text, pos, end)
        if not m:
            continue
        number = cn_number(m.group("n"))
        if number is None:
            continue
        if style == "enum" and m.group("p") == "有" and not _continues(stack, number):
            continue  # 二有 is a slip for 二是 only where it continues a run
        return _Unit(style, number, (pos, m.end()), m.group("p"), m.end(), end, False)
    return None


def _continues(stack: list[Node], number: int) -> bool:
    for node in reversed(stack):
        if node.style == "enum":
            return node.number == number - 1
        if node.children and node.children[-1].style == "enum":
            return node.children[-1].number == number - 1
    return False


def _title(text: str, start: int, end: int, style: str) -> tuple[int, int]:
    """A heading's text: up to 方面 for a lead, else the first sentence."""
    while start < end and text[start] in " \t\u3000*":
        start += 1
    m = _HEADING_END.search(text, start, end)
    stop = (m.end() if m.group() == "方面" else m.start()) if m else end
    return start, _rstrip(text, start, stop)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\u3000*\n":
        end -= 1
    return end
