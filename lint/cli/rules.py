"""Commands for pack authors and users: ``rules list|show|validate|test``, ``profiles``, ``init``.

Registered on the main group by cli/commands.py when named; kept apart so that ``check``
stays small.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click
import regex

from lint.model import GENERIC, SEVERITY_LABELS, PackError, first_sentence
from lint.packs.registry import SHIPPED, Registry
from lint.run.config import STARTER, YAML_NAME
from lint.run.ruletests import check_packs

PACK_PATHS = click.Path(dir_okay=False, path_type=Path)


def _fail(message: str) -> None:
    click.echo(f"draftlint: {message}", err=True)
    sys.exit(2)


def _registry(rule_files: tuple[Path, ...]):
    registry = Registry(list(rule_files))
    try:  # every pack is checked once here, so that what follows cannot fail
        for pack in registry.all_packs():
            registry.context(pack)
    except PackError as exc:
        _fail(f"规则包有误：{exc}")
    return registry


def squash(text: str) -> str:
    """Text of a folded YAML scalar on one line, without the spaces folding put between
    Chinese characters."""
    text = " ".join(text.split())
    return regex.sub(r"(?<=[\p{Han}\p{P}]) (?=[\p{Han}\p{P}])", "", text)


def _profile_pack(registry, name: str):
    pack = registry.find(name)
    if pack is None or not pack.header.profile:
        _fail(f"未知的规则集“{name}”（可用：{'、'.join(p.id for p in registry.profiles())}）")
    return pack


def summary_line(rule) -> str:
    """The first sentence of a rule's description (its message when it has none)."""
    return first_sentence(squash(rule.description or rule.message))


@click.group(options_metavar="[选项]", subcommand_metavar="命令 [参数]...")
def rules() -> None:
    """查看、校验和测试规则包。"""


rules_option = click.option(
    "--rules", "rule_files", multiple=True, type=PACK_PATHS, help="额外的规则包（YAML），可重复。"
)


@rules.command("list", options_metavar="[选项]")
@click.option("--profile", help="只列出这个规则集实际生效的规则（含继承的）。")
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(profile: str | None, rule_files: tuple[Path, ...], fmt: str) -> None:
    """列出规则：id、检查类型、级别、所属规则包、简介。"""
    registry = _registry(rule_files)
    if profile:
        found = registry.resolve(_profile_pack(registry, profile)).rules
    else:
        found = [rule for pack in registry.all_packs() for rule in pack.rules]
    rows = [(r.id, r.kind, r.severity, r.pack, summary_line(r)) for r in found]
    if fmt == "json":
        keys = ("id", "kind", "severity", "pack", "summary")
        click.echo(
            json.dumps(
                [dict(zip(keys, row, strict=True)) for row in rows], ensure_ascii=False, indent=2
            )
        )
        return
    widths = [max(len(row[i]) for row in rows) for i in range(4)] if rows else [0] * 4
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4]
        )


def _option_values(options) -> list[tuple[str, object]]:
    return [(f.name, getattr(options, f.name)) for f in dataclasses.fields(options) if f.init]


def _show_value(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def explain(rule, path: Path) -> str:
    """A rule explained in full, as ``ruff rule`` does."""
    lines = [
        f"# {rule.id}",
        "",
        f"检查类型：{rule.kind}    级别：{rule.severity}（{SEVERITY_LABELS[rule.severity]}）",
        f"规则包：{rule.pack}（{path}" + (f":{rule.loc.line}）" if rule.loc else "）"),
        "",
    ]
    if rule.description:
        lines += [squash(rule.description), ""]
    lines += [f"提示：{rule.message}", "", "选项："]
    lines += [f"  {name}: {_show_value(value)}" for name, value in _option_values(rule.options)]
    for which, title in (("bad", "应当报告的示例（bad）"), ("good", "不应报告的示例（good）")):
        examples = getattr(rule.examples, which)
        if not examples:
            continue
        lines += ["", f"{title}："]
        for example in examples:
            where = f"（第 {example.line} 行）" if example.line else ""
            text = example.text.split("\n")
            lines += [f"  - {text[0]}{where}"] + [f"    {t}" for t in text[1:]]
    return "\n".join(lines)


@rules.command("show", options_metavar="[选项]")
@click.argument("rule_id", metavar="规则ID")
@click.option("--profile", help="只显示这个规则集里生效的那一条。")
@rules_option
def show_rule(rule_id: str, profile: str | None, rule_files: tuple[Path, ...]) -> None:
    """详细说明一条规则：描述、提示、选项和示例。"""
    registry = _registry(rule_files)
    packs = registry.all_packs()
    if profile:
        in_effect = {r.id: r for r in registry.resolve(_profile_pack(registry, profile)).rules}
        found = [in_effect[rule_id]] if rule_id in in_effect else []
    else:
        found = [rule for pack in packs for rule in pack.rules if rule.id == rule_id]
    if not found:
        known = "、".join(sorted({r.id for p in packs for r in p.rules}))
        _fail(f"没有 id 为“{rule_id}”的规则（已有：{known}）")
    paths = {p.id: p.path for p in packs}
    texts = [explain(rule, paths.get(rule.pack, Path(rule.pack))) for rule in found]
    click.echo("\n\n".join(texts))


def _pack_paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) or sorted(SHIPPED.glob("*.yaml"))


