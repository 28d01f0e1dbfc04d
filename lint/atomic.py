"""Atomic file replacement: the one way draftlint writes a file (fixed drafts, reports,
annotated copies, cache entries).

The new content goes to a fsynced temporary file in the target's folder, which then replaces
the target by one rename: a reader sees the old file or the new one, never a half-written one,
and a failure at any point leaves the target as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import BinaryIO


def replace_file(
    target: str,
    write: Callable[[BinaryIO], object],
    mode: int | None = None,
    before_rename: Callable[[], None] | None = None,
) -> None:
    """Write ``target`` through a fsynced temporary file beside it and one rename.

    A failure at any point leaves ``target`` as it was and no temporary file behind.
    """
    import tempfile  # only when writing: a plain check writes nothing (start-up time)

    folder, name = os.path.split(os.path.abspath(target))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".draftlint")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if before_rename is not None:
            before_rename()
        os.replace(temp, target)
    except BaseException:
        _remove(temp)
        raise
    _sync_folder(folder)


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
