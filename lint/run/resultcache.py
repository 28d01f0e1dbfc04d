"""The result cache: findings of unchanged drafts are not computed again (as ruff does).

One SQLite file, ``results.sqlite3`` in the cache folder (``lint.cachedir``: a folder only
the user can write), holds one JSON entry per (settings, draft path): plain data, validated
field by field when read, never code. One file rather than one file per draft: creating a
file is most of what keeping an entry costs (≈ 0.4 ms a draft on the benchmark machine),
while a transaction of many rows costs about that in all. An entry is used only if the
draft's bytes have the same SHA-256 and it was written under the same settings:

- draftlint's version and code (the size and modification time of every module),
- the linter's profile choice, ``--select``/``--ignore``, severities from the config and the
  cap on findings,
- the SHA-256 of every file of every pack the linter could use (all packs in its pack folders,
  with the dictionaries they read): a changed pack, even one ``--profile auto`` did not pick
  last time, invalidates every entry.

It keeps what reporters read of a checked draft (``Result.slim``: the findings, the profile's
id, the source lines around findings and the simple fields: whether the profile was detected
and why, the rules that ran), so that a report from the cache is byte for byte the report of
a fresh run, and the copy fingerprint when the run that wrote it looked for copies (a later
run that looks for them computes a missing one from the draft's text). Failed results
(unreadable drafts, rules that could not run) are never kept.

Each process writes what it checked in transactions of up to ``FLUSH_EVERY`` entries (worker
processes included: entries do not travel back to the parent); SQLite's locks order writers
of several processes, and a cache that is busy for longer than ``BUSY_SECONDS``, damaged or
not a regular file is left alone (a damaged one is replaced), never waited on for long. The
file is kept under ``MAX_BYTES`` by removing the oldest entries.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
from operator import attrgetter
from pathlib import Path
from typing import Any

from lint import __version__, cachedir, source
from lint.linter import Linter
from lint.model import Finding, Fix, Result
from lint.packs import cache as pack_cache

FORMAT = 3  # bump when the entry layout changes (the store is then made anew)
STORE = "results.sqlite3"
MAX_BYTES = 50_000_000  # the whole store
KEEP = 0.8  # after pruning, this share of MAX_BYTES is left
MAX_DRAFT_BYTES = 20_000_000  # larger drafts are checked without the cache
FLUSH_EVERY = 64  # entries written in one transaction
BUSY_SECONDS = 2.0  # how long a write waits for another process's
_SCHEMA = "CREATE TABLE entries (key TEXT PRIMARY KEY, data BLOB NOT NULL)"  # UTF-8 JSON


class Hit:
    """A result found in the cache, with its profile's id and copy fingerprint. (A plain
    class: a dataclass costs ≈ 1.5 M instructions to define at start-up.)"""

    __slots__ = ("fingerprint", "profile_id", "result")

    def __init__(self, result: Result, profile_id: str | None, fingerprint: Any | None) -> None:
        self.result = result  # without its profile object: the caller has the linter
        self.profile_id, self.fingerprint = profile_id, fingerprint


class ResultCache:
    """Entries for one linter's settings. Picklable (for spawned workers); a process uses
    only a connection it opened itself."""

    def __init__(self, path: Path, settings: str, fingerprints: bool) -> None:
        self.path, self.settings, self.fingerprints = path, settings, fingerprints
        self.digests: dict[str, str] = {}  # path -> SHA-256 of the bytes read at lookup
        self.written = 0
        self.pending: list[tuple[str, bytes]] = []  # (key, entry) not yet written
        self._db: Any = None  # sqlite3.Connection, opened on first use
        self._pid = 0  # the process that opened it
        self._unusable = False

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_db": None, "_pid": 0, "pending": []}

    def _key(self, path: str) -> str:
        key = hashlib.sha256(f"{self.settings}\0{path}".encode("utf-8", "surrogateescape"))
        return key.hexdigest()[:40]

    def _connection(self) -> Any:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        if self._db is not None:  # the parent's, inherited by a forked worker: never used
            _INHERITED.append(self._db)  # nor closed here (that would touch the parent's)
            self._db = None
        if not self._unusable:
            self._db, self._pid = _open(self.path), os.getpid()
            self._unusable = self._db is None
        return self._db

    def lookup(self, path: str) -> Hit | None:
        """The cached outcome for a draft, if its bytes and the settings are unchanged."""
        if path == "-":
            return None
        digest = _digest(path)
        if digest is None:
            return None  # not a regular file, or unreadable: the linter reports it
        self.digests[path] = digest
        entry = self._read(self._key(path))
        try:
            if (entry["settings"], entry["path"], entry["sha256"]) != (self.settings, path, digest):
                return None
            fingerprint = _fingerprint(entry["fingerprint"])
            result, profile_id = _result(entry["result"], path)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            return None  # another version's layout, or not an entry at all
        if self.fingerprints and fingerprint is None:
            fingerprint = _fingerprint_of(path)  # kept only by runs that looked for copies
            if fingerprint is None:
                return None
        return Hit(result, profile_id, fingerprint)

    def _read(self, key: str) -> Any | None:
        db = self._connection()
        if db is None:
            return None
        import sqlite3

        try:
            row = db.execute(
                "SELECT data FROM entries WHERE key = ? AND length(data) <= ?",
                (key, cachedir.MAX_ENTRY_BYTES),
            ).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.Error, TypeError, ValueError, RecursionError, MemoryError):
            return None

    def store(self, result: Result, fingerprint: Any | None) -> None:
        """Keep a freshly checked draft's outcome (not a failed one); written with the next
        FLUSH_EVERY, or by flush()."""
        digest = self.digests.get(result.path)
        if digest is None or result.failed:
            return
        light = dataclasses.replace(result, profile=None).slim()
        try:
            findings = [_finding(f) for f in light.findings]
        except TypeError:
            return
        fields = _fields(light)
        if fields is None:  # a field of Result this cache does not know how to keep
            return
        profile = result.profile.id if result.profile else None
        entry = {
            "settings": self.settings,
            "path": result.path,
            "sha256": digest,
            "result": {
                "findings": findings,
                "profile": profile,
                "lines": [[n, text] for n, text in light.lines.items()],
                "fields": fields,
            },
            "fingerprint": None
            if fingerprint is None
            else [fingerprint.hashes.hex(), fingerprint.signature],
        }
        try:
            data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (ValueError, TypeError, RecursionError):
            return  # a file name that is not UTF-8 (kept as surrogates) among them
        self.pending.append((self._key(result.path), data))
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the pending entries in one transaction (dropped if the store is busy)."""
        rows, self.pending = self.pending, []
        db = self._connection() if rows else None
        if db is None:
            return
        import sqlite3

        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error:
            _rollback(db)
            return
        self.written += len(rows)

    def close(self) -> None:
        """Write what is pending and close this process's connection."""
        self.flush()
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def prune(self) -> None:
        """Remove the oldest entries while the store is over MAX_BYTES, then close it."""
        if not self.written or (db := self._connection()) is None:
            return
        import sqlite3

        try:
            (page,) = db.execute("PRAGMA page_size").fetchone()
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            (free,) = db.execute("PRAGMA freelist_count").fetchone()
            if (pages - free) * page <= MAX_BYTES:
                return
            kept, oldest = 0, None
            # newest first: a replaced entry gets a new rowid, so rowids are in writing order
            for rowid, size in db.execute(
                "SELECT rowid, length(key) + length(data) FROM entries ORDER BY rowid DESC"
            ):
                kept += size
                if kept > MAX_BYTES * KEEP:
                    oldest = rowid
                    break
            if oldest is not None:
                db.execute("DELETE FROM entries WHERE rowid <= ?", (oldest,))
                db.executescript("PRAGMA incremental_vacuum;")  # every step (execute: one page)
        except sqlite3.Error:
            _rollback(db)
        finally:
            self.close()