@rules.command("validate", options_metavar="[选项]")
@click.argument("paths", nargs=-1, type=PACK_PATHS, metavar="[规则包]...")
def validate(paths: tuple[Path, ...]) -> None:
    """校验规则包（默认：随工具提供的全部规则包）。有误时以 2 退出。"""
    failed = False
    for path in _pack_paths(paths):
        try:
            profile = Registry([path]).validate(path)
        except PackError as exc:
            elsewhere = Path(exc.path).resolve() != path.resolve()
            click.echo(str(exc) + (f"（校验 {path} 时发现）" if elsewhere else ""))
            failed = True
        else:
            click.echo(f"{path}: 有效（规则 {len(profile.rules)} 条）")
    sys.exit(2 if failed else 0)


@rules.command("test", options_metavar="[选项]")
@click.argument("paths", nargs=-1, type=PACK_PATHS, metavar="[规则包]...")
def test_rules(paths: tuple[Path, ...]) -> None:
    """运行每条规则的示例（默认：随工具提供的全部规则包）。失败时以 1 退出。"""
    try:
        report = check_packs(_pack_paths(paths))
    except PackError as exc:
        _fail(f"规则包有误：{exc}")
    for failure in report.failures:
        click.echo(str(failure))
    counts = f"{report.packs} 个规则包、{report.rules} 条规则、{report.examples} 个示例"
    if report.failures:
        click.echo(f"测试了 {counts}：失败 {len(report.failures)} 处。")
        sys.exit(1)
    click.echo(f"测试了 {counts}：全部通过。")


@click.command(options_metavar="[选项]")
@rules_option
def profiles(rule_files: tuple[Path, ...]) -> None:
    """列出规则集：id、标题、按哪些词自动识别。"""
    registry = _registry(rule_files)
    for pack in registry.profiles():
        header = pack.header
        click.echo(f"{header.id}  {header.title}")
        if header.detect:
            also = f"，且同时含“{'”“'.join(header.detect_also)}”之一" if header.detect_also else ""
            click.echo(f"    自动识别：标题或前言含“{'”“'.join(header.detect)}”{also}")
        else:
            click.echo(
                "    自动识别：不自动识别；未识别出会议主题时使用"
                if header.id == GENERIC
                else "    自动识别：不自动识别，用 --profile 指定"
            )
        if header.extends:
            click.echo(f"    继承：{'、'.join(header.extends)}")
        leads = registry.resolve(pack).leads
        if leads:
            click.echo(
                f"    要求的方面：{len(leads)} 个（{'；'.join(lead.name for lead in leads)}）"
            )


@click.command(options_metavar="[选项]")
@click.argument(
    "folder", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[目录]"
)
@click.option("--force", is_flag=True, help="覆盖已有的配置文件。")
def init(folder: Path, force: bool) -> None:
    """写入带注释的配置模板 .draftlint.yaml（默认在当前目录）。"""
    path = folder / YAML_NAME
    if path.exists() and not force:
        _fail(f"{path} 已存在；如需覆盖请加 --force")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(STARTER, encoding="utf-8")
    except OSError as exc:
        _fail(f"无法写入 {path}：{exc.strerror or exc}")
    click.echo(f"已写入 {path}")
