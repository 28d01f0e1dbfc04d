"""The quick parser of a plain ``draftlint check`` (lint/cli/quick.py) reads a command line
exactly as the click command does, or leaves it to click."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli import main
from lint.cli.quick import check_run, parse_check

ROOT = Path(__file__).resolve().parent.parent.parent

SAME = [
    ["check", "a.txt"],
    ["a.txt", "b.md"],
    ["check", "--exit-zero", "--no-config", "a.txt"],
    ["--format", "json", "a.txt"],
    ["check", "a.txt", "--format", "concise", "--jobs", "3", "dir/"],
    ["check", "-j", "2", "--strict", "--statistics", "x/y.docx"],
    ["check", "--profile", "wugedaitou-2021", "--select", "typo,placeholder", "a.txt"],
    ["check", "--ignore", "typo", "--no-copies", "a.txt", "--copies"],
    ["check", "--fix", "a.txt"],
    ["check", "--diff", "--format", "json", "--format", "sarif", "a.txt"],
    ["check", "-", "--exit-zero"],
    ["check", "--exit-zero"],
]
CLICK_ONLY = [
    [],
    ["--help"],
    ["--version"],
    ["check", "--help"],
    ["rules"],
    ["profiles", "x.txt"],
    ["check", "--format", "bogus", "a.txt"],
    ["check", "--jobs", "0", "a.txt"],
    ["check", "--jobs", "two", "a.txt"],
    ["check", "--jobs"],
    ["check", "--format=json", "a.txt"],
    ["check", "--rules", "extra.yaml", "a.txt"],
    ["check", "-o", "out.txt", "a.txt"],
    ["check", "--", "-odd.txt"],
    ["check", "--unknown", "a.txt"],
    ["check", "--explain-profile", "a.txt"],
    ["annotate", "a.docx", "-o", "b.docx"],
    ["draft"],  # a bare name: a command or a path, click decides
]


def click_run(argv: list[str], monkeypatch):
    """The CheckRun the click command builds for ``argv``."""
    seen = []
    import lint.run.check

    monkeypatch.setattr(lint.run.check, "run", lambda options: seen.append(options) or 0)
    with pytest.raises(SystemExit):
        main.main(argv, standalone_mode=True)
    return seen[0]


@pytest.mark.parametrize("argv", SAME, ids=" ".join)
def test_quick_parser_reads_a_command_line_as_click_does(argv, monkeypatch):
    values = parse_check(argv)
    assert values is not None
    assert check_run(values) == click_run(argv, monkeypatch)


@pytest.mark.parametrize("argv", CLICK_ONLY, ids=" ".join)
def test_anything_else_is_left_to_click(argv):
    assert parse_check(argv) is None


# Modules a plain check of a UTF-8 .txt draft must not import (start-up time): click, rich,
# python-docx, PyYAML (the packs come from the pack cache), charset_normalizer; the standard
# library's modules for converting .doc files (subprocess, shutil, tempfile), for GitHub
# Actions (secrets) and for dates in packs (datetime); nor, when it writes its result to
# the result cache, tempfile and what it imports (random, shutil). The result cache's
# sqlite3 imports datetime: that one is checked on a run without the cache.
NOT_IMPORTED = (
    "click", "rich", "docx", "yaml", "charset_normalizer",
    "subprocess", "shutil", "tempfile", "secrets", "datetime", "random",
)  # fmt: skip


def imported(draft, env, block: str = "") -> list[str]:
    """The modules of NOT_IMPORTED that ``draftlint check`` of ``draft`` imported (with the
    module ``block`` made unimportable)."""
    argv = ["draftlint", "check", "--exit-zero", "--no-config", str(draft)]
    code = (
        "import json, sys\n"
        f"if {block!r}:\n    sys.modules[{block!r}] = None\n"
        f"sys.argv = {argv!r}\n"
        "from lint.cli.quick import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {NOT_IMPORTED!r} if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "draft.txt" in out.stdout  # the report was written
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("result", ["cached", "checked", "no sqlite3"])
def test_a_plain_check_does_not_import_click(result, tmp_path):
    """Nor the other modules of NOT_IMPORTED: whether the draft's result comes from the
    result cache or the draft is checked and its result written there."""
    draft = tmp_path / "draft.txt"
    draft.write_bytes((ROOT / "samples" / "defect-typos.txt").read_bytes())
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    imported(draft, env)  # packs and result cached
    store = tmp_path / "cache" / "draftlint" / "results.sqlite3"
    assert stored(store) == 1
    if result == "no sqlite3":  # a Python without it: no result cache, nor datetime
        assert imported(draft, env, block="sqlite3") == []
        return
    if result == "checked":
        store.unlink()
    assert imported(draft, env) == ["datetime"]  # only through sqlite3
    assert stored(store) == 1  # and the result is in the cache


def stored(store) -> int:
    with contextlib.closing(sqlite3.connect(store)) as db:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]
