"""Which files a run checks: drafts in folders, never tools' folders, .gitignore honoured."""

from __future__ import annotations

from lint.run import files


def test_a_folder_asks_git_once_whatever_its_number_of_drafts(tmp_path, monkeypatch):
    for i in range(30):
        (tmp_path / f"{i:02}.txt").write_text("一、存在的问题\n", encoding="utf-8")
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "x.txt").write_text("不是文稿", encoding="utf-8")
    calls = []
    real = files.git_ignored

    def counting(folder, found):
        calls.append(len(found))
        return real(folder, found)

    monkeypatch.setattr(files, "git_ignored", counting)
    found, missing = files.collect((str(tmp_path),))
    assert calls == [30]
    assert len(found) == 30 and missing == []
    assert not any("venv" in f for f in found)
