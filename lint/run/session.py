"""A long-lived run for the surfaces that check drafts on request (``draftlint lsp``,
``draftlint serve``): the drafts' settings come from the same config files and command-line
options as ``draftlint check``, one Linter per distinct settings is kept with its packs loaded
across requests, and the configs can be re-read when they change.

Drafts arrive as text or bytes, not as files: nothing here reads or writes a draft on disk.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lint.linter import Linter, internal_error
from lint.model import ConfigError, InputError, PackError, Profile, Result, Source, input_error
from lint.run import config
from lint.run.check import Selection, ids, planned_linters
from lint.run.fix import Edit, fix_source
from lint.source.text import MAX_BYTES, from_bytes

FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx"}


class Session:
    """Linters kept across requests, one per settings. Thread-safe: checks run one at a time
    (a draft takes milliseconds; the linters' caches are not shared between threads)."""

    def __init__(self, selection: Selection | None = None) -> None:
        self.selection = selection or Selection()
        self.command_line = config.CommandLine(
            self.selection.profile,
            self.selection.rule_files,
            ids(self.selection.select),
            ids(self.selection.ignore),
        )
        self.lock = threading.RLock()  # held while a linter runs (also by annotate, outside)
        self._linters: dict[config.Settings, Linter] = {}
        self._configs = self._read_configs()
        # Fails early, as `draftlint check` does, on an unknown profile or rule id given on
        # the command line; keeps that linter for drafts outside any config.
        [(linter, _)] = planned_linters([], self.selection)
        self.default = linter

    # -- settings and linters ------------------------------------------------------------

    def _read_configs(self) -> config.Configs:
        use_files = not self.selection.no_config
        return config.Configs(self.command_line, use_files, self.selection.config)

    def reload(self) -> None:
        """Forget the configs read so far (one changed): they are read again when needed."""
        with self.lock:
            self._configs = self._read_configs()
            self._linters.clear()

    def linter_for(self, path: str, profile: str | None = None) -> Linter | None:
        """The linter for a draft at ``path`` (which need not exist): its config's settings,
        the command line's, and ``profile`` if given (a choice made for this request).
        None when the config excludes the draft. Raises ConfigError for a broken config or
        pack, or an unknown profile."""
        with self.lock:
            try:
                settings = self._configs.settings(path)
            except PackError as exc:
                raise ConfigError(f"配置或规则包有误：{exc}") from exc
            if settings is None:
                return None
            if profile:
                settings = settings._replace(profile=profile)
            if settings not in self._linters:
                try:
                    self._linters[settings] = Linter(
                        settings.profile,
                        list(settings.rules),
                        settings.select,
                        settings.ignore,
                        dict(settings.severity),
                    )
                except PackError as exc:
                    raise ConfigError(f"配置或规则包有误：{exc}") from exc
            return self._linters[settings]

    def warm(self) -> None:
        """Load and resolve every profile now, so that the first draft is checked as fast
        as the others."""
        with self.lock:
            for pack in self.default.registry.profiles():
                self.default.profile_by_name(pack.id)

    def profiles(self) -> list[Profile]:
        """The profiles a draft may be checked against, by id."""
        with self.lock:
            packs = sorted(self.default.registry.profiles(), key=lambda p: p.id)
            return [self.default.profile_by_name(p.id) for p in packs]

    # -- checking ------------------------------------------------------------------------

    def check(self, src: Source, linter: Linter) -> Result:
        """Check a draft already read; a bug is reported as ``internal-error``, like
        ``draftlint check`` does."""
        with self.lock:
            try:
                return linter.check_source(src)
            except PackError as exc:
                message = f"配置或规则包有误：{exc}"
                return Result(src.path, [input_error(src.path, message)], failed=True)
            except Exception as exc:
                return internal_error(src.path, "检查", exc)

    def check_upload(self, name: str, data: bytes, linter: Linter) -> Result:
        """Check a draft given as a file's bytes, named ``name`` (its suffix says how to
        read it): an unreadable one is an ``input-error`` finding, as in ``draftlint check``."""
        try:
            src = read_upload(name, data)
        except InputError as exc:
            return Result(name, [input_error(name, str(exc))], failed=True)
        except Exception as exc:  # a bug must not take the server down
            return internal_error(name, "读取", exc)
        return self.check(src, linter)

    def linter_for_all(self, profile: str | None = None) -> Linter:
        """The command line's linter (with ``profile`` if given), whatever the configs say:
        for a draft someone asked to check although a config excludes its name."""
        if not profile:
            return self.default
        with self.lock:
            settings = config.Settings(
                profile,
                self.command_line.rules,
                frozenset(self.command_line.select)
                if self.command_line.select is not None
                else None,
                frozenset(self.command_line.ignore or ()),
            )
            if settings not in self._linters:
                self._linters[settings] = Linter(
                    profile, list(settings.rules), settings.select, settings.ignore
                )
            return self._linters[settings]

    def fix(self, src: Source, linter: Linter) -> tuple[Result, str, int]:
        """The draft with its certain fixes applied (as ``--fix`` would write it, with "\\n"
        line endings): the findings left, the fixed text and the number of fixes."""
        with self.lock:
            result, text, passes = fix_source(linter, src)
            return result, text, sum(len(p) for p in passes)


def read_upload(name: str, data: bytes) -> Source:
    """A draft from a file's bytes; the suffix of ``name`` says which reader (.txt, .md,
    .docx). Raises InputError."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        from lint.source import docx  # python-docx only when a Word file is read

        return docx.read(name, data)
    if suffix == ".doc":
        raise InputError("不支持旧版 Word（.doc）文件，请另存为 .docx 或 .txt")
    if suffix not in FORMATS:
        raise InputError(f"不支持的文件类型（{suffix or '无后缀'}），请使用 .docx、.txt 或 .md")
    if len(data) > MAX_BYTES:
        raise InputError(f"文件过大（超过 {MAX_BYTES // 2**20} MB），不像是文稿，未检查")
    return from_bytes(data, name, FORMATS[suffix])


def text_source(path: str, text: str) -> Source:
    """A draft being edited (an editor's buffer): its text with line endings normalised."""
    fmt = "md" if path.lower().endswith((".md", ".markdown")) else "txt"
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # one line break each, as in LSP
    return Source(path, text, newline=newline, format=fmt)


__all__ = ["Edit", "Session", "read_upload", "text_source"]
