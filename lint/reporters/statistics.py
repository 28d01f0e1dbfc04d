"""statistics (``--statistics``): how many findings each rule gave, most frequent first."""

from __future__ import annotations

from collections import Counter

from lint.model import SEVERITY_LABELS, Result
from lint.reporters.summary import summary

SOURCE_LINES = False  # see lint.reporters.shows_source


def render(results: list[Result], color: bool = False) -> str:
    counts: Counter[str] = Counter()
    severity: dict[str, str] = {}
    title: dict[str, str] = {}
    for result in results:
        for f in result.findings:
            counts[f.rule] += 1
            severity.setdefault(f.rule, f.severity)
            title.setdefault(f.rule, f.message)
        if result.profile is not None:
            for rule in result.profile.rules:
                if rule.description and rule.id in counts:
                    title[rule.id] = rule.description.replace("\n", "")
    width = max((len(str(n)) for n in counts.values()), default=1)
    rule_width = max((len(r) for r in counts), default=0)
    lines = [
        f"{n:>{width}}  {rule:<{rule_width}}  [{SEVERITY_LABELS[severity[rule]]}]  {title[rule]}"
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"
