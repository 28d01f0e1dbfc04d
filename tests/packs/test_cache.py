"""The pack cache: unchanged packs come from the cache, any change to a file read is noticed,
and nothing in the cache folder can make draftlint run code."""

import json
import os
import pickle
from pathlib import Path

import pytest

import lint.regexes
from lint import cachedir
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
    monkeypatch.setattr(cachedir, "_checked", {})
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    path = tmp_path / "local.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def composed(monkeypatch):
    """The pack files composed from YAML (not taken from the cache), in order."""
    read = []

    def counting(path):
        read.append(path.name)
        return cache.yamlpos.load_yaml(path)

    monkeypatch.setattr(cache, "load_yaml", counting)
    return read


def load(path):
    return cache.load_pack(path, parse_pack)


def entries(tmp_path) -> list:
    return sorted((tmp_path / "cache" / "draftlint").glob("pack-*.json"))


def wrongs(pack) -> list[str]:
    return [entry.wrong for entry in pack.rules[0].options.loaded]


def edit(path, text: str, keep_stamp: bool = False) -> None:
    """Rewrite a file: as an edit a second later would, or keeping its size and mtime."""
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    shift = 0 if keep_stamp else 1_000_000_000
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + shift))


def test_unchanged_pack_is_not_parsed_again(pack, tmp_path, composed):
    first = load(pack)
    second = load(pack)
    assert composed == ["local.yaml", "words.yaml"]
    assert wrongs(first) == wrongs(second) == ["厉害关系"]
    assert second.rules[0].data.at("dictionary").line == 8  # positions survive the cache
    [entry] = entries(tmp_path)
    json.loads(entry.read_text(encoding="utf-8"))  # plain JSON
    assert (entry.stat().st_mode & 0o777) == 0o600
    assert (entry.parent.stat().st_mode & 0o777) == 0o700


def test_edited_pack_or_dictionary_is_parsed_again(pack, tmp_path, composed):
    load(pack)
    edit(tmp_path / "words.yaml", WORDS + "  - wrong: 红线意线\n    right: 红线意识\n")
    assert wrongs(load(pack)) == ["厉害关系", "红线意线"]
    edit(pack, PACK.replace("severity: warning", "severity: error"))
    assert load(pack).rules[0].severity == "error"
    assert composed.count("local.yaml") == 3


def test_an_edit_keeping_size_and_mtime_is_seen(pack, tmp_path, composed):
    load(pack)
    words = tmp_path / "words.yaml"
    edit(words, WORDS.replace("厉害关系", "利害关糸"), keep_stamp=True)  # same size, same mtime
    assert wrongs(load(pack)) == ["利害关糸"]
    edit(pack, PACK.replace("warning", "error  "), keep_stamp=True)
    assert load(pack).rules[0].severity == "error"
    assert composed.count("local.yaml") == 3


def test_new_version_or_yaml_reader_is_parsed_again(pack, monkeypatch, composed):
    load(pack)
    monkeypatch.setattr(cache, "__version__", "99.0")
    monkeypatch.setattr(cache, "_READER", [])
    load(pack)
    monkeypatch.setattr(cache, "_READER", [["another reader"]])
    load(pack)
    assert composed.count("local.yaml") == 3


def test_rules_are_built_by_the_current_code(pack, monkeypatch):
    """The cache holds YAML trees, not objects: an edited check kind meets no old object."""
    load(pack)
    from lint.checks import words

    built = []
    original = words.Options.prepare
    monkeypatch.setattr(
        words.Options, "prepare", lambda self, *a: built.append(1) or original(self, *a)
    )
    assert wrongs(load(pack)) == ["厉害关系"] and built == [1]


def test_unusable_cache_falls_back(pack, tmp_path, monkeypatch, composed):
    load(pack)
    for entry in entries(tmp_path):
        entry.write_bytes(b"not json")
    assert wrongs(load(pack)) == ["厉害关系"]
    for entry in entries(tmp_path):  # JSON of the wrong shape
        entry.write_text('{"reader": 1, "files": [[1, 2]]}', encoding="utf-8")
    assert wrongs(load(pack)) == ["厉害关系"]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert wrongs(load(pack)) == ["厉害关系"]
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    load(pack)
    assert composed.count("local.yaml") == 5


