"""``draftlint clean`` removes draftlint's cache files and nothing else."""

from __future__ import annotations

import os

from click.testing import CliRunner
from conftest import SAMPLES

from lint import cachedir
from lint.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(map(str, args)))


def test_clean_removes_the_caches_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cachedir, "_checked", {})
    folder = tmp_path / "cache" / "draftlint"
    assert run("clean").output.startswith("没有需要清除的缓存")
    first = run("check", "--format", "json", SAMPLES / "defect-typos.txt")
    names = {p.name for p in folder.iterdir()}
    assert "results.sqlite3" in names and any(n.startswith("pack-") for n in names)
    outside = tmp_path / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    (folder / "pack-planted.json").symlink_to(outside)
    (folder / "notes.txt").write_text("用户自己的文件", encoding="utf-8")
    old = folder / "results"  # entries of draftlint 0.1
    old.mkdir()
    (old / f"{'0' * 40}.json").write_text("{}", encoding="utf-8")

    result = run("clean")
    assert result.exit_code == 0 and result.output.startswith("已清除缓存"), result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert outside.read_text(encoding="utf-8") == "{}"  # the link went, not its target
    monkeypatch.setattr(cachedir, "_checked", {})
    assert run("check", "--format", "json", SAMPLES / "defect-typos.txt").output == first.output


def test_clean_leaves_a_folder_others_can_write_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "draftlint"
    folder.mkdir(parents=True)
    (folder / "results.sqlite3").write_bytes(b"")
    os.chmod(folder, 0o777)
    result = run("clean")
    assert result.exit_code == 2 and "未清除" in result.output
    assert (folder / "results.sqlite3").exists()
