"""Reading drafts: encodings, line endings, positions, and files that are not drafts."""

from __future__ import annotations

import codecs

import pytest
from conftest import SAMPLES

from lint.linter import Linter
from lint.model import InputError
from lint.source import read
from lint.source.text import from_bytes

TEXT = (SAMPLES / "defect-leftovers.txt").read_text(encoding="utf-8")

ENCODINGS = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "gb18030": TEXT.encode("gb18030"),
    "gbk": TEXT.encode("gbk"),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf-16-le-no-bom": TEXT.encode("utf-16-le"),
    "utf-8-crlf": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf": TEXT.replace("\n", "\r\n").encode("gb18030"),
}


def _findings(path) -> list[tuple]:
    result = Linter().check_path(str(path))
    return [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in result.findings
    ]


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_same_findings_in_every_encoding(tmp_path, name):
    reference = _findings(SAMPLES / "defect-leftovers.txt")
    assert reference  # the sample has findings to compare
    path = tmp_path / "draft.txt"
    path.write_bytes(ENCODINGS[name])
    assert _findings(path) == reference


@pytest.mark.parametrize(
    "name, encoding, bom, newline",
    [
        ("utf-8-bom", "utf-8", True, "\n"),
        ("gb18030-crlf", "gb18030", False, "\r\n"),
        ("utf-16-le-bom", "utf-16-le", True, "\n"),
    ],
)
def test_encoding_bom_and_newline_are_remembered(name, encoding, bom, newline):
    source = from_bytes(ENCODINGS[name], "x.txt")
    assert (source.encoding, source.bom, source.newline) == (encoding, bom, newline)
    assert source.text == TEXT


def test_big5_is_told_from_gb18030():
    text = "一、存在的問題\n（一）帶頭學習運用黨在不同歷史時期成功應對風險挑戰的豐富經驗方面\n"
    source = from_bytes(text.encode("big5"), "x.txt")
    assert (source.encoding, source.text) == ("big5", text)


def test_positions_count_characters_not_bytes():
    source = from_bytes("第一行\n按照XX要求\n".encode(), "x.txt")
    offset = source.text.index("XX")
    assert source.position(offset) == (2, 3)
    assert source.offset(2, 3) == offset
    assert source.line_text(2) == "按照XX要求"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "空"),
        (b"  \n\t\n", "空"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
        ("正文".encode() + b"\x00\x01\x02" + "正文".encode(), "空字节"),
        (
            "一、存在的问题\n按照要求".encode() + b"\xff\xfe\xfa" + "继续检查".encode() * 20,
            "第 2 行",
        ),
    ],
)
def test_unreadable_input_is_a_clear_error(data, message):
    with pytest.raises(InputError, match=message):
        from_bytes(data, "x.txt")


def test_missing_and_doc_files(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read(str(tmp_path / "none.txt"))
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"\.doc"):
        read(str(doc))
