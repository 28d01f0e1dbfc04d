"""The language server: diagnostics for .txt and .md drafts on open, change (debounced) and
save; quick fixes from the findings' fixes; “在本文件中忽略此规则”; the rule's description on
hover. The workspace's config is honoured and re-read when it changes.

Checks run in one worker thread so the editor's requests are answered while a long draft is
checked; a check whose document changed meanwhile is not published (a newer one follows).
"""

from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint import __version__
from lint.lsp.positions import UTF16, from_units, to_units
from lint.model import (
    RESERVED_RULES,
    SEVERITY_LABELS,
    ConfigError,
    Finding,
    Result,
    Source,
)
from lint.reporters.summary import profile_line
from lint.run.fix import edits
from lint.run.session import Session, text_source

DEBOUNCE = 0.15  # seconds after the last keystroke; a 15 kB draft is then checked in < 0.1 s
SOURCE = "draftlint"
CONFIG_ERROR = "config-error"
DRAFT_SUFFIXES = (".txt", ".md", ".markdown")
DRAFT_LANGUAGES = ("plaintext", "markdown", "text")
CONFIG_NAMES = (".draftlint.yaml", "pyproject.toml")
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
# The inline suppression: <!-- draftlint-disable RULE[,RULE] --> (first line of the file).
DISABLE = re.compile(r"^<!--\s*draftlint-disable\s+([\w\-]+(?:\s*,\s*[\w\-]+)*)\s*-->\s*$")
IGNORE_TITLE = "在本文件中忽略此规则"

log = logging.getLogger(__name__)


@dataclass
class Checked:
    """The last check of an open document: the text it saw and what it found."""

    version: int | None
    source: Source | None = None
    result: Result | None = None
    diagnostics: list[tuple[Finding, types.Diagnostic]] = field(default_factory=list)


