"""typo: wrong characters and misused words — the listed ones (a dictionary of corrections,
as ``words``) and those never listed, found by lint.language.typo: a one-character change
that turns text which is no word into a much more frequent word or a known idiom.

Listed entries are certain and use the rule's ``message``; a found typo uses
``unseen_message`` (its ``{reason}`` says what it is likely to be, and why: 音同, 音近, 形近)
and is a fix only when the detector finds exactly one sure correction.

``allow`` names a file of correct terms (official-document words that no lexicon here
knows, such as 显绩 or 卫片), each with the public ``source`` that uses it: the search for
typos no list names never reports a character inside one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint.checks import words
from lint.checks.draft import Draft
from lint.language.chars import is_han
from lint.model import SEVERITIES, Finding, OptionError, Rule, RuleError


@dataclass
class Options(words.Options):
    """Options of a ``typo`` rule: a ``words`` list, and typos that no list names."""

    unseen: bool = True  # also find typos that no list names
    unseen_message: str = "疑似错别字：{reason}"
    unseen_severity: str = "warning"  # found, not listed: a reviewer should look
    allow: str | None = None  # a YAML file of correct terms never reported, relative to the pack
    allowed: tuple[str, ...] = field(init=False, default=(), repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.unseen_severity not in SEVERITIES:
            raise OptionError(
                "unseen_severity", f"unseen-severity 应为 {' / '.join(SEVERITIES)} 之一"
            )

    def prepare(self, pack_dir: Path, load: Callable[[Path], Any]) -> None:
        if self.dictionary:
            self.loaded.extend(words.load_dictionary(pack_dir / self.dictionary, load))
        if self.allow:
            self.allowed = load_allowed(pack_dir / self.allow, load)


_ALLOW_KEYS = {"word", "source", "note"}


def load_allowed(path: Path, load: Callable[[Path], Any]) -> tuple[str, ...]:
    """The terms of an ``allow`` file: ``entries`` of ``{word, source, note}``, each word two
    or more Han characters with the public source that uses it."""
    found = []
    for item, loc in words.file_entries(path, load, "allow", _ALLOW_KEYS, "词语", "word 与 source"):
        word, source = item.get("word"), item.get("source")
        if not isinstance(word, str) or len(word) < 2 or not is_han(word):
            raise loc.error("word 应为两个以上汉字")
        if not isinstance(source, str) or not source.strip():
            raise loc.error(f"词条“{word}”缺少 source（使用这一词语的公开出处）")
        found.append(word)
    return tuple(found)


# Beyond this many characters (fifty drafts or so) a text is no draft: the detector, which
# costs about a millisecond per thousand characters, is not run, and the finding says so.
MAX_UNSEEN_CHARS = 1_000_000

_DETECTOR: list = []  # the detector, loaded once per process on first use
# the detectors for rules' allowed terms, by their terms: the same lexicon, its own memo of runs
_ALLOWING: dict[tuple[str, ...], Any] = {}


def detector(allowed: tuple[str, ...] = ()) -> Any:
    """The typo detector with its lexicon (built once, then read from the cache), never
    reporting a character inside one of the ``allowed`` terms."""
    if not _DETECTOR:
        from lint.language.typo import TypoDetector  # its data only when a draft is checked

        try:
            _DETECTOR.append(TypoDetector.load())
        except (ImportError, OSError, RuntimeError, ValueError) as exc:
            raise RuleError(f"错别字词库无法加载：{exc}") from exc
    if not allowed:
        return _DETECTOR[0]
    found = _ALLOWING.get(allowed)
    if found is None:
        found = _ALLOWING[allowed] = _DETECTOR[0].with_allow(allowed)
    return found


def detectors() -> list[Any]:
    """Every detector loaded so far (for benchmarks that make them forget what they saw)."""
    return [*_DETECTOR, *_ALLOWING.values()]


TOO_LONG = f"文稿超过 {MAX_UNSEEN_CHARS // 10_000} 万字，未查找词典以外的疑似错别字"


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    listed = words.hits(draft, rule)
    taken = [(start, end) for start, end, _ in listed]
    for start, end, entry in listed:
        yield words.finding(draft, rule, start, end, entry)
    if not options.unseen:
        return
    if len(draft.text) > MAX_UNSEEN_CHARS:
        note = replace(rule, severity="info", message=TOO_LONG)
        yield draft.finding(note, 0, 0)
        return
    unseen = replace(rule, message=options.unseen_message, severity=options.unseen_severity)
    for hit in detector(options.allowed).find(draft.text):
        if any(hit.start < end and start < hit.end for start, end in taken):
            continue  # the list already says it, with certainty
        fix = hit.suggestions[0] if hit.certain else None
        right = "”或“".join(hit.suggestions)
        yield draft.finding(unseen, hit.start, hit.end, fix, reason=hit.reason, right=right)
