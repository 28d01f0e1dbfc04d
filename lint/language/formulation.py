"""Misquoted key formulations (规范提法): wrong members, counts, verbs, near-miss characters.

Uses the standard library, PyYAML (only in ``load_entries``), lint.regexes for the data's own
regexes (bounded and timed like a pack's) and the character table of
:mod:`lint.language.chars` (loaded on the first pair of characters compared). The data
is ``rules/dictionaries/formulations.yaml`` (not beside the packs: every ``rules/*.yaml`` is
loaded as a rule pack); its header documents the schema.

Detection works on two views of the draft, each with a map back to the original offsets:
whitespace removed (drafts copied from the web break lines inside words), and additionally
list punctuation and quotes removed (for comparing long statements whose 、 and ， vary).

- wrong forms: the entries' known wrong wordings (习总书记, 中央八条规定), found by regex;
- count: another numeral before a counted name (三个自信);
- verb: a verb that belongs to another formulation right before the name (坚定“四个意识”);
  verbs not listed for the entry are never reported, and a name followed by 的/之 is not the
  verb's object;
- list: an enumeration with at least two exact members is parsed item by item; an item one
  character off a missing member (by sound, shape or not), an item in place of the one missing
  member, a missing member of a list that is always quoted whole, and a wrong order are
  reported;
- statement members: a clause of another statement after this statement's lead verb
  (维护…思想的指导地位);
- fuzzy: truncated or misspelt writings of long names and statement clauses, by edit distance
  to the canonical text (deletions, substitutions and swaps: an insertion is an elaboration);
- near-miss: a member or name with one character replaced by a homophone or a look-alike
  (看起意识); a near homophone (s/sh, n/l, in/ing …) only inside quotes, after the entry's verb
  or in a list; an unlike character only in a quoted name after the entry's verb, or in any
  quoted name the data marks exclusive (“三会一讲”); and, with nothing around it naming the
  formulation, not an item that is other words of the lexicon (整治纪律, 理论自身, 政治意志).

- damaged names: a quoted name with a character dropped or two swapped (“四个识”, “四种险危”),
  unless the quoted text is other words of the lexicon (“发展理念”).
- statement clauses: a statement written clause by clause where it is surely that statement
  (named, or two of three clauses its own) with a clause that is none of its members
  (务必谦虚谨慎、戒骄戒躁), or, named, with a clause left out;
- doubled: a name, member or term with a character or two inside it written twice (三中全全会);
- dropped: a long list member with a character (or, from ten characters, two) inside it left
  out (世界百年未有之变局, 中华民族伟大复兴全局).
- swapped: two neighbouring characters or two-character words in each other's place, in a
  statement or fuzzy term (the alignment's one-edit "swap": 党中央威权, 统一集中领导), a list
  member or a name (齐看意识, 二十届三全中会); the items either side of a 、 of a statement
  (全党的核心、党中央的核心).
- meetings: a congress's or plenum's name damaged (二十届三中会, 二十届是中全会), or another
  meeting's name after this one's date or beside a document it adopted (2022年10月召开的党的
  十二届一中全会; 党的十二届三中全会审议通过了《…推进中国式现代化的决定》).

A hit carries a fix only where the correction is certain: not where the span's edge is a
guess (an odd or missing character at an end that touches other text: 增强治意识, 在已习近平),
where two characters are swapped, or where the fix would drop a quote mark.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import ne
from pathlib import Path

import regex
from regex import escape as regex_escape

from lint.language.chars import SHAPE, SOUND_NEAR, SOUND_SAME, SOUND_TONE
from lint.model import OptionError
from lint.regexes import compile_regex, finditer
from lint.source.numerals import cn_number

PROBLEMS = ("member", "count", "near-miss", "truncated", "verb", "short-form", "wrong-form")
KINDS = ("term", "list", "statement")

_OPEN_Q = "“\"'‘「『"
_CLOSE_Q = "”\"'’」』"
_QUOTES = _OPEN_Q + _CLOSE_Q + "《》"
# Patterns with a Han class are compiled by ``regex`` (imported for the packs anyway): ``re``
# spends 3-4 ms on the class's bitmap at every start, ``regex`` 0.5.
_DOUBLED = re.compile(r"(..?)\1")  # 全全会, 主义主义 (Han tested after the match)
_QUOTED = regex.compile('[“"‘「『]([\u4e00-\u9fff]{2,6})[”"’」』]')
_SQUEEZE = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")
_CORE = re.compile(r"[^\s、，,“”\"'‘’「」『』]+")
_CORE_DROP = re.compile(r"[\s、，,“”\"'‘’「」『』]")
_SENTENCE_END = "。！？；!?;"
_SENTENCE_ENDS = re.compile(f"[{_SENTENCE_END}]")
_CLAUSE_END = "，；。！？,;!?：:"
_GAP = regex.compile("[，、；,;]?[\u4e00-\u9fff]{0,2}")  # between two clauses: a mark, 坚决, 必须
_NUMERALS = "一二两三四五六七八九十"
_DEFINES = ("：", ":", "（", "(")  # after a quoted name: its own definition follows
_NUMBERS = _NUMERALS + "百千万零〇"
_DIGITS = {str(i): c for i, c in enumerate("〇一二三四五六七八九")}
# Meetings: a plenum (二十届三中全会, 第二十届中央委员会第三次全体会议) and a congress (党的二十大,
# 中国共产党第二十次全国代表大会), their numbers read as (congress, plenum; 0 for the congress).
_CN = "[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"  # 1-99, well formed
_PLENUM = re.compile(
    f"(?=[一二三四五六七八九十])(?<![一二三四五六七八九十])({_CN})届(?:中央委员会第)?(.)"
    "(中全会|次全体会议)"
)
_CONGRESS = re.compile(f"(?:党的|中国共产党第)({_CN})(?:大|次全国代表大会)")
_HELD = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
# a date right before a meeting's name: 2022年10月召开的党的…, 2024年7月15日至18日举行的
_DAYS = r"(?:(\d{1,2})日?(?:[至—-](\d{1,2})日)?)?"  # 16日, 16日至22日
_DATE_BEFORE = re.compile(
    rf"(\d{{4}})年(\d{{1,2}})月{_DAYS}(?:召开|举行|开幕)?的?(?:党的|中国共产党)?\Z"
)
# … or right after it: 党的二十届三中全会于2024年7月15日至18日在北京召开
_DATE_AFTER = re.compile(
    rf"[于在](\d{{4}})年(\d{{1,2}})月{_DAYS}(?:在北京)?(?:胜利|隆重)?(?:召开|举行|开幕)"
)
_CLAUSE_BREAK = re.compile("[，；。！？,;!?]")
_FRAME = re.compile(f"[{_CLOSE_Q}]?的([^{_CLAUSE_END}、“”]+)")  # after a name: what is said of it
_NOT_OBJECT = ("的", "之", "意识", "自觉", "要求")  # after a name: the verb governs something else
_COUNT_NOT = ("形态", "心")  # 两个意识形态, 三个自信心: not the counted name
_AFTER_ITEM = "的上中等这方"  # after a list's last item: other words (…方面, …上还有差距)
_ITEM_MARKS = ("、", "和", "及", "与")  # between two items of an enumeration
_SEPARATORS_AFTER = (
    "、以及",
    "，以及",
    "、和",
    "，和",
    "，又",
    "；又",
    "以及",
    "、",
    "，",
    ",",
    "；",
    ";",
    "和",
    "及",
    "与",
)


def _plenum(ordinal: str) -> int | None:
    """A plenum's number (一 … 十) written in _PLENUM's one-character slot; None for another
    character (二十届是中全会)."""
    return cn_number(ordinal) if ordinal in "一二三四五六七八九十" else None


def _meeting_key(name: str) -> tuple[int, int] | None:
    """(congress, plenum) of a meeting's name: 党的二十届三中全会 → (20, 3), 党的二十大 → (20,
    0)."""
    m = _PLENUM.search(name)
    if m:
        plenum = _plenum(m.group(2))
        return (cn_number(m.group(1)), plenum) if plenum else None
    m = _CONGRESS.search(name)
    return (cn_number(m.group(1)), 0) if m else None


def _short_name(name: str) -> str:
    """A meeting's name as a clause may repeat it: 党的二十届三中全会 → 三中全会, 党的二十大 →
    二十大."""
    name = name.removeprefix("党的")
    return name.partition("届")[2] or name


def _quoted(text: str) -> str:
    """Text in double quotes; quotes inside become single ones (“‘四个全面’战略布局”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_LIKENESS = {SOUND_SAME: 2, SOUND_TONE: 2, SHAPE: 2, SOUND_NEAR: 1, None: 0}


@lru_cache(maxsize=8192)
def likeness(a: str, b: str) -> int:
    """2: same sound (tone aside) or look-alike; 1: near sound (s/sh, n/l, in/ing…); 0: unlike.

    From the typo engine's character table (pypinyin's readings, pycorrector's and the CJK
    decomposition data's shapes), loaded once per process on the first comparison."""
    if a == b:
        return 2
    from lint.language.lexicon import load_chars  # start-up time: only once compared

    return _LIKENESS[load_chars().channel(a, b)]


WORD = 10  # a written item that splits into words this frequent (jieba's counts) is no typo


def other_words(s: str, start: int, got: str, k: int) -> bool:
    """Whether got (at start in s, one character off a formulation at its index k) is other
    words: a run of lexicon words of two or more characters (整治纪律, 制度自身, 政治意志), or
    its odd character at an end makes a word with the text beyond it (两个大剧|院).

    Loads the typo engine's lexicon (once per process) on the first call."""
    from lint.language.lexicon import shared  # start-up time: only when a near-miss is bare

    lex = shared()
    ends = {0}
    for i in range(1, len(got) + 1):
        if any(j in ends and lex.freq(got[j:i]) >= WORD for j in range(max(0, i - 4), i - 1)):
            ends.add(i)
    if len(got) in ends:
        return True
    at = start + k
    if k == len(got) - 1:
        return any(lex.freq(s[at : at + n]) >= WORD for n in (2, 3) if at + n <= len(s))
    if k == 0:
        return any(lex.freq(s[at - n + 1 : at + 1]) >= WORD for n in (2, 3) if at - n + 1 >= 0)
    return False


@dataclass(frozen=True)
class FormulationHit:
    start: int  # character offsets in text, end exclusive
    end: int
    formulation: str  # entry id
    problem: str  # one of PROBLEMS
    message: str  # Chinese, naming the canonical text
    replacement: str | None  # the corrected span when the correction is certain


# ── entries ──────────────────────────────────────────────────────────────────────────────

_KEYS = {
    "id",
    "name",
    "canonical",
    "kind",
    "members",
    "ordered",
    "complete",
    "partial",
    "lead",
    "optional",
    "fuzzy",
    "exclusive",
    "max_edits",
    "variants",
    "count",
    "verb",
    "wrong",
    "meeting",
    "source",
    "note",
    "examples",
}
_REQUIRED = ("id", "name", "canonical", "kind", "source", "examples")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _fail(eid: object, key: str, message: str) -> ValueError:
    return ValueError(f"formulations: entry {eid!r}, key {key!r}: {message}")


def _strings(eid: str, key: str, value: object, *, empty: bool = False) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(eid, key, "expected a list of non-empty strings")
    if not value and not empty:
        raise _fail(eid, key, "must not be empty")
    if len(set(value)) != len(value):
        raise _fail(eid, key, "contains a duplicate")
    return value


def _bool(eid: str, key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise _fail(eid, key, "expected true or false")
    return value


def validate_entry(entry: object, index: int = 0) -> dict:
    """Check one entry's keys and types; raise ValueError naming the entry and the key."""
    if not isinstance(entry, dict):
        raise _fail(f"#{index + 1}", "-", "an entry must be a mapping")
    eid = entry.get("id", f"#{index + 1}")
    unknown = set(entry) - _KEYS
    if unknown:
        raise _fail(eid, sorted(unknown)[0], f"unknown key (known: {', '.join(sorted(_KEYS))})")
    for key in _REQUIRED:
        if key not in entry:
            raise _fail(eid, key, "missing")
    for key in ("id", "name", "canonical", "kind", "source", "note"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise _fail(eid, key, "expected a non-empty string")
    if not _ID.match(entry["id"]):
        raise _fail(eid, "id", "use lower-case ascii words joined by '-'")
    kind = entry["kind"]
    if kind not in KINDS:
        raise _fail(eid, "kind", f"expected one of {', '.join(KINDS)}")
    if kind == "term":
        for key in ("members", "ordered", "complete", "partial", "lead"):
            if key in entry:
                raise _fail(eid, key, "only for kind list or statement")
    else:
        if "members" not in entry:
            raise _fail(eid, "members", f"required for kind {kind}")
        members = _strings(eid, "members", entry["members"])
        if len(members) < 2:
            raise _fail(eid, "members", "an enumeration needs at least two members")
    if kind != "list":
        for key in ("ordered", "complete", "partial"):
            if key in entry:
                raise _fail(eid, key, "only for kind list")
    if entry.get("complete") and entry.get("partial"):
        raise _fail(eid, "partial", "a list is either always quoted whole or often in part")
    for key in ("ordered", "complete", "partial", "fuzzy", "exclusive"):
        if key in entry:
            _bool(eid, key, entry[key])
    if entry.get("exclusive") and (
        len(entry["name"]) < 4 or (kind == "term" and entry.get("fuzzy"))
    ):
        raise _fail(eid, "exclusive", "only for names of four or more characters, not fuzzy terms")
    if kind == "list" and entry.get("fuzzy"):
        raise _fail(eid, "fuzzy", "only for kind term or statement")
    optional = _strings(eid, "optional", entry.get("optional", []), empty=True)
    if "lead" in entry:
        if kind != "statement" or not isinstance(entry["lead"], str) or not entry["lead"]:
            raise _fail(eid, "lead", "a non-empty string, only for kind statement")
        for member in entry["members"]:
            if not _strip_optional(member, optional).startswith(entry["lead"]):
                raise _fail(eid, "lead", f"member {member!r} does not open with it")
    if "max_edits" in entry:
        value = entry["max_edits"]
        if not entry.get("fuzzy"):
            raise _fail(eid, "max_edits", "only with fuzzy: true")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _fail(eid, "max_edits", "expected a positive integer")
    _strings(eid, "variants", entry.get("variants", []), empty=True)
    if "count" in entry:
        count = entry["count"]
        if not isinstance(count, dict) or set(count) - {"head", "ok", "quoted"}:
            raise _fail(eid, "count", "expected a mapping with head (and ok, quoted)")
        head = count.get("head")
        if not isinstance(head, str) or not head or not entry["name"].endswith(head):
            raise _fail(eid, "count", "head must be the end of name after its numeral")
        numeral = entry["name"][: -len(head)]
        if not numeral or any(ch not in _NUMERALS for ch in numeral):
            raise _fail(eid, "count", f"name {entry['name']!r} does not open with a numeral")
        ok = _strings(eid, "count", count.get("ok", []), empty=True)
        if any(ch not in _NUMERALS for n in ok for ch in n):
            raise _fail(eid, "count", "ok lists numerals such as 两")
        if "quoted" in count:
            _bool(eid, "count", count["quoted"])
    if "verb" in entry:
        verb = entry["verb"]
        if not isinstance(verb, dict) or set(verb) - {"canonical", "use", "wrong", "fix"}:
            raise _fail(eid, "verb", "expected a mapping with canonical, use, wrong, fix")
        if not isinstance(verb.get("canonical"), str) or not verb["canonical"]:
            raise _fail(eid, "verb", "canonical (the sentence quoted in messages) is required")
        use = _strings(eid, "verb", verb.get("use"))
        wrong = _strings(eid, "verb", verb.get("wrong", []), empty=True)
        if set(use) & set(wrong):
            raise _fail(eid, "verb", f"both used and wrong: {', '.join(set(use) & set(wrong))}")
        if "fix" in verb:
            _bool(eid, "verb", verb["fix"])
    if not isinstance(entry.get("wrong", []), list):
        raise _fail(eid, "wrong", "expected a list of wrong forms")
    for i, item in enumerate(entry.get("wrong", [])):
        where = f"wrong[{i}]"
        if not isinstance(item, dict) or set(item) - {
            "wrong",
            "pattern",
            "right",
            "problem",
            "fix",
            "note",
        }:
            raise _fail(
                eid, where, "expected a mapping with wrong or pattern, right, problem, fix, note"
            )
        if ("wrong" in item) == ("pattern" in item):
            raise _fail(eid, where, "give exactly one of wrong (literal) and pattern (regex)")
        text = item.get("wrong", item.get("pattern"))
        if not isinstance(text, str) or not text:
            raise _fail(eid, where, "wrong / pattern must be a non-empty string")
        if "pattern" in item:
            try:
                compile_regex(text, "pattern")  # bounded in size and repeats, as a pack's
            except OptionError as exc:
                raise _fail(eid, where, str(exc)) from exc
        if not isinstance(item.get("right"), str):
            raise _fail(eid, where, "right (the correction) is required")
        if item.get("problem", "wrong-form") not in PROBLEMS:
            raise _fail(eid, where, f"problem must be one of {', '.join(PROBLEMS)}")
        if "fix" in item:
            _bool(eid, where, item["fix"])
    if "meeting" in entry:
        _validate_meeting(eid, entry)
    examples = entry["examples"]
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise _fail(eid, "examples", "expected a mapping with bad and good")
    for key in ("bad", "good"):
        _strings(eid, f"examples.{key}", examples.get(key))
    return entry


def _validate_meeting(eid: str, entry: dict) -> None:
    meeting = entry["meeting"]
    if entry["kind"] != "term" or _meeting_key(entry["name"]) is None:
        raise _fail(eid, "meeting", "only for a term naming a congress (党的二十大) or a plenum")
    if not isinstance(meeting, dict) or set(meeting) - {"held", "until", "documents", "acts"}:
        raise _fail(eid, "meeting", "expected a mapping with held (and until, documents, acts)")
    held = str(meeting.get("held"))  # (YAML reads an unquoted date as a date)
    if not _HELD.match(held):
        raise _fail(eid, "meeting", "held: the first day, YYYY-MM-DD")
    until = str(meeting.get("until", held))
    if not _HELD.match(until) or until < held:
        raise _fail(eid, "meeting", "until: the last day, YYYY-MM-DD, not before held")
    _strings(eid, "meeting", meeting.get("documents", []), empty=True)
    acts = meeting.get("acts", [])
    if not isinstance(acts, list):
        raise _fail(eid, "meeting", "acts: expected a list of {pattern, every_term}")
    for act in acts:
        if (
            not isinstance(act, dict)
            or set(act) - {"pattern", "every_term"}
            or "pattern" not in act
        ):
            raise _fail(eid, "meeting", "acts: each {pattern: regex, every_term: true|false}")
        _strings(eid, "meeting", [act["pattern"]])
        _bool(eid, "meeting", act.get("every_term", False))
        try:
            compile_regex(act["pattern"], "pattern")  # bounded in size and repeats
        except OptionError as exc:
            raise _fail(eid, "meeting", f"acts: {exc}") from exc


def validate_entries(entries: object) -> list[dict]:
    if not isinstance(entries, list) or not entries:
        raise ValueError("formulations: expected a non-empty list of entries")
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        validate_entry(entry, index)
        if entry["id"] in seen:
            raise _fail(entry["id"], "id", "used twice")
        seen.add(entry["id"])
    return entries


def load_entries(path: Path) -> list[dict]:
    """The validated entries of a formulations file (``formulations:`` list)."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"formulations: {path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) != {"formulations"}:
        raise ValueError(f"formulations: {path}: expected a mapping with one key, formulations")
    return validate_entries(data["formulations"])


# ── compiled entries ─────────────────────────────────────────────────────────────────────


def _strip_optional(text: str, optional: list[str] | tuple[str, ...]) -> str:
    for word in sorted(optional, key=len, reverse=True):
        if text.startswith(word):
            return text[len(word) :]
    return text


def _core(text: str) -> str:
    return _CORE_DROP.sub("", text)


@dataclass
class _Wrong:
    pattern: re.Pattern
    right: str
    problem: str
    fix: bool
    note: str


@dataclass
class _Entry:
    id: str
    name: str
    canonical: str
    kind: str
    members: tuple[str, ...] = ()
    ordered: bool = True
    complete: bool = False
    lead: str | None = None
    optional: tuple[str, ...] = ()
    fuzzy: bool = False
    exclusive: bool = False
    max_edits: int | None = None
    variants: tuple[str, ...] = ()
    count_head: str | None = None
    count_numeral: str = ""
    count_ok: tuple[str, ...] = ()
    count_quoted: bool = False
    verb_use: tuple[str, ...] = ()
    verb_wrong: tuple[str, ...] = ()
    verb_canonical: str = ""
    verb_fix: bool = True
    wrongs: list[_Wrong] = field(default_factory=list)
    days: tuple[str, str] | None = None  # a meeting's first and last day, YYYY-MM-DD
    documents: tuple[str, ...] = ()  # what the meeting adopted
    partial: bool = False  # a list whose parts are told on their own (the 三会 of 三会一课)
    forms: dict[str, str] = field(default_factory=dict)  # a list's members as written -> member
    acts: tuple[tuple[re.Pattern, bool], ...] = ()  # what it did, and whether every term's did

    @classmethod
    def build(cls, raw: dict) -> _Entry:
        e = cls(raw["id"], raw["name"], raw["canonical"], raw["kind"])
        e.members = tuple(raw.get("members", ()))
        if e.kind == "list":  # a member as written, also without its 的 (脱离群众危险)
            for m in e.members:
                e.forms[m] = m
                k = m.find("的", 1, len(m) - 1)
                if k > 0 and len(m) >= 5:
                    e.forms.setdefault(m[:k] + m[k + 1 :], m)
        e.ordered = raw.get("ordered", True)
        e.complete = raw.get("complete", False)
        e.partial = raw.get("partial", False)
        e.lead = raw.get("lead")
        e.optional = tuple(raw.get("optional", ()))
        e.fuzzy = raw.get("fuzzy", False)
        e.exclusive = raw.get("exclusive", False)
        e.max_edits = raw.get("max_edits")
        e.variants = tuple(raw.get("variants", ()))
        if "count" in raw:
            e.count_head = raw["count"]["head"]
            e.count_numeral = raw["name"][: -len(e.count_head)]
            e.count_ok = tuple(raw["count"].get("ok", ()))
            e.count_quoted = raw["count"].get("quoted", False)
        if "verb" in raw:
            verb = raw["verb"]
            e.verb_use = tuple(verb["use"])
            e.verb_wrong = tuple(verb.get("wrong", ()))
            e.verb_canonical = verb["canonical"]
            e.verb_fix = verb.get("fix", True)
        if "meeting" in raw:
            held = str(raw["meeting"]["held"])
            e.days = (held, str(raw["meeting"].get("until", held)))
            e.documents = tuple(raw["meeting"].get("documents", ()))
            e.acts = tuple(
                (compile_regex(act["pattern"], "acts"), act.get("every_term", False))
                for act in raw["meeting"].get("acts", ())
            )
        for item in raw.get("wrong", ()):
            literal = item.get("wrong")
            # a data file's own regex runs as a pack's does: bounded when compiled, timed when
            # run (lint.regexes); a literal is escaped into one
            pattern = compile_regex(regex_escape(literal) if literal else item["pattern"], "wrong")
            e.wrongs.append(
                _Wrong(
                    pattern,
                    item["right"],
                    item.get("problem", "wrong-form"),
                    item.get("fix", True),
                    item.get("note", ""),
                )
            )
        return e

    @property
    def months(self) -> set[tuple[int, int]]:
        """The years and months a meeting was held in (its first and last day's)."""
        return {(int(day[:4]), int(day[5:7])) for day in self.days or ()}

    def edits_for(self, core: str) -> int:
        """Most characters missing or replaced for a fuzzy match of core (max_edits, or a fifth
        of its length)."""
        return self.max_edits or max(1, len(core) // 5)

    @property
    def listing(self) -> str:
        return (
            f"{_quoted(self.name)}：{self.canonical}" if self.members else _quoted(self.canonical)
        )


@dataclass
class _Target:
    """A long text found approximately: a term's canonical text or a statement's clause."""

    entry: _Entry
    text: str  # as written in the source (punctuation kept): the replacement
    core: str  # punctuation and quotes dropped: what is compared
    max_edits: int
    anchors: tuple[tuple[str, int], ...]  # (trigram, offset in core)
    variants: tuple[str, ...]
    bigrams: frozenset[str] = frozenset()  # the core's character pairs (set after init)

    def __post_init__(self) -> None:
        self.bigrams = frozenset(self.core[k : k + 2] for k in range(len(self.core) - 1))


class _View:
    """The text with some characters dropped, and a map back to the original offsets
    (built on the first hit: most drafts have none)."""

    __slots__ = ("_keep", "_origins", "_raw", "_starts", "text")

    def __init__(self, raw: str, keep: re.Pattern, drop: re.Pattern) -> None:
        # str.split drops what \s matches (both use str.isspace), four times faster than sub
        self.text = "".join(raw.split()) if drop is _SPACE else drop.sub("", raw)
        self._raw, self._keep = raw, keep
        self._starts: list[int] | None = None
        self._origins: list[int] = []

    def raw(self, i: int) -> int:
        if self._starts is None:
            self._starts, size = [], 0
            for m in self._keep.finditer(self._raw):
                self._starts.append(size)
                self._origins.append(m.start())
                size += m.end() - m.start()
        k = bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.raw(start), self.raw(end - 1) + 1


@dataclass
class _Ctx:
    raw: str
    s: _View  # whitespace dropped
    hits: list[tuple[int, FormulationHit]] = field(default_factory=list)
    members: dict[str, list[int]] = field(default_factory=dict)  # list id → member offsets
    starts: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # _Starts.find
    _c: _View | None = None

    @property
    def c(self) -> _View:  # whitespace, list punctuation and quotes dropped
        if self._c is None:
            self._c = _View(self.raw, _CORE, _CORE_DROP)
        return self._c

    def add(
        self,
        priority: int,
        view: _View,
        start: int,
        end: int,
        entry: _Entry,
        problem: str,
        message: str,
        replacement: str | None,
    ) -> None:
        a, b = view.span(start, end)
        if replacement is not None and any(ch.isspace() for ch in self.raw[a:b]):
            replacement = None  # a fix would join lines: leave it to the writer
        self.hits.append((priority, FormulationHit(a, b, entry.id, problem, message, replacement)))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]: from after the last sentence end before start to
    the first at or after end."""
    left, right = _sentence_bounds(text, start, end)
    return text[left:right]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where _sentence's sentence begins and ends."""
    ends = _sentence_ends(text)
    k = bisect_left(ends, start)
    left = ends[k - 1] + 1 if k else 0
    k = bisect_left(ends, end, k)
    return left, ends[k] if k < len(ends) else len(text)


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    """Where text's sentences end, once per text: a search for them on every call costs the
    whole text each time a mark is missing from it (a 20 MB draft with no ！)."""
    return [m.start() for m in _SENTENCE_ENDS.finditer(text)]


class _Starts:
    """Where the words of some vocabularies start in a text, with the longest word of each
    vocabulary starting there: what ``(?=(w1|w2|…))`` with the longest words first finds per
    vocabulary, but many times faster (an alternation in a lookahead is tried at every
    position), and one scan for all of them: a scan for the words' first two characters (one,
    if a word has one), then a lookup of those, then of each length, longest first."""

    def __init__(self, **vocabularies: Iterable[str]) -> None:
        self.words = {name: set(words) for name, words in vocabularies.items()}
        by_head: dict[str, dict[str, set[int]]] = {}  # first two characters → name → lengths
        for name, words in self.words.items():
            for word in words:
                by_head.setdefault(word[:2], {}).setdefault(name, set()).add(len(word))
        self.heads = {
            head: tuple((name, sorted(lengths, reverse=True)) for name, lengths in names.items())
            for head, names in by_head.items()
        }
        pairs = [head for head in self.heads if len(head) == 2]
        singles = "".join(sorted(head for head in self.heads if len(head) == 1))
        self.single = bool(singles)
        alternatives = [f"[{re.escape(singles)}]"] if singles else []
        if pairs:
            firsts = "".join(sorted({head[0] for head in pairs}))
            seconds = "".join(sorted({head[1] for head in pairs}))
            alternatives.append(f"[{re.escape(firsts)}][{re.escape(seconds)}]")
        self.starts = re.compile(f"(?={'|'.join(alternatives)})") if alternatives else None

    def find(self, text: str) -> dict[str, list[tuple[int, str]]]:
        """Per vocabulary, (position, the longest word starting there), in the text's order."""
        found: dict[str, list[tuple[int, str]]] = {name: [] for name in self.words}
        if self.starts is None:
            return found
        heads, words, size = self.heads, self.words, len(text)
        for m in self.starts.finditer(text):
            i = m.start()
            names = heads.get(text[i : i + 2], ())
            if self.single and text[i] in heads:
                names = (*names, *heads[text[i]])
            done = set()
            for name, lengths in names:
                if name in done:
                    continue
                vocabulary = words[name]
                for length in lengths:
                    if i + length <= size and text[i : i + length] in vocabulary:
                        found[name].append((i, text[i : i + length]))
                        done.add(name)
                        break
        return found


class _Spans:
    """Spans of a text, and whether a new one overlaps one of them: in log n, as a draft may
    have thousands."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        # (a span beginning longest or more before start ends by start)
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return any(self.ends[k] > start for k in range(lo, hi))


def _finds(text: str, needle: str):
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


# ── the matcher ──────────────────────────────────────────────────────────────────────────


class FormulationMatcher:
    """Finds misquoted formulations in a text; build it once with ``from_entries``."""

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        self.by_id = {e.id: e for e in entries}
        # counts: numeral + head, not an ordinal (“第二个结合” is one of the 两个结合). This
        # pattern and the verbs' open with a lookahead of the characters a match can start
        # with: the same matches, but re skips to those characters instead of trying the
        # lookbehind (the optional quote) everywhere.
        heads: dict[str, list[_Entry]] = {}
        for e in entries:
            if e.count_head:
                heads.setdefault(e.count_head, []).append(e)
        self.count_re = (
            re.compile(
                "(?=[一二两三四五六七八九十0-9])"
                "(?<![一二两三四五六七八九十〇零百千0-9第])([一二两三四五六七八九十]{1,2}|[0-9]{1,2})("
                + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
                + ")"
            )
            if heads
            else None
        )
        self.count_heads = heads
        # verbs: quoted or bare names of entries with a verb
        named = {e.name: e for e in entries if e.verb_use}
        self.verb_names = named
        self.verb_siblings: dict[str, set[str]] = {}  # one saying's verbs (增强, 坚定, 做到)
        for e in named.values():
            self.verb_siblings.setdefault(e.verb_canonical, set()).update(e.verb_use)
        # what one entry's verb sentence says of it after 的 (“两个确立”的决定性意义) → the entry
        self.frames: dict[str, _Entry] = {}
        for e in entries:
            for at in _finds(e.verb_canonical, e.name):
                m = _FRAME.match(e.verb_canonical, at + len(e.name))
                if m:
                    self.frames.setdefault(m.group(1), e)
        starts = _OPEN_Q + "".join(sorted({n[0] for n in named}))
        self.verb_re = (
            re.compile(
                f"(?=[{re.escape(starts)}])[{re.escape(_OPEN_Q)}]?("
                + "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True))
                + f")[{re.escape(_CLOSE_Q)}]?"
            )
            if named
            else None
        )
        self.lists = [e for e in entries if e.kind == "list"]
        self.member_owner: dict[str, list[str]] = {}
        for e in self.lists:
            for form in e.forms:
                self.member_owner.setdefault(form, []).append(e.id)
        # fuzzy targets
        self.targets: list[_Target] = []
        for e in entries:
            if not e.fuzzy:
                continue
            texts = [e.canonical] if e.kind == "term" else list(e.members)
            for text in texts:
                text = _strip_optional(text, e.optional)
                core = _core(text)
                edits = e.edits_for(core)
                self.targets.append(
                    _Target(
                        e,
                        text,
                        core,
                        edits,
                        _anchors(core, edits + 1),
                        tuple(_core(v) for v in e.variants),
                    )
                )
        # one character off: names and long members, indexed by their first and last bigram
        fuzzy_names = {e.name for e in entries if e.fuzzy and e.kind == "term"}
        oneoff: dict[str, dict[tuple[int, int], list[tuple[str, _Entry, bool]]]] = {}
        for e in entries:
            name = e.name.removeprefix("党的")  # (二十届二中全会: 党的 is often left out)
            words = [] if e.name in fuzzy_names else [(name, True)]
            words += [(m, False) for m in e.members if e.kind == "list"]
            for word, is_name in words:
                if len(word) < 4 or not all(_han(ch) for ch in word):
                    continue
                for offset in (0, len(word) - 2):
                    at = oneoff.setdefault(word[offset : offset + 2], {})
                    at.setdefault((offset, len(word)), []).append((word, e, is_name))
        # by bigram, the words' (offset of the bigram, length): the text there is cut once
        self.oneoff = {
            bigram: tuple((o, n, tuple(words)) for (o, n), words in at.items())
            for bigram, at in oneoff.items()
        }
        self.known_words = {e.name for e in entries} | {m for e in entries for m in e.members}
        self.known_words |= {e.name.removeprefix("党的") for e in entries}
        # quoted names with a character dropped (“四个识”) or two swapped (“四种险危”)
        self.damaged: dict[str, list[tuple[_Entry, str]]] = {}
        for e in entries:
            name = e.name
            if not 3 <= len(name) <= 6 or (e.fuzzy and e.kind == "term") or name.startswith("党的"):
                continue  # (a fuzzy term's text is compared whole; 党的十大 is a congress too)
            if not all(_han(ch) for ch in name):
                continue
            forms = {(name[:k] + name[k + 1 :], "truncated") for k in range(len(name))}
            forms |= {
                (name[:k] + name[k + 1] + name[k] + name[k + 2 :], "wrong-form")
                for k in range(len(name) - 1)
                if name[k] != name[k + 1]
            }
            if len(name) >= 6:  # two in a row left out: “两不动摇”, “五个必由”
                forms |= {(name[:k] + name[k + 2 :], "truncated") for k in range(len(name) - 1)}
            numerals = [k for k, ch in enumerate(name) if ch in _NUMERALS]
            if len(numerals) >= 2:  # one of two numbers changed: “三严四实”, “两会一课”
                forms |= {
                    (name[:k] + x + name[k + 1 :], "count")
                    for k in numerals
                    for x in _NUMERALS
                    if x != name[k] and {x, name[k]} != {"二", "两"}
                }
            for form, problem in forms:
                if form not in self.known_words:
                    self.damaged.setdefault(form, []).append((e, problem))
        # names, members and terms, to find one written with a character doubled inside it
        self.name_owner: dict[str, _Entry] = {}
        for e in entries:
            words = [e.name.removeprefix("党的"), *e.members]
            for word in words + ([e.canonical] if e.kind == "term" else []):
                if len(word) >= 3 and all(_han(ch) for ch in word):
                    self.name_owner.setdefault(word, e)
        self.doubling = _Starts(names=self.name_owner)
        # long list members with a character inside them left out (世界百年未有之变局), or
        # two for the longest (中华民族伟大复兴全局); never a piece of another text of the data
        texts = "\n".join([*self.known_words, *(e.canonical for e in entries)])
        self.dropped: dict[str, tuple[_Entry, str]] = {}
        for e in self.lists:
            for member in e.members:
                if len(member) < 8 or not all(_han(ch) for ch in member):
                    continue
                # (from twelve, a word of three or four: 全面建设现代化国家)
                drops = (1, 2, 3, 4) if len(member) >= 12 else (1, 2) if len(member) >= 10 else (1,)
                for n in drops:
                    for k in range(1 if n < 3 else 2, len(member) - n - (0 if n < 3 else 1)):
                        form = member[:k] + member[k + n :]
                        if form not in texts:
                            self.dropped.setdefault(form, (e, member))
        # fuzzy terms with a word inside them left out, more than the alignment allows
        # (习近平新时代中国特色思想): at least two characters intact either side
        for e in entries:
            core = e.canonical
            if e.kind != "term" or not e.fuzzy or len(core) < 12 or not all(map(_han, core)):
                continue
            for n in range(e.edits_for(core) + 1, len(core) // 3 + 1):
                for k in range(2, len(core) - n - 1):
                    form = core[:k] + core[k + n :]
                    if form not in texts:
                        self.dropped.setdefault(form, (e, core))
        # statements and fuzzy terms with the items either side of a 、 in each other's place
        # (党中央的核心、全党的核心 → 全党的核心、党中央的核心), known by four characters either
        # side (two characters or words swapped: the fuzzy alignment's "swap")
        known = "\n".join([texts, *(v for e in entries for v in e.variants)])
        # the items as swapped → (the text before and after them, the entry, them as written)
        self.swapped: dict[str, list[tuple[str, str, _Entry, str]]] = {}
        for e in entries:
            if e.kind == "statement" or (e.kind == "term" and e.fuzzy):
                for text in [e.canonical, *(_strip_optional(m, e.optional) for m in e.members)]:
                    for before, wrong, after, right in _swapped_items(text):
                        if wrong not in known or before + wrong + after not in known:
                            places = self.swapped.setdefault(wrong, [])
                            if (before, after, e, right) not in places:
                                places.append((before, after, e, right))
        self.longest = max(map(len, self.name_owner), default=0)
        # statements with a lead verb: their clauses, written one after another
        self.statements = [
            (e, [_core(_strip_optional(m, e.optional)) for m in e.members])
            for e in entries
            if e.kind == "statement" and e.lead and len(e.members) >= 2
        ]
        self._clause_cache: dict[tuple[str, str], int | None] = {}
        # statements without a lead whose members end alike (…相结合, …的必由之路): their
        # clauses, each up to that ending, one after another
        self.tailed = []
        for e in entries:
            if e.kind == "statement" and not e.lead and len(e.members) >= 2:
                tail = _common_prefix([m[::-1] for m in e.members])[::-1]
                if len(tail) >= 2:
                    marks = "".join(x for x in "，；、" if not any(x in m for m in e.members))
                    cores = [_core(_strip_optional(m, e.optional)) for m in e.members]
                    self.tailed.append((e, cores, tail, marks))
        # statements with a lead verb: clauses of one statement after another's lead
        self.crossed: list[tuple[_Entry, str, str, int]] = []
        leads = [e for e in entries if e.kind == "statement" and e.lead]
        for e in leads:
            own = [_core(_strip_optional(m, e.optional))[len(e.lead) :] for m in e.members]
            own += [  # and its accepted variants (维护习近平同志党中央的核心…)
                _core(v)[len(e.lead) :] for v in e.variants if _core(v).startswith(e.lead)
            ]
            for f in leads:
                if f.lead == e.lead:
                    continue
                for j, member in enumerate(f.members):
                    obj = _core(_strip_optional(member, f.optional))[len(f.lead) :]
                    if obj not in own:
                        self.crossed.append((e, e.lead + obj, obj, j))

        # meetings by their numbers; the documents they adopted; their names damaged: 届, 中,
        # 全 or the plenum's number left out, 全会 before 精神 (二十届三中会, 二十届三中精神),
        # or 党的 written with another de (党地二十大)
        self.meetings = {_meeting_key(e.name): e for e in entries if e.days}
        # (document, the meeting's numbers, its name without 党的 or the congress: 三中全会)
        self.documents = [
            (doc, key, e, _short_name(e.name))
            for key, e in self.meetings.items()
            for doc in e.documents
        ]
        # (what a meeting did, whether every term's did it, the meeting's numbers, ...)
        self.acts = [
            (pattern, every_term, key, e, _short_name(e.name))
            for key, e in self.meetings.items()
            for pattern, every_term in e.acts
        ]
        self.meeting_forms: dict[str, list[tuple[_Entry, str]]] = {}
        for (_, plenum), e in self.meetings.items():
            core = e.name.removeprefix("党的")
            forms = {f"党{de}{core}": f"党的{core}" for de in "地得"}  # 党地二十大: the particle
            if plenum and core.endswith("中全会"):
                at = core.index("届")
                forms.update({core[:k] + core[k + 1 :]: core for k in (at, at + 1, at + 2, at + 3)})
                forms[core[:-2] + "精神"] = core + "精神"
            for form, right in forms.items():
                if form not in texts:
                    self.meeting_forms.setdefault(form, []).append((e, right))
            if plenum and core.endswith("中全会"):  # 二十届四中审议: judged by what follows
                self.meeting_forms.setdefault(core[:-2], []).append((e, core))
        # every text above found in one scan of the draft
        self.starts = _Starts(
            members=self.member_owner,
            oneoff=self.oneoff,
            dropped=self.dropped,
            swapped=self.swapped,
            meeting_forms=self.meeting_forms,
        )

    @classmethod
    def from_entries(cls, entries: list[dict]) -> FormulationMatcher:
        validate_entries(entries)
        return cls([_Entry.build(raw) for raw in entries])

    # ── public ──

    def find(self, text: str) -> list[FormulationHit]:
        ctx = _Ctx(text, _View(text, _SQUEEZE, _SPACE))
        ctx.starts = self.starts.find(ctx.s.text)
        self._wrong_forms(ctx)
        self._counts(ctx)
        self._verbs(ctx)
        for start, member in ctx.starts["members"]:
            for eid in self.member_owner[member]:
                ctx.members.setdefault(eid, []).append(start)
        for entry in self.lists:
            self._list(ctx, entry)
        self._crossed(ctx)
        self._fuzzy(ctx)
        self._near_misses(ctx)
        if self.damaged:
            self._damaged_names(ctx)
        self._clauses(ctx)
        self._tailed(ctx)
        if self.name_owner:
            self._doubled(ctx)
        self._dropped(ctx)
        self._out_of_order(ctx)
        if self.meetings:
            self._meetings(ctx)
        if self.documents and "《" in text:
            self._titles(ctx)
        return _dedupe(ctx.hits)

    # ── detectors ──

    def _wrong_forms(self, ctx: _Ctx) -> None:
        s = ctx.s.text
        for e in self.entries:
            for w in e.wrongs:
                for m in finditer(w.pattern, s, f"规范提法{_quoted(e.id)}的"):
                    if m.end() == m.start():
                        continue
                    right = m.expand(w.right)
                    got = m.group()
                    fix = w.fix
                    if _unbalanced(got):  # 中央“八条规定”: the fix would leave one quote
                        got, fix = "".join(ch for ch in got if ch not in _QUOTES), False
                    if w.problem == "short-form":
                        message = f"{_quoted(got)}是不规范的简称，应为{_quoted(right)}"
                    else:
                        message = f"{_quoted(got)}应为{_quoted(right)}"
                    if w.note:
                        message += f"（{w.note}）"
                    elif e.canonical not in right:
                        message += f"（{e.listing}）"
                    ctx.add(
                        0,
                        ctx.s,
                        m.start(),
                        m.end(),
                        e,
                        w.problem,
                        message,
                        right if fix else None,
                    )

    def _counts(self, ctx: _Ctx) -> None:
        if self.count_re is None:
            return
        s = ctx.s.text
        for m in self.count_re.finditer(s):
            numeral, head = m.group(1), m.group(2)
            owners = self.count_heads[head]
            e = owners[0]
            chinese = "".join(_DIGITS.get(ch, ch) for ch in numeral)
            if numeral in ("2", "２"):
                chinese = "两"  # 2个维护: number-usage reports the Arabic numeral
            if any(chinese == o.count_numeral or chinese in o.count_ok for o in owners):
                continue  # right count (in Arabic numerals: number-usage reports it)
            after = s[m.end() : m.end() + 2]
            if any(after.startswith(w) for w in _COUNT_NOT):
                continue
            quoted = m.start() > 0 and s[m.start() - 1] in _OPEN_Q and after[:1] in _CLOSE_Q
            if e.count_quoted and not quoted:
                continue
            if not quoted and (chinese == "一" or after[:1] == "的"):
                continue  # 一个全面的检查, 做了两个全面的部署: ordinary words, not a name
            if any(o.name in _sentence(s, m.start(), m.end()) for o in owners):
                continue  # 从“三个自信”到“四个自信”: a history, told with the right name
            if len(owners) > 1:
                names = "或".join(_quoted(o.name) for o in owners)
                ctx.add(
                    1,
                    ctx.s,
                    m.start(),
                    m.end(),
                    e,
                    "count",
                    f"{_quoted(m.group())}有误，应为{names}",
                    None,
                )
                continue
            ctx.add(
                1,
                ctx.s,
                m.start(),
                m.end(),
                e,
                "count",
                f"{_quoted(m.group())}有误，应为{_quoted(e.name)}（{e.canonical}）",
                e.name,
            )

    def _verbs(self, ctx: _Ctx) -> None:
        if self.verb_re is None:
            return
        s = ctx.s.text
        for m in self.verb_re.finditer(s):
            e = self.verb_names[m.group(1)]
            if self._frame(ctx, m.start(), m.end(), e):
                continue
            if any(s.startswith(w, m.end()) for w in _NOT_OBJECT):
                continue
            start = m.start()
            before = s[max(0, start - 6) : start]
            verb = next(
                (
                    v
                    for v in sorted(e.verb_use + e.verb_wrong, key=len, reverse=True)
                    if before.endswith(v)
                ),
                None,
            )
            if verb is None or verb in e.verb_use:
                continue
            obj = s[start : m.end()]
            # a sure fix only for a verb of the same saying (增强“四个意识”、坚定“四个自信”、
            # 做到“两个维护”): 深刻领悟“两个维护” may mean “两个确立”, and 深刻做到 is no Chinese
            siblings = self.verb_siblings.get(e.verb_canonical, ())
            fix = e.verb_use[0] + obj if e.verb_fix and verb in siblings else None
            ctx.add(
                2,
                ctx.s,
                start - len(verb),
                m.end(),
                e,
                "verb",
                f"{_quoted(e.name)}应与{_quoted(e.verb_use[0])}搭配，不用{_quoted(verb)}：{e.verb_canonical}",
                fix,
            )

    def _part(self, ctx: _Ctx, e: _Entry, tokens: list[_Token]) -> bool:
        """Three or more of a named list's members in a row (…严以修身、严以用权、严以律己 of
        the six of “三严三实”), in another order, or with one of them replaced by an item the
        list does not have (严以修身、严以待人、严以律己). Reported, with a fix where certain."""
        s = ctx.s.text
        exact = {t.member for t in tokens if t.kind == "exact"}
        if e.name not in _sentence(s, tokens[0].start, tokens[-1].end) and not (
            len(exact) == len(tokens) and _own_group(exact, e)
        ):  # (unnamed: the members sharing an affix, all of them: 严以修身、严以律己、严以用权)
            return False
        odd = ("affix", "other")  # and one off a member written too (谋事要实、干事要实): no other
        if any(t.kind not in ("exact", *odd) and t.member not in exact for t in tokens):
            return False  # (one off a member not written: reported as a misspelling)
        places = [e.members.index(t.member) if t.kind == "exact" else None for t in tokens]
        known = [p for p in places if p is not None]
        if len(set(known)) != len(known) or len(known) < 2:
            return False
        if None not in places:
            first = min(known)
            written = e.members[first : first + len(known)]
            if sorted(known) != list(range(first, first + len(known))) or known == sorted(known):
                return False
            a, b = tokens[0].start, tokens[-1].end
            pieces, at = [], a
            for t, member in zip(tokens, written, strict=True):
                pieces.append(s[at : t.start] + member)
                at = t.end
            message = f"{_quoted(e.name)}的顺序应为：{'、'.join(written)}（{e.listing}）"
            ctx.add(3, ctx.s, a, b, e, "member", message, "".join(pieces))
            return True
        if places.count(None) != 1:
            return False
        j = places.index(None)
        first = places[0] if j else places[1] - 1  # the place of the first item in the list
        if first < 0 or first + len(tokens) > len(e.members):
            return False
        if any(p is not None and p != first + k for k, p in enumerate(places)):
            return False
        right = e.members[first + j]
        if right in _sentence(s, tokens[0].start, tokens[-1].end):
            return False  # (the member is there, elsewhere: told, not replaced)
        t = tokens[j]
        got = s[t.start : t.end]
        fix = right if 0 < j < len(tokens) - 1 else None  # (an end's extent is a guess)
        message = f"{_quoted(e.name)}中没有{_quoted(got)}，应为{_quoted(right)}（{e.listing}）"
        ctx.add(3, ctx.s, t.start, t.end, e, "member", message, fix)
        return True

    def _frame(self, ctx: _Ctx, start: int, end: int, e: _Entry) -> bool:
        """The name, then 的 and what another entry's verb sentence says of that entry only
        (“两个维护”的决定性意义): reported, without a fix (the name or the words may be wrong)."""
        s = ctx.s.text
        if not s.startswith("的", end):
            return False
        said = next((f for f in self.frames if s.startswith(f, end + 1)), None)
        owner = self.frames.get(said)
        if owner is None or owner is e:
            return False
        message = (
            f"“{said}”说的是{_quoted(owner.name)}，不是{_quoted(e.name)}：{owner.verb_canonical}"
        )
        ctx.add(2, ctx.s, start, end + 1 + len(said), e, "verb", message, None)
        return True

    def _list(self, ctx: _Ctx, e: _Entry) -> None:
        s = ctx.s.text
        starts = ctx.members.get(e.id)
        if not starts:
            return
        forms = sorted(e.forms, key=len, reverse=True)
        lengths = sorted({len(m) for m in forms}, reverse=True)
        prefix, suffix = _affixes(tuple(forms))
        done = -1
        for i in starts:
            if i < done:
                continue
            first = next(m for m in forms if s.startswith(m, i))
            tokens = [_Token(i, i + len(first), "exact", e.forms[first])]
            # walk left, then right
            while True:
                token = _token_before(s, tokens[0].start, e, lengths, prefix, suffix)
                if token is None:
                    break
                tokens.insert(0, token)
            defined = _defined_before(s, tokens[0].start, e.name)
            while True:
                token = _token_after(s, tokens[-1].end, e, lengths, prefix, suffix)
                if token is None and defined:  # “三会一课”即…、主题党日和党课: any item
                    token = _other_item(s, tokens[-1].end, e, lengths)
                if token is None:
                    break
                tokens.append(token)
            done = tokens[-1].end
            self._judge_list(ctx, e, tokens, defined)

    def _judge_list(self, ctx: _Ctx, e: _Entry, tokens: list[_Token], defined: bool) -> None:
        """The list read at tokens, its name defined right before it or not."""
        exact = [t.member for t in tokens if t.kind == "exact"]
        if len(set(exact)) < 2 and not (
            exact
            and len(tokens) > 1
            and all(t.kind != "affix" for t in tokens)
            and (len(tokens) == len(e.members) or all(len(t.member or "") >= 6 for t in tokens))
        ):
            return  # (the whole list, or one long member beside another one off it, will do)
        s = ctx.s.text
        for t in tokens:  # 调协: a member with two characters swapped, and there
            if t.kind == "swapped":
                got = s[t.start : t.end]
                what = "字序" if got in _transpositions(t.member or "") else "语序"
                message = f"{_quoted(got)}{what}有误，应为{_quoted(t.member)}（{e.listing}）"
                ctx.add(3, ctx.s, t.start, t.end, e, "wrong-form", message, t.member)
                t.kind = "exact"
                exact.append(t.member)
        missing = [m for m in e.members if m not in exact]
        for t in tokens:  # 做事要实: one off 谋事要实 (written) and 做人要实 (missing)
            if t.kind == "one-off" and t.member not in missing:
                got = s[t.start : t.end]
                offs = [m for m in _one_off_members(got, e) if m in missing]
                if len(offs) == 1:
                    t.member, t.likeness = offs[0], likeness(*_differing(got, offs[0]))
        for t in tokens:  # 干事要实 beside 谋事要实: not a misspelling, an item more
            if t.kind == "one-off" and not t.likeness and t.member in exact:
                t.kind, t.member = "affix", None
        canon = "、".join(e.members)
        indices = [e.members.index(t.member) if t.member else -1 for t in tokens]
        in_order = indices == list(range(indices[0], indices[0] + len(indices)))
        for t in tokens:
            if t.kind != "one-off" or t.member not in missing:
                continue
            if not t.likeness and not in_order and len(tokens) != len(e.members):
                continue  # 开放、协同、共享: another list, not the formulation misspelt
            got = s[t.start : t.end]
            fix = t.member if _edge_is_sure(s, t.start, got, t.member) else None
            if t.likeness:
                message = f"{_quoted(got)}应为{_quoted(t.member)}（{e.listing}）"
                ctx.add(3, ctx.s, t.start, t.end, e, "near-miss", message, fix)
            else:
                message = (
                    f"{_quoted(e.name)}中没有{_quoted(got)}，应为{_quoted(t.member)}（{e.listing}）"
                )
                ctx.add(3, ctx.s, t.start, t.end, e, "member", message, fix)
            missing.remove(t.member)
        others = [t for t in tokens if t.kind in ("affix", "other")]
        last = tokens[-1]
        named = defined or e.name in _sentence(s, tokens[0].start, last.end)
        group = (
            (
                _group(s[others[0].start : others[0].end], e)
                if others[0].kind == "affix"
                else e.members
            )
            if len(others) == 1
            else ()
        )
        written = [t.member for t in tokens if t.kind == "exact"]
        if (
            group
            and not [m for m in group if m not in written]
            and len(tokens) == len(written) + 1
            and _in_order(written, e.members)
            and (named or s.startswith(_name_heads(e.name), last.end))
        ):  # every member (of those sharing the item's affix: 严以修身、严以用权、严以律己 of
            # “三严三实”) and one more where the name is said: inside the list (“四风”即…、
            # 享乐主义、拜金主义和奢靡之风), last before the name (…、党的建设“五位一体”) or
            # anywhere in its sentence (…文化自信、历史自信，筑牢“四个自信”)
            last = others[0]
            got = s[last.start : last.end]
            message = f"{_quoted(e.name)}中没有{_quoted(got)}，应为：{canon}"
            ctx.add(3, ctx.s, last.start, last.end, e, "member", message, None)
            return
        if e.ordered and 3 <= len(tokens) < len(e.members) and self._part(ctx, e, tokens):
            return
        if not named and any(t.kind == "other" for t in tokens):
            return  # an item the list does not have, where the name is not said: other prose
        if len(tokens) == len(e.members) and len(others) == 1 and len(missing) == 1:
            t, right = others[0], missing[0]
            # an item found by its affix at either end of the list, by a member's length:
            # where Han text touches it, where it begins or ends is a guess (经受住执政考验)
            guessed = (t is tokens[0] and t.start and _han(s[t.start - 1])) or (
                t is tokens[-1] and t.end < len(s) and _han(s[t.end])
            )
            got = s[t.start : t.end]
            tail = _common_prefix([got[::-1], right[::-1]])[::-1]
            shared = _common_prefix([m[::-1] for m in e.members])  # the members' own affix
            if guessed and len(tail) > len(shared) and t is tokens[0]:
                message = f"{_quoted(tail)}不完整，应为{_quoted(right)}（{e.listing}）"
                ctx.add(3, ctx.s, t.end - len(tail), t.end, e, "truncated", message, None)
                return
            message = f"{_quoted(e.name)}中没有{_quoted(got)}，应为{_quoted(right)}（{e.listing}）"
            ctx.add(3, ctx.s, t.start, t.end, e, "member", message, None if guessed else right)
            return
        if all(t.kind == "exact" for t in tokens):
            sentence = _sentence(s, tokens[0].start, tokens[-1].end)
            if missing and sentence.count(missing[0]) > 0:
                return  # 在道路自信、理论自信、制度自信基础上增加了文化自信: told, not left out
            whole = e.complete or (  # (…生态文明建设“五位一体”总体布局)
                defined if e.partial else e.name in sentence
            )  # (a partial list, where its name is defined: “三会一课”即…)
            a, b = tokens[0].start, tokens[-1].end
            sep = next((x for x in _SEPARATORS_AFTER if s.startswith(x, b)), "")
            if sep and _DOUBLED.sub(r"\1", s[b + len(sep) : b + 2 * len(sep) + 12]).startswith(
                tuple(missing)
            ):
                return  # …核心意识、看齐齐意识: there, written with a character twice
            if (
                sep == "、"
                and [t.member for t in tokens] == list(e.members[:-1])
                and _replaces_head(s, b + 1, e.members[-1])
            ):  # …工作纪律、生活作风: the last member's head, then other words
                got, right = s[b + 1 : b + 1 + len(e.members[-1])], e.members[-1]
                message = (
                    f"{_quoted(e.name)}中没有{_quoted(got)}，应为{_quoted(right)}（{e.listing}）"
                )
                ctx.add(3, ctx.s, b + 1, b + 1 + len(got), e, "member", message, right)
                return
            if whole and len(tokens) == len(e.members) - 1 and len(missing) == 1:
                message = f"{_quoted(e.name)}缺少{_quoted(missing[0])}，应为：{canon}"
                fixed = (
                    canon
                    if [t.member for t in tokens] == [m for m in e.members if m != missing[0]]
                    and missing[0] == e.members[-1]
                    and not sep
                    else None
                )  # (…核心意识、齐意识: the last item is there, misspelt: not appended)
                ctx.add(3, ctx.s, a, b, e, "member", message, fixed)
            elif (
                e.ordered
                and len(tokens) == len(e.members)
                and not missing
                and [t.member for t in tokens] != list(e.members)
            ):
                a, b = tokens[0].start, tokens[-1].end
                pieces, at = [], a
                for t, member in zip(tokens, e.members, strict=True):
                    pieces.append(s[at : t.start] + member)
                    at = t.end
                message = f"{_quoted(e.name)}的顺序应为：{canon}"
                ctx.add(3, ctx.s, a, b, e, "member", message, "".join(pieces))
            elif len(tokens) == len(e.members) and not missing and sep and sep[-1] in _ITEM_MARKS:
                # every member, then one more item before the name: …共享、安全的新发展理念
                q = b + len(sep)
                heads = _name_heads(e.name)
                k = q
                while k < len(s) and k - q < max(map(len, e.members)) and _han(s[k]):
                    if s.startswith(heads, k):
                        break
                    k += 1
                if k > q and s.startswith(heads, k):
                    extra = s[q:k]
                    message = f"{_quoted(e.name)}中没有{_quoted(extra)}，应为：{canon}"
                    ctx.add(3, ctx.s, q, k, e, "member", message, None)

    def _crossed(self, ctx: _Ctx) -> None:
        if not self.crossed:
            return
        c = ctx.c.text
        for e, needle, obj, j in self.crossed:
            for i in _finds(c, needle):
                start = i + len(e.lead)
                sentence = _sentence(c, i, i + len(needle))
                own = [_core(_strip_optional(m, e.optional))[len(e.lead) :] for m in e.members]
                if e.name not in sentence and not any(o in sentence for o in own):
                    continue
                right = (
                    _strip_optional(e.members[j], e.optional)[len(e.lead) :]
                    if j < len(e.members)
                    else None
                )
                if right is not None and _core(right) in sentence:
                    right = None  # the clause is there already: which one is meant is a guess
                message = (
                    f"{_quoted(e.name)}是：{e.canonical}；"
                    f"{_quoted(e.lead)}后的{_quoted(obj)}属于另一提法"
                )
                ctx.add(4, ctx.c, start, start + len(obj), e, "member", message, right)

    def _fuzzy(self, ctx: _Ctx) -> None:
        if not self.targets:
            return
        c = ctx.c.text
        for target in self.targets:
            n = len(target.core)
            covered = _Spans()  # the target's exact writings and misquotes found so far
            for i in _finds(c, target.core):
                covered.add(i, i + n)
            for v in target.variants:
                for i in _finds(c, v):
                    covered.add(i, i + len(v))
            seen: set[int] = set()
            bigrams = target.bigrams
            need = (n - 1) - 2 * target.max_edits
            for anchor, offset in target.anchors:
                for i in _finds(c, anchor):
                    guess = i - offset
                    if guess in seen or covered.overlaps(guess, guess + n):
                        continue
                    seen.add(guess)
                    lead = target.entry.lead
                    if (
                        lead
                        and c.find(
                            lead,
                            max(0, guess - target.max_edits - 1),
                            guess + len(lead) + target.max_edits + 1,
                        )
                        < 0
                    ):
                        continue  # a clause opens with its lead verb
                    lo = max(0, guess - target.max_edits - 1)
                    window = c[lo : guess + n + target.max_edits + 1]
                    if (
                        sum(1 for k in range(len(window) - 1) if window[k : k + 2] in bigrams)
                        < need
                    ):
                        continue
                    found = _align(target.core, window)
                    if found is None:
                        continue
                    cost, a, b, ops = found
                    a, b = a + lo, b + lo
                    if cost == 0 or cost > target.max_edits:
                        continue
                    whole = ops, a, b
                    ops, a, b = _trim_unlike_edges(ops, a, b)
                    if covered.overlaps(a, b):
                        continue
                    lead = len(e.lead) if (e := target.entry).lead else 0
                    if lead and [op for op, _, _ in ops[:lead]] != ["="] * lead:
                        continue  # a clause must open with its lead verb
                    problem = _classify(ops, n, c, a, b)
                    if problem is None and ops != whole[0] and self._clause_ends(ctx, *whole[1:]):
                        # the unlike end is inside a clause the punctuation closes: a word
                        # replaced (务必谦虚谨慎、艰苦朴素，), not text beyond the quote
                        ops, a, b = whole
                        problem = _classify(ops, n, c, a, b)
                    cut = _clause_break(ctx, a, b) if problem is None else None
                    if cut is not None:  # the match ran into the next clause: the text before
                        again = _align(target.core, c[lo:cut])  # (…全党的核心，确立…)
                        if again is not None and 0 < again[0] <= target.max_edits:
                            ops, a, b = _trim_unlike_edges(again[3], again[1] + lo, again[2] + lo)
                            problem = _classify(ops, n, c, a, b)
                    more = _inserted_item(ctx, ops, a) if problem is None else None
                    if more is not None:  # 鼓励、支持、引导、保护非公有制经济发展
                        x, y = more
                        got = c[x:y]
                        covered.add(a, b)
                        message = f"{_quoted(target.text)}中没有{_quoted(got)}"
                        ctx.add(5, ctx.c, x, y, target.entry, "member", message, None)
                        continue
                    if problem is None:
                        continue
                    covered.add(a, b)
                    x, y = ctx.c.span(a, b)
                    written, raw = ctx.raw[x:y], ctx.raw
                    if problem == "truncated" and _cut_at_an_end(ops) and _quoting(raw, x, y):
                        continue  # a speech quoted word for word (…贯彻新时代中国特色社会主义思想…)
                    got = "".join(written.split())
                    certain = (
                        _certain_edits(ops, raw[x - 1 : x], raw[y : y + 1])
                        and not any(q in written for q in _QUOTES)
                        and not _swapped(c[max(0, a - 1) : b], target.core)
                        and not _swapped(c[a : b + 1], target.core)
                    )
                    what = {"truncated": "不完整", "near-miss": "有错字", "wrong-form": "有误"}[
                        problem
                    ]
                    swaps = [w for op, _, w in ops if op == "swap"]
                    if swaps:
                        what = "字序有误" if len(swaps[0]) == 2 else "语序有误"
                    message = f"{_quoted(got)}{what}，应为{_quoted(target.text)}"
                    if e.kind == "statement":
                        message += f"（{e.listing}）"
                    ctx.add(5, ctx.c, a, b, e, problem, message, target.text if certain else None)

    @staticmethod
    def _clause_ends(ctx: _Ctx, a: int, b: int) -> bool:
        """Whether the text at a..b of the core view has no Han character right before or
        after it in the draft (punctuation, a line's end or the text's ends)."""
        x, y = ctx.c.span(a, b)
        raw = ctx.raw
        return not (x and _han(raw[x - 1])) and not (y < len(raw) and _han(raw[y]))

    def _near_misses(self, ctx: _Ctx) -> None:
        s = ctx.s.text
        index = self.oneoff
        known = self.known_words
        for i, bigram in ctx.starts["oneoff"]:
            for offset, length, words in index[bigram]:
                start = i - offset
                got = s[start : start + length]
                if start < 0 or len(got) != length or got in known:
                    continue  # (most are a name or member word for word)
                for word, e, is_name in words:
                    differ = sum(map(ne, got, word))
                    if differ == 1:
                        self._near_miss(ctx, start, got, word, e, is_name)
                    elif differ == 2 and got in _transpositions(word):
                        self._transposition(ctx, start, got, word, e, is_name)

    def _near_miss(
        self, ctx: _Ctx, start: int, got: str, word: str, e: _Entry, is_name: bool
    ) -> None:
        """Report got (at start) for word, one character off it, unless it is other words."""
        s = ctx.s.text
        k = _one_diff(got, word)
        if is_name and e.count_head and k < len(e.count_numeral):
            return  # a count: reported by _counts
        if not _han(got[k]) or (got[k] in _NUMBERS and word[k] in _NUMBERS):
            return  # (二十届五中全会: another session, not a misspelling)
        score = likeness(got[k], word[k])
        if score == 0 and not (is_name and self._unlike_ok(s, start, got, k, e)):
            return  # unlike characters: only where the quoted text is this name
        end = start + len(word)
        if score == 1 and not self._context(s, start, end, e):
            return  # a near sound needs the formulation around it
        if (
            score == 2
            and not (is_name and e.exclusive)  # no ordinary words are one off it
            and not self._context(s, start, end, e, 1)
            and other_words(s, start, got, k)
        ):
            return  # other words, alone (整治纪律涣散, 理论自身): not this member
        message = f"{_quoted(got)}应为{_quoted(word)}"
        if e.members and not is_name:
            message += f"（{e.listing}）"
        fix = word if _edge_is_sure(s, start, got, word) else None
        ctx.add(6, ctx.s, start, end, e, "near-miss", message, fix)

    def _transposition(
        self, ctx: _Ctx, start: int, got: str, word: str, e: _Entry, is_name: bool
    ) -> None:
        """Report got (at start) for word, two neighbouring characters of it swapped (齐看意识,
        二十届三全中会), unless they are numerals (another meeting) or, in a word of four, a
        common word of their own (伟大争斗)."""
        k = next(i for i, (x, y) in enumerate(zip(got, word, strict=True)) if x != y)
        if len(word) == 4 and not _no_word_at(ctx.s.text, start + k):
            return
        message = f"{_quoted(got[k : k + 2])}字序有误，应为{_quoted(word)}"
        if e.members and not is_name:
            message += f"（{e.listing}）"
        ctx.add(6, ctx.s, start, start + len(word), e, "wrong-form", message, word)

    def _damaged_names(self, ctx: _Ctx) -> None:
        """A quoted text that is a name with one character dropped or two swapped, unless it
        is other words (a quoted ordinary phrase)."""
        s = ctx.s.text
        for m in _QUOTED.finditer(s):
            got = m.group(1)
            found = self.damaged.get(got)
            if not found or len(found) > 1:
                continue  # (two names damaged alike: which is meant is a guess)
            e, problem = found[0]
            if problem == "count":
                if e.name in _sentence(s, m.start(), m.end()) or _is_word(got):
                    continue  # (a history told with the right name; “三位一体”, a word)
                message = f"{_quoted(got)}有误，应为{_quoted(e.name)}（{e.listing}）"
                ctx.add(7, ctx.s, m.start(1), m.end(1), e, problem, message, e.name)
                continue
            if other_words(s, m.start(1), got, -1) or (
                len(e.name) - len(got) > 1 and _is_word(got)
            ):
                continue  # (“毫不动摇”, “必由之路”: words, quoted on their own)
            what = "缺字" if problem == "truncated" else "字序有误"
            message = f"{_quoted(got)}{what}，应为{_quoted(e.name)}"
            if e.canonical != e.name:
                message += f"（{e.listing}）"
            ctx.add(7, ctx.s, m.start(1), m.end(1), e, problem, message, e.name)

    def _doubled(self, ctx: _Ctx) -> None:
        """A name, member or term with a character or two inside it written twice (三中全全会,
        社会主义主义思想), a slip of the keyboard; or at its end, where the second copy begins
        no common word (二十大大报告, 三严三实实要求; not 四个全面面向)."""
        s = ctx.s.text
        for m in _DOUBLED.finditer(s):
            i, twice = m.start(), m.group(1)
            if not all(_han(ch) for ch in twice):
                continue
            n = len(twice)
            lo = max(0, i - self.longest)
            joined = s[lo : i + n] + s[i + 2 * n : i + 2 * n + self.longest]
            k = i - lo  # the copy kept, in joined
            for start, word in self.doubling.find(joined)["names"]:
                inside = k + n < start + len(word)
                if start < k and (inside or (k + n == start + len(word) and _no_word_at(s, i + n))):
                    a, b = lo + start, lo + start + len(word) + n
                    e = self.name_owner[word]
                    message = f"{_quoted(s[a:b])}多了一个{_quoted(twice)}，应为{_quoted(word)}"
                    ctx.add(0, ctx.s, a, b, e, "wrong-form", message, word)
                    break

    def _dropped(self, ctx: _Ctx) -> None:
        """A long list member with a character, or two, inside it left out; a fuzzy term
        with a word inside it left out."""
        for start, form in ctx.starts["dropped"]:
            e, member = self.dropped[form]
            message = f"{_quoted(form)}缺字，应为{_quoted(member)}"
            if e.kind != "term":
                message += f"（{e.listing}）"
            ctx.add(7, ctx.s, start, start + len(form), e, "truncated", message, member)

    def _out_of_order(self, ctx: _Ctx) -> None:
        """The items either side of a 、 of a statement or term in each other's place."""
        s = ctx.s.text
        for start, wrong in ctx.starts["swapped"]:
            end = start + len(wrong)
            for before, after, e, right in self.swapped[wrong]:
                if s.startswith(before, start - len(before)) and s.startswith(after, end):
                    message = f"{_quoted(wrong)}语序有误，应为{_quoted(right)}（{e.listing}）"
                    ctx.add(7, ctx.s, start, end, e, "wrong-form", message, right)
                    break

    def _titles(self, ctx: _Ctx) -> None:
        """The title of a document a meeting adopted, in 《》, misquoted: words left out, added
        or replaced inside it (《中共中央关于全面深化改革、推进中国式现代化的决定》: 进一步 left
        out), at most a fifth of it, not where a numeral differs (第十四个五年规划: another
        document) or it begins or ends otherwise (《深化党和国家机构改革方案》, 2018), nor for a
        short title; or cut short (《党和国家机构改革》), where the sentence names the meeting or
        the title keeps two thirds of the document's, its first four and last two characters.
        Each title is judged once (a draft may quote one many times)."""
        s = ctx.s.text
        judged: dict[str, tuple[str, str, _Entry] | None] = {}
        for m in _TITLE.finditer(s):
            title = m.group(1)
            if title not in judged:
                judged[title] = self._title(title, _sentence(s, m.start(), m.end()))
            found = judged[title]
            if found is not None:
                problem, doc, e = found
                start = m.start(1)
                what = "不完整" if problem == "truncated" else "有误"
                message = f"《{title}》{what}，应为{_quoted(e.name)}审议通过的《{doc}》"
                ctx.add(3, ctx.s, start, start + len(title), e, problem, message, doc)

    def _title(self, title: str, sentence: str) -> tuple[str, str, _Entry] | None:
        """(problem, the document, its meeting) that a title misquotes, if one does."""
        close, cut = [], []
        for doc, _, e, short in self.documents:
            if title == doc:
                return None
            if len(title) < len(doc) and _numerals(title) == _numerals(doc):
                it = iter(doc)
                if all(ch in it for ch in title) and (
                    short in sentence
                    or (
                        3 * len(title) >= 2 * len(doc)
                        and (title[:4], title[-2:]) == (doc[:4], doc[-2:])
                    )
                ):
                    cut.append((doc, e))
                    continue
            if (
                len(title) == len(doc) >= TITLE_FUZZY
                and sum(map(ne, title, doc)) == 1
                and _numerals(title) == _numerals(doc)
            ):  # one character off, even at an end (…历史经验的决定, for 决议)
                close.append((doc, e))
                continue
            edits = len(doc) // 5
            if (
                len(doc) < TITLE_FUZZY
                or (title[:2], title[-2:]) != (doc[:2], doc[-2:])  # (深化…方案: another one)
                or abs(len(title) - len(doc)) > edits
                or _numerals(title) != _numerals(doc)
            ):
                continue
            cost, a, b, _ = _align(doc, title)
            if cost + a + len(title) - b <= edits:
                close.append((doc, e))
        if len(cut) + len(close) > 1:  # the meeting named in the sentence tells which
            cut = [(d, e) for d, e in cut if _short_name(e.name) in sentence]
            close = [(d, e) for d, e in close if _short_name(e.name) in sentence]
        if len(cut) == 1 and not close:
            return ("truncated", *cut[0])
        if len(close) == 1 and not cut:
            return ("wrong-form", *close[0])
        return None

    def _meetings(self, ctx: _Ctx) -> None:
        """A meeting named wrongly: its name damaged (二十届三中会, 二十届是中全会), or another
        meeting's name where the date right before it (2022年10月召开的…) or a document, in the
        same clause, says which meeting it is (党的十二届三中全会审议通过了《中共中央关于进一步
        全面深化改革、推进中国式现代化的决定》). Only a damaged name has a fix."""
        s = ctx.s.text
        for start, form in ctx.starts["meeting_forms"]:
            found = self.meeting_forms[form]
            e, right = found[0]
            if form.endswith("中") and not _cut_plenum(s, start + len(form)):
                continue
            problem = "truncated" if len(form) < len(right) else "near-miss"
            if len(found) > 1:  # (二十届中全会: which plenum is a guess)
                message = f"{_quoted(form)}缺少全会的序号（如“二十届三中全会”）"
                right = None
            elif problem == "truncated":
                message = f"{_quoted(form)}缺字，应为{_quoted(right)}"
            else:
                message = f"{_quoted(form)}应为{_quoted(right)}"
            ctx.add(0, ctx.s, start, start + len(form), e, problem, message, right)
        if "届" not in s and "大" not in s:
            return
        refs = []
        for m in _PLENUM.finditer(s):
            plenum = _plenum(m.group(2))
            if plenum is None:
                self._plenum_number(ctx, m)
            else:
                refs.append((m.start(), m.end(), (cn_number(m.group(1)), plenum)))
        for m in _CONGRESS.finditer(s):
            refs.append((m.start(), m.end(), (cn_number(m.group(1)), 0)))
        for start, end, key in refs:
            if not self._meeting_date(ctx, start, end, key):
                self._meeting_documents(ctx, start, end, key)

    def _plenum_number(self, ctx: _Ctx, m: re.Match) -> None:
        """二十届是中全会: a character alike to one number only, in the plenum's number."""
        got = m.group(2)
        if not _han(got):
            return
        alike = [n for n in "一二三四五六七八九" if likeness(got, n)]
        if len(alike) != 1:
            return
        written = m.group()
        right = written[: m.start(2) - m.start()] + alike[0] + written[m.end(2) - m.start() :]
        e = self.meetings.get((cn_number(m.group(1)), cn_number(alike[0])))
        if e is None:
            return
        message = f"{_quoted(written)}应为{_quoted(right)}"
        ctx.add(0, ctx.s, m.start(), m.end(), e, "near-miss", message, right)

    def _meeting_date(self, ctx: _Ctx, start: int, end: int, key: tuple[int, int]) -> bool:
        """The date right before or after a meeting's name is another meeting's (of the same
        kind)."""
        s = ctx.s.text
        m = _DATE_BEFORE.search(s, max(0, start - 24), start) or _DATE_AFTER.match(s, end)
        if m is None:
            return False
        held = (int(m.group(1)), int(m.group(2)))
        got = s[start:end]
        e = self.meetings.get(key)
        if e is not None:
            if held in e.months:
                return self._meeting_days(ctx, start, end, e, m)
            first = e.days[0]
            message = f"{_quoted(e.name)}于{first[:4]}年{int(first[5:7])}月召开，"
            message += f"不是{held[0]}年{held[1]}月"
        else:
            same = [
                (term, f)
                for (term, plenum), f in self.meetings.items()
                if held in f.months and bool(plenum) == bool(key[1])
            ]
            if len(same) != 1 or abs(same[0][0] - key[0]) <= 1:
                return False  # (a plenum of the term before may be held the same month)
            e = same[0][1]
            message = f"{held[0]}年{held[1]}月召开的是{_quoted(e.name)}，{_quoted(got)}有误"
        ctx.add(3, ctx.s, start, end, e, "wrong-form", message, None)
        return True

    @staticmethod
    def _meeting_days(ctx: _Ctx, start: int, end: int, e: _Entry, m: re.Match) -> bool:
        """The days of a date in the meeting's month: one day within its days, or its first
        and last day (2022年10月16日至22日)."""
        first, last = m.group(3), m.group(4)
        if first is None:
            return False
        month = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        written = (f"{month}-{int(first):02d}", f"{month}-{int(last):02d}" if last else None)
        held, until = e.days
        if written[1] is None and held <= written[0] <= until:
            return False
        if written == (held, until):
            return False
        days = f"{held[5:7].lstrip('0')}月{held[8:].lstrip('0')}日"
        if until != held:
            days += f"至{until[8:].lstrip('0')}日"
        message = f"{_quoted(e.name)}于{held[:4]}年{days}召开，日期有误"
        ctx.add(3, ctx.s, start, end, e, "wrong-form", message, None)
        return True

    def _meeting_documents(self, ctx: _Ctx, start: int, end: int, key: tuple[int, int]) -> None:
        """A document adopted, or an act done (meeting.acts: 选举产生新一届中央领导机构), by
        another meeting, in the same clause as this meeting's name, with no other name of that
        meeting in the clause (…以来，三中全会通过《…》)."""
        s = ctx.s.text
        breaks = _CLAUSE_BREAK
        before = [m.end() for m in breaks.finditer(s, max(0, start - 200), start)]
        after = breaks.search(s, end, end + 200)
        a, b = (
            (before[-1] if before else max(0, start - 200)),
            (after.start() if after else min(len(s), end + 200)),
        )
        rest = s[a:start] + "|" + s[end:b]
        for doc, adopted_by, e, short in self.documents:
            if adopted_by == key or not _whole_title(rest, doc):
                continue
            if short in rest:
                continue  # the right meeting is named too
            message = f"《{doc}》是{_quoted(e.name)}审议通过的，{_quoted(s[start:end])}有误"
            ctx.add(3, ctx.s, start, end, e, "wrong-form", message, None)
            return
        for pattern, every_term, by, e, short in self.acts:
            if by == key or (every_term and by[1] == key[1]) or short in rest:
                continue  # (选举产生…中央领导机构: every term's first plenum did)
            if every_term and by[1] and not key[1]:
                continue  # (a congress and its first plenum are told as one: 二十大选举产生…)
            did = next(finditer(pattern, rest, f"规范提法{_quoted(e.id)}的"), None)
            if did is not None:
                what = did.group()
                message = f"{_quoted(what)}的是{_quoted(e.name)}，{_quoted(s[start:end])}有误"
                ctx.add(3, ctx.s, start, end, e, "wrong-form", message, None)
                return

    def _clauses(self, ctx: _Ctx) -> None:
        """A statement written out clause by clause (each opening with its lead verb, one
        after another) where it is surely this statement: its name is in the sentence; or, for
        three clauses or more, two of them are its own; or, for two, one is its own and the
        other opens or ends like its member (毫不动摇巩固和发展国有经济). Reported: a clause that is
        none of its members (务必谦虚谨慎、戒骄戒躁), all its clauses in another order, or,
        named, one of three clauses left out. No fix: what the writer meant is a guess. Two
        clauses that do not open alike are ordinary prose (坚决维护党中央权威…，坚决维护社会
        大局稳定)."""
        s = ctx.s.text
        for e, cores in self.statements:
            n = len(cores)
            for group in _clause_groups(s, e):
                if len(group) == 1 and not (n == 2 and self._defines(s, group[0][0], e)):
                    continue  # (one clause is a statement only where its name is defined)
                sentence = _sentence(s, group[0][0], group[-1][1])
                named = e.name in sentence
                clauses = [_core(s[a:b]) for a, b in group]
                matched = [_clause_member(c, cores, e) for c in clauses]
                known = sum(m is not None for m in matched)
                if (
                    named
                    and len(group) == n + 1
                    and [m for m in matched if m is not None] == list(range(n))
                ):  # every clause and one more: …，务必清正廉洁
                    a, b = group[matched.index(None)]
                    message = f"{_quoted(e.name)}是：{e.canonical}；{_quoted(s[a:b])}不在其中"
                    ctx.add(8, ctx.s, a, b, e, "member", message, None)
                    continue
                if len(group) == n and known == n:
                    if matched != list(range(n)) and sorted(matched) == list(range(n)):
                        a, b = group[0][0], group[-1][1]
                        message = f"{_quoted(e.name)}的顺序应为：{e.canonical}"
                        ctx.add(8, ctx.s, a, b, e, "member", message, None)
                        continue
                    for (a, b), m, clause in zip(group, matched, clauses, strict=True):
                        more = clause[len(cores[m]) :] if m >= 0 else ""
                        if (
                            clause.startswith(cores[m])
                            and 2 <= len(more) <= 6
                            and s.endswith("、" + more, a, b)
                        ):  # 务必谦虚谨慎、艰苦奋斗、勤俭节约: an item more at a clause's end
                            right = _quoted(e.members[m])
                            message = f"{_quoted(e.name)}中没有{_quoted(more)}，应为{right}"
                            ctx.add(8, ctx.s, b - len(more) - 1, b, e, "member", message, None)
                    continue
                sure = named or (n >= 3 and known >= 2)
                if len(group) == n and not sure and n == 2 and known == 1:
                    j = matched.index(None)
                    head = len(_common_prefix([clauses[j], cores[j]])) - len(e.lead)
                    tail = len(_common_prefix([clauses[j][::-1], cores[j][::-1]]))
                    sure = max(head, tail) >= 4  # opens or ends like the member
                if len(group) == n and sure:
                    free = [j for j in range(n) if j not in matched]
                    for j, ((a, b), m) in enumerate(zip(group, matched, strict=True)):
                        if m is not None:
                            continue
                        right = (
                            e.members[j]
                            if j in free
                            else e.members[free[0]]
                            if len(free) == 1
                            else None
                        )
                        message = f"{_quoted(e.name)}是：{e.canonical}；{_quoted(s[a:b])}不在其中"
                        if right:
                            message += f"，应为{_quoted(right)}"
                        ctx.add(8, ctx.s, a, b, e, "member", message, None)
                elif named and len(group) == n - 1 == known:
                    left = [m for j, m in enumerate(e.members) if j not in matched]
                    a, b = group[0][0], group[-1][1]
                    message = f"{_quoted(e.name)}缺少{_quoted(left[0])}，应为：{e.canonical}"
                    ctx.add(8, ctx.s, a, b, e, "member", message, None)

    def _tailed(self, ctx: _Ctx) -> None:
        """A statement without a lead, its clauses ending alike, written out where its name
        is in the sentence: a clause more (…、同世界文明成果相结合), a clause that is none of
        its members, or, right after its name is defined (“两个结合”就是…), one left out."""
        s = ctx.s.text
        for e, cores, tail, marks in self.tailed:
            if tail not in s or e.name not in s:
                continue
            names = list(_finds(s, e.name))
            for group in _tail_groups(s, cores, tail, marks):
                a, b = group[0][0], group[-1][1]
                # the name in the sentence, and near: a page-long sentence is no statement's
                left, right = _sentence_bounds(s, a, b)
                left, right = max(left, a - NAME_NEAR), min(right, b + NAME_NEAR)
                j = bisect_left(names, left)
                if j == len(names) or names[j] + len(e.name) > right:
                    continue
                matched = [self._member_of(_core(s[x:y]), cores, e) for x, y in group]
                alike = [  # (a clause ending like a member: cut short, or opening otherwise)
                    None if m is not None else _ends_like(_core(s[x:y]), cores, tail)
                    for (x, y), m in zip(group, matched, strict=True)
                ]
                matched = [
                    end[0] if end is not None and end[1] == "cut" else m
                    for m, end in zip(matched, alike, strict=True)
                ]  # 我对同中国具体实际相结合: its subject left out, as writers may
                n, known = len(cores), [m for m in matched if m is not None]
                if len(set(known)) != len(known):
                    continue
                if len(group) == n + 1 and known == list(range(n)):
                    x, y = group[matched.index(None)]
                    message = f"{_quoted(e.name)}是：{e.canonical}；{_quoted(s[x:y])}不在其中"
                    ctx.add(8, ctx.s, x, y, e, "member", message, None)
                elif len(group) == n and len(known) == n - 1:
                    x, y = group[matched.index(None)]
                    right = e.members[next(j for j in range(n) if j not in known)]
                    message = (
                        f"{_quoted(e.name)}是：{e.canonical}；{_quoted(s[x:y])}不在其中，"
                        f"应为{_quoted(right)}"
                    )
                    ctx.add(8, ctx.s, x, y, e, "member", message, None)
                elif len(group) == n - 1 == len(known) and (
                    defined := _DEFINED.search(s, max(0, a - len(e.name) - 8), b)
                ):
                    a = max(a, defined.end())
                    left = [m for j, m in enumerate(e.members) if j not in known]
                    message = f"{_quoted(e.name)}缺少{_quoted(left[0])}，应为：{e.canonical}"
                    ctx.add(8, ctx.s, a, b, e, "member", message, None)
                else:  # a clause ending like one member, but opening otherwise (高质量发展是…)
                    for (x, y), m, end in zip(group, matched, alike, strict=True):
                        j = end[0] if m is None and end is not None else None
                        if j is not None and j not in known:
                            message = f"{_quoted(s[x:y])}有误，应为{_quoted(e.members[j])}"
                            message += f"（{e.listing}）"
                            ctx.add(8, ctx.s, x, y, e, "member", message, None)

    def _member_of(self, clause: str, cores: list[str], e: _Entry) -> int | None:
        """_clause_member, remembered per clause (a draft, or a batch, repeats its phrases)."""
        key = (e.id, clause)
        cache = self._clause_cache
        if key not in cache:
            if len(cache) >= CLAUSE_CACHE:
                cache.clear()
            cache[key] = _clause_member(clause, cores, e)
        return cache[key]

    @staticmethod
    def _defines(s: str, at: int, e: _Entry) -> bool:
        """The statement's name, then 即 / 就是 / ：, before the clause at ``at`` (its optional
        words aside: “两个维护”就是坚决维护…)."""
        for word in e.optional:
            if s.startswith(word, at - len(word)):
                at -= len(word)
                break
        return _defined_before(s, at, e.name)

    def _unlike_ok(self, s: str, start: int, got: str, k: int, e: _Entry) -> bool:
        """A quoted name one unlike character off is this name misquoted when it follows the
        entry's own verb (做到“两个拥护”), or, for an exclusive name, whatever precedes it
        (“三会一讲”), unless the change is in a numeral (“第二议题” is a count, not a typo)."""
        end = start + len(got)
        if not (start and s[start - 1] in _OPEN_Q and s[end : end + 1] in _CLOSE_Q):
            return False
        if s[end + 1 : end + 2] in _DEFINES:
            return False  # 树立“四种意识”：服务意识…: a list of its own, defined here
        if _after_verb(s, start - 1, e):
            return True
        return e.exclusive and not (got[k] in _NUMBERS and e.name[k] in _NUMBERS)

    def _context(self, s: str, start: int, end: int, e: _Entry, members: int = 2) -> bool:
        """Quoted, right after one of the entry's verbs, or in a sentence naming the entry or
        with this many of its members."""
        if start and s[start - 1] in _OPEN_Q:
            return True
        if _after_verb(s, start, e):
            return True
        sentence = _sentence(s, start, end)
        return e.name in sentence or sum(m in sentence for m in e.members) >= members


# ── helpers ──────────────────────────────────────────────────────────────────────────────


SWAP_CONTEXT = 4  # characters of the text either side of swapped items: enough to be sure
SWAP_ITEM = 14  # the longest item of an enumeration swapped with its neighbour


def _swapped_items(text: str) -> Iterator[tuple[str, str, str, str]]:
    """The items either side of a 、 of ``text`` that end in the same two characters, swapped
    (党中央的核心、全党的核心): (a few characters of the text before them, they as swapped, a
    few characters after, they as written right)."""
    han = [_han(ch) for ch in text]
    for at in _finds(text, "、"):
        first = at  # the items are Han characters: from here on the left, to last on the right
        while first > max(0, at - SWAP_ITEM) and han[first - 1]:
            first -= 1
        last = at + 1
        while last < min(len(text), at + 1 + SWAP_ITEM) and han[last]:
            last += 1
        ending = text[at - 2 : at]
        for b in range(at + 3, last + 1):
            if text[b - 2 : b] != ending:
                continue
            right = text[at + 1 : b]
            for a in range(first, at - 1):
                if text[a:at] != right:
                    before = text[max(0, a - SWAP_CONTEXT) : a]
                    yield before, f"{right}、{text[a:at]}", text[b : b + SWAP_CONTEXT], text[a:b]


_TITLE = re.compile("《([^《》\n]{6,80})》")
TITLE_FUZZY = 12  # titles this long or longer are compared loosely; shorter ones may be others


def _whole_title(text: str, title: str) -> bool:
    """The title is in the text as a whole, not inside a longer one (党和国家机构改革方案 in
    深化党和国家机构改革方案)."""
    return any(
        not (at and _han(text[at - 1])) and not _han(text[at + len(title) : at + len(title) + 1])
        for at in _finds(text, title)
    )


_NUMERAL_RUN = re.compile(f"第?[{_NUMBERS}〇]+|[0-9]+")


def _numerals(text: str) -> list[str]:
    """The numbers of a text: runs of numerals, but not one alone (进一步, 一体)."""
    return [run for run in _NUMERAL_RUN.findall(text) if len(run) > 1 or run.isdigit()]


def _inserted_item(ctx: _Ctx, ops, a: int) -> tuple[int, int] | None:
    """An item more inside an enumeration of the canonical text: the only edit, one to six
    Han characters in a row inserted, with a 、 in the draft right before or after them
    (引导、保护非公有制…). Their span in the core view, else None."""
    kinds = [op for op, _, _ in ops]
    at = [k for k, op in enumerate(kinds) if op == "ins"]
    if (
        not at
        or len(at) > 6
        or at[-1] - at[0] + 1 != len(at)
        or kinds.count("=") != len(kinds) - len(at)
    ):
        return None
    x, y = a + at[0], a + at[-1] + 1  # (only "=" and "ins": one window character each)
    c, raw = ctx.c.text, ctx.raw
    while x > 0 and c[x - 1] == c[y - 1]:  # the same insertion, as far left as it goes
        x, y = x - 1, y - 1  # (支持、扶持: 持扶 or 扶持 inserted)
    while True:
        if not all(map(_han, c[x:y])):
            return None
        rx, ry = ctx.c.span(x, y)
        if raw[rx - 1 : rx] == "、" or raw[ry : ry + 1] == "、":
            return x, y
        if y >= len(c) or c[x] != c[y]:
            return None
        x, y = x + 1, y + 1


def _clause_break(ctx: _Ctx, a: int, b: int) -> int | None:
    """The first place inside a..b of the core view where the draft has a clause break (，；)
    that the view drops, else None."""
    raw = ctx.raw
    for k in range(a + 1, b):
        x, y = ctx.c.raw(k - 1) + 1, ctx.c.raw(k)
        if any(ch in "，；,;" for ch in raw[x:y]):
            return k
    return None


def _cut_plenum(s: str, at: int) -> bool:
    """A plenum's name cut before 全会 ends at ``at``: other words follow (二十届四中审议), not
    全会, 精神 (another form) or the next plenum of a series (二十届三中、四中全会)."""
    after = s[at : at + 2]
    return bool(after) and _han(after[0]) and after[0] not in "全和与及至到" and after != "精神"


def _quoting(raw: str, start: int, end: int) -> bool:
    """raw[start:end] is inside a longer quotation within its paragraph (“…要在学习贯彻新时代
    中国特色社会主义思想上发挥示范引领作用…”): someone's words reproduced as they were said,
    not the writer's own wording."""
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end < 0 else line_end
    opened = raw.rfind("“", line_start, start)
    if opened < 0 or raw.find("”", opened, start) >= 0:
        return False
    closed = raw.find("”", end, line_end)
    return closed >= 0 and (closed - opened - 1) - (end - start) >= QUOTED_MORE


NAME_NEAR = 200  # characters from a statement's name within which its clauses are read
CLAUSE_CACHE = 10_000  # clauses whose member is remembered (then forgotten at once)
QUOTED_MORE = 8  # characters a quotation has besides the name: more than the name quoted


def _cut_at_an_end(ops) -> bool:
    """The text's only edits are characters left out at its beginning or end (新时代…思想 for
    习近平新时代…思想), none inside it (继续保持 for 继续地保持)."""
    kinds = "".join("d" if op == "del" else "=" if op == "=" else "x" for op, _, _ in ops)
    return "x" not in kinds and "d" not in kinds.strip("d")


def _after_verb(s: str, at: int, e: _Entry) -> bool:
    """One of the entry's verbs ends at ``at`` (within the six characters before it)."""
    before = s[max(0, at - 6) : at]
    return any(before.endswith(v) for v in e.verb_use)


@dataclass
class _Token:
    start: int
    end: int
    kind: str  # exact, one-off (one character off a member), swapped (two characters of a
    # member swapped), affix (shares the list's affix), other (an item of the members' one
    # length between two members)
    member: str | None = None
    likeness: int = 0


COMMON = 100  # a word this frequent (jieba's counts) after a name may begin with its last character


def _no_word_at(s: str, at: int) -> bool:
    """No common word of the lexicon begins at ``at`` (四个全面|面向, 全会|会议)."""
    from lint.language.lexicon import shared  # start-up time: only for a doubled character

    lex = shared()
    return all(lex.freq(s[at : at + n]) < COMMON for n in (2, 3, 4) if at + n <= len(s))


def _is_word(text: str) -> bool:
    """text is a common word of the lexicon (三位一体, 四位一体)."""
    from lint.language.lexicon import shared  # start-up time: only for a rare quoted form

    return shared().freq(text) >= WORD


_DEFINITION_OPENS = '[”"’」』]?[，,]?(?:即|就是|是指|指的是|包括|：|:)'  # “四风”即, ：
_DEFINED = re.compile(_DEFINITION_OPENS)  # anywhere
_DEFINITION = re.compile(_DEFINITION_OPENS + "\\Z")  # right before a place


def _defined_before(s: str, at: int, name: str) -> bool:
    """The name, then 即 / 就是 / ：, right before ``at``: what follows is its definition."""
    k = s.rfind(name, max(0, at - len(name) - 8), at)
    return k >= 0 and _DEFINITION.search(s, k + len(name), at) is not None


@lru_cache(maxsize=256)
def _name_heads(name: str) -> tuple[str, ...]:
    """The ways a list's name follows its items: …共享的新发展理念, …建设“五位一体”, …自信这
    “四个自信”."""
    return tuple(
        f"{x}{name}"
        for x in ("", "的", "“", "的“", '"', '的"', "这", "这“", '这"', "等", "等“", '等"')
    )


def _unbalanced(text: str) -> bool:
    """Whether text opens a quote it does not close, or closes one it did not open."""
    depth = 0
    for ch in text:
        if ch in _OPEN_Q and ch not in _CLOSE_Q:
            depth += 1
        elif ch in _CLOSE_Q and ch not in _OPEN_Q:
            depth -= 1
            if depth < 0:
                return True
        elif ch in _OPEN_Q:  # " and ': open or close by count
            depth += 1 if text.count(ch) % 2 else 0
    return depth != 0


def _clause_groups(s: str, e: _Entry) -> list[list[tuple[int, int]]]:
    """Runs of clauses opening with e's lead verb, each up to the next mark or lead, one
    after another with at most a mark and two characters between (坚决, 必须). A clause far
    longer than any member (no mark for a page) is none: it ends the run."""
    lead, name = e.lead, e.name
    reach = 2 * max(map(len, e.members)) + 8
    inside = set()  # leads inside the name (两个毫不动摇 holds its lead)
    if lead in name:
        at = name.index(lead)
        inside = {i + at for i in _finds(s, name)}
    starts = [i for i in _finds(s, lead) if i not in inside]
    groups: list[list[tuple[int, int]]] = []
    last = -1  # where the run's last clause ended
    for k, start in enumerate(starts):
        end = min(starts[k + 1] if k + 1 < len(starts) else len(s), start + reach + 1)
        for j in range(start + len(lead), end):
            if s[j] in _CLAUSE_END:
                end = j
                break
        else:
            if end - start > reach:
                last = -1
                continue
        if last >= 0 and _GAP.fullmatch(s, last, start):
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
        last = end
    return groups


def _tail_groups(s: str, cores: list[str], tail: str, marks: str) -> list[list[tuple[int, int]]]:
    """Runs of clauses ending with ``tail``, each from the mark before it (one of ``marks``
    or a clause's end; at most a little longer than the longest member) to the tail, one
    right after another's mark."""
    reach = max(map(len, cores)) + 8
    groups: list[list[tuple[int, int]]] = []
    last = -2
    for end in (i + len(tail) for i in _finds(s, tail)):
        start = end - len(tail)
        while start > 0 and end - start < reach and s[start - 1] not in marks + _CLAUSE_END:
            start -= 1
        if groups and start == last + 1 and s[last] in marks:
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
        last = end
    return groups


def _clause_member(clause: str, cores: list[str], e: _Entry) -> int | None:
    """The index of the member this clause (punctuation dropped) writes, with words added
    (毫不动摇地巩固…) or as the fuzzy check finds and reports it, else None."""
    for j, core in enumerate(cores):
        it = iter(clause)
        if all(ch in it for ch in core):
            return j
    if any(_core(v) in clause for v in e.variants):
        return -1
    for j, core in enumerate(cores):
        found = _align(core, clause)
        if found is not None and found[0] <= e.edits_for(core):
            cost, a, b, ops = found
            if cost == 0 or _classify(ops, len(core), clause, a, b) is not None:
                return j
    return None


def _edge_is_sure(s: str, start: int, got: str, word: str) -> bool:
    """Whether got (at start in s) may be replaced by word (one character off). Not when the
    odd character is at an end that touches another Han character and is not like the
    member's: 增强治意识 read as 强治意识 is 政 missing, not 强 written for 政."""
    k = _one_diff(got, word)
    if likeness(got[k], word[k]) == 2:
        return True
    if k == 0:
        return start == 0 or not _han(s[start - 1])
    if k == len(got) - 1:
        end = start + len(got)
        return end == len(s) or not _han(s[end])
    return True


def _one_diff(a: str, b: str) -> int:
    """The index of the only character where a and b (of one length) differ, else -1."""
    found = -1
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            if found >= 0:
                return -1
            found = k
    return found


def _common_prefix(words) -> str:
    words = list(words)
    first = words[0]
    k = 0
    while k < len(first) and all(len(w) > k and w[k] == first[k] for w in words):
        k += 1
    return first[:k]


def _one_off_members(t: str, e: _Entry) -> list[str]:
    """The entry's members one character off t, in canonical order."""
    return [m for m in e.members if len(m) == len(t) and _one_diff(t, m) >= 0]


def _inserted(longer: str, member: str) -> bool:
    """longer is member with one character inserted."""
    return len(longer) == len(member) + 1 and any(
        longer[:k] + longer[k + 1 :] == member for k in range(len(longer))
    )


def _differing(a: str, b: str) -> tuple[str, str]:
    k = _one_diff(a, b)
    return a[k], b[k]


def _classify_token(t: str, start: int, e: _Entry) -> _Token | None:
    if not all(_han(ch) for ch in t):
        return None
    if t in e.forms:
        return _Token(start, start + len(t), "exact", e.forms[t])
    offs = _one_off_members(t, e)
    if offs:
        return _Token(start, start + len(t), "one-off", offs[0], likeness(*_differing(t, offs[0])))
    for member in e.members:
        if len(member) == len(t) and (
            t in _transpositions(member) or t in _word_transpositions(member)
        ):
            return _Token(start, start + len(t), "swapped", member)
    return None


@lru_cache(maxsize=1024)
def _word_transpositions(word: str) -> frozenset[str]:
    """The word, five characters or more, with two neighbouring two-character words in each
    other's place (学党章党规 → 学党规党章), not two numerals."""
    if len(word) < 5:
        return frozenset()
    return frozenset(
        word[:k] + word[k + 2 : k + 4] + word[k : k + 2] + word[k + 4 :]
        for k in range(len(word) - 3)
        if word[k : k + 2] != word[k + 2 : k + 4] and not set(word[k : k + 4]) & set(_NUMBERS)
    )


@lru_cache(maxsize=4096)
def _transpositions(word: str) -> frozenset[str]:
    """The word with two neighbouring characters swapped (协调 → 调协; 看齐意识 → 齐看意识),
    not two numerals (十二届 is another meeting than 二十届)."""
    return frozenset(
        word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        for k in range(len(word) - 1)
        if word[k] != word[k + 1] and not {word[k], word[k + 1]} <= set(_NUMBERS)
    )


def _replaces_head(s: str, at: int, member: str) -> bool:
    """At ``at``, an item of the member's length that opens with its first two characters and
    ends where the Han text does, but is not the member (生活作风 for 生活纪律)."""
    got = s[at : at + len(member)]
    return (
        len(member) >= 4
        and len(got) == len(member)
        and got != member
        and got.startswith(member[:2])
        and all(map(_han, got))
        and not _han(s[at + len(got) : at + len(got) + 1] or "。")
    )


def _token_after(s, pos, e, lengths, prefix, suffix) -> _Token | None:
    sep = next((x for x in _SEPARATORS_AFTER if s.startswith(x, pos)), None)
    if sep is None:
        return None
    q = pos + len(sep)
    for length in lengths:
        t = s[q : q + length]
        if t in e.forms:
            return _Token(q, q + length, "exact", e.forms[t])
    for length in lengths:
        token = _classify_token(s[q : q + length], q, e)
        if token is not None and len(s[q : q + length]) == length:
            if _inserted(s[q : q + length + 1], token.member):
                return None  # 政治执行能力: the member with a character added, not replaced
            return token
    token = _affix_token(s, q, q, e, lengths, prefix, suffix, forward=True)
    if token is None and len(lengths) == 1:  # 创新、协调、绿色、开放、安全、共享: an item more
        end = q + lengths[0]
        then = next((x for x in _SEPARATORS_AFTER if s.startswith(x, end)), None)
        if all(map(_han, s[q:end])) and (
            (then and s[end + len(then) :].startswith(e.members))
            or (sep[-1] in _ITEM_MARKS and s.startswith(_name_heads(e.name), end))
        ):
            return _Token(q, end, "other")  # (only between two members or before the name)
    return token


def _other_item(s: str, pos: int, e: _Entry, lengths: list[int]) -> _Token | None:
    """After a separator at ``pos``, an item of Han characters (no longer than the longest
    member and two) up to the next separator, where a member follows it: an item the list
    does not have, between two of its members."""
    sep = next(
        (x for x in _SEPARATORS_AFTER if s.startswith(x, pos) and x[-1] in _ITEM_MARKS), None
    )
    if sep is None:
        return None
    q = pos + len(sep)
    end = _item_end(s, q, lengths[0] + 2, 1)
    then = next((x for x in _SEPARATORS_AFTER if s.startswith(x, end)), None)
    if end - q < 2 or then is None or not s.startswith(tuple(e.forms), end + len(then)):
        return None
    return _Token(q, end, "other")


def _item_end(s: str, q: int, most: int, least: int) -> int:
    """Where an item of Han characters beginning at q ends: before the next 、 / 和 / 及 / 与
    after more than ``least`` characters, at the first other character, or ``most`` + 1 on."""
    end = q
    while end < len(s) and _han(s[end]) and end - q <= most:
        if s.startswith(_ITEM_MARKS, end) and end - q > least:
            break
        end += 1
    return end


def _token_before(s, pos, e, lengths, prefix, suffix) -> _Token | None:
    sep = next((x for x in _SEPARATORS_AFTER if s.endswith(x, 0, pos)), None)
    if sep is None:
        return None
    q = pos - len(sep)
    for length in lengths:
        if q - length >= 0 and s[q - length : q] in e.forms:
            return _Token(q - length, q, "exact", e.forms[s[q - length : q]])
    for length in lengths:
        if q - length >= 0:
            token = _classify_token(s[q - length : q], q - length, e)
            if token is not None:
                if q - length > 0 and _inserted(s[q - length - 1 : q], token.member):
                    return None  # the member with a character added, not replaced
                return token
    return _affix_token(s, q, q, e, lengths, prefix, suffix, forward=False)


def _affix_token(s, q, _, e, lengths, prefixes, suffixes, *, forward) -> _Token | None:
    """An item sharing the members' prefix or suffix (_affixes), of a member's length
    (suffix) or up to the next separator (prefix)."""
    if suffixes:
        for length in sorted(lengths):
            t = s[q : q + length] if forward else s[max(0, q - length) : q]
            if (
                len(t) == length
                and t.endswith(suffixes)
                and all(_han(ch) for ch in t)
                and _written_alike(t, e)
            ):
                return _Token(q if forward else q - length, q + length if forward else q, "affix")
    for prefix in prefixes if not forward else ():
        k = s.rfind(prefix, max(0, q - max(lengths) - 1), q)
        if k >= 0 and all(_han(ch) for ch in s[k:q]) and q - k > len(prefix):
            return _Token(k, q, "affix")
    for prefix in [p for p in prefixes if s.startswith(p, q)] if forward else ():
        end = _item_end(s, q, max(lengths) + 1, len(prefix))
        if end - q <= max(lengths) + 1:
            return _Token(q, end, "affix")
        for length in lengths:  # an item of a member's length, then other words (…的要求)
            if s[q + length : q + length + 1] in ("", *_AFTER_ITEM, *_CLAUSE_END) and all(
                map(_han, s[q : q + length])
            ):
                return _Token(q, q + length, "affix")
    at, infix = _infix(e.members)
    if infix:  # 个人服从集体: a member's length, 服从 where every member has it
        length = lengths[0]
        t = s[q : q + length] if forward else s[max(0, q - length) : q]
        if len(t) == length and t[at : at + len(infix)] == infix and all(_han(ch) for ch in t):
            return _Token(q if forward else q - length, q + length if forward else q, "affix")
    return None


@lru_cache(maxsize=256)
def _affixes(members: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The prefixes and suffixes (2+ characters) by which an item is read as one more of a
    list: the one all members share (意识 of “四个意识”), else those two or more members of
    one length share (严以 and 要实 of “三严三实”)."""
    found = []
    for words in (members, [m[::-1] for m in members]):
        common = _common_prefix(words)
        if len(common) >= 2:
            found.append((common,))
            continue
        heads = Counter((len(w), w[:2]) for w in words if len(w) > 2)
        found.append(tuple(sorted({h for (_, h), n in heads.items() if n >= 2})))
    prefixes, suffixes = found
    return prefixes, tuple(x[::-1] for x in suffixes)


def _group(item: str, e: _Entry) -> tuple[str, ...]:
    """The members the item is one more of: those sharing an affix with it when only some
    members share one (严以 of “三严三实”), else all of them."""
    prefixes, suffixes = _affixes(e.members)
    if (
        not (prefixes or suffixes)
        or all(any(m.startswith(p) for p in prefixes) for m in e.members)
        or all(any(m.endswith(x) for x in suffixes) for m in e.members)
    ):
        return e.members  # (no affix, or one that every member has)
    return tuple(
        m
        for m in e.members
        if len(m) == len(item)
        and (
            any(item.startswith(p) and m.startswith(p) for p in prefixes)
            or any(item.endswith(x) and m.endswith(x) for x in suffixes)
        )
    )


def _ends_like(clause: str, cores: list[str], tail: str) -> tuple[int, str] | None:
    """The member whose end the clause shares, beyond the ending all share, for six
    characters or more and half the member, and how: "other" with an opening of its own about
    as long as the member's (高质量发展是…: a misquote), else "cut" (我对同中国具体实际相结合:
    the subject left out, as writers may)."""
    for j, core in enumerate(cores):
        shared = len(_common_prefix([clause[::-1], core[::-1]]))
        opening, own = len(clause) - shared, len(core) - shared
        if shared - len(tail) >= 6 and 2 * shared >= len(core) and own > 0:
            return j, "other" if 2 * opening >= own else "cut"
    return None


def _written_alike(item: str, e: _Entry) -> bool:
    """Some written form of a member of the item's length has a 的 where it has (精神松懈的
    危险, 脱离实际危险; not 神松懈的危险)."""
    if len(e.forms) == len(e.members):
        return True  # (no member written two ways: 党的建设 is as good as 社会建设)
    return any(len(f) == len(item) and ("的" in f[-4:]) == ("的" in item[-4:]) for f in e.forms)


def _own_group(written: set[str], e: _Entry) -> bool:
    """The written members are those of the list sharing an affix that is no common word:
    a part of the formulation of its own (严以 of 严以修身、严以用权、严以律己), not a word
    any list may share (主义 of 形式主义、官僚主义、享乐主义)."""
    group = _group(next(iter(written)), e)
    if set(group) != written or len(group) == len(e.members):
        return False
    affix = _common_prefix(group) or _common_prefix([m[::-1] for m in group])[::-1]
    return len(affix) >= 2 and not _is_word(affix)


def _in_order(written: list[str], members: tuple[str, ...]) -> bool:
    """The written members are a run of the list's, in its order."""
    if not written or written[0] not in members:
        return False
    k = members.index(written[0])
    return tuple(written) == members[k : k + len(written)]


@lru_cache(maxsize=256)
def _infix(members: tuple[str, ...]) -> tuple[int, str]:
    """Where members of one length share two or more characters at the same place inside
    them (个人服从组织, 少数服从多数: 服从 at 2): (its offset, the characters), else (0, "")."""
    if len({len(m) for m in members}) != 1:
        return 0, ""
    same = [len({m[k] for m in members}) == 1 for k in range(len(members[0]))]
    for k in range(1, len(same) - 2):
        if same[k] and same[k + 1] and not same[0] and not same[-1]:
            end = k
            while end < len(same) - 1 and same[end]:
                end += 1
            return k, members[0][k:end]
    return 0, ""


def _anchors(core: str, k: int) -> tuple[tuple[str, int], ...]:
    """Up to k disjoint trigrams spread over the text: k - 1 edits leave one intact."""
    n = len(core)
    if n < 3:
        return ((core, 0),)
    k = max(1, min(k, n // 3))
    step = (n - 3) / (k - 1) if k > 1 else 0
    offsets = sorted({round(step * j) for j in range(k)})
    return tuple((core[o : o + 3], o) for o in offsets)


def _align(pattern: str, window: str):
    """Best approximate occurrence of pattern in window (free start and end in the window):
    (cost, start, end, ops) with ops a list of (op, pattern text, window text): "=", "sub",
    "del" (a pattern character missing), "ins" (a window character more) and "swap" (two
    neighbouring characters, or two neighbouring pairs of them, in each other's place: one
    edit, as a writer slips)."""
    n, m = len(pattern), len(window)
    if m == 0:
        return None
    prev = [0] * (m + 1)
    rows = [prev]
    unlike = [1 if _han(wc) else 2 for wc in window]  # substituting punctuation costs more
    for i in range(1, n + 1):
        cur = [i] * (m + 1)
        pc = pattern[i - 1]
        left = i
        for j in range(1, m + 1):
            wc = window[j - 1]
            best = prev[j - 1] + (0 if pc == wc else unlike[j - 1])
            up = prev[j] + 1  # pattern char missing from the window
            if up < best:
                best = up
            if left + 1 < best:  # extra char in the window
                best = left + 1
            if best > 1 and i > 1 and pc != wc:  # (a swap's last window char is in pattern)
                for size in (1, 2):
                    if (
                        wc == pattern[i - 1 - size]
                        and _swap_at(pattern, window, i, j, size)
                        and rows[i - 2 * size][j - 2 * size] + 1 < best
                    ):
                        best = rows[i - 2 * size][j - 2 * size] + 1
            cur[j] = left = best
        rows.append(cur)
        prev = cur
    last = rows[n]
    best = min(last[1:])
    end = min((j for j in range(1, m + 1) if last[j] == best), key=lambda j: -j if best else j)
    # traceback: prefer match, then a swap, a missing pattern char, a substitution, an extra
    i, j, ops = n, end, []
    while i > 0:
        here = rows[i][j]
        if j > 0 and pattern[i - 1] == window[j - 1] and rows[i - 1][j - 1] == here:
            ops.append(("=", pattern[i - 1], window[j - 1]))
            i, j = i - 1, j - 1
            continue
        size = next(
            (
                k
                for k in (1, 2)
                if _swap_at(pattern, window, i, j, k) and rows[i - 2 * k][j - 2 * k] + 1 == here
            ),
            0,
        )
        if size:
            ops.append(("swap", pattern[i - 2 * size : i], window[j - 2 * size : j]))
            i, j = i - 2 * size, j - 2 * size
        elif rows[i - 1][j] + 1 == here:
            ops.append(("del", pattern[i - 1], ""))
            i -= 1
        elif j > 0 and rows[i - 1][j - 1] + (1 if _han(window[j - 1]) else 2) == here:
            ops.append(("sub", pattern[i - 1], window[j - 1]))
            i, j = i - 1, j - 1
        else:
            ops.append(("ins", "", window[j - 1]))
            j -= 1
    ops.reverse()
    return best, j, end, ops


def _swap_at(pattern: str, window: str, i: int, j: int, size: int) -> bool:
    """The ``size`` characters before pattern[i] and the ``size`` before them are in each
    other's place before window[j], all Han characters and not two numerals (十二 is no
    slip for 二十)."""
    if i < 2 * size or j < 2 * size:
        return False
    a, b = pattern[i - 2 * size : i - size], pattern[i - size : i]
    if a == b or window[j - 2 * size : j] != b + a:
        return False
    return all(map(_han, a + b)) and not set(a + b) <= set(_NUMBERS)


def _trim_unlike_edges(ops, a: int, b: int):
    """Unlike characters at either end are read as outside the text (…核心地，确立 is 地位
    missing, not 位 written 确): the same cost, and the span and fix stop where it matches. So
    is one matching character before them, a coincidence (学习贯彻新时代…: the 习 of 学习 is
    not that of 习近平, whose 近平 are not 贯彻)."""
    ops = list(ops)

    def unlike(k: int) -> bool:
        return ops[k][0] == "sub" and likeness(ops[k][2], ops[k][1]) == 0

    k = 0
    if len(ops) > 3 and ops[0][0] == "=" and unlike(1):
        ops[0] = ("del", ops[0][1], "")
        a, k = a + 1, 1
    while k < len(ops) - 1 and unlike(k):
        ops[k] = ("del", ops[k][1], "")
        a, k = a + 1, k + 1
    k = len(ops) - 1
    if len(ops) > 3 and ops[k][0] == "=" and unlike(k - 1):
        ops[k] = ("del", ops[k][1], "")
        b, k = b - 1, k - 1
    while k > 0 and unlike(k):
        ops[k] = ("del", ops[k][1], "")
        b, k = b - 1, k - 1
    return ops, a, b


def _certain_edits(ops, before: str, after: str) -> bool:
    """Whether the canonical text may replace the span (before, after: the characters beside
    it, "" at either end of the text). Each end must be a matched or look-alike character, or
    a missing one beside punctuation; and no unlike character within two of either end.
    Otherwise where the quote begins or ends is a guess (在已习近平…: 以 missing, or 已
    written for 以?) and a fix would eat or double a neighbour."""
    for (op, p, w), beside in ((ops[0], before), (ops[-1], after)):
        if (op == "del" and _han(beside or "。")) or (op == "sub" and likeness(w, p) < 2):
            return False
        if op == "swap":  # at an end: the text may go on beyond the swap
            return False
    edges = ops[:2] + ops[-2:]
    return not any(op == "sub" and likeness(w, p) == 0 for op, p, w in edges)


def _swapped(written: str, core: str) -> bool:
    """The written text with a neighbour is the canonical text's characters in another order:
    a swap (主义想思, 人民主民), not a character missing."""
    return len(written) == len(core) and sorted(written) == sorted(core)


def _classify(ops, n: int, text: str, a: int, b: int) -> str | None:
    kinds = [op for op, _, _ in ops]
    if "ins" in kinds:
        return None  # an addition is an elaboration, not a misquote
    if "swap" in kinds:  # alone: two characters or words in each other's place
        return "wrong-form" if kinds.count("=") == len(kinds) - 1 else None
    subs = [(p, w) for op, p, w in ops if op == "sub"]
    unlike = sum(1 for p, w in subs if likeness(w, p) == 0)
    deleted = kinds.count("del")
    if unlike == 1 and (deleted or len(subs) > 1 or n < 8):
        return None
    if unlike > 1:  # two unlike characters in a row of a long text (艰苦奋斗 → 艰苦朴素)
        at = [k for k, op in enumerate(kinds) if op == "sub"]
        if unlike > 2 or deleted or len(subs) > 2 or n < 10 or at[-1] - at[0] != 1:
            return None
    blocks = sum(
        1 for k, op in enumerate(kinds) if op == "del" and (k == 0 or kinds[k - 1] != "del")
    )
    if blocks > 2:
        return None
    lead = next((k for k, op in enumerate(kinds) if op != "del"), len(kinds))
    tail = next((k for k, op in enumerate(reversed(kinds)) if op != "del"), len(kinds))
    if lead > 1 and b - a < 10 and a > 0 and _han(text[a - 1]):
        return None
    if tail > 1 and b - a < 10 and b < len(text) and _han(text[b]):
        return None
    if deleted:
        return "truncated"
    return "wrong-form" if unlike else "near-miss"


def _dedupe(hits: list[tuple[int, FormulationHit]]) -> list[FormulationHit]:
    """One hit per mistake: of two overlapping hits of one entry the earlier detector wins;
    of hits of different entries, one containing another gives way to it. In about n log n
    (a draft may have thousands of hits)."""
    kept: list[FormulationHit] = []
    spans: set[tuple[int, int]] = set()
    own: dict[str, list[tuple[int, int]]] = {}  # an entry's kept spans, sorted, disjoint
    for _, hit in sorted(hits, key=lambda h: (h[0], h[1].start)):
        span = (hit.start, hit.end)
        if span in spans:
            continue
        taken = own.setdefault(hit.formulation, [])
        k = bisect_left(taken, span)
        if (k and taken[k - 1][1] > hit.start) or (k < len(taken) and taken[k][0] < hit.end):
            continue
        taken.insert(k, span)
        spans.add(span)
        kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.end))
    starts = [h.start for h in kept]
    result = []
    for h in kept:  # (the hits starting inside h: a few, as spans are short)
        inside = kept[bisect_left(starts, h.start) : bisect_right(starts, h.end)]
        if not any(
            k is not h and k.end <= h.end and k.end - k.start < h.end - h.start for k in inside
        ):
            result.append(h)
    return result
