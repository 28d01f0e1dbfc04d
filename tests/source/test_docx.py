"""Reading .docx drafts: same findings as the text, Word numbering and styles, hostile files."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import docx_build
import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.cli import main
from lint.linter import Linter
from lint.model import InputError
from lint.source import docx as wordfile
from lint.source import read

TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))


def findings(path: Path) -> list[tuple]:
    result = Linter().check_path(str(path))
    assert not result.failed, result.findings
    return [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in result.findings
    ]


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda p: p.name)
def test_plain_docx_gives_the_same_findings_as_the_text(sample, tmp_path):
    word = docx_build.plain(sample.read_text("utf-8"), tmp_path / f"{sample.stem}.docx")
    assert findings(word) == findings(sample)


def test_corpus_drafts_as_docx_give_the_same_findings(corpus, tmp_path):
    for draft in sorted(corpus.glob("*.txt")):
        word = docx_build.plain(draft.read_text("utf-8"), tmp_path / f"{draft.stem}.docx")
        # markdown-residue applies to plain text only: ** in a Word file is the author's own
        text_findings = [f for f in findings(draft) if f[0] != "markdown-residue"]
        assert findings(word) == text_findings, draft.name


@pytest.mark.parametrize(
    "name", ["good-team-2021.txt", "fixable-team-2021.txt"], ids=lambda name: name
)
def test_styled_and_auto_numbered_docx_gives_the_same_findings(name, tmp_path):
    sample = SAMPLES / name
    text = sample.read_text("utf-8")
    word = docx_build.styled(text, tmp_path / "styled.docx")
    assert "一、" not in "".join(p.text for p in docx.Document(word).paragraphs)
    src = read(str(word))
    assert src.format == "docx"
    assert src.text == text.rstrip("\n")  # Word's numbers are written out
    assert findings(word) == findings(sample)
    if name.startswith("good"):
        assert findings(word) == []


def test_word_numbering_from_styles_levels_and_restarts(tmp_path):
    document = docx.Document()
    docx_build.add_list_numbering(document)
    numbering = document.part.part_related_by(docx_build.RT.NUMBERING).element
    numbering.append(
        docx.oxml.parse_xml(
            f'<w:num xmlns:w="{docx_build.W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
        )
    )
    # Numbering attached to the Heading 1 style, as Chinese templates often do.
    docx_build.number(document.styles["Heading 1"], 0)
    document.add_paragraph("某单位对照检查材料", "Title")
    document.add_paragraph("存在的问题", "Heading 1")
    for level, text in [(1, "甲"), (2, "子"), (2, "丑"), (1, "乙"), (2, "寅")]:
        docx_build.number(document.add_paragraph(text), level)
    document.add_paragraph("原因剖析", "Heading 1")
    docx_build.number(document.add_paragraph("丙"), 1)
    restarted = document.add_paragraph("整改措施")
    docx_build.number(restarted, 0, num_id="91")
    bullet = document.add_paragraph("项目符号不是编号")
    bullet.style = document.styles["List Bullet"]
    document.save(tmp_path / "n.docx")
    assert read(str(tmp_path / "n.docx")).text.split("\n") == [
        "某单位对照检查材料",
        "一、存在的问题",
        "（一）甲",
        "1.子",
        "2.丑",
        "（二）乙",
        "1.寅",
        "二、原因剖析",
        "（一）丙",
        "三、整改措施",
        "项目符号不是编号",
    ]


def test_heading_style_without_number_makes_a_section(tmp_path):
    text = (SAMPLES / "good-team-2021.txt").read_text("utf-8")
    unnumbered = docx_build.SECTION.sub("", text.replace("\n一、", "\n一、"))
    lines = text.rstrip("\n").split("\n")
    document = docx.Document()
    for line in lines:
        m = docx_build.SECTION.match(line)
        document.add_paragraph(line[m.end() :] if m else line, "Heading 1" if m else None)
    document.save(tmp_path / "headings.docx")
    txt = tmp_path / "headings.txt"
    txt.write_text("\n".join(docx_build.SECTION.sub("", line) for line in lines), "utf-8")
    assert unnumbered
    # Without the style, the bare heading texts are not sections; with it, they are.
    assert "section-missing" in {f[0] for f in findings(txt)}
    assert "section-missing" not in {f[0] for f in findings(tmp_path / "headings.docx")}


def test_tables_tracked_changes_and_breaks(tmp_path):
    document = docx.Document()
    document.add_paragraph("某单位领导班子对照检查材料")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "第一格"
    table.cell(0, 1).text = "开展dangshi学习"
    paragraph = document.add_paragraph("保留")
    run = paragraph.add_run("删")
    deletion = docx.oxml.parse_xml(
        f'<w:del xmlns:w="{docx_build.W_NS}" w:id="1" w:author="a"><w:r><w:delText>删除的字'
        "</w:delText></w:r></w:del>"
    )
    run._r.addnext(deletion)
    run._r.getparent().remove(run._r)
    insertion = docx.oxml.parse_xml(
        f'<w:ins xmlns:w="{docx_build.W_NS}" w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
    )
    paragraph._p.append(insertion)
    broken = document.add_paragraph("上半句")
    broken.add_run().add_break()
    broken.add_run("下半句")
    document.save(tmp_path / "t.docx")

    src = read(str(tmp_path / "t.docx"))
    assert src.text.split("\n") == [
        "某单位领导班子对照检查材料",
        "第一格",
        "开展dangshi学习",
        "保留插入",
        "上半句 下半句",
    ]
    (pinyin,) = [
        f
        for f in Linter().check_path(str(tmp_path / "t.docx")).findings
        if f.rule == "pinyin-substitute"
    ]
    assert (pinyin.line, pinyin.column) == (3, 3)


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (21, "chineseCounting", "二十一"),
        (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (12, "decimalFullWidth", "１２"),
        (7, "decimal", "7"),
    ],
)
def test_number_formats(n, fmt, expected):
    assert wordfile.format_number(n, fmt) == expected


# -- files that are not (good) .docx ----------------------------------------------------------


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read(str(path))
    return str(info.value)


def good_docx_bytes(tmp_path: Path) -> bytes:
    return docx_build.plain("某单位对照检查材料\n一、存在的问题", tmp_path / "ok.docx").read_bytes()


def test_truncated_docx(tmp_path):
    data = good_docx_bytes(tmp_path)
    for cut in (len(data) // 2, len(data) - 10, 100):
        (tmp_path / "cut.docx").write_bytes(data[:cut])
        assert "已损坏" in error_of(tmp_path / "cut.docx")


def test_damaged_member_is_an_input_error(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types")  # not XML
        package.writestr("word/document.xml", "<w:document")
    (tmp_path / "bad.docx").write_bytes(buffer.getvalue())
    assert "Word 文档已损坏" in error_of(tmp_path / "bad.docx")


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_old_doc_and_doc_renamed_to_docx(tmp_path):
    old = OLE + "WordDocument".encode("utf-16-le") + bytes(1000)
    (tmp_path / "old.doc").write_bytes(old)
    (tmp_path / "renamed.docx").write_bytes(old)
    assert ".doc" in error_of(tmp_path / "old.doc")
    assert "旧版 Word（.doc）" in error_of(tmp_path / "renamed.docx")


def test_password_protected_docx(tmp_path):
    encrypted = OLE + "EncryptionInfo".encode("utf-16-le") + bytes(64) + b"EncryptedPackage"
    (tmp_path / "secret.docx").write_bytes(encrypted)
    assert "打开密码" in error_of(tmp_path / "secret.docx")


def test_text_file_named_docx(tmp_path):
    (tmp_path / "text.docx").write_text("一、存在的问题", "utf-8")
    assert "不是有效的 .docx" in error_of(tmp_path / "text.docx")


def test_zip_bomb_by_ratio_is_refused_before_reading(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * 20 * 2**20)
    (tmp_path / "bomb.docx").write_bytes(buffer.getvalue())
    assert len(buffer.getvalue()) < 100_000
    assert "压缩炸弹" in error_of(tmp_path / "bomb.docx")


def test_zip_bomb_by_total_size_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(wordfile, "MAX_UNPACKED", 2**20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for i in range(3):
            package.writestr(f"word/media/{i}.bin", bytes(range(256)) * 2048)  # 512 KB each
        package.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "big.docx").write_bytes(buffer.getvalue())
    assert "超过 1 MB" in error_of(tmp_path / "big.docx")


def _docx_with_document_xml(tmp_path: Path, name: str, document_xml: str) -> Path:
    source = docx_build.plain("占位", tmp_path / "base.docx")
    out = tmp_path / name
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                data = document_xml.encode("utf-8")
            copy.writestr(item, data)
    return out


def test_zip_bomb_with_lying_sizes_reads_no_more_than_declared(tmp_path):
    # The zip says document.xml has 1000 bytes; its data inflates to 21 MB. zipfile stops at
    # the declared size and the CRC check fails: an input error, and no 21 MB in memory.
    body = f'<w:document xmlns:w="{docx_build.W_NS}"><w:body><w:p><w:r><w:t>'
    path = _docx_with_document_xml(tmp_path, "liar.docx", body + "字" * 7 * 2**20)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("word/document.xml")
    assert info.file_size > 20 * 2**20
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header
    entry = data.find(b"PK\x01\x02")
    while entry != -1:  # central directory
        (name_length,) = struct.unpack_from("<H", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, entry + 24, 1000)
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))

    tracemalloc.start()
    try:
        message = error_of(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "已损坏" in message
    assert peak < 8 * 2**20


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容ABC", "utf-8")
    document_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        f'<w:document xmlns:w="{docx_build.W_NS}"><w:body>'
        "<w:p><w:r><w:t>某单位对照检查材料</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>开头&xxe;结尾</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = _docx_with_document_xml(tmp_path, "xxe.docx", document_xml)
    assert read(str(path)).text.split("\n") == ["某单位对照检查材料", "开头结尾"]
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert "机密内容" not in result.output
    assert "Traceback" not in result.output


def test_entities_the_document_declares_are_read_with_their_text(tmp_path):
    document_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<!DOCTYPE w:document [<!ENTITY unit "县发展和改革局">]>\n'
        f'<w:document xmlns:w="{docx_build.W_NS}"><w:body>'
        "<w:p><w:r><w:t>&unit;领导班子对照检查材料</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>学习&amp;研讨&#x4E00;次</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = _docx_with_document_xml(tmp_path, "entities.docx", document_xml)
    assert read(str(path)).text.split("\n") == [
        "县发展和改革局领导班子对照检查材料",
        "学习&研讨一次",
    ]


def test_entity_expansion_bomb_is_not_expanded(tmp_path):
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    document_xml = (
        f"<!DOCTYPE w:document [{entities}]>"
        f'<w:document xmlns:w="{docx_build.W_NS}"><w:body>'
        "<w:p><w:r><w:t>某单位对照检查材料&a9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _docx_with_document_xml(tmp_path, "laughs.docx", document_xml)
    started = time.monotonic()
    try:
        text = read(str(path)).text
    except InputError:
        text = ""
    assert len(text) < 1000
    assert time.monotonic() - started < 5


def test_folder_run_collects_docx_skips_word_lock_files_and_survives_bad_ones(tmp_path):
    docx_build.plain((SAMPLES / "good-team-2021.txt").read_text("utf-8"), tmp_path / "a.docx")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04broken")
    (tmp_path / "~$a.docx").write_bytes(b"\x00" * 162)
    result = CliRunner().invoke(main, ["check", "--format", "concise", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'b.docx'}:1:1: error input-error Word 文档已损坏")
    assert "~$" not in result.output
    assert "检查了 2 个文件" in lines[-1]


def test_docx_on_standard_input(tmp_path):
    path = docx_build.plain(
        (SAMPLES / "fixable-team-2021.txt").read_text("utf-8"), tmp_path / "f.docx"
    )
    piped = CliRunner().invoke(main, ["check", "--format", "concise", "-"], input=path.read_bytes())
    named = CliRunner().invoke(main, ["check", "--format", "concise", str(path)])
    assert piped.exit_code == named.exit_code == 1
    assert piped.output.replace("-:", f"{path}:") == named.output


def test_fix_never_rewrites_a_docx(tmp_path):
    path = docx_build.plain(
        (SAMPLES / "fixable-team-2021.txt").read_text("utf-8"), tmp_path / "f.docx"
    )
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", "--fix", "--format", "concise", str(path)])
    assert path.read_bytes() == before
    assert "Word 文件不会被改写" in result.stderr
    assert "pinyin-substitute" in result.output


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
            | st.just("\t"),
            max_size=30,
        ),
        min_size=1,
        max_size=6,
    ).filter(lambda lines: any(line.strip() for line in lines))
)
def test_any_text_survives_the_trip_through_word(lines):
    buffer = io.BytesIO()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(buffer)
    assert wordfile.source_of(
        "x.docx", wordfile.open_document("x.docx", buffer.getvalue())[1]
    ).text == "\n".join(lines)
