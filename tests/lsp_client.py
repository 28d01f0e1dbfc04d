"""An editor in a test: pygls' LanguageClient starting ``python -m lint lsp`` over stdio,
collecting the diagnostics it publishes and applying the edits it proposes, with positions
in UTF-16 code units as an editor counts them (computed here independently of draftlint)."""

from __future__ import annotations

import asyncio
import sys
from contextlib import asynccontextmanager
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 20.0


def utf16(line: str, column: int) -> int:
    """UTF-16 units before a 0-based code-point column."""
    return len(line[:column].encode("utf-16-le")) // 2


def offset(text: str, position: types.Position) -> int:
    """A UTF-16 position as an index into the text (lines end with \\n)."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return before + index
        units += len(char.encode("utf-16-le")) // 2
    return before + len(line)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply TextEdits as an editor does (all positions refer to the text before)."""
    spans = sorted(
        ((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


class Editor:
    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client = client
        self.root = root
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.published: dict[str, asyncio.Queue] = {}
        self.messages: list[types.ShowMessageParams] = []

    def queue(self, uri: str) -> asyncio.Queue:
        return self.published.setdefault(uri, asyncio.Queue())

    def open(self, path: Path, language: str = "plaintext") -> str:
        uri = path.as_uri()
        self.versions[uri], self.texts[uri] = 1, path.read_text(encoding="utf-8")
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri, language, 1, self.texts[uri])
            )
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(self.versions[uri], uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The next diagnostics published for the document's current version."""
        while True:
            params = await asyncio.wait_for(self.queue(uri).get(), TIMEOUT)
            if params.version in (None, self.versions[uri]):
                return params.diagnostics

    async def code_actions(self, uri: str, diagnostic: types.Diagnostic) -> list:
        return await self.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                diagnostic.range,
                types.CodeActionContext([diagnostic]),
            )
        )

    async def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        return await self.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), position)
        )

    def apply(self, uri: str, action: types.CodeAction) -> str:
        """Apply a code action's edit to the document and tell the server; the new text."""
        text = apply_edits(self.texts[uri], action.edit.changes[uri])
        self.change(uri, text)
        return text


@asynccontextmanager
async def editor(root: Path, *args: str):
    """A client connected to ``draftlint lsp`` started in ``root``, initialised."""
    client = LanguageClient("test-editor", "1.0")
    session = Editor(client, root)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        session.queue(params.uri).put_nowait(params)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def shown(params: types.ShowMessageParams) -> None:
        session.messages.append(params)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        return None

    await client.start_io(sys.executable, "-m", "lint", "lsp", *args, cwd=str(root))
    await asyncio.wait_for(
        client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(
                    workspace=types.WorkspaceClientCapabilities(
                        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                            dynamic_registration=True
                        )
                    ),
                    general=types.GeneralClientCapabilities(
                        position_encodings=[types.PositionEncodingKind.Utf16]
                    ),
                ),
                root_uri=root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
            )
        ),
        TIMEOUT,
    )
    client.initialized(types.InitializedParams())
    try:
        yield session
    finally:
        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
        await client.stop()
