"""Reading Word (.docx) drafts: paragraphs in order, one per line of the Source's text.

Line N of the text is the document's paragraph N (table cells give one paragraph each), so a
finding's line is a paragraph number and its column a character in that paragraph. Numbers
that Word generates (automatic list numbering) are written out in front of the paragraph
text, as a reader sees them; headings styled 标题 1 / Heading 1 without a number are passed
on as heading levels. Tracked deletions, field codes and text boxes are left out.

Hostile files are refused before python-docx reads them: the zip's declared sizes bound
what decompression may produce (zipfile never yields more than a member's declared size),
and python-docx's XML parser does not resolve entities.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lint.model import InputError, Source
from lint.source.comments import comment_marks, comment_texts, ignore_ranges
from lint.source.numerals import CIRCLED, cn_numeral
from lint.source.text import read_bytes

MAX_FILE = 100 * 2**20  # bytes of the .docx itself
MAX_UNPACKED = 100 * 2**20  # all members decompressed
CHUNK = 2**20
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # decompressed / compressed, for members over RATIO_FROM bytes
RATIO_FROM = 2**20

MAX_TEXT = 50 * 2**20  # characters of text, as for a plain-text draft
MAX_PART = 20 * 2**20  # bytes of styles, numbering or relationships (parsed whole)
MAX_ELEMENTS = 200_000  # XML elements in one paragraph (or between two)
# Word numbering: list numbers stay short whatever numbering.xml says.
MAX_START = 10_000
MAX_LEVEL_TEXT = 20  # characters of a level's lvlText pattern
MAX_NUMBER_TEXT = 40  # characters of a paragraph's list number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not part of the paragraph as printed.
_SKIP = {
    W + "del",
    W + "moveFrom",
    W + "txbxContent",
    W + "pPr",
    W + "rPr",
    W + "fldData",
    MC_FALLBACK,
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)


@dataclass
class Piece:
    """One text-bearing child of a run (w:t, w:tab, w:br …) and the text it shows."""

    element: Any
    text: str


@dataclass
class Segment:
    """A run of a paragraph: where its text starts in the paragraph's text, and its pieces."""

    start: int
    run: Any
    pieces: list[Piece]

    @property
    def end(self) -> int:
        return self.start + sum(len(p.text) for p in self.pieces)


