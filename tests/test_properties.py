"""Property tests (hypothesis): what holds for every text, not just the samples.

- outlining and checking any text never raises, and no check fails internally;
- every finding lies inside the text, and its line and column are those of its offset;
- a draft written in UTF-8, GB18030 or UTF-16 reads back as the same text;
- ``--fix`` twice is ``--fix`` once, and fixing changes nothing outside the fixed spans.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from unittest import mock

import pytest
from fuzz_lint import check_findings
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from lint.linter import Linter
from lint.model import Source
from lint.outline import parse
from lint.run import fix
from lint.source import read
from lint.source import text as plain

# Fast enough for CI (the whole file runs in well under a minute), thorough enough to matter;
# DRAFTLINT_EXAMPLES=5000 for a longer search.
EXAMPLES = int(os.environ.get("DRAFTLINT_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIGHT = settings(
    PROPERTY, max_examples=max(1, EXAMPLES // 3)
)  # properties that write files and lint repeatedly

_linters: dict[str, Linter] = {}


def linter(profile: str) -> Linter:
    if profile not in _linters:
        _linters[profile] = Linter(profile)
    return _linters[profile]


PROFILES = ["auto", "generic", "wugedaitou-2021"]

# -- Strategies ---------------------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # all in GBK / GB18030
CN_PUNCT = st.sampled_from(list("，。、；：？！“”‘’（）《》【】…—"))
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
# Pieces a draft is built from, with the defects the checks look for and fixes repair.
PIECES = st.sampled_from(
    [
        "一、存在的问题",
        "二、原因剖析",
        "三、整改措施",
        "（一）在带头学习方面",
        "（二）在工作作风方面：",
        "(三)",
        "1.",
        "2、",
        "（1）",
        "①",
        "一是",
        "二是",
        "三要",
        "第一，",
        "## ",
        "**",
        "# 标题",
        "比如，",
        "例如",
        "XX",
        "××",
        "dangshi",
        "mzshh",
        "##paidbegin##",
        "厉害关系",
        "再接再励",
        "，，",
        "。。",
        "：：",
        ",",
        ".",
        ";",
        ":",
        "?",
        "(",
        ")",
        '"',
        "'",
        "“",
        "”",
        "（",
        "》",
        " ",
        "\u3000",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
    ]
)
WORDS = st.text(st.one_of(HAN, CN_PUNCT), min_size=1, max_size=12)
DRAFT_LIKE = st.lists(st.one_of(PIECES, WORDS), max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), DRAFT_LIKE)


def normalised(text: str) -> str:
    """Text as the reader hands it on: line feeds only."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- Outline and checks ----------------------------------------------------------------


@PROPERTY
@given(text=ANY_TEXT, profile=st.sampled_from(PROFILES))
def test_outline_and_checks_never_raise(text, profile):
    src = Source("draft.txt", normalised(text))
    result = linter(profile).check_source(src)  # a raising check becomes a rule-error
    assert not result.failed, result.findings
    check_findings(src, result.findings)


@PROPERTY
@given(text=ANY_TEXT)
def test_outline_spans_lie_inside_the_text(text):
    text = normalised(text)
    outline = parse(text)
    size = len(text)
    for node in outline.root.walk():
        for start, end in (node.marker, node.title, (node.start, node.end)):
            assert 0 <= start <= end <= size, node
    for start, end in outline.paragraphs:
        assert 0 <= start < end <= size
        paragraph = text[start:end]
        assert "\n" not in paragraph
        assert paragraph.strip(" \t\u3000\ufeff") == paragraph


@PROPERTY
@given(data=st.data(), text=ANY_TEXT)
def test_line_and_column_are_those_of_the_offset(data, text):
    src = Source("draft.txt", normalised(text))
    offset = data.draw(st.integers(0, len(src.text)))
    line, column = src.position(offset)
    before = src.text[:offset]
    assert line == before.count("\n") + 1
    assert column == len(before) - (before.rfind("\n") + 1) + 1  # characters, not bytes
    assert src.offset(line, column) == offset


# -- Encodings --------------------------------------------------------------------------

# A draft's characters: Chinese, its punctuation, ASCII, line breaks. Any of them, in any
# order, is representable in all three encodings.
DRAFT_TEXT = st.lists(
    st.one_of(WORDS, st.text(ASCII, min_size=1, max_size=8), PIECES), min_size=1, max_size=40
).map("".join)


# Ten different Chinese characters or more, before or after the rest: a draft, if a short
# one. (A few bytes, or one character repeated, decode in several encodings: 一一一 in GB18030
# is valid UTF-8. No reader can always tell which was meant; the examples pin known cases.)
CHINESE = st.lists(HAN, min_size=10, max_size=30, unique=True).map("".join)
CHINESE_DRAFT = st.tuples(CHINESE, DRAFT_TEXT, st.booleans()).map(
    lambda t: t[0] + t[1] if t[2] else t[1] + t[0]
)


