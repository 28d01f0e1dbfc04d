"""The pack cache: unchanged packs come from the cache, any change to a file read is noticed."""

import os

import pytest

from lint.linter import Linter
from lint.packs import cache
from lint.packs.parse import parse_pack

PACK = """\
id: local
title: 本地规则
rules:
  - id: typo
    kind: words
    severity: warning
    message: “{match}”应为“{right}”
    dictionary: words.yaml
"""
WORDS = "entries:\n  - wrong: 厉害关系\n    right: 利害关系\n"


@pytest.fixture
def pack(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    path = tmp_path / "local.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path):
        self.calls += 1
        return parse_pack(path)


def wrongs(pack) -> list[str]:
    return [entry.wrong for entry in pack.rules[0].options.loaded]


def touch(path, text: str) -> None:
    """Rewrite a file and move its modification time, as an edit a second later would."""
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_unchanged_pack_is_not_parsed_again(pack, tmp_path):
    parse = Counting()
    first = cache.load_pack(pack, parse)
    second = cache.load_pack(pack, parse)
    assert parse.calls == 1
    assert wrongs(first) == wrongs(second) == ["厉害关系"]
    assert list((tmp_path / "cache" / "draftlint").glob("*.pickle"))


def test_edited_pack_or_dictionary_is_parsed_again(pack, tmp_path):
    parse = Counting()
    cache.load_pack(pack, parse)
    touch(tmp_path / "words.yaml", WORDS + "  - wrong: 红线意线\n    right: 红线意识\n")
    assert wrongs(cache.load_pack(pack, parse)) == ["厉害关系", "红线意线"]
    touch(pack, PACK.replace("severity: warning", "severity: error"))
    assert cache.load_pack(pack, parse).rules[0].severity == "error"
    assert parse.calls == 3


def test_new_version_is_parsed_again(pack, monkeypatch):
    parse = Counting()
    cache.load_pack(pack, parse)
    monkeypatch.setattr(cache, "__version__", "99.0")
    cache.load_pack(pack, parse)
    assert parse.calls == 2


def test_edited_check_code_is_parsed_again(pack, monkeypatch):
    """Pickles hold option classes of the check kinds: edited code must not meet old pickles."""
    parse = Counting()
    cache.load_pack(pack, parse)
    monkeypatch.setattr(cache, "_CODE", (("edited", 1, 2),))
    cache.load_pack(pack, parse)
    assert parse.calls == 2


def test_unusable_cache_falls_back_silently(pack, tmp_path, monkeypatch):
    parse = Counting()
    cache.load_pack(pack, parse)
    for entry in (tmp_path / "cache" / "draftlint").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert wrongs(cache.load_pack(pack, parse)) == ["厉害关系"]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert wrongs(cache.load_pack(pack, parse)) == ["厉害关系"]
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    cache.load_pack(pack, parse)
    assert parse.calls == 4


def test_cached_shipped_packs_check_the_same(pack, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是厉害关系没有理清，XX次会议未落实。\n", encoding="utf-8")
    cold = Linter(extra_packs=[pack]).check_path(str(draft))
    warm = Linter(extra_packs=[pack]).check_path(str(draft))
    assert cold.findings == warm.findings
    assert {f.rule for f in warm.findings} >= {"typo", "placeholder"}


def test_entries_of_two_packs_never_mix(pack, tmp_path, monkeypatch):
    other = tmp_path / "other" / "local.yaml"  # same file name, another folder
    other.parent.mkdir()
    (other.parent / "words.yaml").write_text(WORDS.replace("厉害关系", "红线意线"), "utf-8")
    other.write_text(PACK, encoding="utf-8")
    monkeypatch.setattr(cache.zlib, "crc32", lambda data: 0)  # force both into one entry
    parse = Counting()
    assert wrongs(cache.load_pack(pack, parse)) == ["厉害关系"]
    assert wrongs(cache.load_pack(other, parse)) == ["红线意线"]
    assert wrongs(cache.load_pack(pack, parse)) == ["厉害关系"]
    assert parse.calls == 3
