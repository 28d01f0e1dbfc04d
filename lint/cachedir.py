"""The cache folder shared by the pack cache and the result cache: plain JSON entries only
(the result cache keeps its JSON entries in one SQLite file there: lint.run.resultcache).

``$XDG_CACHE_HOME/draftlint`` (``~/.cache/draftlint``), created 0700. It is used only if it is
a folder owned by the user that neither group nor others can write: anyone else who could
write there could choose what draftlint reads back. Entries are JSON (never pickle, never
code): a missing, truncated, oversized or foreign entry reads as ``None`` and the caller does
the work instead. Writes go through ``lint.atomic.replace_file``; a cache that cannot be
written is ignored. ``DRAFTLINT_NO_CACHE=1`` or ``--no-cache`` (:func:`off`) turn it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lint.atomic import replace_file

ENV_OFF = "DRAFTLINT_NO_CACHE"
MAX_ENTRY_BYTES = 20_000_000  # an entry larger than this is not read

_disabled = False
_checked: dict[str, bool] = {}  # folder -> usable, checked once per process
_noted = False


def disable() -> None:
    """Turn the cache off for this process (a worker of a ``--no-cache`` run)."""
    global _disabled
    _disabled = True


@contextlib.contextmanager
def off() -> Iterator[None]:
    """The cache is off within this block (``--no-cache``)."""
    global _disabled
    before, _disabled = _disabled, True
    try:
        yield
    finally:
        _disabled = before


def enabled() -> bool:
    return not _disabled and not os.environ.get(ENV_OFF)


def location() -> Path | None:
    """Where the cache is, whether or not it is turned off (None: no absolute location)."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(root):
        return None
    return Path(root) / "draftlint"


def base() -> Path | None:
    """Where the cache would be (None: caching is off or there is no usable location)."""
    return location() if enabled() else None


def folder(sub: str | None = None) -> Path | None:
    """The cache folder (or a sub-folder of it), created if missing; None when caching is
    off or the folder is not safe to use."""
    top = base()
    if top is None:
        return None
    for path in (top,) if sub is None else (top, top / sub):
        key = str(path)
        if key not in _checked:
            _checked[key] = _usable(path)
        if not _checked[key]:
            return None
    return top if sub is None else top / sub


def _usable(path: Path) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
        st = os.stat(path)
    except OSError:
        return False  # not creatable (a file in the way, a read-only home): no cache, silently
    if not stat.S_ISDIR(st.st_mode):
        return False
    if not _private(st):
        _note(path)
        return False
    return True


def _private(st: os.stat_result) -> bool:
    """Owned by the user, and neither group nor others can write it."""
    owner = getattr(os, "getuid", None)
    return (owner is None or st.st_uid == owner()) and not st.st_mode & 0o022


def _note(path: Path) -> None:
    global _noted
    if not _noted:
        _noted = True
        sys.stderr.write(
            f"draftlint: 缓存目录 {path} 不属于当前用户或可被他人写入，本次不使用缓存\n"
        )


def read_json(path: Path) -> Any | None:
    """A cache entry's JSON value; None if it is missing, unreadable, too large or not JSON."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ENTRY_BYTES + 1)
        if len(data) > MAX_ENTRY_BYTES:
            return None
        return json.loads(data)
    except (OSError, ValueError, RecursionError, MemoryError):
        return None


def write_json(path: Path, value: Any) -> bool:
    """Write a cache entry atomically; False (and nothing written) if it cannot be."""
    try:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # no fsync: an entry is checked when read (a lost or torn one is only rebuilt), and
        # a batch writes one per draft
        replace_file(str(path), lambda f: f.write(data), mode=0o600, durable=False)
    except (OSError, ValueError, TypeError, RecursionError):
        return False
    return True


# What draftlint writes in the cache folder (lint.packs.cache, lint.language.lexicon,
# lint.run.resultcache, lint.atomic's temporary files), and the folder of result entries of
# draftlint 0.1: clean() removes these and nothing else.
OWN_FILES = ("pack-*.json", "typo-*", "results.sqlite3*", ".draftlint-*")
OLD_RESULTS = "results"


def clean() -> tuple[Path | None, int, int]:
    """Remove draftlint's files from the cache folder: (the folder, files removed, bytes).
    Links are removed, never followed; a folder that is not safe to use is left alone."""
    import fnmatch  # only for this command

    top = location()
    if top is None or not os.path.isdir(top):
        return top, 0, 0
    if os.path.islink(top) or not _private(os.stat(top)):
        raise OSError(f"缓存目录 {top} 不属于当前用户或可被他人写入，未清除")
    removed, size = remove_old_results(top)
    with os.scandir(top) as items:
        for item in items:
            own = any(fnmatch.fnmatch(item.name, p) for p in OWN_FILES)
            if own and not item.is_dir(follow_symlinks=False):
                removed, size = removed + 1, size + _remove(item)
    return top, removed, size


def remove_old_results(top: Path) -> tuple[int, int]:
    """Remove draftlint 0.1's folder of result entries (one file per draft), which the
    result store replaced: (files removed, bytes)."""
    old = top / OLD_RESULTS
    if os.path.islink(old) or not os.path.isdir(old):
        return 0, 0
    removed = size = 0
    with os.scandir(old) as items:
        for item in items:
            if not item.is_dir(follow_symlinks=False):
                removed, size = removed + 1, size + _remove(item)
    os.rmdir(old)
    return removed, size


def _remove(item: os.DirEntry) -> int:
    """Remove a file or link (never what it points to); its size."""
    size = item.stat(follow_symlinks=False).st_size
    os.unlink(item.path)
    return size
