"""Reading drafts: bytes to text with positions, for plain text (text.py) and Word (docx.py).

``read(path)`` is the one entry point; the result is a :class:`lint.model.Source`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lint.model import Source
from lint.source.convert import REFUSED
from lint.source.text import from_bytes, read_bytes, read_limited

SUFFIXES = (".txt", ".md", ".docx")
# Found in folders too: reported, or converted when LibreOffice is installed (convert.py).
OTHER_SUFFIXES = tuple(REFUSED)


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
    if suffix in REFUSED:
        from lint.source import convert as office  # only for a .doc, .wps, .odt or .pdf
        from lint.source import docx  # python-docx only when a Word file is read

        src = docx.read(path, office.to_docx(path, read_bytes(path)))
        src.converted_from = suffix
        return src
    return from_bytes(read_bytes(path), path, "md" if suffix == ".md" else "txt")
