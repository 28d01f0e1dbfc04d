"""Which files a run checks: the drafts named, and those found in the folders named."""

from __future__ import annotations

import os
from pathlib import Path

from lint.source import OTHER_SUFFIXES, SUFFIXES

# Files in a folder of drafts that are never drafts themselves.
NOT_DRAFTS = ("readme", "changelog", "license", "contributing")


def collect(paths: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Drafts named or found under folders (sorted), and paths that cannot be checked:
    missing, unreadable folders, pipes and devices."""

    def is_draft(name: str) -> bool:
        lower = name.lower()
        # ~$ files are the lock files Word leaves beside an open document
        drafts = lower.endswith(SUFFIXES + OTHER_SUFFIXES)  # others: reported or converted
        return drafts and not lower.startswith((*NOT_DRAFTS, "~$"))

    files, missing = [], []

    def unlisted(error: OSError) -> None:  # reported, not skipped in silence
        missing.append(error.filename)

    for path in paths or (".",):
        p = Path(path)
        if path == "-" or p.is_file() or (p.is_symlink() and not p.is_dir()):  # broken: say why
            files.append(path)
        elif p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, onerror=unlisted, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, n) for n in names if is_draft(n))
            files.extend(sorted(found))
        else:
            missing.append(path)
    return files, missing


def unusable(path: str) -> str:
    """Why a path that collect() could not use is not checked."""
    if not os.path.lexists(path):
        return "路径不存在"
    if os.path.isdir(path):
        return "无法读取此目录（没有权限？），其中的文稿未检查"
    return "不是普通文件（管道、设备或套接字），未检查"
