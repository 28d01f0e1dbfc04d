"""Rule tests: every rule carries ``examples`` that must (bad) and must not (good) trigger it.

Each rule runs alone on each of its examples, in its pack's context: the profile itself for a
profile pack, the generic profile's sections and leads for any other pack (see
:meth:`Registry.context`). Like semgrep's ``ruleid:``/``ok:`` annotations, but in the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lint.checks import data_examples
from lint.linter import lint
from lint.model import RULE_ERROR, Example, Loc, Pack, Profile, Rule, Source
from lint.packs.registry import SHIPPED, Registry


@dataclass
class Failure:
    rule: str
    loc: Loc  # the example, or the rule when it has no examples
    message: str
    text: str = ""

    def __str__(self) -> str:
        head = f"{self.loc.path}:{self.loc.line}:{self.loc.column}: {self.rule}: {self.message}"
        if not self.text:
            return head
        body = "\n".join(f"    | {line}" for line in self.text.split("\n"))
        return f"{head}\n{body}"


@dataclass
class Report:
    packs: int = 0
    rules: int = 0
    examples: int = 0
    failures: list[Failure] | None = None

    def __post_init__(self) -> None:
        self.failures = self.failures or []


def run_example(profile: Profile, rule: Rule, example: Example) -> list[tuple[int, str]]:
    """(line, rule id) of what the rule alone reports on the example; rule-error if it broke."""
    result = lint(Source("<example>", example.text), profile, [rule])
    return [(f.line, f.rule) for f in result.findings if f.rule in (rule.id, RULE_ERROR)]


def check_rule(profile: Profile, rule: Rule) -> tuple[int, list[Failure]]:
    """How many examples the rule has, and what went wrong with them."""
    loc = rule.loc or Loc(str(profile.path), 1, 1)
    failures = []
    for which in ("bad", "good"):
        if not getattr(rule.examples, which):
            failures.append(Failure(rule.id, loc, f"没有 {which} 示例（examples.{which}）"))
    extra = data_examples(rule)
    for example in [*rule.examples.bad, *extra.bad]:
        found = run_example(profile, rule, example)
        lines = sorted({line for line, rule_id in found if rule_id == rule.id})
        if any(rule_id == RULE_ERROR for _, rule_id in found):
            message = "运行出错（正则表达式超时或内部错误）"
        elif not lines:
            message = "bad 示例没有触发这条规则"
        elif example.line is not None and example.line not in lines:
            shown = "、".join(map(str, lines))
            message = f"bad 示例应在第 {example.line} 行触发，实际在第 {shown} 行"
        else:
            continue
        failures.append(Failure(rule.id, example.loc or loc, message, example.text))
    for example in [*rule.examples.good, *extra.good]:
        found = run_example(profile, rule, example)
        if found:
            lines = "、".join(str(line) for line, _ in found)
            message = f"good 示例不应触发这条规则，却在第 {lines} 行触发"
            failures.append(Failure(rule.id, example.loc or loc, message, example.text))
    count = sum(len(e.bad) + len(e.good) for e in (rule.examples, extra))
    return count, failures


def check_packs(paths: list[Path]) -> Report:
    """Run the examples of every rule of each pack (its own rules, not the inherited ones).

    Raises PackError for a pack that is not valid.
    """
    registry = Registry([p for p in paths if not _shipped(p)])
    report = Report()
    for path in paths:
        pack: Pack = registry.load(path)
        profile = registry.context(pack)
        report.packs += 1
        for rule in pack.rules:
            count, failures = check_rule(profile, rule)
            report.rules += 1
            report.examples += count
            report.failures.extend(failures)
    return report


def _shipped(path: Path) -> bool:
    return path.resolve().parent == SHIPPED