class DraftServer(LanguageServer):
    def __init__(self, session: Session) -> None:
        super().__init__(
            "draftlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.session = session
        self.opened: set[str] = set()  # as the editor spells them (pygls keys them unquoted)
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="draftlint")
        self.shown_errors: set[str] = set()

    def document(self, uri: str):
        """The open document, or None."""
        if uri not in self.opened:
            return None
        return self.workspace.text_documents.get(unquote(uri))

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    # -- which documents --------------------------------------------------------------------

    def is_draft(self, uri: str) -> bool:
        document = self.document(uri)
        if document is None:
            return False
        path = to_fs_path(uri) or uri
        if Path(path).suffix.lower() in DRAFT_SUFFIXES:
            return True
        return not Path(path).suffix and document.language_id in DRAFT_LANGUAGES

    def draft_path(self, uri: str) -> str:
        """The draft's file path (for its config); an unsaved buffer counts as being in the
        workspace's folder."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return path
        root = self.workspace.root_path or str(Path.cwd())
        return str(Path(root) / "未命名.txt")

    # -- checking ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check a document after ``delay`` seconds, replacing a check not yet started."""
        if not self.is_draft(uri):
            return
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    def recheck_all(self) -> None:
        for uri in sorted(self.opened):
            self.schedule(uri)

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.document(uri)
        if document is None:
            return
        version, text = document.version, document.source
        loop = asyncio.get_running_loop()
        checked, error = await loop.run_in_executor(self.worker, self.check, uri, version, text)
        current = self.document(uri)
        if current is None or current.version != version:
            return  # changed or closed meanwhile: a newer check follows
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        self.checked[uri] = checked
        if error and error not in self.shown_errors:
            self.shown_errors.add(error)
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"draftlint：{error}")
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[d for _, d in checked.diagnostics], version=version
            )
        )

    def check(self, uri: str, version: int | None, text: str) -> tuple[Checked, str | None]:
        """Check a document's text (in the worker thread); the config error, if any."""
        path = self.draft_path(uri)
        src = text_source(path, text)
        checked = Checked(version, src)
        if not text.strip():
            return checked, None  # a new, empty file: nothing to say yet
        try:
            linter = self.session.linter_for(path)
        except ConfigError as exc:
            message = str(exc)
            diagnostic = types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=message,
                severity=types.DiagnosticSeverity.Error,
                code=CONFIG_ERROR,
                source=SOURCE,
            )
            finding = Finding(CONFIG_ERROR, "error", message, path, 1, 1, 1, 1)
            checked.diagnostics = [(finding, diagnostic)]
            return checked, message
        if linter is None:
            return checked, None  # excluded by the config
        checked.result = self.session.check(src, linter)
        checked.diagnostics = [(f, self.diagnostic(src, f)) for f in checked.result.findings]
        return checked, None

    # -- positions --------------------------------------------------------------------------

    def position(self, src: Source, line: int, column: int) -> types.Position:
        """An LSP position from draftlint's 1-based line and code-point column."""
        last = len(src.line_starts)
        if line > last:
            return types.Position(last - 1, to_units(src.line_text(last), 10**9, self.encoding))
        text = src.line_text(max(line, 1))
        return types.Position(max(line, 1) - 1, to_units(text, max(column, 1) - 1, self.encoding))

    def span(self, src: Source, line: int, column: int, end_line: int, end_column: int):
        return types.Range(
            self.position(src, line, column), self.position(src, end_line, end_column)
        )

    def columns(self, src: Source, position: types.Position) -> tuple[int, int]:
        """draftlint's 1-based line and column of an LSP position."""
        line = min(position.line + 1, len(src.line_starts))
        return line, from_units(src.line_text(line), position.character, self.encoding) + 1

    def diagnostic(self, src: Source, f: Finding) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.span(src, f.line, f.column, f.end_line, f.end_column),
            message=f.message,
            severity=SEVERITIES.get(f.severity, types.DiagnosticSeverity.Error),
            code=f.rule,
            source=SOURCE,
        )

    # -- code actions and hover -------------------------------------------------------------

    def current(self, uri: str) -> Checked | None:
        """The last check, if it saw the document as it is now (else positions are stale)."""
        checked = self.checked.get(uri)
        document = self.document(uri)
        if checked is None or document is None or checked.version != document.version:
            return None
        return checked

    def touching(self, checked: Checked, start: tuple[int, int], end: tuple[int, int]):
        """The (finding, diagnostic) pairs whose span meets the range from start to end."""
        return [
            (f, d)
            for f, d in checked.diagnostics
            if (f.line, f.column) <= end and start <= (f.end_line, f.end_column)
        ]

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = self.current(uri)
        if checked is None or checked.source is None:
            return []
        src = checked.source
        start = self.columns(src, params.range.start)
        end = self.columns(src, params.range.end)
        actions: list[types.CodeAction] = []
        ignored: dict[str, list[types.Diagnostic]] = {}
        for f, d in self.touching(checked, start, end):
            if f.fix is not None:
                fix = f.fix
                title = f"修正为“{fix.replacement}”" if fix.replacement else "删除"
                edit = types.TextEdit(
                    self.span(src, fix.line, fix.column, fix.end_line, fix.end_column),
                    fix.replacement.replace("\n", src.newline),
                )
                actions.append(
                    types.CodeAction(
                        title=f"draftlint：{title}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[d],
                        edit=types.WorkspaceEdit(changes={uri: [edit]}),
                        is_preferred=True,
                    )
                )
            if f.rule not in RESERVED_RULES and f.rule != CONFIG_ERROR:
                ignored.setdefault(f.rule, []).append(d)
        for rule, diagnostics in ignored.items():
            actions.append(
                types.CodeAction(
                    title=f"{IGNORE_TITLE}（{rule}）",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=diagnostics,
                    edit=types.WorkspaceEdit(changes={uri: [self.disable_edit(src, rule)]}),
                )
            )
        fix_all = self.fix_all(uri, checked)
        if fix_all is not None:
            actions.append(fix_all)
        return actions

    def disable_edit(self, src: Source, rule: str) -> types.TextEdit:
        """Add ``rule`` to the suppression comment on the first line, or insert one there."""
        first = src.line_text(1)
        found = DISABLE.match(first)
        if found:
            rules = [r.strip() for r in found[1].split(",")]
            if rule not in rules:
                rules.append(rule)
            end = types.Position(0, to_units(first, len(first), self.encoding))
            comment = f"<!-- draftlint-disable {','.join(rules)} -->"
            return types.TextEdit(types.Range(types.Position(0, 0), end), comment)
        position = types.Position(0, 0)
        comment = f"<!-- draftlint-disable {rule} -->{src.newline}"
        return types.TextEdit(types.Range(position, position), comment)

    def fix_all(self, uri: str, checked: Checked) -> types.CodeAction | None:
        """Every certain fix of the file that does not overlap another, as one edit."""
        if checked.result is None or checked.source is None:
            return None
        src = checked.source
        text_edits = edits(src, checked.result.findings)
        if len(text_edits) < 2:
            return None
        changes = []
        for start, end, replacement in text_edits:
            (line, column), (end_line, end_column) = src.position(start), src.position(end)
            changes.append(
                types.TextEdit(
                    self.span(src, line, column, end_line, end_column),
                    replacement.replace("\n", src.newline),
                )
            )
        return types.CodeAction(
            title=f"draftlint：修正本文件中全部可自动修正的问题（{len(changes)} 处）",
            kind=f"{types.CodeActionKind.SourceFixAll.value}.draftlint",
            edit=types.WorkspaceEdit(changes={uri: changes}),
        )

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        checked = self.current(params.text_document.uri)
        if checked is None or checked.source is None:
            return None
        at = self.columns(checked.source, params.position)
        found = self.touching(checked, at, at)
        if not found:
            return None
        rules = {}
        if checked.result is not None and checked.result.profile is not None:
            rules = {r.id: r for r in checked.result.profile.rules}
        parts = []
        for f, _ in found:
            part = f"**{SEVERITY_LABELS.get(f.severity, f.severity)}[{f.rule}]** {_md(f.message)}"
            rule = rules.get(f.rule)
            if rule is not None and rule.description.strip():
                part += "\n\n" + _md(" ".join(rule.description.split()))
            parts.append(part)
        if checked.result is not None and checked.result.profile is not None:
            parts.append(f"*{_md(profile_line(checked.result))}*")
        return types.Hover(
            contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)),
            range=found[0][1].range,
        )