_INHERITED: list = []  # connections a forked worker inherited: kept, never closed by it


def _open(path: Path) -> Any:
    """A connection to the store, made anew if it is missing, of another format or damaged;
    None if it cannot be used (busy, not a regular file, not writable, no sqlite3)."""
    try:
        import sqlite3
    except ImportError:  # a Python built without it
        return None

    for attempt in range(2):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            if not _create(path):
                return None
            with contextlib.suppress(OSError):  # the store replaced 0.1's folder of entries
                cachedir.remove_old_results(path.parent)
        except OSError:
            return None
        else:
            if not stat.S_ISREG(st.st_mode):
                return None  # a link or anything else put there: not followed, not replaced
        db = None
        try:
            db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
            db.execute("PRAGMA trusted_schema = OFF")  # the schema runs no functions
            if _version(db) != FORMAT:
                # outside the transaction, before the first table (no effect after it)
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")
                db.execute("BEGIN IMMEDIATE")
                if _version(db) != FORMAT:  # not made by another process meanwhile
                    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        raise sqlite3.DatabaseError("another format")
                    db.execute(_SCHEMA)
                    db.execute(f"PRAGMA user_version = {FORMAT:d}")
                db.execute("COMMIT")
            db.execute("PRAGMA journal_mode = WAL")  # readers and a writer at once
            db.execute("PRAGMA synchronous = NORMAL")  # no fsync per transaction
            return db
        except sqlite3.OperationalError:  # busy, read-only, a full disk: not this time
            _close(db)
            return None
        except sqlite3.DatabaseError:  # damaged, or another version's layout: made anew
            _rollback(db)
            _close(db)
            if attempt or not _remove_store(path):
                return None
    return None


