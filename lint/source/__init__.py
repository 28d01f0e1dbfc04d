"""Reading drafts: bytes to text with positions, for plain text (text.py) and Word (docx.py).

``read(path)`` is the one entry point; the result is a :class:`lint.model.Source`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lint.model import InputError, Source
from lint.source.text import from_bytes, read_bytes, read_limited

SUFFIXES = (".txt", ".md", ".docx")


def read(path: str) -> Source:
    """Read a draft from a path ("-" for standard input)."""
    if path == "-":
        data = read_limited(sys.stdin.buffer)
        if data.startswith(b"PK\x03\x04"):  # a Word file piped in
            from lint.source import docx  # python-docx only when a Word file is read

            return docx.read(path, data)
        return from_bytes(data, "-")
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        from lint.source import docx  # python-docx only when a Word file is read

        return docx.read(path)
    if suffix == ".doc":
        raise InputError("不支持旧版 Word（.doc）文件，请另存为 .docx 或 .txt")
    return from_bytes(read_bytes(path), path, "md" if suffix == ".md" else "txt")
