"""sections: the draft has the profile's required top-level sections, in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule

CHECKS = ("presence", "order")


@dataclass
class Options:
    """Options of a ``sections`` rule: the sections required, presence or order."""

    sections: list[str]  # section ids declared in the profile, in the required order
    check: str = "presence"  # presence | order

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise OptionError("check", f"check 应为 {' / '.join(CHECKS)} 之一")


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    titles = {spec.id: spec.title for spec in draft.profile.sections}
    found = {s.role: s for s in reversed(draft.outline.sections) if s.role}  # first of each role
    wanted = rule.options.sections
    if rule.options.check == "presence":
        for i, role in enumerate(wanted):
            if role in found:
                continue
            later = next((found[r] for r in wanted[i + 1 :] if r in found), None)
            if later:  # point where it belongs: at the heading it should precede
                start, end = later.title
                where = f"（应位于“{draft.outline.span_text(later.title)}”之前）"
            else:
                start = end = len(draft.text.rstrip())
                where = "（应位于文末）" if found else ""
            yield draft.finding(rule, start, end, section=titles.get(role, role), where=where)
    else:
        present = sorted((found[r].start, wanted.index(r), r) for r in wanted if r in found)
        highest = -1
        for _, index, role in present:
            if index < highest:
                node = found[role]
                after = titles.get(wanted[highest], wanted[highest])
                yield draft.finding(rule, *node.title, section=titles.get(role, role), after=after)
            highest = max(highest, index)
