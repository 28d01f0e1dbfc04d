"""--fix and --diff: certain fixes only, encodings and line endings kept, atomic and safe."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from hypothesis import example, given
from hypothesis import strategies as st

from lint.cli import main
from lint.linter import Linter
from lint.run import fix

FIXABLE = (SAMPLES / "fixable-team-2021.txt").read_text("utf-8")
FIXES = [
    ("三次dangshi集中", "三次党史集中"),
    ("对照检查如下：：", "对照检查如下："),
    ("专题研讨偏少。。", "专题研讨偏少。"),
    ("比如,今年", "比如，今年"),
    ("个人厉害关系", "个人利害关系"),
]


def expected_fixed(text: str) -> str:
    for wrong, right in FIXES:
        assert text.count(wrong) == 1
        text = text.replace(wrong, right)
    return text


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--format", "concise", *args])


def rules_of(output: str) -> list[str]:
    return [
        line.split()[2] for line in output.splitlines() if ": error " in line or ": warn" in line
    ]


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("gb18030", "\r\n", b""),
        ("utf-8", "\n", b"\xef\xbb\xbf"),
        ("utf-16-le", "\r\n", b"\xff\xfe"),
    ],
)
def test_fix_keeps_encoding_bom_and_line_endings_and_is_idempotent(
    tmp_path, encoding, newline, bom
):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(bom + FIXABLE.replace("\n", newline).encode(encoding))

    first = run("--fix", str(draft))
    # Only the placeholder, which has no certain fix, is left.
    assert rules_of(first.output) == ["placeholder"]
    assert first.exit_code == 1
    data = draft.read_bytes()
    assert data.startswith(bom)
    text = data[len(bom) :].decode(encoding)
    assert text == expected_fixed(FIXABLE).replace("\n", newline)
    if newline == "\r\n":
        assert text.count("\r\n") == FIXABLE.count("\n")
        assert "\n" not in text.replace("\r\n", "")

    mtime = draft.stat().st_mtime_ns
    second = run("--fix", str(draft))
    assert draft.read_bytes() == data
    assert draft.stat().st_mtime_ns == mtime
    assert rules_of(second.output) == ["placeholder"]
    assert "已自动修正 0 处（0 个文件）" in second.stderr


def test_mixed_line_endings_outside_the_fixes_are_kept(tmp_path):
    lines = FIXABLE.split("\n")
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1]))
    draft = tmp_path / "mixed.txt"
    draft.write_bytes(mixed.encode("utf-8"))
    run("--fix", str(draft))
    assert draft.read_bytes().decode("utf-8") == expected_fixed(mixed)


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, "utf-8")
    result = run("--diff", str(draft))
    assert result.exit_code == 1
    assert draft.read_text("utf-8") == FIXABLE
    removed = [
        line for line in result.stdout.splitlines() if line.startswith("-") and line[1:2] != "-"
    ]
    added = [
        line for line in result.stdout.splitlines() if line.startswith("+") and line[1:2] != "+"
    ]
    assert len(removed) == len(added) == 3
    assert any("个人利害关系" in line for line in added)

    draft.write_text(expected_fixed(FIXABLE), "utf-8")
    clean = run("--diff", str(draft))
    assert clean.exit_code == 0
    assert clean.stdout == ""


def test_permissions_are_kept(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, "utf-8")
    draft.chmod(0o640)
    run("--fix", str(draft))
    assert draft.read_text("utf-8") == expected_fixed(FIXABLE)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640


def test_fixing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(FIXABLE, "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    run("--fix", str(link))
    assert link.is_symlink()
    assert real.read_text("utf-8") == expected_fixed(FIXABLE)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch, failing):
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, "utf-8")
    other = tmp_path / "other.txt"
    other.write_text(FIXABLE, "utf-8")

    real = getattr(os, failing)

    def disk_full(*args):
        if failing == "replace" and not os.path.basename(str(args[0])).startswith(".draftlint-"):
            return real(*args)
        if failing == "fsync" and os.path.isdir(f"/proc/self/fd/{args[0]}"):
            return real(*args)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, disk_full)
    result = run("--fix", str(draft), str(other))
    assert result.exit_code == 2
    assert draft.read_text("utf-8") == FIXABLE
    assert other.read_text("utf-8") == FIXABLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt", "other.txt"]
    assert f"{draft}:1:1: error fix-error 写入修正失败" in result.output
    assert "原文件未改动" in result.output


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path, monkeypatch):
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, "utf-8")
    edited_meanwhile = FIXABLE.replace("某县", "某市")
    check_source = Linter.check_source

    def check_while_someone_edits(self, src):
        draft.write_text(edited_meanwhile, "utf-8")
        return check_source(self, src)

    monkeypatch.setattr(Linter, "check_source", check_while_someone_edits)
    result = run("--fix", str(draft))
    assert result.exit_code == 2
    assert draft.read_text("utf-8") == edited_meanwhile
    assert "文件在检查后被修改过，未写入修正" in result.output


def test_a_fix_the_encoding_cannot_hold_is_not_written(tmp_path):
    # Big5 has no simplified 会: replacing mzshh by 民主生活会 cannot be saved in Big5.
    text = (
        "某縣發展和改革局領導班子黨史學習教育專題民主生活會對照檢查材料\n\n"
        "按照縣委關於開好黨史學習教育專題民主生活會的通知要求，"
        "局領導班子會前召開了專題mzshh。\n"
    )
    draft = tmp_path / "big5.txt"
    draft.write_bytes(text.encode("big5"))
    result = run("--fix", "--select", "pinyin-substitute", str(draft))
    assert result.exit_code == 2
    assert "无法用原编码 big5 保存，未写入" in result.output
    assert draft.read_bytes() == text.encode("big5")


def test_overlapping_fixes_keep_the_first():
    assert fix.apply("abcdef", [(0, 2, "X"), (4, 6, "")]) == "Xcd"


@given(
    st.lists(st.sampled_from(["a", "中", "\n", "\r\n", "\r", "，"]), max_size=40),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3), st.sampled_from(["", "甲", "乙丙"]))),
)
@example(["\r", "a", "\n"], [(0, 0, ""), (0, 1, "")])  # a lone CR must not join the next LF
def test_edits_on_normalised_text_map_onto_the_original_line_endings(pieces, spans):
    raw = "".join(pieces)
    text = fix._normalise(raw)
    edits, last = [], 0
    for start, length, replacement in sorted(spans):
        start = max(start, last)
        end = min(start + length, len(text))
        if start > len(text):
            break
        # an edit never splits a line ending from the text it ends
        edits.append((start, end, replacement))
        last = end + 1
    fixed_raw = fix.apply(raw, fix._raw_edits(raw, edits, "\n"))
    assert fix._normalise(fixed_raw) == fix.apply(text, edits)
