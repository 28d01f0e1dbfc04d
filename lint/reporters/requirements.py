"""The requirements of a draft's profile, ticked or crossed: what checklist and html show.

Requirements come from the profile's rules, generically: one per rule that ran, passed when
the rule reported nothing on the draft. A rule whose kind splits it (leads: one row per
required lead) is one row per part, counted by the findings' keys.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lint import checks
from lint.model import COPY_RULE, INPUT_ERROR, CopyPair, Result, first_sentence

TITLE_LENGTH = 36


@dataclass(frozen=True)
class Requirement:
    """One row of a draft's checklist."""

    key: str  # rule id, or rule id/lead id for one lead
    title: str
    rule: str
    failures: int

    @property
    def passed(self) -> bool:
        return self.failures == 0


def rule_title(rule) -> str:
    """A short title for a rule: its own title if the pack gives one, else the first clause
    of its description, else its id."""
    title = getattr(rule, "title", "") or ""
    if not title and rule.description:
        title = first_sentence(rule.description.replace("\n", "")).removesuffix("。")
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1] + "…"
    return title or rule.id


def requirements(result: Result) -> list[Requirement]:
    """The draft's checklist, in the order of its profile's rules."""
    if result.profile is None:
        failures = sum(f.rule == INPUT_ERROR for f in result.findings)
        return [Requirement(INPUT_ERROR, "文件可以读取", INPUT_ERROR, failures)]
    counts = Counter(f.rule for f in result.findings)
    keyed = Counter(f"{f.rule}/{f.key}" for f in result.findings if f.key is not None)
    rows = []
    for rule in result.profile.rules:
        if rule.id not in result.rules:
            continue
        split = checks.requirements(rule, result.profile)
        if split is None:
            rows.append(Requirement(rule.id, rule_title(rule), rule.id, counts[rule.id]))
        else:
            rows.extend(Requirement(key, title, rule.id, keyed[key]) for key, title in split)
    if result.copies is not None:
        rows.append(Requirement(COPY_RULE, "未与其他文稿雷同", COPY_RULE, len(result.copies)))
    return rows


def totals(results: list[Result]) -> list[tuple[str, str, int, int]]:
    """Per requirement over the batch: key, title, drafts passing, drafts checked."""
    passed: Counter[str] = Counter()
    checked: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for result in results:
        for row in requirements(result):
            titles.setdefault(row.key, row.title)
            checked[row.key] += 1
            passed[row.key] += row.passed
    return [(key, titles[key], passed[key], checked[key]) for key in titles]


def copy_pairs(results: list[Result]) -> list[CopyPair] | None:
    """The distinct pairs of similar drafts, or None when copies were not looked for."""
    if all(r.copies is None for r in results):
        return None
    seen, pairs = set(), []
    for result in results:
        for pair in result.copies or ():
            if (pair.path, pair.other) not in seen:
                seen.add((pair.path, pair.other))
                pairs.append(pair)
    pairs.sort(key=lambda p: (-p.largest, p.path, p.other))
    return pairs
