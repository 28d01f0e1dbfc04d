"""draftlint annotate: one Word comment per finding, anchored exactly on the finding's text."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import docx_build
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main
from lint.linter import Linter
from lint.source import docx as wordfile

W = wordfile.W


def commented_spans(path) -> list[tuple[int, str, str, str]]:
    """(paragraph number, commented text, comment text, author) in document order."""
    document = docx.Document(path)
    comments = {c.comment_id: c for c in document.comments}
    spans, open_ids, texts = [], [], {}
    for number, p in enumerate(wordfile.block_paragraphs(document.element.body), start=1):
        for element in p.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t"):
            if element.tag == W + "commentRangeStart":
                cid = int(element.get(W + "id"))
                open_ids.append(cid)
                texts[cid] = (number, "")
            elif element.tag == W + "commentRangeEnd":
                cid = int(element.get(W + "id"))
                open_ids.remove(cid)
                line, text = texts[cid]
                comment = comments[cid]
                spans.append((line, text, comment.text, comment.author))
            else:
                for cid in open_ids:
                    line, text = texts[cid]
                    texts[cid] = (line, text + (element.text or ""))
    return spans


def annotate(source, out):
    return CliRunner().invoke(main, ["annotate", str(source), "-o", str(out)])


@pytest.mark.parametrize("build", [docx_build.plain, docx_build.styled], ids=["plain", "styled"])
def test_one_comment_per_finding_on_the_finding_text(build, tmp_path):
    text = (SAMPLES / "fixable-team-2021.txt").read_text("utf-8")
    draft = build(text, tmp_path / "draft.docx")
    original = draft.read_bytes()
    out = tmp_path / "annotated.docx"

    result = annotate(draft, out)
    assert result.exit_code == 0, result.output
    assert "6 条批注" in result.stderr
    assert draft.read_bytes() == original  # the original is never modified

    lines = text.split("\n")
    findings = Linter().check_path(str(draft)).findings
    expected = [
        (f.line, lines[f.line - 1][f.column - 1 : f.end_column - 1], f.rule, "draftlint")
        for f in findings
    ]
    got = [(line, span, comment, author) for line, span, comment, author in commented_spans(out)]
    assert [(g[0], g[1], g[3]) for g in got] == [(e[0], e[1], e[3]) for e in expected]
    for (_, _, comment, _), f in zip(got, findings, strict=True):
        assert f"[{f.rule}]" in comment and f.message in comment
    assert [g[1] for g in got] == ["dangshi", "XX", "：：", "。。", ",", "厉害关系"]
    assert "建议改为“利害关系”" in got[-1][2]


def test_annotated_copy_reads_and_checks_like_the_original(tmp_path):
    text = (SAMPLES / "fixable-team-2021.txt").read_text("utf-8")
    draft = docx_build.styled(text, tmp_path / "draft.docx", run_length=3)
    annotate(draft, tmp_path / "annotated.docx")
    original = Linter().check_path(str(draft))
    copy = Linter().check_path(str(tmp_path / "annotated.docx"))
    assert original.source.text == copy.source.text
    assert [(f.rule, f.line, f.column) for f in original.findings] == [
        (f.rule, f.line, f.column) for f in copy.findings
    ]
    # formatting survives the run splits: bold runs are still bold
    paragraph = docx.Document(tmp_path / "annotated.docx").paragraphs[2]
    assert any(run.bold for run in paragraph.runs) and any(not run.bold for run in paragraph.runs)


def test_findings_without_text_span_are_still_anchored(tmp_path):
    # No sections at all: section-missing findings point at the end of the text.
    draft = docx_build.plain("某单位领导班子对照检查材料\n\n工作有差距。", tmp_path / "d.docx")
    result = annotate(draft, tmp_path / "a.docx")
    assert result.exit_code == 0
    spans = commented_spans(tmp_path / "a.docx")
    missing = [s for s in spans if "section-missing" in s[2]]
    assert len(missing) == 3
    assert len(spans) == len(Linter().check_path(str(draft)).findings)


def test_refuses_to_overwrite_the_original_and_non_docx(tmp_path):
    draft = docx_build.plain("某单位对照检查材料\n一、存在的问题", tmp_path / "d.docx")
    before = draft.read_bytes()
    result = annotate(draft, draft)
    assert result.exit_code == 2
    assert "不能是原文件本身" in result.stderr
    assert draft.read_bytes() == before

    txt = tmp_path / "d.txt"
    txt.write_text("某单位对照检查材料", "utf-8")
    assert "只能给 .docx 文件加批注" in annotate(txt, tmp_path / "x.docx").stderr

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04")
    result = annotate(broken, tmp_path / "y.docx")
    assert result.exit_code == 2
    assert "已损坏" in result.stderr
    assert not (tmp_path / "y.docx").exists()


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils is not installed",
)
def test_libreoffice_shows_the_comments_and_the_same_numbers(tmp_path):
    text = (SAMPLES / "fixable-team-2021.txt").read_text("utf-8")
    draft = docx_build.styled(text, tmp_path / "draft.docx")
    annotate(draft, tmp_path / "annotated.docx")
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            export,
            "--outdir",
            str(tmp_path),
            str(tmp_path / "annotated.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "annotated.pdf").read_bytes()
    # Each comment is a PDF note whose contents are the comment text (UTF-16 hex).
    notes = [
        bytes.fromhex(h.decode()).decode("utf-16")
        for h in re.findall(rb"/Contents\s*<([0-9A-Fa-f]+)>", pdf)
    ]
    rules = sorted(f.rule for f in Linter().check_path(str(draft)).findings)
    assert sorted(re.search(r"\[([a-z-]+)\]", n).group(1) for n in notes) == rules

    # LibreOffice numbers the list paragraphs as draftlint reconstructed them.
    shown = subprocess.run(
        ["pdftotext", str(tmp_path / "annotated.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\f", "")  # pages are separated by form feeds
    number = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", re.M)
    assert number.findall(shown) == number.findall(text)
    assert len(number.findall(text)) > 10


def test_annotate_reads_the_project_config(tmp_path):
    text = (SAMPLES / "fixable-team-2021.txt").read_text("utf-8")
    draft = docx_build.plain(text, tmp_path / "draft.docx")
    (tmp_path / ".draftlint.yaml").write_text("ignore: [placeholder, typo]\n", encoding="utf-8")
    out = tmp_path / "annotated.docx"
    result = annotate(draft, out)
    assert result.exit_code == 0, result.output
    assert "4 条批注" in result.stderr
    assert not any(
        "占位符" in comment or "用词有误" in comment for _, _, comment, _ in commented_spans(out)
    )
    no_config = CliRunner().invoke(main, ["annotate", str(draft), "-o", str(out), "--no-config"])
    assert "6 条批注" in no_config.stderr


def test_annotating_an_annotated_copy_replaces_its_own_comments(tmp_path):
    text = (SAMPLES / "fixable-team-2021.txt").read_text("utf-8")
    draft = docx_build.plain(text, tmp_path / "draft.docx")
    document = docx.Document(draft)
    reviewer = document.paragraphs[0].runs[0]
    document.add_comment([reviewer], "请核实标题", "审稿人", "SG")  # someone else's: kept
    document.save(draft)
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    assert annotate(draft, once).exit_code == 0
    assert annotate(once, twice).exit_code == 0
    first, second = commented_spans(once), commented_spans(twice)
    assert len(first) == 7 and sorted(first) == sorted(second)
    assert sum(author == "审稿人" for *_, author in second) == 1


def test_annotate_min_severity(tmp_path):
    text = (SAMPLES / "defect-examples.txt").read_text("utf-8")
    draft = docx_build.plain(text, tmp_path / "draft.docx")
    out = tmp_path / "errors.docx"
    result = CliRunner().invoke(
        main, ["annotate", str(draft), "-o", str(out), "--min-severity", "error"]
    )
    assert result.exit_code == 0 and "0 条批注" in result.stderr
    assert annotate(draft, tmp_path / "all.docx").exit_code == 0
    assert len(commented_spans(tmp_path / "all.docx")) >= 3


def test_repeated_punctuation_in_a_paragraph_is_one_comment(tmp_path):
    text = (SAMPLES / "good-team-2021.txt").read_text("utf-8")
    lines = text.split("\n")
    lines[7] = lines[7].replace("，", ",")  # several half-width commas in one paragraph
    lines[8] = lines[8].replace("，", ",", 1)  # one in the next
    lines[11] = lines[11].replace("比如，", "比如，XX和XX，", 1)  # two placeholders: not grouped
    draft = docx_build.styled("\n".join(lines), tmp_path / "draft.docx")
    findings = Linter().check_path(str(draft)).findings
    commas = [f for f in findings if f.rule == "punct-halfwidth" and f.line == 8]
    assert len(commas) == lines[7].count(",") >= 3
    assert len([f for f in findings if f.rule == "placeholder"]) == 2

    result = annotate(draft, tmp_path / "annotated.docx")
    assert result.exit_code == 0, result.output
    spans = commented_spans(tmp_path / "annotated.docx")
    assert f"{len(findings) - len(commas) + 1} 条批注" in result.stderr
    halfwidth = [
        (line, span, comment) for line, span, comment, _ in spans if "[punct-halfwidth]" in comment
    ]
    # one comment for line 8, on its first comma, with the count; the single one on line 9
    assert [(line, span) for line, span, _ in halfwidth] == [(8, ","), (9, ",")]
    grouped = halfwidth[0][2]
    assert grouped.startswith(f"警告[punct-halfwidth] 本段同类问题 ×{len(commas)}：")
    assert f"（×{len(commas)}）" in grouped and "建议改为“，”" in grouped
    assert "×" not in halfwidth[1][2]
    assert [span for _, span, comment, _ in spans if "[placeholder]" in comment] == ["XX", "XX"]

    # annotating the copy again gives the same comments (its own are replaced)
    again = annotate(tmp_path / "annotated.docx", tmp_path / "again.docx")
    assert again.exit_code == 0
    assert commented_spans(tmp_path / "again.docx") == spans
