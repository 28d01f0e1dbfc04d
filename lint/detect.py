"""Profile choice: which meeting theme a draft is written for, read from the draft itself.

Three signals, for every profile that can be detected:

- the **year** of the meeting in the title or preamble (``2025年度``, ``二〇二五年度``);
- the profile's **detect phrases** in the title and preamble, read with every stand-in the
  profile knows (``dangshi`` → 党史), and its ``detect_not`` phrases, which rule it out;
- the **lead headings** actually present: how many of the profile's required leads match the
  draft's headings under the problems section (as the ``leads`` check matches them).

Two themes that share a name (五个带头 2021 and 2025) are told apart by their leads and year.
A profile is *well supported* when at least half of its leads are found; otherwise lead
findings would be a page of confident errors, so the linter reports ``profile-uncertain``
instead (see linter.py).
"""

from __future__ import annotations

import re

from lint.checks import leads as lead_check
from lint.checks.draft import Draft, assign_roles
from lint.model import Pack, Profile, Source
from lint.outline import Outline
from lint.source.numerals import CN_DIGITS

# A well-supported profile finds at least this share of its leads among the draft's headings.
SUPPORT = 0.5

_YEAR = re.compile(r"((?:19|20)\d\d|[一二三四五六七八九〇○零O0]{4})\s*年度?")
_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {
    "○": "0",
    "零": "0",
    "O": "0",
    "0": "0",
}


def draft_year(title: str, preamble: str) -> int | None:
    """The meeting's year: a year in the title, else ``N年度`` in the preamble (a bare date
    there is usually the day of the meeting, often the next year)."""
    for text, yearly_only in ((title, False), (preamble, True)):
        for m in _YEAR.finditer(text):
            year = _year_value(m.group(1))
            if year is not None and (m.group(0).endswith("度") or not yearly_only):
                return year
    return None


def _year_value(text: str) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)
    digits = "".join(_CN_YEAR_DIGITS.get(c, "") for c in text)
    if len(digits) != 4 or any(c in CN_DIGITS[10:] for c in text):
        return None
    year = int(digits)
    return year if 1990 <= year <= 2100 else None


class Candidate:
    """How well one profile fits a draft. (Plain classes here, not dataclasses: defining
    one costs ≈ 1.5 M instructions at start-up.)"""

    def __init__(
        self,
        pack: Pack,
        profile: Profile,
        phrases: list[str],  # detect phrases found
        excluded: list[str],  # detect_not phrases found
        also: list[str],  # detect_also phrases found
        year: int | None,  # the draft's year
    ) -> None:
        self.pack, self.profile = pack, profile
        self.phrases, self.excluded, self.also, self.year = phrases, excluded, also, year
        self.leads_found = 0
        self.leads_total = 0

    @property
    def id(self) -> str:
        return self.profile.id

    @property
    def year_fits(self) -> bool | None:
        """True/False when both the draft and the profile name a year; else None."""
        if self.year is None or self.profile.year is None:
            return None
        return self.year == self.profile.year

    @property
    def lead_share(self) -> float:
        return self.leads_found / self.leads_total if self.leads_total else 0.0

    @property
    def supported(self) -> bool:
        """Enough of the profile's leads are in the draft to check the rest against it."""
        return self.leads_total > 0 and self.lead_share >= SUPPORT

    @property
    def eligible(self) -> bool:
        """Whether the profile can be chosen at all."""
        if self.excluded or (self.pack.header.detect_also and not self.also):
            return False
        return bool(self.phrases) or self.supported

    @property
    def rank(self) -> tuple:
        """Higher is better: leads found decide between themes, unless the year rules one
        out; then the year, then how many of the theme's phrases the draft carries."""
        return (
            self.supported,
            self.year_fits is not False,
            round(self.lead_share, 3),
            self.year_fits is True,
            len(self.phrases) + len(self.also),  # a personal variant names 个人对照检查 too
            -len(self.profile.leads),
        )

    def reason(self) -> str:
        """Why this profile was chosen, for the user (Chinese)."""
        parts = []
        if self.year_fits:
            parts.append(f"标题年份 {self.year}")
        if self.phrases:
            parts.append(f"关键词“{self.phrases[0]}”" + ("等" if len(self.phrases) > 1 else ""))
        if self.leads_total:
            parts.append(f"{self.leads_found}/{self.leads_total} 个方面标题")
        listed = "、".join(parts[:-1]) + "和" + parts[-1] if len(parts) > 1 else parts[0]
        return f"按{listed}自动识别"


class Choice:
    """The profile a draft is checked against, and why."""

    def __init__(
        self,
        profile: Profile,
        detected: bool,
        reason: str,
        supported: bool = True,  # False: lead rules are replaced by one profile-uncertain note
        candidates: list[Candidate] | None = None,  # best first
    ) -> None:
        self.profile, self.detected, self.reason = profile, detected, reason
        self.supported = supported
        self.candidates: list[Candidate] = candidates or []


def score(
    pack: Pack, profile: Profile, src: Source, outline: Outline, heading: str, year: int | None
) -> Candidate:
    """How well one profile fits the draft."""
    text = heading
    for wrong, right in profile.substitutes.items():
        text = text.replace(wrong, right)
    header = pack.header
    candidate = Candidate(
        pack,
        profile,
        phrases=[p for p in header.detect if p in text],
        excluded=[p for p in header.detect_not if p in text],
        also=[p for p in header.detect_also if p in text],
        year=year,
    )
    problems = [lead for lead in profile.leads if lead.section == "problems"]
    if problems:
        draft = Draft(src, outline, profile)
        assign_roles(outline, profile.sections, draft.normalize)
        _, matched = lead_check.match(draft, lead_check.Options(section="problems"))
        candidate.leads_found, candidate.leads_total = len(matched), len(problems)
    return candidate


def choose(
    profiles: list[tuple[Pack, Profile]], generic: Profile, src: Source, outline: Outline
) -> Choice:
    """The best-fitting profile, or the generic one when none fits."""
    heading = outline.heading_text()
    title = outline.span_text(outline.title) if outline.title else ""
    year = draft_year(title, heading)
    candidates = [score(pack, profile, src, outline, heading, year) for pack, profile in profiles]
    candidates.sort(key=lambda c: c.rank, reverse=True)
    eligible = [c for c in candidates if c.eligible]
    if not eligible:
        return Choice(generic, False, "未识别出会议主题，使用通用规则集", True, candidates)
    best = eligible[0]
    supported = best.supported or not best.leads_total
    return Choice(best.profile, True, best.reason(), supported, candidates)


def uncertain_message(choice: Choice) -> str:
    """The profile-uncertain note: the closest themes and how to pick one."""
    closest = [c for c in choice.candidates if c.leads_total and not c.excluded][:3]
    named = "、".join(
        f"{c.profile.title}（{c.id}，{c.leads_found}/{c.leads_total}）" for c in closest
    )
    return (
        f"文稿的方面标题与“{choice.profile.title}”要求的方面对不上（找到 "
        f"{_found(choice)}），未逐项检查各方面；最接近的规则集：{named}。"
        "如确为某一主题，请用 --profile 规则集id 或在配置文件中写 profile: 规则集id"
    )


def _found(choice: Choice) -> str:
    best = next((c for c in choice.candidates if c.profile is choice.profile), None)
    return f"{best.leads_found}/{best.leads_total}" if best else "0"