def _md(text: str) -> str:
    """Text shown as Markdown literally (a placeholder such as *** stays as written)."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


def is_config(uri: str) -> bool:
    name = Path(to_fs_path(uri) or uri).name
    return name in CONFIG_NAMES or name.endswith((".yaml", ".yml"))


def create_server(session: Session) -> DraftServer:
    server = DraftServer(session)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: DraftServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = watch and watch.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            watchers = [
                types.FileSystemWatcher(glob_pattern=pattern)
                for pattern in ("**/.draftlint.yaml", "**/pyproject.toml", "**/*.{yaml,yml}")
            ]
            registration = types.Registration(
                id="draftlint-config",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers),
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams([registration]))
            except Exception as exc:  # a client may refuse: config changes then need a save
                log.warning("file watching not registered: %s", exc)
        # Packs are loaded now, not at the first keystroke.
        await asyncio.get_running_loop().run_in_executor(ls.worker, ls.session.warm)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DraftServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened.add(params.text_document.uri)
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DraftServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DraftServer, params: types.DidSaveTextDocumentParams) -> None:
        if is_config(params.text_document.uri):
            ls.session.reload()
            ls.shown_errors.clear()
            ls.recheck_all()
        else:
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DraftServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.opened.discard(uri)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if ls.checked.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: DraftServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        if any(is_config(change.uri) for change in params.changes):
            ls.session.reload()
            ls.shown_errors.clear()
            ls.recheck_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[
                types.CodeActionKind.QuickFix,
                f"{types.CodeActionKind.SourceFixAll.value}.draftlint",
            ]
        ),
    )
    def code_action(ls: DraftServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DraftServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    return server


def serve(session: Session) -> None:
    """Run the server on standard input and output until the editor closes it."""
    create_server(session).start_io()
