"""The fuzz target (tests/fuzz_lint.py) on a few seeds, without atheris: the harness works."""

from __future__ import annotations

import codecs

import pytest
from fuzz_lint import TOKENS, check_findings, dictionary_entry, one_input, seed_files

from lint.model import Finding, Source

SEEDS = [
    b"",
    b"\x00\x01\x02",
    b"\x89PNG\r\n\x1a\n",
    codecs.BOM_UTF16_LE + "一、存在的问题\n".encode("utf-16-le"),
    "一、存在的问题\r\n（一）在学习方面\r\n①比如\r\n".encode(),
    "**一、存在的问题**\n## 原因\n一是。二是比如。三是\n".encode("gb18030"),
    b'\xe6\xb1\x89"\xe6\xb1\x89(\xef\xbc\x88' * 50,
    "第一，第二，一是二是三有".encode(),
    b"\xff\xfe\xfd" * 10,
]


@pytest.mark.parametrize("data", SEEDS)
def test_target_accepts_hostile_seeds(data):
    one_input(data)


def test_target_runs_on_the_samples():
    files = seed_files()
    assert any(f.parent.name == "samples" for f in files)
    for path in files:
        one_input(path.read_bytes())


def test_invariant_check_rejects_a_finding_outside_the_text():
    src = Source("x.txt", "一行\n两行")
    inside = Finding("r", "error", "m", "x.txt", 2, 1, 2, 3)
    check_findings(src, [inside])
    for bad in (
        Finding("r", "error", "m", "x.txt", 3, 1, 3, 1),  # no third line
        Finding("r", "error", "m", "x.txt", 2, 1, 2, 9),  # past the end of the text
        Finding("r", "error", "m", "x.txt", 1, 5, 1, 5),  # past the end of line 1
        Finding("r", "error", "m", "x.txt", 2, 2, 1, 1),  # ends before it starts
        Finding("r", "error", "两\n行", "x.txt", 1, 1, 1, 1),  # message on two lines
    ):
        with pytest.raises(AssertionError):
            check_findings(src, [bad])


def test_dictionary_entries_are_libfuzzer_syntax():
    assert dictionary_entry('a"\\\n') == '"a\\x22\\x5c\\x0a"\n'
    assert dictionary_entry("①") == '"\\xe2\\x91\\xa0"\n'
    assert all(dictionary_entry(t).isascii() for t in TOKENS)
