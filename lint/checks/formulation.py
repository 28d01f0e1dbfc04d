"""formulation: key official formulations (规范提法) quoted in full, in order, with their
fixed verbs; misquotes found by lint.language.formulation.

The formulations come from a data file beside the pack (``data:``, default
``dictionaries/formulations.yaml``): each with its canonical text, members, verb, known wrong
forms, ``source`` and examples, which ``draftlint rules test`` runs with the rule's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint import RULES_DIR
from lint.checks.draft import Draft
from lint.language.formulation import FormulationMatcher
from lint.model import Example, Examples, Finding, OptionError, Rule, RuleError

SHIPPED_DATA = "dictionaries/formulations.yaml"


@dataclass
class Options:
    """Options of a ``formulation`` rule: where its formulations come from."""

    data: str | None = None  # the formulations file, relative to the pack; None: the shipped one
    entries: list[dict] = field(init=False, default_factory=list, repr=False)
    matcher: FormulationMatcher | None = field(init=False, default=None, repr=False)

    def prepare(self, pack_dir: Path, load: Callable[[Path], Any]) -> None:
        path = pack_dir / self.data if self.data else RULES_DIR / SHIPPED_DATA
        if not path.is_file():
            raise OptionError("data", f"规范提法数据文件不存在：{path}")
        tree = load(path)
        if not isinstance(tree, dict) or "formulations" not in tree:
            raise OptionError("data", f"{path}: 应为映射，含 formulations 列表")
        entries = _plain(tree["formulations"])
        try:
            self.matcher = FormulationMatcher.from_entries(entries)  # (validates them)
        except ValueError as exc:
            raise OptionError("data", f"{path}: {exc}") from exc
        self.entries = entries


def _plain(value: Any) -> Any:
    """A YAML tree with positions as plain lists and dicts."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


MAX_CHARS = 1_000_000  # far above any draft: a bigger text is not compared (its time would grow)
TOO_LONG = f"文稿超过 {MAX_CHARS // 10_000} 万字，未核对重要提法"


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    if len(draft.text) > MAX_CHARS:
        yield draft.finding(replace(rule, severity="info", message=TOO_LONG), 0, 0)
        return
    try:
        hits = rule.options.matcher.find(draft.text)
    except (ImportError, OSError, RuntimeError, ValueError) as exc:  # the character table
        raise RuleError(f"字音字形数据无法加载：{exc}") from exc
    for hit in hits:
        yield draft.finding(
            rule, hit.start, hit.end, hit.replacement, key=hit.formulation, detail=hit.message
        )


def examples(rule: Rule) -> Examples:
    """The examples of every formulation in the data file, run like the rule's own."""
    found = Examples()
    for entry in rule.options.entries:
        for which in ("bad", "good"):
            for text in entry.get("examples", {}).get(which, []):
                getattr(found, which).append(Example(text))
    return found
