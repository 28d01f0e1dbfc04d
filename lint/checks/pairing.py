"""pairing: every lead a draft addresses under one section is answered in another.

A problem lead (matched with the ``leads`` kind's matching) is answered when the measures
section mentions one of the lead's ``measure_keywords``. Leads without such keywords are
not judged: the pack has not said what an answer looks like.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks import leads
from lint.draft import Draft
from lint.findings import Finding
from lint.packs import Rule


@dataclass
class Options:
    section: str = "problems"  # the section whose leads need an answer
    answers: str = "measures"  # the section that must answer each of them


def check(draft: Draft, rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    answers = draft.outline.section(options.answers)
    if answers is None:
        return  # section-missing reports it
    answer_text = draft.normalize(draft.text[answers.start : answers.end])
    required, matched = leads.match(draft, leads.Options(section=options.section))
    for lead in required:
        node = matched.get(lead.id)
        if node is None or not lead.measure_keywords:
            continue  # an absent lead is lead-missing's finding
        if leads.mentions(answer_text, lead.measure_keywords, draft.normalize) is None:
            title = draft.outline.span_text(answers.title)
            yield draft.finding(rule, *node.title, lead=lead.name, section=title)
