"""Corrupted copies of every shipped pack fail loudly: the right line, and exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from helpers import CORRUPTIONS, PACKS, corrupted_copy

from lint.cli import main
from lint.model import PackError
from lint.packs.registry import Registry


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
