"""pairing: every lead a draft addresses under one section is answered in another.

A problem lead (matched with the ``leads`` kind's matching) is answered when the measures
section mentions one of the lead's ``measure_keywords``, or repeats a run of at least
``shared`` Chinese characters from the problems written under that lead (林权纠纷积案 in a
problem and in a measure). Leads without ``measure_keywords`` are not judged: the pack has
not said what an answer looks like.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lint.checks import leads
from lint.checks.draft import Draft
from lint.model import Finding, OptionError, Rule

_HAN_RUN = regex.compile(r"\p{Han}+")


@dataclass
class Options:
    """Options of a ``pairing`` rule: which section answers which section's leads."""

    section: str = "problems"  # the section whose leads need an answer
    answers: str = "measures"  # the section that must answer each of them
    shared: int = 4  # characters a problem and a measure must share; 0: keywords only

    def __post_init__(self) -> None:
        if self.shared < 0:
            raise OptionError("shared", "shared 应为 0 或正整数")


def grams(text: str, n: int) -> set[str]:
    """Every run of ``n`` Chinese characters in ``text`` (not across punctuation)."""
    return {run[i : i + n] for run in _HAN_RUN.findall(text) for i in range(len(run) - n + 1)}


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    answers = draft.outline.section(options.answers)
    if answers is None:
        return  # section-missing reports it
    answer_text = draft.normalize(draft.text[answers.start : answers.end])
    answer_grams: set[str] | None = None  # built when a lead is not answered by keywords
    required, matched = leads.match(draft, leads.Options(section=options.section))
    for lead in required:
        node = matched.get(lead.id)
        if node is None or not lead.measure_keywords:
            continue  # an absent lead is lead-missing's finding
        if leads.mentions(answer_text, lead.measure_keywords, draft.normalize):
            continue
        if options.shared:
            if answer_grams is None:
                answer_grams = grams(answer_text, options.shared)
            problems = draft.normalize(draft.text[node.title[1] : node.end])
            if answer_grams & grams(problems, options.shared):
                continue
        title = draft.outline.span_text(answers.title)
        yield draft.finding(rule, *node.title, key=lead.id, lead=lead.name, section=title)
