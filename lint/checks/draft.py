"""A draft under check: its source, its outline and the profile it is checked against."""

from __future__ import annotations

from lint import regexes
from lint.model import Finding, Fix, Profile, Rule, SectionSpec, Source
from lint.outline import Outline


class _Keep(dict):
    """Leaves unknown placeholders of a message as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Draft:
    """One draft as the checks see it: its text, outline and profile, and the work they share.
    (A plain class: a dataclass costs ≈ 1.5 M instructions to define at start-up.)"""

    def __init__(
        self, source: Source, outline: Outline, profile: Profile, rules: list[Rule] | None = None
    ) -> None:
        self.source, self.outline, self.profile = source, outline, profile
        self.memo: dict = {}  # shared work of checks
        # The rules the draft is checked with (None: all of the profile's): what the one pass
        # over the text for the literal rules looks for (lint.checks.scan).
        self.rules: list[Rule] = profile.rules if rules is None else rules
        self.stand_ins = tuple(profile.substitutes.items())  # substitutes, in order
        self._normalized: dict = self.shared("normalize")

    def shared(self, name: str) -> dict:
        """A memo kept with the outline for every Draft of it whose profile has the same
        stand-ins: profile detection scores each profile on the same headings and keywords,
        and the checks then read what it derived (normalised headings, lead wordings)."""
        return self.outline.memo.setdefault((name, self.stand_ins), {})

    @property
    def text(self) -> str:
        return self.source.text

    def normalize(self, text: str) -> str:
        """Text as matching reads it: stand-ins (dangshi) read as the word they stand for."""
        normalized = self._normalized.get(text)
        if normalized is None:  # headings, lead wordings and keywords: once per draft
            normalized = text
            for wrong, right in self.profile.substitutes.items():
                normalized = normalized.replace(wrong, right)
            self._normalized[text] = normalized
        return normalized

    def finding(
        self,
        rule: Rule,
        start: int,
        end: int,
        fix: str | None = None,
        key: str | None = None,
        **values: object,
    ) -> Finding:
        """A finding of ``rule`` over text[start:end]; ``fix``, a replacement, makes it fixable;
        ``key`` names what it is about (a lead id) for reporters."""
        end = max(end, start)
        line, column = self.source.position(start)
        end_line, end_column = self.source.position(end)
        edit = None if fix is None else Fix(fix, line, column, end_line, end_column)
        values.setdefault("match", self.text[start:end])
        message = rule.message.format_map(_Keep(values))
        return Finding(
            rule.id,
            rule.severity,
            message,
            self.source.path,
            line,
            column,
            end_line,
            end_column,
            edit,
            key,
        )


def assign_roles(outline: Outline, specs: list[SectionSpec], draft_normalize=None) -> None:
    """Give each top-level section the role whose phrase ends last in its heading; on a tie,
    the role with the longer phrase.

    Chinese noun phrases are head-final: 产生问题的原因 is about causes, not problems; and the
    longer phrase is the more specific one: 反面典型案例剖析 is a case study (案例剖析), not the
    causes (剖析).
    """
    sections = outline.sections
    headings = [outline.span_text(section.title) for section in sections]
    if draft_normalize:
        headings = [draft_normalize(heading) for heading in headings]
    # The roles follow from the headings and the specs alone: profiles that share their
    # sections (every shipped personal variant and its team profile) are assigned once.
    memo_key = (
        "roles",
        tuple(headings),
        tuple((spec.id, *regexes.identity(spec.pattern)) for spec in specs),
    )
    roles = outline.memo.get(memo_key)
    if roles is None:
        roles = []
        for heading in headings:
            best, best_key = None, (-1, 0)
            for spec in specs:
                key = _best_match(outline.memo, spec, heading)
                if key > best_key:
                    best, best_key = spec.id, key
            roles.append(best)
        outline.memo[memo_key] = roles
    for section, role in zip(sections, roles, strict=True):
        section.role = role


def _best_match(memo: dict, spec: SectionSpec, heading: str) -> tuple[int, int]:
    """(end, length) of the spec's match that ends last (longest on a tie) in the heading,
    (-1, 0) without one; kept per outline, since profiles share their section patterns."""
    memo_key = ("section-match", *regexes.identity(spec.pattern), heading)
    best = memo.get(memo_key)
    if best is None:
        best = (-1, 0)
        for m in _section_matches(spec, heading):
            best = max(best, (m.end(), m.end() - m.start()))
        memo[memo_key] = best
    return best


def _section_matches(spec: SectionSpec, heading: str):
    """A section's ``match`` regexes run under the same time limit as rule regexes."""
    return regexes.finditer(spec.pattern, heading, f"部分“{spec.id}”的 match ")
