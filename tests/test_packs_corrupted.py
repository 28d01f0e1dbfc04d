"""Corrupted copies of every shipped pack fail loudly: the right line, and exit status 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main
from lint.model import PackError
from lint.packs.registry import SHIPPED, Registry

PACKS = sorted(p.name for p in SHIPPED.glob("*.yaml"))


def line_of(lines: list[str], prefix: str) -> int:
    """0-based index of the first top-level line starting with ``prefix``."""
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


def unknown_key(lines: list[str], pack_id: str) -> int:
    at = line_of(lines, "id:") + 1
    lines.insert(at, "colour: red")
    return at + 1


def duplicate_key(lines: list[str], pack_id: str) -> int:
    lines.append("title: 又一个标题")
    return len(lines)


def bad_regex(lines: list[str], pack_id: str) -> int:
    if not any(line.startswith("rules:") for line in lines):  # a pack that only extends
        lines.append("rules:")
        lines.append("")
    at = line_of(lines, "rules:") + 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())] or "  "
    lines[at:at] = [
        f"{indent}- id: broken-regex",
        f"{indent}  kind: patterns",
        f"{indent}  message: 坏的正则",
        f"{indent}  patterns: ['(未闭合']",
    ]
    return at + 4


def cycle(lines: list[str], pack_id: str) -> int:
    if any(line.startswith("extends:") for line in lines):
        at = line_of(lines, "extends:")
        lines[at] = lines[at].replace("]", f", {pack_id}]")
    else:
        at = line_of(lines, "id:") + 1
        lines.insert(at, f"extends: [{pack_id}]")
    return at + 1


CORRUPTIONS = {
    "unknown-key": (unknown_key, "未知的键“colour”"),
    "duplicate-key": (duplicate_key, "重复的键“title”"),
    "bad-regex": (bad_regex, "无法编译"),
    "cycle": (cycle, "extends 出现循环"),
}


def corrupted_copy(tmp_path: Path, name: str, corruption: str) -> tuple[Path, int]:
    """All shipped packs copied to tmp_path, with ``name`` corrupted; the line to blame."""
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    line = CORRUPTIONS[corruption][0](lines, path.stem)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, line


@pytest.mark.parametrize("corruption", CORRUPTIONS)
@pytest.mark.parametrize("name", PACKS)
def test_corrupted_pack_is_an_error_at_the_right_line(tmp_path, name, corruption):
    path, line = corrupted_copy(tmp_path, name, corruption)
    with pytest.raises(PackError) as info:
        Registry([path]).validate(path)
    error = info.value
    assert CORRUPTIONS[corruption][1] in error.message
    assert (Path(error.path), error.line) == (path.resolve(), line), error


@pytest.mark.parametrize("corruption", CORRUPTIONS)
@pytest.mark.parametrize("name", PACKS)
def test_check_refuses_to_run_on_a_corrupted_pack(tmp_path, name, corruption):
    path, line = corrupted_copy(tmp_path, name, corruption)
    result = CliRunner().invoke(main, ["check", "--rules", str(path), str(SAMPLES)])
    assert result.exit_code == 2
    assert f"{path.resolve()}:{line}:" in result.stderr
    assert result.stdout == ""


def test_check_refuses_a_pack_that_does_not_exist(tmp_path):
    result = CliRunner().invoke(main, ["check", "--rules", str(tmp_path / "no.yaml"), "-"])
    assert result.exit_code == 2 and "文件不存在" in result.stderr
