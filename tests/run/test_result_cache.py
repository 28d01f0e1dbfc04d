"""The result cache: a re-run over unchanged drafts reads findings back instead of checking,
gives the same report byte for byte, and any change to a draft or a pack is seen."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from lint import cachedir
from lint.cli import main
from lint.linter import Linter
from lint.run import resultcache

FORMATS = ["concise", "json", "pretty", "sarif", "github", "checklist", "html"]
PACK = """\
id: local
title: 本地规则
rules:
  - id: local-word
    kind: patterns
    severity: warning
    message: 不要写“{{match}}”
    patterns: ['{word}']
"""


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cachedir, "_checked", {})
    return tmp_path / "cache" / "draftlint"


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "drafts"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def checked(monkeypatch):
    """Paths the linter really checked (not read back from the cache)."""
    paths = []
    original = Linter.check_path

    def counting(self, path):
        paths.append(os.path.basename(path))
        return original(self, path)

    monkeypatch.setattr(Linter, "check_path", counting)
    return paths


def count(folder) -> int:
    return len([p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".docx")])


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    return result.exit_code, result.stdout


def test_a_rerun_reads_from_the_cache_and_reports_the_same_in_every_format(
    cache_home, drafts, monkeypatch
):
    fresh = {fmt: run("--no-cache", "--format", fmt, drafts) for fmt in FORMATS}
    assert fresh["concise"][0] == 1 and fresh["concise"][1].count("\n") > 20
    run("--format", "concise", drafts)  # fills the cache (in worker processes: over 16 drafts)
    run("--format", "checklist", drafts)  # with copy fingerprints

    def fail(self, path):
        raise AssertionError(f"{path} was checked again")

    original = Linter.check_path
    monkeypatch.setattr(Linter, "check_path", fail)
    for fmt in FORMATS:
        assert run("--format", fmt, drafts) == fresh[fmt], fmt
    one = drafts / "defect-typos.txt"
    monkeypatch.setattr(Linter, "check_path", original)
    expected = {fmt: run("--no-cache", "--format", fmt, one) for fmt in FORMATS}
    monkeypatch.setattr(Linter, "check_path", fail)
    for fmt in FORMATS:  # a single draft keeps its whole text when fresh: the same report
        assert run("--format", fmt, one) == expected[fmt], fmt


def test_copies_are_found_from_the_cache_of_a_run_that_did_not_look_for_them(
    cache_home, tmp_path, checked
):
    """A run without --copies keeps no copy fingerprint; a later --copies run reads the
    findings from the cache, computes the fingerprints from the drafts' text and reports
    the same copies as a fresh run."""
    folder = tmp_path / "pair"
    folder.mkdir()
    text = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("2021", "2022", 1), encoding="utf-8")
    run("-j", "1", "--no-copies", folder)
    assert sorted(checked) == ["a.txt", "b.txt"]
    assert all(e["fingerprint"] is None for e in entries(cache_home).values())
    code, cached = run("-j", "1", "--copies", "--format", "json", folder)
    assert sorted(checked) == ["a.txt", "b.txt"]  # nothing checked again
    assert '"copy"' in cached
    assert (code, cached) == run("--no-cache", "-j", "1", "--copies", "--format", "json", folder)


def entries(cache_home) -> dict[str, dict]:
    """The store's entries by key, as JSON values."""
    with contextlib.closing(sqlite3.connect(cache_home / resultcache.STORE)) as db:
        return {key: json.loads(data) for key, data in db.execute("SELECT key, data FROM entries")}


def put(cache_home, key: str, data: str | bytes) -> None:
    with contextlib.closing(sqlite3.connect(cache_home / resultcache.STORE)) as db, db:
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (data, key))


def test_an_edited_draft_is_checked_again(cache_home, drafts, checked):
    run("-j", "1", drafts)
    n = count(drafts)
    assert len(checked) == n
    typos = drafts / "defect-typos.txt"
    text = typos.read_text(encoding="utf-8")
    before = run("-j", "1", "--format", "json", drafts)
    assert len(checked) == n  # all from the cache
    st = typos.stat()
    edited = text.replace("一是", "二是", 1)
    assert len(edited.encode()) == len(text.encode())
    typos.write_text(edited, encoding="utf-8")
    os.utime(typos, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime
    after = run("-j", "1", "--format", "json", drafts)
    assert checked[n:] == ["defect-typos.txt"]
    assert before != after
    assert after == run("--no-cache", "-j", "1", "--format", "json", drafts)


def test_a_changed_pack_or_setting_invalidates(cache_home, tmp_path, checked):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习不够深入，比如很少读原文。\n", encoding="utf-8")
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(word="原文"), encoding="utf-8")
    first = json.loads(run("--rules", pack, "--format", "json", draft)[1])
    assert "local-word" in {f["rule"] for f in first}
    run("--rules", pack, "--format", "json", draft)
    assert len(checked) == 1
    pack.write_text(PACK.format(word="深入"), encoding="utf-8")
    second = json.loads(run("--rules", pack, "--format", "json", draft)[1])
    assert [f["message"] for f in second if f["rule"] == "local-word"] == ["不要写“深入”"]
    assert len(checked) == 2
    run("--rules", pack, "--ignore", "local-word", draft)
    run("--rules", pack, "--profile", "generic", draft)
    assert len(checked) == 4


