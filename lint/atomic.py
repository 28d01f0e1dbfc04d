"""Atomic file replacement: the one way draftlint writes a file (fixed drafts, reports,
annotated copies, cache entries).

The new content goes to a fsynced temporary file in the target's folder, which then replaces
the target by one rename: a reader sees the old file or the new one, never a half-written one,
and a failure at any point leaves the target as it was and no temporary file behind. Cache
entries (``durable=False``) skip the fsyncs: still one rename, and a lost entry is rebuilt.

Safety around the write, in one place:

- the target must be a regular file or not exist (never a device, a FIFO, a folder, or a
  symbolic link to one of these), and never one of the run's inputs (:func:`check_target`);
- ``keep=True`` keeps what a rename would lose: a file with hard links, or one whose owner or
  group cannot be given to a new file, is rewritten in place, after a fsynced backup copy
  that the next run restores if the write was cut short; otherwise the new file gets the
  old one's mode, owner, group and extended attributes;
- temporary files are named ``.draftlint-PID-…``: a run removes the leftovers of runs that
  were killed (their process no longer exists) from the folder it writes to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable
from typing import BinaryIO

PREFIX = ".draftlint-"
_TEMP = re.compile(r"\.draftlint-(\d+)-[A-Za-z0-9_]+\.(.+)\.(tmp|bak)\Z")


class TargetError(OSError):
    """The target may not be written (not a regular file, or one of the inputs)."""


def check_target(target: str, inputs: Iterable[str] = ()) -> None:
    """Refuse a target that is not a regular file (following links), or that is one of
    ``inputs`` (the same file, by device and inode). A missing target is fine."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if os.path.islink(target):
            raise TargetError(f"{target} 是指向不存在位置的符号链接，拒绝写入") from None
        return
    except OSError:
        return  # the write itself will say why
    if not stat.S_ISREG(st.st_mode):
        raise TargetError(f"{target} 不是普通文件（目录、设备或管道），拒绝写入")
    for path in inputs:
        try:
            same = path != "-" and os.path.samestat(os.stat(path), st)
        except OSError:
            continue
        if same:
            raise TargetError(f"{target} 是被检查的文件之一，拒绝覆盖")


def replace_file(
    target: str,
    write: Callable[[BinaryIO], object],
    mode: int | None = None,
    before_rename: Callable[[], None] | None = None,
    keep: bool = False,
    durable: bool = True,
) -> None:
    """Write ``target`` through a fsynced temporary file beside it and one rename.

    A failure at any point leaves ``target`` as it was and no temporary file behind.
    ``keep``: the target exists and is rewritten keeping its links, owner, group, mode and
    extended attributes (``mode`` is then ignored). ``durable=False`` (cache entries, which
    are checked when read and rebuilt when lost): no fsync, still one atomic rename.
    """
    check_target(target)
    folder, name = os.path.split(os.path.abspath(target))
    if folder not in _cleaned:  # once per folder and process: a cache folder holds thousands
        clean_leftovers(folder)
    old = os.stat(target) if keep else None
    fd, temp = _new_file(folder, f"{PREFIX}{os.getpid()}-", f".{name}.tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if old is not None:
            if old.st_nlink > 1 or not _copy_metadata(target, temp, old):
                _remove(temp)
                if before_rename is not None:
                    before_rename()
                _rewrite_in_place(target, folder, name, write)
                return
        elif mode is not None:
            os.chmod(temp, mode)
        if before_rename is not None:
            before_rename()
        os.replace(temp, target)
    except BaseException:
        _remove(temp)
        raise
    if durable:
        _sync_folder(folder)


# As tempfile.mkstemp opens its files: created here or failing, never through a link.
_NEW_FILE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_NEW_FILE |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _new_file(folder: str, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file ``prefix`` + a random part + ``suffix`` in ``folder``, readable and writable
    by the owner only, open for writing: what ``tempfile.mkstemp`` makes, without importing
    tempfile (and shutil, random, bz2, lzma with it: ≈ 12 M instructions of a cold check,
    which writes its result to the cache)."""
    for _ in range(100):
        path = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(path, _NEW_FILE, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "没有可用的临时文件名", folder)


def _copy_metadata(source: str, temp: str, old: os.stat_result) -> bool:
    """Give the temporary file the target's mode, owner, group and extended attributes;
    False when the owner or group cannot be given (then the file is rewritten in place)."""
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(temp, old.st_uid, old.st_gid)
        except OSError:
            return False
    os.chmod(temp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "listxattr"):
        try:
            for attribute in os.listxattr(source):
                os.setxattr(temp, attribute, os.getxattr(source, attribute))
        except OSError:
            return False
    return True


def _rewrite_in_place(
    target: str, folder: str, name: str, write: Callable[[BinaryIO], object]
) -> None:
    """Overwrite the target's content (same inode: links, owner and attributes kept), after
    a fsynced backup that :func:`clean_leftovers` restores if this is cut short. The backup
    is named ``….bak`` only once it is complete."""
    fd, partial = _new_file(folder, f"{PREFIX}{os.getpid()}-", f".{name}.tmp")
    backup = partial[: -len(".tmp")] + ".bak"
    try:
        with os.fdopen(fd, "wb") as out, open(target, "rb") as original:
            while chunk := original.read(2**20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.rename(partial, backup)
        _sync_folder(folder)
    except BaseException:
        _remove(partial)
        raise
    try:
        with open(target, "r+b") as out:
            out.truncate(0)
            write(out)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _restore(backup, target)
        raise
    _remove(backup)
    _sync_folder(folder)


def _restore(backup: str, target: str) -> None:
    """Put a complete backup's content back into the target (in place), then remove it."""
    with contextlib.suppress(OSError):
        with open(backup, "rb") as source, open(target, "r+b") as out:
            out.truncate(0)
            while chunk := source.read(2**20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        _remove(backup)


_cleaned: set[str] = set()  # folders whose leftovers this process has cleaned


def clean_leftovers(folder: str) -> None:
    """Remove the temporary files of runs that died while writing into ``folder`` (a backup
    is first restored onto the file it was taken from)."""
    _cleaned.add(folder)
    try:
        names = [n for n in os.listdir(folder) if n.startswith(PREFIX)]
    except OSError:
        return
    for entry in names:
        m = _TEMP.match(entry)
        if m is None or _alive(int(m[1])):
            continue
        path = os.path.join(folder, entry)
        if m[3] == "bak":
            target = os.path.join(folder, m[2])
            if os.path.isfile(target) and not os.path.islink(target):
                _restore(path, target)
                continue
        _remove(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: leave its files alone
    return True


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_folder(folder: str) -> None:
    """Make the rename durable; not every system can open a folder, so this is best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
