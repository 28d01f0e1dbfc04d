"""checklist: per draft, each requirement of its profile ticked or crossed, then totals.

Requirements come from the profile's rules, generically: one per rule that ran, passed when
the rule reported nothing on the draft. A rule of kind ``leads`` (presence) is shown as one
row per lead when its findings name the leads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import click

from lint.findings import INPUT_ERROR
from lint.linter import Result
from lint.reporters.summary import profile_line, summary

PASS, FAIL = "✓", "✗"
TITLE_LENGTH = 36
COPY_RULE = "copy"  # lint.copies.COPY_RULE, not imported: it needs the regex module


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
        title = _first_sentence(rule.description.replace("\n", ""))
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1] + "…"
    return title or rule.id


def _first_sentence(text: str) -> str:
    depth = 0
    for i, char in enumerate(text):
        if char in "（(“《":
            depth += 1
        elif char in "）)”》":
            depth = max(0, depth - 1)
        elif char == "。" and depth == 0:
            return text[:i]
    return text


def requirements(result: Result) -> list[Requirement]:
    """The draft's checklist, in the order of its profile's rules."""
    if result.profile is None:
        failures = sum(f.rule == INPUT_ERROR for f in result.findings)
        return [Requirement(INPUT_ERROR, "文件可以读取", INPUT_ERROR, failures)]
    counts = Counter(f.rule for f in result.findings)
    rows = []
    for rule in result.profile.rules:
        if rule.id not in result.rules:
            continue
        leads = _lead_rows(result, rule)
        if leads is not None:
            rows.extend(leads)
        else:
            rows.append(Requirement(rule.id, rule_title(rule), rule.id, counts[rule.id]))
    if result.copies is not None:
        rows.append(Requirement(COPY_RULE, "未与其他文稿雷同", COPY_RULE, len(result.copies)))
    return rows


def _lead_rows(result: Result, rule) -> list[Requirement] | None:
    """One row per required lead, when every finding of the rule names its lead."""
    if rule.kind != "leads" or getattr(rule.options, "check", "") != "presence":
        return None
    section = getattr(rule.options, "section", None)
    leads = [lead for lead in result.profile.leads if lead.section == section]
    messages = [f.message for f in result.findings if f.rule == rule.id]
    if not leads or not all(any(lead.name in m for lead in leads) for m in messages):
        return None
    return [
        Requirement(
            f"{rule.id}/{lead.id}", lead.name, rule.id, sum(lead.name in m for m in messages)
        )
        for lead in leads
    ]


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


def copy_pairs(results: list[Result]) -> list | None:
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


def render(results: list[Result], color: bool = False) -> str:
    def mark(ok: bool) -> str:
        symbol = PASS if ok else FAIL
        return click.style(symbol, fg="green" if ok else "red") if color else symbol

    out: list[str] = []
    for result in results:
        rows = requirements(result)
        failed = sum(not r.passed for r in rows)
        verdict = f"{failed} 项未通过" if failed else "全部通过"
        out.append(f"{result.path}  {verdict}")
        if result.profile is not None:
            out.append(f"  {profile_line(result)}")
        for row in rows:
            count = f" ×{row.failures}" if row.failures > 1 else ""
            out.append(f"  {mark(row.passed)} {row.title} [{row.key}]{count}")
        out.append("")

    out.append(f"合计（{len(results)} 个文件）：")
    for key, title, passed, checked in totals(results):
        out.append(f"  {passed:>5}/{checked:<5} 通过  {title} [{key}]")
    pairs = copy_pairs(results)
    if pairs is not None:
        out.append("")
        out.append(f"雷同文稿：{len(pairs)} 对" if pairs else "雷同文稿：未发现")
        for p in pairs:
            out.append(
                f"  {p.path} ↔ {p.other}：{p.shared} 句相同"
                f"（分别占 {p.fraction:.0%}、{p.other_fraction:.0%}）"
            )
    out.append("")
    out.append(summary(results))
    return "\n".join(out) + "\n"
