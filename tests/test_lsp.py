"""``draftlint lsp`` driven as an editor drives it: a real LSP client over stdio opens drafts,
receives diagnostics at UTF-16 positions, applies code actions, hovers, and changes the
workspace's config."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types

from lint.lsp.positions import UTF8, UTF32, from_units, to_units
from tests.lsp_client import editor, utf16

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "defect-punctuation.txt"
WIDE = "𠀀"  # CJK Extension B: one code point, two UTF-16 units


def draft_with_wide_characters() -> str:
    """The punctuation sample with a character outside the BMP before findings on lines 3
    and 8."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("按照", f"按照{WIDE}", 1)
    lines[7] = lines[7].replace("一是", f"一是{WIDE}{WIDE}", 1)
    return "\n".join(lines)


def check_json(path: Path, *args: str) -> list[dict]:
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", *args, str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def expected(path: Path, *args: str) -> list[tuple]:
    """What `draftlint check` finds, as (code, start line, start char, end line, end char,
    message) in UTF-16 units computed here."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return sorted(
        (
            f["rule"],
            f["line"] - 1,
            utf16(lines[f["line"] - 1], f["column"] - 1),
            f["end_line"] - 1,
            utf16(lines[f["end_line"] - 1], f["end_column"] - 1),
            f["message"],
        )
        for f in check_json(path, *args)
    )


def seen(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    return sorted(
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.message,
        )
        for d in diagnostics
    )


def test_columns_are_converted_per_line_to_utf16_and_back():
    line = f"一{WIDE}二。。"
    assert to_units(line, 2) == 3  # 一 (1) + 𠀀 (2)
    assert to_units(line, 3, UTF8) == 3 + 4 + 3
    assert to_units(line, 3, UTF32) == 3
    assert from_units(line, 3) == 2
    assert from_units(line, 2) == 2  # inside the surrogate pair: that character
    assert from_units(line, 99) == len(line)
    assert all(from_units(line, to_units(line, c)) == c for c in range(len(line) + 1))


def test_diagnostics_code_actions_and_hover(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text(draft_with_wide_characters(), encoding="utf-8")
    want = expected(draft)
    assert ("punct-duplicate", 2, 39, 2, 41) in [w[:5] for w in want]  # 38 code points, 𠀀 is 2
    assert len(want) >= 5

    async def scenario():
        async with editor(tmp_path) as ed:
            uri = ed.open(draft)
            diagnostics = await ed.diagnostics(uri)
            assert seen(diagnostics) == want
            assert {d.source for d in diagnostics} == {"draftlint"}
            severity = {d.code: d.severity for d in diagnostics}
            assert severity["punct-duplicate"] == types.DiagnosticSeverity.Error
            assert severity["punct-halfwidth"] == types.DiagnosticSeverity.Warning

            # Hover on the doubled colon: the rule's description.
            [doubled] = [
                d for d in diagnostics if d.code == "punct-duplicate" and d.range.start.line == 2
            ]
            hover = await ed.hover(uri, doubled.range.start)
            assert "punct-duplicate" in hover.contents.value
            assert "重复" in hover.contents.value
            assert hover.range == doubled.range

            # The quick fix replaces "：：" by "：" at the UTF-16 range; the diagnostic goes.
            actions = await ed.code_actions(uri, doubled)
            [fix] = [
                a
                for a in actions
                if a.kind == types.CodeActionKind.QuickFix
                and a.edit
                and a.title.startswith("draftlint：修正")
            ]
            assert fix.diagnostics[0].code == "punct-duplicate"
            text = ed.apply(uri, fix)
            assert text.split("\n")[2].endswith("检查如下：")
            after = await ed.diagnostics(uri)
            assert not [d for d in after if d.code == "punct-duplicate" and d.range.start.line == 2]
            assert len(after) == len(diagnostics) - 1

            # “在本文件中忽略此规则” inserts the inline suppression on the first line.
            [halfwidth, *_] = [d for d in after if d.code == "punct-halfwidth"]
            actions = await ed.code_actions(uri, halfwidth)
            [ignore] = [a for a in actions if a.title.startswith("在本文件中忽略此规则")]
            [edit] = ignore.edit.changes[uri]
            assert edit.new_text == "<!-- draftlint-disable punct-halfwidth -->\n"
            assert edit.range.start == edit.range.end == types.Position(0, 0)
            text = ed.apply(uri, ignore)
            assert text.startswith("<!-- draftlint-disable punct-halfwidth -->\n市统计局")
            ignored = await ed.diagnostics(uri)

            # A second rule joins the same comment.
            [dup, *_] = [d for d in ignored if d.code == "punct-duplicate"]
            actions = await ed.code_actions(uri, dup)
            [ignore] = [a for a in actions if a.title.startswith("在本文件中忽略此规则")]
            [edit] = ignore.edit.changes[uri]
            assert edit.new_text == "<!-- draftlint-disable punct-halfwidth,punct-duplicate -->"
            assert edit.range.start == types.Position(0, 0)
            assert edit.range.end == types.Position(0, len(edit.new_text) - len(",punct-duplicate"))

    asyncio.run(scenario())


def test_ignoring_a_rule_in_the_file_makes_its_diagnostics_go(tmp_path):
    draft = tmp_path / "草稿.md"
    draft.write_text(draft_with_wide_characters(), encoding="utf-8")

    async def scenario():
        async with editor(tmp_path) as ed:
            uri = ed.open(draft, "markdown")
            before = await ed.diagnostics(uri)
            [halfwidth, *_] = [d for d in before if d.code == "punct-halfwidth"]
            actions = await ed.code_actions(uri, halfwidth)
            [ignore] = [a for a in actions if a.title.startswith("在本文件中忽略此规则")]
            ed.apply(uri, ignore)
            after = await ed.diagnostics(uri)
            assert [d for d in after if d.code == "punct-halfwidth"] == []
            assert len(after) == len(before) - sum(d.code == "punct-halfwidth" for d in before)

    asyncio.run(scenario())


def test_the_workspace_config_is_honoured_and_a_change_rechecks(tmp_path):
    config = tmp_path / ".draftlint.yaml"
    config.write_text("ignore: [punct-halfwidth]\n", encoding="utf-8")
    draft = tmp_path / "稿件" / "草稿.txt"
    draft.parent.mkdir()
    draft.write_text(draft_with_wide_characters(), encoding="utf-8")
    ignoring = expected(draft)
    assert "punct-halfwidth" not in {w[0] for w in ignoring}

    async def scenario():
        async with editor(tmp_path) as ed:
            uri = ed.open(draft)
            assert seen(await ed.diagnostics(uri)) == ignoring

            # The config changes on disk: the editor's file watcher tells the server.
            config.write_text("ignore: []\nseverity: {punct-duplicate: info}\n", encoding="utf-8")
            ed.client.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(
                    [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]
                )
            )
            now = await ed.diagnostics(uri)
            assert seen(now) == expected(draft)
            assert {d.severity for d in now if d.code == "punct-duplicate"} == {
                types.DiagnosticSeverity.Information
            }

            # A broken config, saved in the editor: one clear error, not silence.
            config.write_text("ignore: [no-such-rule]\n", encoding="utf-8")
            ed.client.text_document_did_save(
                types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
            )
            [broken] = await ed.diagnostics(uri)
            assert broken.code == "config-error"
            assert "no-such-rule" in broken.message and ".draftlint.yaml:1" in broken.message
            assert any("no-such-rule" in m.message for m in ed.messages)

    asyncio.run(scenario())


def test_other_documents_are_left_alone_and_closing_clears(tmp_path):
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    draft = tmp_path / "稿.txt"
    draft.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario():
        async with editor(tmp_path) as ed:
            other = ed.open(tmp_path / "notes.py", "python")
            uri = ed.open(draft)
            assert len(await ed.diagnostics(uri)) == len(expected(draft))
            ed.client.text_document_did_close(
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
            )
            assert list(await ed.diagnostics(uri)) == []
            assert ed.queue(other).empty()

    asyncio.run(scenario())


def test_a_wrong_option_is_one_line_and_status_2(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "lint", "lsp", "--profile", "no-such"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("draftlint: 未知的规则集“no-such”") and run.stderr.count("\n") == 1
    listed = subprocess.run(
        [sys.executable, "-m", "lint", "--help"], capture_output=True, text=True
    )
    assert " lsp " in listed.stdout and " serve " in listed.stdout
