"""docs/rules.md never drifts from the code, and a pack written from it works.

Every check kind and option, every pack, section, lead, example and configuration key must be
documented; every YAML example in the page must load; a pack for a theme no shipped pack
knows, written only from the page (tests/fixtures/packs), checks a draft of that theme.
"""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap

import pytest
from click.testing import CliRunner
from conftest import ROOT

from lint.checks import KINDS, options_class
from lint.cli import main
from lint.model import Example, LeadSpec, SectionSpec
from lint.packs.parse import PACK_KEYS
from lint.packs.registry import Registry
from lint.run import config
from lint.run.ruletests import check_packs

DOC = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
FIXTURES = ROOT / "tests" / "fixtures"


def init_fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.init]


def chapter(title: str) -> str:
    """The text of a ``##`` or ``###`` chapter of the page."""
    m = re.search(rf"^(#+) {re.escape(title)}\n(.*?)(?=^#{{1,3}} |\Z)", DOC, re.M | re.S)
    assert m, f"docs/rules.md has no chapter “{title}”"
    return m.group(2)


def table_keys(text: str) -> set[str]:
    """The keys in the first column of the Markdown tables of a text."""
    return set(re.findall(r"^\| `([^`]+)` \|", text, re.M))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_and_each_of_its_options_is_documented(kind):
    text = chapter(f"`{kind}`")
    missing = set(init_fields(options_class(kind))) - table_keys(text)
    assert not missing, f"document option(s) {sorted(missing)} of kind {kind} in docs/rules.md"
    assert f"kind: {kind}" in text, f"give an example rule of kind {kind} in docs/rules.md"


def test_every_documented_kind_exists():
    documented = set(re.findall(r"^### `([a-z-]+)`$", DOC, re.M))
    assert documented == set(KINDS), "docs/rules.md: a “### `kind`” chapter per kind in KINDS"


@pytest.mark.parametrize(
    ("title", "keys"),
    [
        ("Top-level keys", PACK_KEYS),
        ("Sections", init_fields(SectionSpec)),
        ("Leads", init_fields(LeadSpec)),
        ("Rules", ("id", "kind", "severity", "message", "description", "examples")),
        ("Examples", ("bad", "good")),
        ("Configuration", [f.replace("_", "-") for f in init_fields(config.ConfigFile)]),
    ],
)
def test_every_key_is_documented(title, keys):
    missing = set(keys) - table_keys(chapter(title))
    assert not missing, f"document {sorted(missing)} under “{title}” in docs/rules.md"


def test_per_file_keys_and_example_keys_are_documented():
    per_file = chapter("Configuration").split("`per-file`")[1].split("\n")[0]
    assert all(f"`{key}`" in per_file for key in init_fields(config.PerFile))
    assert all(f"{key}:" in chapter("Examples") for key in init_fields(Example))


def test_every_shipped_pack_is_named():
    for pack in Registry().all_packs():
        assert f"`{pack.id}`" in chapter("Packs and profiles"), pack.id


# -- every example in the page loads --------------------------------------------------------


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", DOC, re.M | re.S)


def test_the_yaml_examples_load(tmp_path):
    """Whole packs load and pass their rule tests; fragments load inside a profile."""
    packs, fragments = [], 0
    for i, block in enumerate(blocks("yaml")):
        if block.startswith("id: "):
            pack_id = re.match(r"id: (\S+)", block).group(1)
            path = tmp_path / f"{pack_id}.yaml"
            path.write_text(block, encoding="utf-8")
            packs.append(path)
            continue
        if block.startswith("profile:") or block.startswith("rules: [packs/"):
            continue  # configuration: below
        if block.startswith("- id:"):
            block = "rules:\n" + textwrap.indent(block, "  ")
        header = f"id: fragment-{i}\ntitle: 片段\nprofile: true\nextends: [wugedaitou-2021]\n"
        path = tmp_path / f"fragment-{i}.yaml"
        path.write_text(header + block, encoding="utf-8")
        Registry([path]).validate(path)
        fragments += 1
    assert len(packs) >= 3 and fragments >= 10
    report = check_packs(packs)
    assert report.failures == [] and report.rules >= 3


def test_the_configuration_examples_load(tmp_path):
    yaml_config = next(b for b in blocks("yaml") if b.startswith("profile: auto"))
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "our-requirements.yaml").write_text(
        "id: ours\ntitle: 本单位\nextends: common\n", encoding="utf-8"
    )
    (tmp_path / ".draftlint.yaml").write_text(yaml_config, encoding="utf-8")
    loaded = config.load(tmp_path / ".draftlint.yaml")
    assert loaded.per_file[0].profile == "sigefangmian-2024-personal"
    (tmp_path / "pyproject.toml").write_text(blocks("toml")[0], encoding="utf-8")
    loaded = config.load(tmp_path / "pyproject.toml")
    assert loaded.per_file[0].severity == {"example-missing": "error"}


# -- a pack written from the page checks a theme the tool has never seen ----------------------


def test_a_pack_written_from_the_docs_checks_a_new_theme():
    pack = FIXTURES / "packs" / "xunshi-zhenggai.yaml"
    draft = FIXTURES / "drafts" / "xunshi-zhenggai.txt"
    assert not any(
        p.header.detect and "巡视" in "".join(p.header.detect) for p in Registry().profiles()
    )

    tested = CliRunner().invoke(main, ["rules", "test", str(pack)])
    assert tested.exit_code == 0, tested.output

    result = CliRunner().invoke(
        main, ["check", "--no-config", "--format", "json", "--rules", str(pack), str(draft)]
    )
    assert result.exit_code == 1
    found = {(f["rule"], f["line"]) for f in json.loads(result.stdout)}
    assert {
        ("lead-missing", 10),  # 全面从严治党压力传导不到位 belongs before （三）
        ("measure-owner", 19),  # 加快项目建设 … names no owner
        ("feedback-echo", 11),  # 有待进一步加强
    } <= found
    assert not any(rule in ("lead-order", "section-missing") for rule, _ in found)
    summary = CliRunner().invoke(
        main, ["check", "--no-config", "--format", "concise", "--rules", str(pack), str(draft)]
    )
    assert "（xunshi-zhenggai）×1" in summary.stdout  # detected from the title