def test_a_change_to_any_candidate_pack_invalidates(cache_home, tmp_path, checked, monkeypatch):
    """--profile auto: a pack that was not picked may be picked after it changes."""
    shipped = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", shipped)
    monkeypatch.setattr("lint.packs.registry.SHIPPED", shipped)
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习不够深入。\n", encoding="utf-8")
    run(draft)
    run(draft)
    assert len(checked) == 1
    unused = shipped / "zhutijiaoyu-2023.yaml"
    unused.write_text(unused.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run(draft)
    assert len(checked) == 2


def test_no_cache_and_fixes_do_not_use_it(cache_home, drafts, checked, monkeypatch):
    run("-j", "1", drafts)
    run("-j", "1", "--no-cache", drafts)
    assert len(checked) == 2 * count(drafts)
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    run("-j", "1", drafts)
    assert len(checked) == 3 * count(drafts)
    monkeypatch.delenv("DRAFTLINT_NO_CACHE")
    fixable = drafts / "fixable-team-2021.txt"
    before = fixable.read_text(encoding="utf-8")
    status, diff = run("--diff", fixable)
    assert status == 1 and diff.startswith("---")
    run("--fix", fixable)
    assert fixable.read_text(encoding="utf-8") != before


def test_failed_results_are_not_kept(cache_home, tmp_path, checked):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"\xff\xfe\x00\xd8" * 3)  # not a draft
    assert run(draft)[0] == 2
    assert run(draft)[0] == 2
    assert len(checked) == 2


def test_planted_or_damaged_entries_are_ignored(cache_home, tmp_path, checked):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习XX次。\n", encoding="utf-8")
    expected = run("--format", "json", draft)
    [(key, good)] = entries(cache_home).items()
    damaged = [
        b"\x80\x04garbage",
        "{",
        json.dumps({**good, "result": {**good["result"], "findings": [["x", 1]]}}),
        json.dumps({**good, "result": {**good["result"], "lines": [["1", 2]]}}),
        json.dumps({**good, "fingerprint": ["zz", None]}),
        json.dumps({**good, "result": {**good["result"], "fields": {"detected": "yes"}}}),
        json.dumps({**good, "path": str(tmp_path / "other.txt")}),
        "[" * 100_000 + "]" * 100_000,
    ]
    for data in damaged:
        put(cache_home, key, data)
        assert run("--format", "json", draft) == expected
    assert len(checked) == 1 + len(damaged)
    assert entries(cache_home) == {key: good}  # each time written again as it was


def test_a_damaged_or_foreign_store_is_made_anew(cache_home, tmp_path, checked):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习XX次。\n", encoding="utf-8")
    expected = run("--format", "json", draft)
    store = cache_home / resultcache.STORE
    for garbage in (b"not a database" * 100, b"", b"SQLite format 3\x00" + b"\xff" * 4000):
        store.write_bytes(garbage)
        assert run("--format", "json", draft) == expected
        assert run("--format", "json", draft) == expected
    with contextlib.closing(sqlite3.connect(store)) as db, db:  # another version's layout
        db.execute("PRAGMA user_version = 2")
    assert run("--format", "json", draft) == expected
    assert run("--format", "json", draft) == expected
    assert len(checked) == 5  # checked once after each damage, then read from the store
    assert len(entries(cache_home)) == 1


def test_a_link_in_place_of_the_store_is_not_followed(cache_home, tmp_path, checked):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习XX次。\n", encoding="utf-8")
    run(draft)  # makes the folder
    (cache_home / resultcache.STORE).unlink()
    elsewhere = tmp_path / "elsewhere.db"
    elsewhere.write_bytes(b"")
    (cache_home / resultcache.STORE).symlink_to(elsewhere)
    expected = run("--no-cache", "--format", "json", draft)
    assert run("--format", "json", draft) == expected
    assert run("--format", "json", draft) == expected
    assert len(checked) == 4  # no cache: every run checks
    assert elsewhere.read_bytes() == b""
    assert (cache_home / resultcache.STORE).is_symlink()


