"""The closed set of check kinds: one module per kind, named in KINDS.

The contract of a kind's module:

- ``Options``: a dataclass built from the rule's YAML keys (unknown keys and wrong types are
  errors). It may have ``prepare(pack_dir, load)``, called once when the pack is parsed, to
  read files beside the pack (``load(path)`` reads a YAML file and records it for the cache).
- ``check(draft, rule)``: yields the rule's findings on one draft.
- optionally ``requirements(rule, profile)``: the checklist rows the rule stands for, as
  (key, title) pairs, when it stands for more than one (one per lead); its findings then
  carry the row's key in ``Finding.key``.
- optionally ``examples(rule)``: more examples the rule carries in its data files, which
  ``draftlint rules test`` runs with the rule's own.

Adding a meeting theme is a YAML change; adding a kind is a module here and a line in KINDS.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from lint import regexes
from lint.checks.draft import Draft
from lint.model import Examples, Finding, Profile, Rule

KINDS = {
    "sections": "required top-level sections exist, in order",
    "leads": "every required lead / aspect appears under its section, in order",
    "items": "what each item of a section must (or must not) contain",
    "patterns": "phrases that must not appear",
    "words": "misused words and stand-ins, with their corrections",
    "numbering": "heading and item numbers run in sequence and use the right style",
    "punctuation": "full-width, not doubled, paired punctuation",
    "pairing": "every lead of one section is answered in another (problems → measures)",
    "repetition": "a paragraph or sentence repeated within the draft",
    "formulation": "key official formulations quoted in full, in order, with their verbs",
    "typo": "wrong characters: the listed ones and those no list names",
}


_MODULES: dict[str, ModuleType] = {}


def module(kind: str) -> ModuleType:
    # Imported by name when a rule of the kind is first parsed: a run loads only the kinds
    # its packs use. Kept here: import_module costs a few microseconds per rule and draft.
    found = _MODULES.get(kind)
    if found is None:
        found = _MODULES[kind] = importlib.import_module(f"lint.checks.{kind}")
    return found


def options_class(kind: str) -> type:
    return module(kind).Options


def run(draft: Draft, rule: Rule) -> Iterable[Finding]:
    return module(rule.kind).check(draft, rule)


def requirements(rule: Rule, profile: Profile) -> list[tuple[str, str]] | None:
    """The checklist rows a rule stands for, when its kind splits it (else None)."""
    split = getattr(module(rule.kind), "requirements", None)
    return None if split is None else split(rule, profile)


def data_examples(rule: Rule) -> Examples:
    """Examples a rule's data files carry (none for most kinds)."""
    extra = getattr(module(rule.kind), "examples", None)
    return Examples() if extra is None else extra(rule)


def finditer(
    pattern: Any, text: str, rule: Rule, pos: int = 0, endpos: int | None = None
) -> Iterator:
    """A rule's regex matches under the time limit (lint.regexes)."""
    return regexes.finditer(pattern, text, f"规则“{rule.id}”的", pos, endpos)


def search(pattern: Any, text: str, rule: Rule, pos: int = 0, endpos: int | None = None) -> Any:
    """A rule's first regex match under the time limit (lint.regexes)."""
    return regexes.search(pattern, text, f"规则“{rule.id}”的", pos, endpos)
