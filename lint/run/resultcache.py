"""The result cache: findings of unchanged drafts are not computed again (as ruff does).

One JSON entry per (settings, draft path) in ``results/`` of the cache folder
(``lint.cachedir``: a folder only the user can write, plain data only). An entry is used only
if the draft's bytes have the same SHA-256 and it was written under the same settings:

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
(unreadable drafts, rules that could not run) are never kept. The folder is kept under
``MAX_BYTES`` by removing the oldest entries.
"""

from __future__ import annotations

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

FORMAT = 2  # bump when the entry layout changes
MAX_BYTES = 50_000_000  # the whole results folder
KEEP = 0.8  # after pruning, this share of MAX_BYTES is left
MAX_DRAFT_BYTES = 20_000_000  # larger drafts are checked without the cache


class Hit:
    """A result found in the cache, with its profile's id and copy fingerprint. (A plain
    class: a dataclass costs ≈ 1.5 M instructions to define at start-up.)"""

    __slots__ = ("fingerprint", "profile_id", "result")

    def __init__(self, result: Result, profile_id: str | None, fingerprint: Any | None) -> None:
        self.result = result  # without its profile object: the caller has the linter
        self.profile_id, self.fingerprint = profile_id, fingerprint


class ResultCache:
    """Entries for one linter's settings."""

    def __init__(self, folder: Path, settings: str, fingerprints: bool) -> None:
        self.folder, self.settings, self.fingerprints = folder, settings, fingerprints
        self.digests: dict[str, str] = {}  # path -> SHA-256 of the bytes read at lookup
        self.written = 0

    def _entry(self, path: str) -> Path:
        key = hashlib.sha256(f"{self.settings}\0{path}".encode("utf-8", "surrogateescape"))
        return self.folder / f"{key.hexdigest()[:40]}.json"

    def lookup(self, path: str) -> Hit | None:
        """The cached outcome for a draft, if its bytes and the settings are unchanged."""
        if path == "-":
            return None
        digest = _digest(path)
        if digest is None:
            return None  # not a regular file, or unreadable: the linter reports it
        self.digests[path] = digest
        entry = cachedir.read_json(self._entry(path))
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

    def store(self, result: Result, fingerprint: Any | None) -> None:
        """Keep a freshly checked draft's outcome (not a failed one)."""
        digest = self.digests.get(result.path)
        if digest is None or result.failed:
            return
        light = dataclasses.replace(result, profile=None).slim()
        try:
            findings = [_finding(f) for f in light.findings]
        except TypeError:
            return
        if _fields(light) is None:  # a field of Result this cache does not know how to keep
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
                "fields": _fields(light),
            },
            "fingerprint": None
            if fingerprint is None
            else [fingerprint.hashes.hex(), fingerprint.signature],
        }
        if cachedir.write_json(self._entry(result.path), entry):
            self.written += 1

    def prune(self) -> None:
        """Remove the oldest entries while the folder is over MAX_BYTES."""
        if not self.written:
            return
        try:
            entries = []
            with os.scandir(self.folder) as it:
                for item in it:
                    if item.name.endswith(".json") and item.is_file(follow_symlinks=False):
                        st = item.stat(follow_symlinks=False)
                        entries.append((st.st_mtime_ns, st.st_size, item.path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        if total <= MAX_BYTES:
            return
        for _, size, path in sorted(entries):
            if total <= MAX_BYTES * KEEP:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size


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
    folder = cachedir.folder("results")
    if folder is None:
        return None
    try:
        settings = _settings(linter)
    except OSError:
        return None
    return ResultCache(folder, settings, fingerprints)


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
