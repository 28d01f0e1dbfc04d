"""leads: every lead / aspect the profile requires appears under its section, in order.

A heading matches a lead when it contains one of the lead's keywords, or when most of the
heading's character pairs occur in the lead's full wording (abbreviated leads are fine).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from lint.checks.draft import Draft
from lint.model import Finding, LeadSpec, OptionError, Profile, Rule
from lint.outline import Node

CHECKS = ("presence", "order")
_NOISE = regex.compile(r"[\p{P}\p{S}\s\d]+|^在|方面$")


@dataclass
class Options:
    """Options of a ``leads`` rule: which section's leads, presence or order."""

    section: str = "problems"
    check: str = "presence"  # presence | order
    threshold: float = 0.6  # share of a heading's character pairs found in the lead's wording

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise OptionError("check", f"check 应为 {' / '.join(CHECKS)} 之一")
        if not 0 < self.threshold <= 1:
            raise OptionError("threshold", "threshold 应在 0 到 1 之间")


@lru_cache(maxsize=4096)
def _clean(text: str) -> str:
    return _NOISE.sub("", text)


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def mentions(text: str, keywords: list[str], normalize=lambda s: s) -> str | None:
    """The first keyword that ``text`` (already normalised) contains, ignoring punctuation."""
    text = _clean(text)
    return next((k for k in keywords if _clean(normalize(k)) in text), None)


def score(heading: str, lead: LeadSpec, normalize=lambda s: s) -> float:
    """How well a heading (already normalised) matches a lead, from 0 to 1."""
    cleaned = _clean(heading)
    return _score(cleaned, _pairs(cleaned), _lead_terms(lead, normalize))


def _lead_terms(lead: LeadSpec, normalize) -> tuple:
    """A lead's keywords with their normalised, cleaned forms, and the character pairs of its
    normalised, cleaned wording: what headings are compared with."""
    keywords = tuple(lead.keywords)
    cleaned = tuple(_clean(normalize(k)) for k in keywords)
    return keywords, cleaned, _pairs(_clean(normalize(lead.text or lead.name)))


@lru_cache(maxsize=4096)
def _stood_in_terms(keywords: tuple[str, ...], wording: str, stand_ins: tuple) -> tuple:
    """``_lead_terms`` with the stand-ins replaced as ``Draft.normalize`` replaces them: once
    per process for a lead's wording, not once per draft."""

    def normalize(text: str) -> str:
        for wrong, right in stand_ins:
            text = text.replace(wrong, right)
        return text

    cleaned = tuple(_clean(normalize(k)) for k in keywords)
    return keywords, cleaned, _pairs(_clean(normalize(wording)))


def _score(heading: str, pairs: frozenset[str], terms: tuple) -> float:
    """``score`` of a heading already cleaned, with its pairs, against a lead's terms."""
    keywords, cleaned, wording = terms
    for k, c in zip(keywords, cleaned, strict=True):
        if c in heading:
            if k:
                return 1.0
            break
    if len(pairs) < 3:
        return 0.0
    return len(pairs & wording) / len(pairs)


def match(draft: Draft, options: Options) -> tuple[list[LeadSpec], dict[str, Node]]:
    """The section's required leads and the heading matched to each (by lead id).

    Kept with the outline for the profile: profile detection matches the problems' leads of
    every profile, and the presence, order and pairing rules of the chosen one read it."""
    memo = draft.shared("leads.match")
    key = (id(draft.profile), options.section, options.threshold)
    found = memo.get(key)
    if found is None or found[0] is not draft.profile:
        found = memo[key] = (draft.profile, _match(draft, options))
    return found[1]


def _match(draft: Draft, options: Options) -> tuple[list[LeadSpec], dict[str, Node]]:
    leads = [lead for lead in draft.profile.leads if lead.section == options.section]
    section = draft.outline.section(options.section)
    if section is None or not leads:
        return leads, {}
    terms = draft.shared("leads.terms")  # per lead: once per draft, not once per heading
    for lead in leads:
        if terms.get(id(lead), (None,))[0] is not lead:
            wording = lead.text or lead.name
            found = _stood_in_terms(tuple(lead.keywords), wording, draft.stand_ins)
            terms[id(lead)] = (lead, found)
    lead_terms = tuple(terms[id(lead)][1] for lead in leads)
    # Profiles share leads (a personal variant has its team profile's): the same section,
    # lead ids and terms (one object per wording, _stood_in_terms) match the same headings.
    shared = draft.shared("leads.matched")
    key = (id(section), options.threshold, tuple(lead.id for lead in leads), *map(id, lead_terms))
    kept = shared.get(key)
    if kept is not None and kept[0] is section and kept[1] == lead_terms:
        return leads, kept[2]
    candidates = section.children
    headings = shared.get(id(section))
    if headings is None or headings[0] is not section:
        cleaned = [_clean(draft.normalize(draft.outline.span_text(n.title))) for n in candidates]
        headings = shared[id(section)] = (section, [(h, _pairs(h)) for h in cleaned])
    scored = []
    for ci, (heading, pairs) in enumerate(headings[1]):
        for li, lead_term in enumerate(lead_terms):
            s = _score(heading, pairs, lead_term)
            if s >= options.threshold:
                scored.append((-s, li, ci))
    matched: dict[str, Node] = {}
    used: set[int] = set()
    for _, li, ci in sorted(scored):
        if leads[li].id not in matched and ci not in used:
            matched[leads[li].id] = candidates[ci]
            used.add(ci)
    shared[key] = (section, lead_terms, matched)
    return leads, matched


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    section = draft.outline.section(rule.options.section)
    if section is None:
        return  # section-missing reports it
    leads, matched = match(draft, rule.options)
    if rule.options.check == "presence":
        for i, lead in enumerate(leads):
            if lead.id in matched:
                continue
            later = next((matched[x.id] for x in leads[i + 1 :] if x.id in matched), None)
            start, end = (later or section).title
            yield draft.finding(
                rule, start, end, key=lead.id, lead=lead.name, text=lead.text or lead.name
            )
    else:
        order = {lead.id: i for i, lead in enumerate(leads)}
        placed = sorted(matched.items(), key=lambda kv: kv[1].start)
        highest = None
        for lead_id, node in placed:
            if highest is not None and order[lead_id] < order[highest]:
                lead = leads[order[lead_id]]
                yield draft.finding(
                    rule, *node.title, key=lead.id, lead=lead.name, after=leads[order[highest]].name
                )
            if highest is None or order[lead_id] > order[highest]:
                highest = lead_id


def requirements(rule: Rule, profile: Profile) -> list[tuple[str, str]] | None:
    """A presence rule stands for one checklist row per required lead of its section."""
    if rule.options.check != "presence":
        return None
    leads = [lead for lead in profile.leads if lead.section == rule.options.section]
    return [(f"{rule.id}/{lead.id}", lead.name) for lead in leads] or None
