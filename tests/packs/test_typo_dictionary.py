"""The typo dictionary: every entry is well formed and works through the real linter."""

from __future__ import annotations

import pytest
import regex
import yaml
from conftest import ROOT, SAMPLES

from lint.linter import Linter
from lint.model import Finding, Source

DICTIONARY = ROOT / "rules" / "dictionaries" / "typos.yaml"
KEYS = {"wrong", "right", "pattern", "fix", "note", "example", "ok"}
PREFIX = "经查，"  # a literal entry's sentence: PREFIX + wrong + SUFFIX
SUFFIX = "的情况仍然存在。"

ENTRIES: list[dict] = yaml.safe_load(DICTIONARY.read_text(encoding="utf-8"))["entries"]
LITERAL = [e for e in ENTRIES if "pattern" not in e]
PATTERNED = [e for e in ENTRIES if "pattern" in e]


def wrong_of(entry: dict) -> str:
    return entry["wrong"]


def rights(entry: dict) -> list[str]:
    return [entry["right"]] if isinstance(entry["right"], str) else entry["right"]


def expected_fix(entry: dict) -> str | None:
    single = isinstance(entry["right"], str)
    return entry["right"] if single and entry.get("fix", True) else None


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(profile="generic", select={"typo"})


def typos(linter: Linter, text: str) -> list[Finding]:
    findings = linter.check_source(Source("<t>", text)).findings
    assert all(f.rule == "typo" for f in findings), findings  # no rule-error either
    return findings


def test_dictionary_is_large_enough():
    assert len(ENTRIES) >= 320
    assert len(PATTERNED) >= 3


def test_no_duplicate_wrong_forms():
    seen: set[str] = set()
    duplicates = [e["wrong"] for e in ENTRIES if e["wrong"] in seen or seen.add(e["wrong"])]
    assert duplicates == []


@pytest.mark.parametrize("entry", ENTRIES, ids=wrong_of)
def test_entry_is_well_formed(entry: dict):
    assert set(entry) <= KEYS, set(entry) - KEYS
    assert isinstance(entry["wrong"], str) and entry["wrong"].strip() == entry["wrong"] != ""
    assert rights(entry) and all(isinstance(r, str) and r for r in rights(entry))
    assert entry["wrong"] not in rights(entry)
    assert isinstance(entry.get("fix", True), bool)
    if "pattern" in entry:
        assert {"example", "ok"} <= set(entry)
    else:
        assert not {"example", "ok"} & set(entry), "example/ok belong to pattern entries"


@pytest.mark.parametrize("entry", LITERAL, ids=wrong_of)
def test_literal_entry_is_found_once_and_fixed(linter: Linter, entry: dict):
    wrong = entry["wrong"]
    [finding] = typos(linter, PREFIX + wrong + SUFFIX)
    assert (finding.line, finding.column) == (1, len(PREFIX) + 1)
    assert finding.end_column == len(PREFIX) + len(wrong) + 1
    assert all(r in finding.message for r in rights(entry))
    fix = expected_fix(entry)
    assert (finding.fix.replacement if finding.fix else None) == fix
    for right in rights(entry):
        assert typos(linter, PREFIX + right + SUFFIX) == []


@pytest.mark.parametrize("entry", PATTERNED, ids=wrong_of)
def test_pattern_entry_matches_only_in_context(linter: Linter, entry: dict):
    pattern = regex.compile(entry["pattern"], regex.VERSION1)
    match = pattern.search(entry["example"])
    assert match and match.group() == entry["wrong"]
    assert pattern.search(entry["ok"]) is None

    [finding] = typos(linter, entry["example"])
    assert finding.column == match.start() + 1
    assert (finding.fix.replacement if finding.fix else None) == expected_fix(entry)
    assert typos(linter, entry["ok"]) == []
    for right in rights(entry):
        corrected = entry["example"][: match.start()] + right + entry["example"][match.end() :]
        assert typos(linter, corrected) == []


def test_no_correction_contains_a_wrong_form(linter: Linter):
    """Applying any correction never creates a new finding."""
    corrections = [r for e in ENTRIES for r in rights(e)]
    text = "\n".join(corrections)
    found = [text.split("\n")[f.line - 1] for f in typos(linter, text)]
    assert found == []


def test_compliant_sample_has_no_typos(linter: Linter):
    assert linter.check_path(str(SAMPLES / "good-team-2021.txt")).findings == []


def test_corpus_typos_are_only_the_real_slips(linter: Linter, corpus):
    """Reviewed by hand: the real drafts hold two misused words and nothing else the
    dictionary knows; any further finding there would be a false alarm."""
    found = []
    for path in sorted(corpus.glob("*.txt")):
        result = linter.check_path(str(path))
        for f in result.findings:
            text = result.source_lines[f.line - 1][f.column - 1 : f.end_column - 1]
            found.append((path.name[:3], f.line, text))
    assert found == [("002", 8, "厉害关系"), ("002", 20, "红线意线")]
