"""Plain-text drafts: bytes to text in any common encoding (UTF-8 with or without BOM,
GB18030/GBK, UTF-16, Big5), with a bound on size."""

from __future__ import annotations

import array
import codecs
import contextlib
import errno
import os
import stat
import sys
from typing import BinaryIO

from lint.model import InputError, Source

MAX_BYTES = 50 * 2**20  # far above any draft; bounds the memory a stray file can take

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Formats that are never drafts, recognised by their first bytes.
_MAGIC = {
    b"\x89PNG": "PNG 图片",
    b"%PDF": "PDF 文件",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"PK\x03\x04": "ZIP 压缩包或 Office 文档",
    b"\xd0\xcf\x11\xe0": "旧版 Word（.doc）等 OLE 文件",
    b"\x7fELF": "可执行文件",
}


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode a draft's bytes; return (text, encoding, had_bom). Raises InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                raise InputError(f"文件以 {encoding} 标记开头，但内容无法按该编码解码") from exc
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"这是{what}，不是文本文稿")
    if b"\x00" in data:  # UTF-16 without a BOM, or a binary file
        utf16 = _guess_utf16(data)
        if utf16:
            with contextlib.suppress(UnicodeDecodeError):
                return data.decode(utf16), utf16, False
        raise InputError("文件含有空字节（NUL），像是二进制文件，不是文本文稿")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if _mostly_utf8(data) and _plausibly_utf8(data.decode("utf-8", errors="replace")):
            line = data.count(b"\n", 0, utf8_error.start) + 1
            raise InputError(
                f"文件大体是 UTF-8 编码，但第 {line} 行有无法解码的字节"
                f"（第 {utf8_error.start} 字节：0x{data[utf8_error.start]:02x}），"
                "请检查文件是否损坏"
            ) from utf8_error
    else:
        # GB18030 can happen to be valid UTF-8 (一 is D2 BB, which UTF-8 reads as һ): then
        # the reading that gives Chinese wins.
        if _plausibly_utf8(text) or not _has_han(_gb18030_or_empty(data)):
            return text, "utf-8", False
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if not _also_big5(data):
            return text, "gb18030", False
        return data.decode("big5"), "big5", False
    return _detect(data)


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """The inverse of ``decode``: text (with its original line endings) back to bytes."""
    data = text.encode(encoding)
    if bom:
        data = next(mark for mark, name in _BOMS if name == encoding) + data
    return data


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: a line feed is the code unit 000A in one byte order only.

    Whole units, not bytes: 上 (U+4E0A) holds a 0A byte too. Text never holds U+0000.
    """
    if len(data) % 2:
        return None
    units = array.array("H", data[:65536])
    if sys.byteorder == "big":
        units.byteswap()  # read as little-endian
    if units.count(0):
        return None
    little, big = units.count(0x000A), units.count(0x0A00)
    if little or big:
        return "utf-16-le" if not big else "utf-16-be" if not little else None
    # A single line: ASCII characters leave zero bytes on one side only.
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd and not even:
        return "utf-16-le"
    if even and not odd:
        return "utf-16-be"
    return None


def _has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _plausibly_utf8(text: str) -> bool:
    """UTF-8 text that reads as Chinese, Latin-1 or symbols, not only as Cyrillic, Greek … —
    which is what GB18030 bytes look like when they happen to be valid UTF-8. (So a file of
    Cyrillic alone is read as GB18030: it is no Chinese draft either way.)"""
    return text.isascii() or any(
        c > "\x7f" and c != "\ufffd" and not "\u0100" <= c < "\u2000" for c in text
    )


def _gb18030_or_empty(data: bytes) -> str:
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return ""


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 with a few bad bytes, rather than text in another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for c in text if c > "\x7f") - bad
    return wide >= 4 and bad * 10 <= wide


def _also_big5(data: bytes) -> bool:
    """Big5 bytes often decode as (wrong) GB18030: let the detector choose when both decode."""
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"]).best()
    return best is not None and best.encoding == "big5"


def _detect(data: bytes) -> tuple[str, str, bool]:
    from charset_normalizer import from_bytes  # only for drafts that are neither UTF-8 nor GB

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("ascii",):
        raise InputError(
            "无法识别文件编码（支持 UTF-8、GB18030/GBK、UTF-16、Big5），或者不是文本文件"
        )
    encoding = best.encoding
    try:
        return data.decode(encoding), encoding, False
    except UnicodeDecodeError as exc:
        raise InputError(f"按检测到的编码 {encoding} 解码失败") from exc


def from_bytes(data: bytes, path: str, fmt: str = "txt") -> Source:
    text, encoding, bom = decode(data)
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("文件是空的，没有可检查的内容")
    return Source(path, text, encoding=encoding, bom=bom, newline=newline, format=fmt)


def read_bytes(path: str) -> bytes:
    """A file's bytes; an unreadable file is an InputError with a Chinese message."""
    try:
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # opening a pipe would block
            raise InputError("不是普通文件（管道、设备或套接字），未读取")
        with open(path, "rb") as file:
            return read_limited(file)
    except FileNotFoundError as exc:
        raise InputError("文件不存在") from exc
    except PermissionError as exc:
        raise InputError("没有读取权限") from exc
    except IsADirectoryError as exc:
        raise InputError("这是目录，不是文件") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("符号链接形成了循环，无法读取") from exc
        raise InputError(f"读取失败：{exc.strerror or exc}") from exc


def read_limited(file: BinaryIO) -> bytes:
    """All of a file's bytes, unless there are more than MAX_BYTES (an InputError)."""
    try:
        info = os.fstat(file.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation: an in-memory stream
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        if info.st_size > MAX_BYTES:
            raise _too_big()
        data = file.read()  # sized from the file: no buffer of MAX_BYTES up front
        if len(data) > MAX_BYTES:  # it grew while we read it
            raise _too_big()
        return data
    chunks, total = [], 0  # a pipe or a device: its size is not known in advance
    while chunk := file.read(2**20):
        total += len(chunk)
        if total > MAX_BYTES:
            raise _too_big()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big() -> InputError:
    return InputError(f"文件过大（超过 {MAX_BYTES // 2**20} MB），不像是文稿，未检查")
