"""Helpers shared by the tests (one place; a file's own small helpers stay in the file).

- paths: ROOT, SAMPLES, CORPUS (conftest.py re-exports them);
- lint a text or a sample with chosen shipped rules: lint_text, check_sample, span, line_text;
- the party-history draft the per-kind tests vary: LEADS, draft;
- a rule written in the test, alone in a pack over the generic profile: rule_pack, run_rule,
  rule_error (with RULE_DRAFT, the text they check by default);
- the shipped rules of a kind and their examples: shipped_rules, example_failures;
- the command line: run, write;
- corrupted copies of the shipped packs: PACKS, CORRUPTIONS, corrupted_copy;
- the good team sample without one lead: GOOD, PEOPLE_LEAD, without_people_lead.
"""

from __future__ import annotations

import shutil
import textwrap
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.linter import Linter, lint
from lint.model import Finding, PackError, Source
from lint.packs.registry import SHIPPED, Registry
from lint.run.ruletests import check_rule

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# The real drafts live in shared/ beside the checkout (or beside a folder above a worktree).
CORPUS = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)

_LINTERS: dict[tuple, Linter] = {}


def lint_text(
    text: str, *rules: str, profile: str = "wugedaitou-2021", fmt: str = "txt"
) -> list[Finding]:
    """Findings of the given rules (all when none given) on a text."""
    key = (profile, rules)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(profile, select=set(rules) if rules else None)
    return _LINTERS[key].check_source(Source("draft." + fmt, text, format=fmt)).findings


def rules_and_lines(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in findings]


# -- samples ----------------------------------------------------------------------------------


def check_sample(name: str, *rules: str, profile: str = "auto", packs=None) -> list:
    """Findings of the given rules (all when none given) on samples/<name>."""
    linter = Linter(profile, extra_packs=packs, select=set(rules) or None)
    return linter.check_path(str(SAMPLES / name)).findings


def line_text(name: str, line: int) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8").split("\n")[line - 1]


def span(name: str, finding) -> str:
    assert finding.line == finding.end_line
    return line_text(name, finding.line)[finding.column - 1 : finding.end_column - 1]


# -- a party-history draft to vary ------------------------------------------------------------

LEADS = [
    "（一）在带头深刻感悟“两个确立”的决定性意义方面",
    "（二）在带头牢记我们党是什么、要干什么这个根本问题方面",
    "（三）在带头践行以人民为中心的发展思想方面",
    "（四）在带头学习运用党在不同历史时期成功应对风险挑战的丰富经验方面",
    "（五）在带头深刻汲取党史中正反两方面经验方面",
]


def draft(
    leads=LEADS, causes=True, measures=True, item="一是学习不够。比如，全年只学了3次。"
) -> str:
    lines = ["党史学习教育专题民主生活会对照检查材料", "一、存在的问题"]
    for lead in leads:
        lines += [lead, item]
    if causes:
        lines += ["二、原因剖析", "（一）理论学习不够深入。"]
    if measures:
        lines += ["三、整改措施" if causes else "二、整改措施", "（一）年底前完成，由书记负责。"]
    return "\n".join(lines) + "\n"


# -- a rule written in the test ---------------------------------------------------------------

RULE_DRAFT = """\
2023年度民主生活会对照检查材料

一、存在的问题
（一）学习方面
一是学习不够。能够参加学习，比如今年学了3次。
二是调研不够。客观上任务重。
二、原因剖析
（一）客观上人手少。
（二）任务重，但根子在思想上。
三、整改措施
（一）加强学习。
（二）每月调研一次。
"""