def test_the_old_entry_files_are_removed_when_the_store_is_made(cache_home, tmp_path):
    old = cache_home / "results"
    old.mkdir(parents=True)
    (old / f"{'0' * 40}.json").write_text("{}", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习XX次。\n", encoding="utf-8")
    run(draft)
    assert not old.exists() and len(entries(cache_home)) == 1


def test_workers_store_every_draft_they_check(cache_home, drafts, checked):
    """Two worker processes write their entries into the one store (checked counts only
    this process's checks)."""
    fresh = run("-j", "2", "--format", "json", drafts)
    assert len(entries(cache_home)) == count(drafts)
    assert run("-j", "1", "--format", "json", drafts) == fresh
    assert checked == []


def test_the_store_is_pruned_by_size(cache_home, drafts, monkeypatch):
    monkeypatch.setattr(resultcache, "MAX_BYTES", 20_000)
    run("-j", "1", drafts)
    kept = entries(cache_home)
    sizes = sum(len(json.dumps(e, ensure_ascii=False)) for e in kept.values())
    assert 0 < len(kept) < count(drafts) and sizes <= 20_000 * resultcache.KEEP
    store = cache_home / resultcache.STORE
    assert store.stat().st_size < 20_000 + 6 * 4096, store.stat().st_size  # pages given back


def test_suppression_settings_are_part_of_the_key(cache_home, drafts, tmp_path, checked):
    """--min-severity and a baseline change what is reported: a cached result must not hide
    or show findings that the current settings would not."""
    draft = drafts / "defect-examples.txt"

    def severities(*args) -> set[str]:
        return {f["severity"] for f in json.loads(run("--format", "json", *args, draft)[1])}

    everything = severities()
    assert "warning" in everything or "info" in everything
    assert severities("--min-severity", "error") <= {"error"}
    assert severities() == everything
    baseline = tmp_path / "baseline.json"
    run("--update-baseline", baseline, draft)
    assert severities("--baseline", baseline) == set()
    assert severities() == everything


def test_a_busy_store_is_not_waited_on(cache_home, tmp_path, checked, monkeypatch):
    """Another process writing to the store for long: the run reports as always, keeps
    nothing, and the next run stores its entry."""
    monkeypatch.setattr(resultcache, "BUSY_SECONDS", 0.05)
    draft = tmp_path / "draft.txt"
    draft.write_text("一、存在的问题\n一是学习XX次。\n", encoding="utf-8")
    expected = run("--no-cache", "--format", "json", draft)
    other_draft = tmp_path / "other.txt"
    other_draft.write_text("一、存在的问题\n", encoding="utf-8")
    run(other_draft)  # makes the store
    (key,) = entries(cache_home)
    with contextlib.closing(sqlite3.connect(cache_home / resultcache.STORE)) as other:
        other.execute("BEGIN IMMEDIATE")
        assert run("--format", "json", draft) == expected
        other.execute("ROLLBACK")
    assert list(entries(cache_home)) == [key]
    assert run("--format", "json", draft) == expected
    assert len(entries(cache_home)) == 2
    assert len(checked) == 4  # other draft, draft (busy, not kept), draft again


def test_two_runs_at_once_share_the_store(cache_home, tmp_path):
    """Two batches in separate processes, each with two workers, at the same time."""
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        shutil.copytree(SAMPLES, folder)
        folders.append(folder)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    argv = [sys.executable, "-m", "lint", "check", "-j", "2", "--format", "json"]
    runs = [subprocess.Popen([*argv, f], env=env, stdout=subprocess.PIPE) for f in folders]
    outputs = [p.communicate()[0] for p in runs]
    assert [p.returncode for p in runs] == [1, 1]
    assert len(entries(cache_home)) == 2 * count(SAMPLES)
    for folder, output in zip(folders, outputs, strict=True):
        again = subprocess.run([*argv, folder], env=env, capture_output=True)
        assert again.stdout == output


def test_a_file_name_that_is_not_utf8_is_checked_every_time(cache_home, tmp_path, checked):
    """Its entry cannot be kept as UTF-8: it is left out, the others are kept."""
    folder = tmp_path / "names"
    folder.mkdir()
    for name in (os.fsdecode(b"bad-\xff.txt"), "good.txt"):
        (folder / name).write_text("一、存在的问题\n一是学习XX次。\n", encoding="utf-8")
    first = run("-j", "1", "--format", "json", folder)
    assert run("-j", "1", "--format", "json", folder) == first
    assert sorted(checked) == sorted([os.fsdecode(b"bad-\xff.txt")] * 2 + ["good.txt"])
    assert [e["path"] for e in entries(cache_home).values()] == [str(folder / "good.txt")]