def _version(db: Any) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _create(path: Path) -> bool:
    """An empty store (an empty file is an empty database), readable by the user only."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(path, flags, 0o600))
    except FileExistsError:
        return True  # another process made it first
    except OSError:
        return False
    return True


def _close(db: Any) -> None:
    if db is not None:
        db.close()


def _rollback(db: Any) -> None:
    import sqlite3

    try:
        if db is not None and db.in_transaction:
            db.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _remove_store(path: Path) -> bool:
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            name = f"{path}{suffix}"
            if os.path.lexists(name):
                os.unlink(name)
    except OSError:
        return False
    return True


def _digest(path: str) -> str | None:
    """SHA-256 of a regular file's bytes; None for anything else (a FIFO is never waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_DRAFT_BYTES:
                return None
            return hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return None


def for_linter(linter: Linter, fingerprints: bool) -> ResultCache | None:
    """The result cache for a linter's settings (None when caching is off)."""
    folder = cachedir.folder()
    if folder is None:
        return None
    try:
        settings = _settings(linter)
    except OSError:
        return None
    return ResultCache(folder / STORE, settings, fingerprints)


def _settings(linter: Linter) -> str:
    registry = linter.registry
    candidates = {p.resolve() for d in registry.dirs for p in d.glob("*.yaml")}
    candidates.update(p.resolve() for p in registry.extra)
    packs = sorted([str(p), *pack_files(linter, p)] for p in candidates)
    settings = {
        "format": FORMAT,
        "version": __version__,
        "code": _code(),
        "profile": linter.profile_name,
        "select": None if linter.select is None else sorted(linter.select),
        "ignore": sorted(linter.ignore),
        "severity": sorted(linter.severity.items()),
        "max_findings": linter.max_findings,
        "policy": _policy(linter),
        "packs": packs,
    }
    return hashlib.sha256(json.dumps(settings, ensure_ascii=False).encode()).hexdigest()


def _policy(linter: Linter) -> list:
    """What suppression applies (lint.suppress): accept list, baseline, --min-severity."""
    policy = linter.policy
    accept = sorted(repr(a) for a in policy.accept)
    baseline = None
    if policy.baseline is not None:
        entries = sorted([*key, count] for key, count in policy.baseline.entries.items())
        baseline = [policy.baseline.root, entries]
    # an accepted path without a root is relative to the working folder
    where = os.getcwd() if policy.accept else None
    return [accept, baseline, policy.report_unused, policy.min_severity, where]


def pack_files(linter: Linter, path: Path) -> list[str]:
    """``path`` and the files it reads, each with its SHA-256."""
    files = pack_cache.files_of(path)
    if files is None:  # not in the pack cache: parse it (a broken pack is hashed as it is)
        try:
            files = [str(f) for f in linter.registry.load(path).files]
        except Exception:  # reported when the pack is used, not here
            files = [str(path)]
    return [f"{name}:{pack_cache.digest(name) if os.path.isfile(name) else ''}" for name in files]


_CODE: list = []


def _code() -> list:
    """The size and modification time of every module: an edited draftlint is a new version."""
    if not _CODE:
        package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
        modules = []
        # os.walk and os.stat rather than Path.rglob: the same list, a few times faster (a
        # check of one draft at start-up pays it); in the order of the paths' parts, as
        # sorted Paths are.
        for root, dirs, names in os.walk(package):
            dirs.sort()
            folder = os.path.relpath(root, package)
            for name in names:
                if name.endswith(".py"):
                    rel = name if folder == "." else f"{folder}/{name}"
                    modules.append((rel.split("/"), rel, os.path.join(root, name)))
        for _, rel, full in sorted(modules):
            st = os.stat(full)
            _CODE.append([rel, st.st_size, st.st_mtime_ns])
    return _CODE