def rule_pack(tmp_path: Path, rule: str, header: str = "") -> Registry:
    """A profile pack ``mine`` over generic with the given rules (YAML list items)."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\ntitle: 测试\nprofile: true\nextends: [generic]\n"
        + header
        + "rules:\n"
        + textwrap.indent(textwrap.dedent(rule), "  "),
        encoding="utf-8",
    )
    return Registry([path])


def run_rule(
    tmp_path: Path, rule: str, text: str = RULE_DRAFT, header: str = ""
) -> list[tuple[int, str]]:
    """(line, reported text) of the rule ``t`` of pack ``mine`` alone on ``text``."""
    registry = rule_pack(tmp_path, rule, header)
    profile = registry.context(registry.find("mine"))
    result = lint(Source("draft.txt", text), profile, [r for r in profile.rules if r.id == "t"])
    lines = text.split("\n")
    return [
        (f.line, lines[f.line - 1][f.column - 1 : f.end_column - 1])
        for f in result.findings
        if f.line == f.end_line
    ]


def rule_error(tmp_path: Path, rule: str) -> str:
    """The PackError loading a pack with this rule must raise."""
    with pytest.raises(PackError) as info:
        registry = rule_pack(tmp_path, rule)
        registry.context(registry.find("mine"))
    return str(info.value)


# -- the shipped rules' examples --------------------------------------------------------------


@cache
def _shipped_registry() -> Registry:
    return Registry()


def shipped_rules(kind: str) -> list:
    """pytest params (pack file, rule id) of every shipped rule of a kind."""
    registry = _shipped_registry()
    return [
        pytest.param(path.name, rule.id, id=f"{path.stem}:{rule.id}")
        for path in sorted(SHIPPED.glob("*.yaml"))
        for rule in registry.load(path).rules
        if rule.kind == kind
    ]


def example_failures(pack_file: str, rule_id: str) -> list[str]:
    """What ``draftlint rules test`` reports for one shipped rule's examples (its own and those
    of its data files), run in its pack's context; fails when the rule has no examples."""
    registry = _shipped_registry()
    pack = registry.load(SHIPPED / pack_file)
    rule = next(r for r in pack.rules if r.id == rule_id)
    count, failures = check_rule(registry.context(pack), rule)
    assert count > 0
    return [str(f) for f in failures]


# -- the command line -------------------------------------------------------------------------


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- corrupted copies of the shipped packs ----------------------------------------------------

PACKS = sorted(p.name for p in SHIPPED.glob("*.yaml"))


def line_of(lines: list[str], prefix: str) -> int:
    """0-based index of the first top-level line starting with ``prefix``."""
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


def unknown_key(lines: list[str], pack_id: str) -> int:
    at = line_of(lines, "id:") + 1
    lines.insert(at, "colour: red")
    return at + 1


def duplicate_key(lines: list[str], pack_id: str) -> int:
    lines.append("title: 又一个标题")
    return len(lines)


def bad_regex(lines: list[str], pack_id: str) -> int:
    if not any(line.startswith("rules:") for line in lines):  # a pack that only extends
        lines.append("rules:")
        lines.append("")
    at = line_of(lines, "rules:") + 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())] or "  "
    lines[at:at] = [
        f"{indent}- id: broken-regex",
        f"{indent}  kind: patterns",
        f"{indent}  message: 坏的正则",
        f"{indent}  patterns: ['(未闭合']",
    ]
    return at + 4


def cycle(lines: list[str], pack_id: str) -> int:
    if any(line.startswith("extends:") for line in lines):
        at = line_of(lines, "extends:")
        lines[at] = lines[at].replace("]", f", {pack_id}]")
    else:
        at = line_of(lines, "id:") + 1
        lines.insert(at, f"extends: [{pack_id}]")
    return at + 1


CORRUPTIONS = {
    "unknown-key": (unknown_key, "未知的键“colour”"),
    "duplicate-key": (duplicate_key, "重复的键“title”"),
    "bad-regex": (bad_regex, "无法编译"),
    "cycle": (cycle, "extends 出现循环"),
}


def corrupted_copy(tmp_path: Path, name: str, corruption: str) -> tuple[Path, int]:
    """All shipped packs copied to tmp_path, with ``name`` corrupted; the line to blame."""
    folder = tmp_path / "rules"
    shutil.copytree(SHIPPED, folder)
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    line = CORRUPTIONS[corruption][0](lines, path.stem)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, line


# -- the good team sample without its third lead ----------------------------------------------

GOOD = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
PEOPLE_LEAD = "（三）在带头践行以人民为中心的发展思想方面"


def without_people_lead() -> str:
    """The good sample with its third lead's heading and items removed (and renumbered)."""
    lines = GOOD.split("\n")
    start = lines.index(PEOPLE_LEAD)
    end = lines.index("", start)
    causes = lines.index("二、原因剖析")
    problems = [
        x.replace("（四）", "（三）").replace("（五）", "（四）") for x in lines[end:causes]
    ]
    return "\n".join(lines[:start] + problems + lines[causes:])
