"""Building .docx drafts in tests with python-docx: plain, styled, auto-numbered."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUM_ID = "90"

# A two-level list as Chinese templates define it: 一、 then （一）.
_ABSTRACT = f"""
<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
"""
_NUM = f'<w:num xmlns:w="{W_NS}" w:numId="{NUM_ID}"><w:abstractNumId w:val="90"/></w:num>'

SECTION = re.compile(r"^[一二三四五六七八九十]+、")
LEAD = re.compile(r"^（[一二三四五六七八九十]+）")


def plain(text: str, path: Path) -> Path:
    """One paragraph per line, as 'save as .docx' from a text editor gives."""
    document = docx.Document()
    for line in text.rstrip("\n").split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


def add_list_numbering(document) -> None:
    numbering = document.part.part_related_by(RT.NUMBERING).element
    first_num = numbering.find(f"{{{W_NS}}}num")
    first_num.addprevious(parse_xml(_ABSTRACT))  # abstractNum elements come before num
    numbering.append(parse_xml(_NUM))


def number(paragraph_or_style, level: int, num_id: str = NUM_ID) -> None:
    """Number a paragraph (or every paragraph of a style) with Word's list numbering."""
    element = getattr(paragraph_or_style, "_p", None)
    if element is None:
        element = paragraph_or_style.element
    p_pr = element.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def styled(text: str, path: Path, run_length: int = 7) -> Path:
    """The draft as Word users write it: title style, section headings in Heading 1 and
    headings （一） numbered by Word's automatic list numbering (no number in the text),
    and paragraphs made of many runs with alternating formatting."""
    document = docx.Document()
    add_list_numbering(document)
    lines = text.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        section, lead = SECTION.match(line), LEAD.match(line)
        if i == 0:
            paragraph = document.add_paragraph(style="Title")
        elif section:
            paragraph = document.add_paragraph(style="Heading 1")
            number(paragraph, 0)
            line = line[section.end() :]
        elif lead:
            paragraph = document.add_paragraph()
            number(paragraph, 1)
            line = line[lead.end() :]
        else:
            paragraph = document.add_paragraph()
        for k in range(0, len(line), run_length):
            paragraph.add_run(line[k : k + run_length]).bold = bool(k // run_length % 2)
    document.save(path)
    return path