@dataclass
class Paragraph:
    element: Any
    prefix: str = ""  # the automatic number Word shows, e.g. "一、"
    segments: list[Segment] = field(default_factory=list)
    heading: int | None = None  # 1, 2 … from the style or outline level
    # Word comment anchors: (comment id, True at its start / False at its end, offset in text)
    marks: list[tuple[str, bool, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.prefix + "".join(p.text for s in self.segments for p in s.pieces)


def read(path: str, data: bytes | None = None) -> Source:
    """A .docx draft as a Source (format "docx"); any problem is an InputError.
    ``data``: the file's bytes when they are already read (standard input).

    The document's XML is streamed, paragraph by paragraph: memory is bounded by the text it
    yields (at most MAX_TEXT characters), not by the size of its XML."""
    data = read_bytes(path) if data is None else data
    check_package(data, repack=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            try:
                paragraphs = list(_stream(package))
            except _ExternalEntity:  # an external entity: read the text around it, never it
                paragraphs = list(_stream(package, entities=False))
            comments = comment_texts(_part(package, _related(package)["comments"]))
    except InputError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error) as exc:
        raise InputError("Word 文档已损坏或不完整（ZIP 结构无法读取）") from exc
    except (NotImplementedError, RuntimeError) as exc:
        raise InputError("Word 文档使用了不支持的压缩或加密方式，无法读取") from exc
    return source_of(path, paragraphs, comments)


class _ExternalEntity(Exception):
    """document.xml refers to an entity it does not define (an external one)."""


def _parser_options(entities: bool | str = "internal") -> dict:
    """Safe XML parsing: no network, no DTD loading, external entities never resolved. Entities
    declared in the document itself are expanded ("internal"), so their text is read, within
    libxml2's bound on entity amplification (a "billion laughs" is refused as damaged)."""
    return {"resolve_entities": entities, "no_network": True, "load_dtd": False}


def _part(package: zipfile.ZipFile, name: str) -> Any:
    """A small part (styles, numbering, relationships) parsed whole; None if absent."""
    from lxml import etree  # installed with python-docx; only when a Word file is read

    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise InputError(f"Word 文档的部件 {name} 过大，拒绝读取")
    parser = etree.XMLParser(**_parser_options())
    try:
        return etree.fromstring(package.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"Word 文档已损坏（{name} 无法解析）") from exc


def _related(package: zipfile.ZipFile) -> dict[str, str]:
    """Parts that word/document.xml relates to, by relationship type (styles, numbering)."""
    found = {
        "styles": "word/styles.xml",
        "numbering": "word/numbering.xml",
        "comments": "word/comments.xml",
    }
    rels = _part(package, "word/_rels/document.xml.rels")
    if rels is None:
        return found
    for rel in rels:
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind in found and rel.get("TargetMode") != "External":
            found[kind] = target.lstrip("/") if target.startswith("/") else f"word/{target}"
    return found


def _stream(package: zipfile.ZipFile, entities: bool | str = "internal") -> Iterator[Paragraph]:
    """The paragraphs of word/document.xml, parsed incrementally: each paragraph is dropped
    from the tree once read (only its text is kept)."""
    from lxml import etree  # installed with python-docx; only when a Word file is read

    related = _related(package)
    styles = _Styles(_part(package, related["styles"]))
    numbering = _Numbering(_part(package, related["numbering"]), styles)
    blocks = (W + "body", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent")
    blocks += (W + "customXml", W + "document")
    text_size = elements = 0
    with package.open("word/document.xml") as xml:
        events = etree.iterparse(xml, events=("start", "end"), **_parser_options(entities))
        try:
            for event, element in events:
                if event == "start":
                    elements += 1
                    if elements > MAX_ELEMENTS:
                        raise InputError(
                            f"Word 文档中有段落含 {MAX_ELEMENTS} 个以上的 XML 元素，拒绝读取"
                        )
                    continue
                parent = element.getparent()
                if element.tag != W + "p":
                    if parent is not None and parent.tag == W + "body":
                        _drop(element)
                    continue
                if not all(a.tag in blocks for a in element.iterancestors()):
                    continue  # a paragraph in a text box: part of its paragraph, left out
                paragraph = _paragraph(element, styles, numbering)
                text = paragraph.text
                text_size += len(text) + 1
                if text_size > MAX_TEXT:
                    raise InputError(f"Word 文档的文字超过 {MAX_TEXT // 2**20} M 字，拒绝读取")
                heading = paragraph.heading
                _drop(element)
                elements = 0
                piece = Piece(None, text)
                marks = paragraph.marks
                yield Paragraph(None, "", [Segment(0, None, [piece])], heading, marks)
        except etree.XMLSyntaxError as exc:
            if entities and "not defined" in exc.msg:
                raise _ExternalEntity from exc
            raise InputError(f"Word 文档已损坏（document.xml 无法解析：{exc.msg}）") from exc


def _drop(element: Any) -> None:
    """Free a read element and the siblings before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _paragraph(p: Any, styles: _Styles, numbering: _Numbering) -> Paragraph:
    paragraph = Paragraph(p, segments=list(segments(p)))
    style_id = _val(p, "pPr/pStyle")
    paragraph.heading = _outline_level(p) or styles.heading_level(style_id)
    paragraph.prefix = numbering.next_number(p, style_id)
    paragraph.marks = comment_marks(p, paragraph)
    return paragraph


def source_of(
    path: str, paragraphs: list[Paragraph], comments: dict[str, str] | None = None
) -> Source:
    """The draft's text; ``comments`` (text by comment id): Word comments, of which those
    saying ``draftlint: ignore RULE`` become ``Source.ignores``."""
    texts = [p.text for p in paragraphs]
    text = "\n".join(texts)
    if not text.strip():
        raise InputError("Word 文档里没有文字，没有可检查的内容")
    src = Source(path, text, encoding="utf-8", format="docx")
    src.headings = {src.line_starts[i]: p.heading for i, p in enumerate(paragraphs) if p.heading}
    if comments:  # Word comments "draftlint: ignore RULE"
        src.ignores = ignore_ranges(comments, paragraphs, src)
    return src


def document_comments(document: Any) -> dict[str, str]:
    """The comments of a python-docx Document, text by comment id."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # python-docx is loaded by now

    try:
        part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return {}
    return comment_texts(getattr(part, "element", None))


def open_document(path: str, data: bytes | None = None) -> tuple[Any, list[Paragraph]]:
    """The python-docx Document and its paragraphs, after the safety checks."""
    package = check_package(read_bytes(path) if data is None else data)
    import docx  # only when a Word file is read

    try:
        document = docx.Document(io.BytesIO(package))
        return document, paragraphs_of(document)
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError(f"Word 文档已损坏，无法读取（{type(exc).__name__}）") from exc


def check_package(data: bytes, repack: bool = True) -> bytes:
    """Refuse what is not a .docx or would decompress to too much; return the package
    repacked uncompressed, so that python-docx never inflates anything itself.

    zipfile stops each member at its declared size, but inflates a whole compressed chunk
    before cutting it there: reading member by member in small chunks keeps memory bounded
    even when the declared sizes lie.
    """
    if len(data) > MAX_FILE:
        raise InputError(f"Word 文档超过 {MAX_FILE // 2**20} MB，拒绝读取")
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError("Word 文档设置了打开密码（已加密），请去掉密码后再检查")
        raise InputError("这是旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再检查")
    if not data.startswith(b"PK"):
        raise InputError("不是有效的 .docx 文件（不是 ZIP 格式），请确认文件类型")
    damaged = "Word 文档已损坏或不完整（ZIP 结构无法读取）"
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            _check_sizes(members)
            if not repack:
                return data
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
                for member in members:
                    if member.is_dir():
                        continue
                    with package.open(member) as reader, repacked.open(member.filename, "w") as w:
                        while chunk := reader.read(CHUNK):
                            w.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(damaged) from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted zip
        raise InputError("Word 文档使用了不支持的压缩或加密方式，无法读取") from exc
    except zlib.error as exc:
        raise InputError(damaged) from exc
    return out.getvalue()


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputError(f"Word 文档包含 {len(members)} 个部件，过多，拒绝读取")
    names = [m.filename for m in members]
    if len(set(names)) != len(names):
        raise InputError("Word 文档已损坏（ZIP 中有重名部件）")
    if "word/document.xml" not in names:
        raise InputError("不是 Word 文档（缺少 word/document.xml），请确认文件类型")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise InputError(
            f"Word 文档解压后达 {total // 2**20} MB，超过 {MAX_UNPACKED // 2**20} MB，"
            "疑似压缩炸弹，拒绝读取"
        )
    for m in members:
        if m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputError(f"Word 文档的部件 {m.filename} 压缩比异常，疑似压缩炸弹，拒绝读取")


# -- paragraphs -------------------------------------------------------------------------------


def paragraphs_of(document: Any) -> list[Paragraph]:
    """The paragraphs of a python-docx Document, with their elements (for comments)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    styles = _Styles(document.styles.element)
    try:
        numbering_root = document.part.part_related_by(RT.NUMBERING).element
    except KeyError:  # no list numbering in this document
        numbering_root = None
    numbering = _Numbering(numbering_root, styles)
    return [_paragraph(p, styles, numbering) for p in block_paragraphs(document.element.body)]


def block_paragraphs(container: Any) -> Iterator[Any]:
    """Paragraphs in reading order, through tables (row by row, cell by cell) and controls."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            yield child
        elif tag in (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml"):
            yield from block_paragraphs(child)


def segments(p: Any) -> Iterator[Segment]:
    offset = 0
    for run in _runs(p):
        pieces = [Piece(child, text) for child in run if (text := _piece_text(child)) is not None]
        segment = Segment(offset, run, pieces)
        offset = segment.end
        yield segment


def _runs(element: Any) -> Iterator[Any]:
    for child in element:
        if child.tag == W + "r":
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP:  # hyperlinks, insertions
            yield from _runs(child)


def _piece_text(child: Any) -> str | None:
    tag = child.tag
    if tag == W + "t":  # unresolved entity references are children: keep only the text
        return (child.text or "") + "".join(sub.tail or "" for sub in child)
    if tag in (W + "tab", W + "ptab"):
        return "\t"
    if tag in (W + "br", W + "cr"):
        return " "  # a line break inside a paragraph: the paragraph stays one line
    if tag == W + "noBreakHyphen":
        return "-"
    return None


def _val(element: Any, path: str) -> str | None:
    found = element.find("/".join(W + part for part in path.split("/")))
    return None if found is None else found.get(W + "val")


def _outline_level(p: Any) -> int | None:
    level = _val(p, "pPr/outlineLvl")
    return int(level) + 1 if level is not None and level.isdigit() and int(level) < 9 else None


class _Styles:
    def __init__(self, root: Any) -> None:
        self.by_id: dict[str, Any] = {}
        for style in root.iter(W + "style") if root is not None else ():
            if style.get(W + "styleId"):
                self.by_id[style.get(W + "styleId")] = style

    def chain(self, style_id: str | None) -> Iterator[Any]:
        """The style and the styles it is based on (cycles cut)."""
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style, "basedOn")

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            name = _val(style, "name") or ""
            m = _HEADING_NAME.fullmatch(name.strip()) or re.fullmatch(
                r"Heading([1-9])", style.get(W + "styleId") or ""
            )
            if m:
                return int(m.group(1))
            level = _outline_level(style)
            if level:
                return level
        return None


# -- automatic numbering ----------------------------------------------------------------------


class _Numbering:
    """Word's list numbering: which number each numbered paragraph shows."""

    def __init__(self, root: Any, styles: _Styles) -> None:
        self.styles = styles
        self.nums: dict[str, Any] = {}
        self.abstracts: dict[str, Any] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:  # no list numbering in this document
            return
        for num in root.iter(W + "num"):
            self.nums[num.get(W + "numId")] = num
        for abstract in root.iter(W + "abstractNum"):
            self.abstracts[abstract.get(W + "abstractNumId")] = abstract

    def _num_pr(self, p: Any, style_id: str | None) -> tuple[str | None, int]:
        num_id, level = _val(p, "pPr/numPr/numId"), _val(p, "pPr/numPr/ilvl")
        if num_id is None:
            for style in self.styles.chain(style_id):
                num_id = _val(style, "pPr/numPr/numId")
                level = level or _val(style, "pPr/numPr/ilvl")
                if num_id is not None:
                    break
        return num_id, int(level) if level and level.isdigit() and int(level) < 9 else 0

    def _level(self, num: Any, abstract: Any, ilvl: int) -> Any:
        for override in num.iter(W + "lvlOverride"):
            if override.get(W + "ilvl") == str(ilvl):
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    return lvl
        for lvl in abstract.iter(W + "lvl"):
            if lvl.get(W + "ilvl") == str(ilvl):
                return lvl
        return None

    def next_number(self, p: Any, style_id: str | None) -> str:
        num_id, ilvl = self._num_pr(p, style_id)
        num = self.nums.get(num_id) if num_id not in (None, "0") else None
        if num is None:
            return ""
        abstract_id = _val(num, "abstractNumId")
        abstract = self.abstracts.get(abstract_id)
        if abstract is None:
            return ""
        levels = [self._level(num, abstract, i) for i in range(9)]
        if levels[ilvl] is None:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self.started:  # a list restarted with startOverride
            self.started.add(num_id)
            for override in num.iter(W + "lvlOverride"):
                start = _val(override, "startOverride")
                i = override.get(W + "ilvl")
                if start and start.lstrip("-").isdigit() and i and i.isdigit() and int(i) < 9:
                    counters[int(i)] = _bounded(start) - 1
        current = counters[ilvl]
        counters[ilvl] = _start(levels[ilvl]) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        lvl = levels[ilvl]
        if _val(lvl, "numFmt") in ("bullet", "none"):
            return ""
        text = _val(lvl, "lvlText") or ""
        legal = lvl.find(W + "isLgl") is not None

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i <= ilvl or levels[i] is None:
                return ""
            value = counters[i] if counters[i] is not None else _start(levels[i])
            value = min(value, MAX_START + MAX_ELEMENTS)  # a counter past every paragraph: bomb
            return format_number(value, "decimal" if legal else _val(levels[i], "numFmt"))

        return re.sub(r"%([1-9])", number, text[:MAX_LEVEL_TEXT])[:MAX_NUMBER_TEXT]


def _start(lvl: Any) -> int:
    start = _val(lvl, "start")
    return _bounded(start) if start and start.isdigit() else 1


def _bounded(value: str) -> int:
    """A list's start value, at most MAX_START (a huge one would make a huge number)."""
    return min(int(value[:8]), MAX_START) if value.lstrip("-").isdigit() else 1


CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str | None) -> str:
    """A list number in one of Word's numFmt styles (the common ones; others as digits)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return cn_numeral(n)
    if fmt == "taiwaneseCounting":
        return cn_numeral(n)
    if fmt in ("chineseLegalSimplified",):
        return cn_numeral(n, CN_LEGAL, "拾", "佰")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",):
        return HEAVENLY_STEMS[n - 1] if 0 < n <= 10 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)
