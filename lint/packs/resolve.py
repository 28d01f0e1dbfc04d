"""Resolution: a pack merged with everything it ``extends`` into a Profile, and plain packs
laid over a profile. Errors point at the offending node (a cycle, a missing parent, a
section that no pack declares)."""

from __future__ import annotations

import dataclasses
from typing import Protocol

from lint.model import GENERIC, Pack, Profile, Rule


class Finder(Protocol):
    """What resolution needs of a registry: packs by id, and the ids it knows."""

    def find(self, pack_id: str) -> Pack | None: ...

    def known_ids(self) -> str: ...


def resolve(registry: Finder, pack: Pack) -> Profile:
    """The pack merged with everything it extends; errors point at the offending node."""
    profile = _resolve(registry, pack, ())
    profile.sections = profile.sections or []
    profile.leads = profile.leads or []
    if pack.header.profile:
        check_references(profile, pack)
    return profile


def _resolve(registry: Finder, pack: Pack, chain: tuple[str, ...]) -> Profile:
    """Like resolve, but sections and leads no pack in the chain declares stay None, so
    that a later parent that declares none does not empty an earlier parent's."""
    chain = (*chain, pack.id)
    profile = Profile(
        pack.id, pack.header.title, pack.header.description, pack.header.source,
        None, [], {}, None, None, [], pack.path,
    )  # fmt: skip
    rules: dict[str, Rule] = {}
    for parent_id, loc in zip(pack.header.extends, pack.extends_locs(), strict=True):
        if parent_id in chain:
            raise loc.error(f"extends 出现循环：{' → '.join((*chain, parent_id))}")
        parent = registry.find(parent_id)
        if parent is None:
            raise loc.error(
                f"extends 引用的规则包“{parent_id}”不存在（可用：{registry.known_ids()}）"
            )
        _merge(profile, _resolve(registry, parent, chain), rules)
    own = Profile(
        pack.id, pack.header.title, pack.header.description, pack.header.source,
        pack.header.year, pack.header.detect, pack.header.substitutes,
        pack.sections, pack.leads, pack.rules, pack.path,
    )  # fmt: skip
    _merge(profile, own, rules)
    profile.rules = list(rules.values())
    profile.detect = pack.header.detect
    return profile


def overlay(registry: Finder, profile: Profile, pack: Pack) -> Profile:
    """A plain pack laid over a profile, as if the profile extended it last: its rules,
    stand-ins and any sections or leads it declares. Its rules must fit the result."""
    top = _resolve(registry, pack, ())
    merged = dataclasses.replace(profile, rules=[])
    rules = {r.id: r for r in profile.rules}
    _merge(merged, top, rules)
    merged.rules = list(rules.values())
    check_references(merged, pack)
    return merged


def context(registry: Finder, pack: Pack) -> Profile:
    """The profile a pack's rules run in: the pack itself if it is a profile; otherwise
    the generic profile's sections and leads with the pack's rules and stand-ins."""
    profile = resolve(registry, pack)
    if pack.header.profile:
        return profile
    generic = registry.find(GENERIC)
    if generic is not None and not profile.sections:
        base = resolve(registry, generic)
        profile.sections, profile.leads = base.sections, base.leads
        profile.substitutes = {**base.substitutes, **profile.substitutes}
    check_references(profile, pack)
    return profile


def _merge(into: Profile, other: Profile, rules: dict[str, Rule]) -> None:
    """Lay ``other`` over ``into``: lists it declares replace, rules replace by id."""
    into.year = other.year or into.year
    into.substitutes = {**into.substitutes, **other.substitutes}
    if other.sections is not None:
        into.sections = other.sections
    if other.leads is not None:
        into.leads = other.leads
    for rule in other.rules:
        rules[rule.id] = rule


def check_references(profile: Profile, pack: Pack) -> None:
    """Section ids named by leads and rules must be declared; a leads rule needs leads."""
    if not profile.rules:
        raise pack.data.loc.error("规则包没有任何规则（本身没有 rules，extends 也没有继承到）")
    known = {s.id for s in profile.sections}
    declared = f"（已声明：{'、'.join(sorted(known)) or '无'}）"
    for lead in profile.leads:
        if lead.section not in known:
            loc = lead.loc or pack.data.loc
            raise loc.error(f"lead“{lead.id}”引用了未声明的部分“{lead.section}”{declared}")
    for rule in profile.rules:
        for key in SECTION_OPTIONS:
            named = getattr(rule.options, key, None)
            for section_id in [named] if isinstance(named, str) else named or []:
                if section_id not in known:
                    raise rule.at(key).error(
                        f"规则“{rule.id}”引用了未声明的部分“{section_id}”{declared}"
                    )
        if rule.kind in ("leads", "pairing"):
            _check_leads_exist(profile, rule)


# Options of any check kind that name sections of the profile.
SECTION_OPTIONS = ("section", "sections", "answers")


def _check_leads_exist(profile: Profile, rule: Rule) -> None:
    """A rule about a section's leads can never fire when the profile declares none there
    (or, for pairing, none that says what answers it)."""
    leads = [lead for lead in profile.leads if lead.section == rule.options.section]
    if rule.kind == "pairing":
        leads = [lead for lead in leads if lead.measure_keywords]
    if not leads:
        what = "带 measure_keywords 的 lead" if rule.kind == "pairing" else "lead"
        raise rule.at("section").error(
            f"规则“{rule.id}”检查“{rule.options.section}”部分的 leads，"
            f"但规则集没有为这个部分声明任何 {what}：这条规则永远不会触发"
        )
