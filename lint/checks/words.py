"""words: misused words and stand-ins, each with its correction.

Entries come inline (``entries: {wrong: right}``), from a dictionary file beside the pack
(``dictionary: typos.yaml``) and, with ``substitutes: true``, from the profile's stand-ins.
A single certain correction is offered as a fix; several candidates are only suggested.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import regex

from lint.checks import finditer, scan
from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule
from lint.regexes import compile_regex
from lint.yamlpos import Map, Seq


class Entry(NamedTuple):
    """A wrong word and its corrections. (A named tuple: cheaper to define than a frozen
    dataclass, at start-up.) A pattern entry's corrections may name its groups (``\\1``):
    ``template`` then says to fill them in from each match."""

    wrong: str
    right: tuple[str, ...]
    fix: bool = True
    pattern: regex.Pattern | None = None
    template: bool = False


_ENTRY_KEYS = {"wrong", "right", "pattern", "fix", "note", "example", "ok"}


@dataclass
class Options:
    """Options of a ``words`` rule: wrong words and their corrections."""

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

    def prepare(self, pack_dir: Path, load: Callable[[Path], Any]) -> None:
        if self.dictionary:
            self.loaded.extend(load_dictionary(pack_dir / self.dictionary, load))
        if not self.loaded and not self.substitutes:  # a rule that could never fire
            key = "dictionary" if self.dictionary else "entries"
            raise OptionError(key, "没有任何词条：请给出 entries、dictionary 或 substitutes: true")

    def matcher(self, substitutes: dict[str, str]) -> Matcher:
        """The compiled matcher, built once per set of stand-ins."""
        key = tuple(sorted(substitutes.items())) if self.substitutes else ()
        if key not in self._matchers:
            self._matchers[key] = Matcher(self.loaded + [Entry(w, (r,)) for w, r in key])
        return self._matchers[key]


def file_entries(
    path: Path, load: Callable[[Path], Any], option: str, keys: set[str], label: str, needs: str
) -> Iterator[tuple[Map, Any]]:
    """The ``entries`` of a YAML file beside a pack, each a mapping with only ``keys``, with
    its location; ``label`` (词典) and ``needs`` (wrong 与 right) word the errors."""
    if not path.is_file():
        raise OptionError(option, f"{label}文件不存在：{path}")
    data = load(path)
    items = data.get("entries") if isinstance(data, Map) else None
    if not isinstance(items, Seq):
        raise OptionError(option, f"{path}: {label}应为映射，含 entries 列表")
    for item, loc in zip(items, items.locs, strict=True):
        if not isinstance(item, Map):
            raise loc.error(f"词条应为映射，含 {needs}")
        unknown = set(item) - keys
        if unknown:
            raise loc.error(f"词条含未知的键：{'、'.join(sorted(unknown))}")
        yield item, loc


def load_dictionary(path: Path, load: Callable[[Path], Any]) -> list[Entry]:
    result = []
    for item, loc in file_entries(path, load, "dictionary", _ENTRY_KEYS, "词典", "wrong 与 right"):
        if not isinstance(item.get("wrong"), str):
            raise loc.error("词条应为映射，含 wrong 与 right")
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
        template = any("\\" in r for r in rights)
        if template:
            if pattern is None:
                raise item.at("right").error("right 中的 \\1 等引用只能用于 pattern 词条")
            references = [int(n) for r in rights for n in _REFERENCE.findall(r)]
            stray = any("\\" in _REFERENCE.sub("", r) for r in rights)  # \g<…>, \n …
            if stray or not references or max(references) > pattern.groups:
                raise item.at("right").error(
                    f"right 只能以 \\1 到 \\{pattern.groups or 1} 引用 pattern 中的分组"
                )
        result.append(Entry(item["wrong"], rights, fix, pattern, template))
    return result


_REFERENCE = re.compile(r"\\([1-9])")  # \1 … \9 in a correction: the match's groups


class Matcher:
    """One rule's entries: the literal ones, found leftmost and longest first (a Latin word not
    inside a longer Latin word: dangshi, not xdangshix), plus the pattern entries.

    Literals are tabled by their first character (the lengths to try, longest first) and
    their first two characters (``heads``): built in a millisecond rather than compiled in
    twenty as one big alternation, which matters for a single draft checked at start-up. The
    literals of all of a draft's rules are found in one pass over the text (lint.checks.scan).
    """

    def __init__(self, entries: list[Entry]) -> None:
        self.literals = {e.wrong: e for e in entries if e.pattern is None}
        lengths: dict[str, set[int]] = {}
        for word in self.literals:
            lengths.setdefault(word[0], set()).add(len(word))
        self.lengths = {char: sorted(ls, reverse=True) for char, ls in lengths.items()}
        self.heads = {word[:2] for word in self.literals}  # one-character words included
        self.single = any(len(word) == 1 for word in self.literals)
        self.patterned = [e for e in entries if e.pattern is not None]

    def hits(
        self, text: str, rule: Rule, literal: list[tuple[int, int, Entry]] | None = None
    ) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) of every hit, in the order of the text; ``literal``: the
        literal hits, when the shared pass has found them."""
        if literal is None:
            literal = scan.literal_pass([self]).run(text)[0] if self.literals else []
        hits = list(literal)
        for entry in self.patterned:
            matches = finditer(entry.pattern, text, rule)
            if entry.template:  # each match's own correction
                hits.extend((m.start(), m.end(), _filled(entry, m)) for m in matches)
            else:
                hits.extend((m.start(), m.end(), entry) for m in matches)
        return sorted(hits, key=lambda h: h[0])


def _filled(entry: Entry, match: regex.Match) -> Entry:
    return entry._replace(right=tuple(match.expand(r) for r in entry.right), template=False)


def hits(draft: Draft, rule: Rule) -> list[tuple[int, int, Entry]]:
    """(start, end, entry) of the rule's entries in the draft."""
    matcher = rule.options.matcher(draft.profile.substitutes)
    return matcher.hits(draft.text, rule, scan.literal_hits(draft, matcher))


def finding(draft: Draft, rule: Rule, start: int, end: int, entry: Entry) -> Finding:
    right = "”或“".join(entry.right)
    replacement = entry.right[0] if entry.fix else None
    return draft.finding(rule, start, end, replacement, right=right)


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    for start, end, entry in hits(draft, rule):
        yield finding(draft, rule, start, end, entry)