def test_no_cache_switch_turns_it_off(pack, tmp_path, monkeypatch, composed):
    monkeypatch.setattr(cachedir, "_disabled", False)
    cachedir.disable()
    load(pack)
    load(pack)
    assert composed.count("local.yaml") == 2 and not (tmp_path / "cache").exists()


def test_a_folder_others_can_write_is_not_used(pack, tmp_path, composed, capsys, monkeypatch):
    folder = tmp_path / "cache" / "draftlint"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    monkeypatch.setattr(cachedir, "_noted", False)
    load(pack)
    load(pack)
    assert composed.count("local.yaml") == 2 and not list(folder.iterdir())
    assert capsys.readouterr().err.count("不使用缓存") == 1  # one note per run


def test_a_planted_entry_never_runs_code(pack, tmp_path, composed):
    load(pack)
    [entry] = entries(tmp_path)
    marker = tmp_path / "executed"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    planted = [
        pickle.dumps(Payload()),
        b"\x80\x04" + pickle.dumps(Payload())[2:],
        b'{"reader": [4, "' + b"x" * 100 + b'"], "pack": ',  # truncated JSON
        b"[" * 100_000 + b"]" * 100_000,  # nesting beyond the JSON reader
        json.dumps(  # well-formed, claims the right hashes, holds a tree of the wrong shape
            {
                "reader": cache._reader(),
                "pack": str(pack),
                "files": [[str(pack), cache.digest(pack), ["x", "__import__('os')"]]],
            }
        ).encode(),
    ]
    for data in planted:
        entry.write_bytes(data)
        assert wrongs(load(pack)) == ["厉害关系"]
        assert not marker.exists()
    assert composed.count("local.yaml") == 1 + len(planted)
    for module in (cache, cachedir):
        code = Path(module.__file__).read_text(encoding="utf-8")
        assert "import pickle" not in code and "import marshal" not in code


def test_cached_shipped_packs_check_the_same(pack, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是厉害关系没有理清，XX次会议未落实。\n", encoding="utf-8")
    cold = Linter(extra_packs=[pack]).check_path(str(draft))
    warm = Linter(extra_packs=[pack]).check_path(str(draft))
    assert cold.findings == warm.findings
    assert {f.rule for f in warm.findings} >= {"typo", "placeholder"}


def test_entries_of_two_packs_never_mix(pack, tmp_path, monkeypatch, composed):
    other = tmp_path / "other" / "local.yaml"  # same file name, another folder
    other.parent.mkdir()
    (other.parent / "words.yaml").write_text(WORDS.replace("厉害关系", "红线意线"), "utf-8")
    other.write_text(PACK, encoding="utf-8")
    folder = tmp_path / "cache" / "draftlint"
    monkeypatch.setattr(cache, "entry_path", lambda _, path: folder / "one.json")  # one entry
    assert wrongs(load(pack)) == ["厉害关系"]
    assert wrongs(load(other)) == ["红线意线"]
    assert wrongs(load(pack)) == ["厉害关系"]
    assert composed.count("local.yaml") == 3


def test_patterns_of_a_cached_pack_compile_when_first_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cachedir, "_checked", {})
    path = tmp_path / "leftover.yaml"
    path.write_text(
        "id: leftover\ntitle: 残留\nrules:\n  - id: paid\n    kind: patterns\n"
        "    message: 残留“{match}”\n    patterns: ['##paid\\w+']\n",
        encoding="utf-8",
    )
    fresh = load(path).rules[0].options.entries[0].pattern
    cached = load(path).rules[0].options.entries[0].pattern
    assert isinstance(cached, lint.regexes.LazyPattern) and cached._compiled is None
    assert not isinstance(fresh, lint.regexes.LazyPattern)
    copy = pickle.loads(pickle.dumps(cached))  # spawned workers receive packs pickled
    assert [m.group() for m in copy.finditer("x ##paidbegin y")] == ["##paidbegin"]
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是##paidbegin学习不够。\n", encoding="utf-8")
    result = Linter(extra_packs=[path]).check_path(str(draft))
    assert [(f.rule, f.line) for f in result.findings if f.rule == "paid"] == [("paid", 2)]