# -- entries -------------------------------------------------------------------------------


# Every field of Finding but its path, in order, with the types its annotation allows; a fix
# is kept as its five values. A field of another type makes store() keep nothing.
_TYPES = {"str": (str,), "int": (int,), "str | None": (str, type(None))}
_FINDING = [
    (f.name, _TYPES.get(str(f.type)))
    for f in dataclasses.fields(Finding)
    if f.name not in ("path", "fix")
]


# a fix's values in order (dataclasses.astuple deep-copies each value: 4× slower)
fix_values = attrgetter(*(f.name for f in dataclasses.fields(Fix)))


def _finding(f: Finding) -> list:
    values = [None if f.fix is None else list(fix_values(f.fix))]
    for name, types in _FINDING:
        value = getattr(f, name)
        if types is None or not _is(value, types):
            raise TypeError(name)
        values.append(value)
    return values


def _is(value: Any, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and not isinstance(value, bool)


def _result(data: dict, path: str) -> tuple[Result, str | None]:
    findings = []
    for fix, *values in data["findings"]:
        if len(values) != len(_FINDING):
            raise ValueError("finding")
        fields = {}
        for (name, types), value in zip(_FINDING, values, strict=True):
            if types is None or not _is(value, types):
                raise ValueError(name)
            fields[name] = value
        edit = None if fix is None else Fix(*_typed(fix, (str, int, int, int, int)))
        findings.append(Finding(path=path, fix=edit, **fields))
    lines = {}
    for number, text in data["lines"]:
        _typed((number, text), (int, str))
        lines[number] = text
    profile = data["profile"]
    if not isinstance(profile, str | None):
        raise ValueError("profile")
    fields = {}
    for name, value in data["fields"].items():
        kind = _SIMPLE.get(name)
        if kind is None:
            raise ValueError(name)
        if kind is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(name)
            value = tuple(value)
        elif type(value) is not kind:
            raise ValueError(name)
        fields[name] = value
    if set(fields) != set(_SIMPLE):
        raise ValueError("fields")
    return Result(path, findings, lines=lines, **fields), profile


# Fields of Result kept as they are (the others are the path, the findings, the profile,
# the text, the lines around findings, copies, found later, and failed, never kept): those
# whose default is a string, a boolean, a number or a tuple of strings (rules, detected,
# profile_reason …). A new field of another type makes store() keep nothing.
_HANDLED = {"path", "findings", "profile", "source", "lines", "copies", "failed"}
_SIMPLE = {
    f.name: type(f.default)
    for f in dataclasses.fields(Result)
    if f.name not in _HANDLED and type(f.default) in (str, bool, int, tuple)
}


def _fields(result: Result) -> dict | None:
    """The simple fields of a result, as JSON; None if Result has a field of another kind."""
    names = {f.name for f in dataclasses.fields(Result)} - _HANDLED
    if names != set(_SIMPLE):
        return None
    values = {}
    for name in sorted(names):
        value = getattr(result, name)
        if isinstance(value, tuple):
            if not all(isinstance(v, str) for v in value):
                return None
            value = list(value)
        elif type(value) is not _SIMPLE[name]:
            return None
        values[name] = value
    return values


def _typed(values: Any, types: tuple[type, ...]) -> Any:
    if len(values) != len(types) or not all(
        isinstance(v, t) and not (t is int and isinstance(v, bool))
        for v, t in zip(values, types, strict=True)
    ):
        raise ValueError("types")
    return values


def _fingerprint_of(path: str) -> Any | None:
    """A draft's copy fingerprint, from its text: a tenth of the cost of checking it."""
    from lint.run.copies import fingerprint  # only when copies are looked for

    try:
        return fingerprint(source.read(path).text)
    except Exception:  # unreadable now: checking it again reports why
        return None


def _fingerprint(data: Any) -> Any | None:
    if data is None:
        return None
    from lint.run.copies import Fingerprint  # only when copies are looked for

    hashes, signature = data
    if signature is not None:
        signature = tuple(signature)
        if not all(type(v) is int for v in signature):
            raise ValueError("signature")
    return Fingerprint(bytes.fromhex(hashes), signature)
