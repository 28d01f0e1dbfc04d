"""Which files a run checks: the drafts named, and those found in the folders named.

Walking a folder leaves out hidden folders, virtual environments and node_modules, and —
inside a git repository — what .gitignore ignores (``gitignore=False`` turns that off).
"""

from __future__ import annotations

import os
from pathlib import Path

from lint.source import OTHER_SUFFIXES, SUFFIXES

# Files in a folder of drafts that are never drafts themselves.
NOT_DRAFTS = ("readme", "changelog", "license", "contributing")
# Folders never walked: tools' files, not drafts.
NEVER_WALKED = {"venv", ".venv", "node_modules", ".git", "__pycache__", ".tox"}


def collect(paths: tuple[str, ...], gitignore: bool = True) -> tuple[list[str], list[str]]:
    """Drafts named or found under folders (sorted), and paths that cannot be checked:
    missing, unreadable folders, pipes and devices. A file named explicitly is always
    checked; files found in a folder are left out when git ignores them."""

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
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in NEVER_WALKED)
                found.extend(os.path.join(root, n) for n in names if is_draft(n))
            if gitignore:
                ignored = git_ignored(path, found)  # one git call for the whole folder
                found = [f for f in found if f not in ignored]
            files.extend(sorted(found))
        else:
            missing.append(path)
    return files, missing


def git_ignored(folder: str, files: list[str]) -> set[str]:
    """Those of ``files`` (under ``folder``) that git ignores; none outside a repository or
    without git."""
    # Here, for start-up time: only a folder is looked up in git (a file given is checked).
    import shutil  # (start-up time)
    import subprocess  # (start-up time)

    git = shutil.which("git")
    if not files or git is None:
        return set()
    try:
        done = subprocess.run(
            [git, "-C", folder, "check-ignore", "--stdin", "-z"],
            input="\0".join(os.path.relpath(f, folder) for f in files).encode(
                "utf-8", "surrogateescape"
            ),
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a git repository
        return set()
    ignored = {
        os.path.normpath(os.path.join(folder, name))
        for name in done.stdout.decode("utf-8", "surrogateescape").split("\0")
        if name
    }
    return {f for f in files if os.path.normpath(f) in ignored}


def unusable(path: str) -> str:
    """Why a path that collect() could not use is not checked."""
    if not os.path.lexists(path):
        return "路径不存在"
    if os.path.isdir(path):
        return "无法读取此目录（没有权限？），其中的文稿未检查"
    return "不是普通文件（管道、设备或套接字），未检查"
