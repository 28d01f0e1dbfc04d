"""Columns: draftlint counts Unicode code points from 1; LSP counts code units of the
negotiated encoding (UTF-16 unless the client offers another) from 0. A character outside
the Basic Multilingual Plane (𠀀, an emoji) is one code point but two UTF-16 units."""

from __future__ import annotations

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def unit_width(char: str, encoding: str = UTF16) -> int:
    """Code units one character takes in the encoding."""
    if encoding == UTF32:
        return 1
    code = ord(char)
    if encoding == UTF8:
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 2 if code > 0xFFFF else 1


def to_units(line: str, column: int, encoding: str = UTF16) -> int:
    """The 0-based position in code units of a 0-based code-point column of ``line``
    (clamped to the line's end)."""
    if encoding == UTF32:
        return min(column, len(line))
    return sum(unit_width(c, encoding) for c in line[:column])


def from_units(line: str, units: int, encoding: str = UTF16) -> int:
    """The 0-based code-point column of a position in code units (one that falls inside a
    character counts as that character; clamped to the line's end)."""
    if encoding == UTF32:
        return min(max(units, 0), len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += unit_width(char, encoding)
    return len(line)