@PROPERTY
@given(text=CHINESE_DRAFT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
@example(text="一" * 12, encoding="gb18030")  # D2 BB …: valid UTF-8 (һһ…), yet GB18030
def test_every_supported_encoding_reads_back_the_same_text(text, encoding):
    src = plain.from_bytes(text.encode(encoding), "draft.txt")
    assert src.text == normalised(text)


@PROPERTY
@given(text=CHINESE_DRAFT, more=CHINESE_DRAFT, encoding=st.sampled_from(["utf-16-le", "utf-16-be"]))
@example(text="以上问题在一定程度上存在", more="上级", encoding="utf-16-le")  # 上 is U+4E0A
def test_utf16_without_a_mark_reads_back_when_it_has_a_line_break(text, more, encoding):
    """Without a byte-order mark, UTF-16 is recognised by how its line feeds are encoded."""
    text = f"{text}\n{more}"
    src = plain.from_bytes(text.encode(encoding), "draft.txt")
    assert src.text == normalised(text)


@pytest.mark.parametrize("text", ["××", "，，", "é è", "Привет，мир"])
def test_utf8_without_chinese_keeps_its_utf8_reading(text):
    """Found by the property above: the GB18030 fallback must not take over these."""
    assert plain.from_bytes(text.encode(), "draft.txt").text == text


# -- Fixes ------------------------------------------------------------------------------


def write_draft(folder: Path, text: str, encoding: str) -> Path:
    path = folder / "draft.txt"
    data = text.encode(encoding)
    if encoding == "utf-16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    path.write_bytes(data)
    return path


FIXABLE = DRAFT_LIKE.filter(lambda t: t.strip())


@LIGHT
@given(text=FIXABLE, encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_fix_twice_is_fix_once(tmp_path_factory, text, encoding):
    path = write_draft(tmp_path_factory.mktemp("fix"), text, encoding)
    assume(not fix.fix_file(linter("auto"), str(path), write=False).result.failed)
    first = fix.fix_file(linter("auto"), str(path))
    assert not first.result.failed, first.result.findings
    once = path.read_bytes()
    second = fix.fix_file(linter("auto"), str(path))
    assert not second.changed, (first.fixed, second.fixed)
    assert path.read_bytes() == once


@LIGHT
@given(text=FIXABLE)
def test_fixing_changes_nothing_outside_the_fixed_spans(tmp_path_factory, text):
    """One pass: the file differs from the original exactly by the edits of the findings."""
    path = write_draft(tmp_path_factory.mktemp("fix"), text, "utf-8")
    original = path.read_bytes().decode()
    src = plain.from_bytes(path.read_bytes(), str(path))
    found = linter("auto").check_source(src)
    assume(not found.failed)
    edits = fix.edits(src, found.findings)
    with mock.patch.object(fix, "MAX_PASSES", 1):
        outcome = fix.fix_file(linter("auto"), str(path))
    assert outcome.written == bool(edits)
    written = path.read_bytes().decode()

    # Walk the original and the written text together: between edits they must be equal.
    text, out, at = src.text, normalised(written), 0
    shift = 0
    for start, end, replacement in edits:
        assert out[at + shift : start + shift] == text[at:start]
        assert out[start + shift : start + shift + len(replacement)] == replacement
        shift += len(replacement) - (end - start)
        at = end
    assert out[at + shift :] == text[at:]
    # Line endings are the file's own: a CRLF draft stays CRLF outside the edits.
    if "\r\n" in original and not any("\n" in r for _, _, r in edits):
        assert written.count("\r\n") == original.count("\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_fix_property_setup_reads_what_it_wrote(tmp_path, encoding):
    """The helper above writes drafts the reader takes back (else the fix tests test nothing)."""
    text = "一、存在的问题\r\n一是学习不够，比如dangshi学习少。。\r\n"
    path = write_draft(tmp_path, text, encoding)
    assert read(str(path)).text == normalised(text)
    outcome = fix.fix_file(linter("auto"), str(path))
    assert outcome.written and outcome.applied >= 2
    assert "党史" in read(str(path)).text


def test_fix_twice_is_fix_once_with_many_repeated_numbers(tmp_path):
    text = "一、存在的问题\n" + "一是问题。比如，少。\n" * 15
    path = write_draft(tmp_path, text, "utf-8")
    fix.fix_file(linter("auto"), str(path))
    assert not fix.fix_file(linter("auto"), str(path)).changed
