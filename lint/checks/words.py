"""words: misused words and stand-ins, each with its correction.

Entries come inline (``entries: {wrong: right}``), from a dictionary file beside the pack
(``dictionary: typos.yaml``) and, with ``substitutes: true``, from the profile's stand-ins.
A single certain correction is offered as a fix; several candidates are only suggested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from lint.checks import finditer
from lint.draft import Draft
from lint.findings import Finding
from lint.packs import Map, OptionError, Rule, Seq, compile_regex, load_yaml


@dataclass(frozen=True)
class Entry:
    wrong: str
    right: tuple[str, ...]
    fix: bool = True
    pattern: regex.Pattern | None = None


_ENTRY_KEYS = {"wrong", "right", "pattern", "fix", "note", "example", "ok"}


@dataclass
class Options:
    entries: dict[str, str | list[str]] = field(default_factory=dict)
    dictionary: str | None = None  # a YAML file of entries, relative to the pack
    substitutes: bool = False  # also report the profile's stand-ins (dangshi → 党史)
    loaded: list[Entry] = field(init=False, default_factory=list, repr=False)
    _matchers: dict[tuple, Matcher] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for wrong, right in self.entries.items():
            rights = (right,) if isinstance(right, str) else tuple(right)
            if not wrong or not rights:
                raise OptionError("entries", f"词条“{wrong}”缺少更正")
            self.loaded.append(Entry(wrong, rights, fix=len(rights) == 1))

    def prepare(self, pack_dir: Path) -> None:
        if self.dictionary:
            self.loaded.extend(load_dictionary(pack_dir / self.dictionary))
        if not self.loaded and not self.substitutes:  # a rule that could never fire
            key = "dictionary" if self.dictionary else "entries"
            raise OptionError(key, "没有任何词条：请给出 entries、dictionary 或 substitutes: true")

    def matcher(self, substitutes: dict[str, str]) -> Matcher:
        """The compiled matcher, built once per set of stand-ins."""
        key = tuple(sorted(substitutes.items())) if self.substitutes else ()
        if key not in self._matchers:
            self._matchers[key] = Matcher(self.loaded + [Entry(w, (r,)) for w, r in key])
        return self._matchers[key]


def load_dictionary(path: Path) -> list[Entry]:
    if not path.is_file():
        raise OptionError("dictionary", f"词典文件不存在：{path}")
    data = load_yaml(path)
    items = data.get("entries") if isinstance(data, Map) else None
    if not isinstance(items, Seq):
        raise OptionError("dictionary", f"{path}: 词典应为映射，含 entries 列表")
    result = []
    for item, loc in zip(items, items.locs, strict=True):
        if not isinstance(item, Map) or not isinstance(item.get("wrong"), str):
            raise loc.error("词条应为映射，含 wrong 与 right")
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            raise loc.error(f"词条含未知的键：{'、'.join(sorted(unknown))}")
        right = item.get("right")
        rights = (right,) if isinstance(right, str) else tuple(right or ())
        if not rights or not all(isinstance(r, str) for r in rights):
            raise loc.error(f"词条“{item['wrong']}”缺少 right（字符串或字符串列表）")
        pattern = None
        if "pattern" in item:
            try:
                pattern = compile_regex(item["pattern"], "pattern")
            except OptionError as exc:
                raise item.at("pattern").error(str(exc)) from exc
        fix = bool(item.get("fix", True)) and len(rights) == 1
        result.append(Entry(item["wrong"], rights, fix, pattern))
    return result


def _literal(word: str) -> str:
    """A literal that does not match inside a longer Latin word (dangshi, not xdangshix)."""
    body = re.escape(word)
    if word[:1].isascii() and word[:1].isalpha():
        body = r"(?<![A-Za-z])" + body
    if word[-1:].isascii() and word[-1:].isalpha():
        body += r"(?![A-Za-z])"
    return body


def _trie(words: list[str]) -> str:
    """The alternation of ``_literal(word)`` for every word, longest first, written as a
    trie (厉害关系|厉行 → 厉(?:害关系|行)): the regex engine then tries one branch per
    character instead of every word at every position. Same matches, much faster."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def is_latin(char: str) -> bool:
        return char.isascii() and char.isalpha()

    def build(node: dict, last: str, top: bool) -> str:
        branches = []
        for char, child in sorted((c, n) for c, n in node.items() if c):
            first = re.escape(char)
            # "not after a Latin letter", checked after the first character so that the
            # pattern starts with literals and the engine can skip ahead to candidates
            guard = f"(?<![A-Za-z]{first})" if top and is_latin(char) else ""
            branches.append(first + guard + build(child, char, False))
        if "" in node:  # a word ends here; longer words were tried first
            branches.append(r"(?![A-Za-z])" if is_latin(last) else "")
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(root, "", True)


class Matcher:
    """One alternation for all literal entries (longest first), plus the pattern entries."""

    def __init__(self, entries: list[Entry]) -> None:
        self.literals = {e.wrong: e for e in entries if e.pattern is None}
        words = sorted(self.literals, key=len, reverse=True)
        # Literals only, so no catastrophic backtracking: the standard library's engine, which
        # dispatches on the first character, is many times faster here than regex's.
        self.alternation = re.compile(_trie(words)) if words else None
        self.patterned = [e for e in entries if e.pattern is not None]

    def hits(self, text: str, rule: Rule) -> list[tuple[re.Match | regex.Match, Entry]]:
        hits = []
        if self.alternation is not None:
            hits = [(m, self.literals[m.group()]) for m in self.alternation.finditer(text)]
        for entry in self.patterned:
            hits.extend((m, entry) for m in finditer(entry.pattern, text, rule))
        return sorted(hits, key=lambda h: h[0].start())


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    for m, entry in rule.options.matcher(draft.profile.substitutes).hits(draft.text, rule):
        right = "”或“".join(entry.right)
        replacement = entry.right[0] if entry.fix else None
        yield draft.finding(rule, m.start(), m.end(), replacement, right=right)
