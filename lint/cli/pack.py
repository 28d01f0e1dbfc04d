"""``draftlint pack new --from-notice``: a theme pack from this year's meeting notice.

Registered on the main group by cli/commands.py when named; the work is in lint.run.notice.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lint.model import ConfigError, InputError
from lint.run.notice import new_pack


@click.group(options_metavar="[选项]", subcommand_metavar="命令 [参数]...")
def pack() -> None:
    """生成规则包。"""


@pack.command("new", options_metavar="[选项]")
@click.option(
    "--from-notice",
    "notice",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="会议通知（.docx、.txt 或 .md），或其中列出各方面的那一段。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入的规则包文件（默认：当前目录下的“规则集id.yaml”）。",
)
@click.option("--id", "pack_id", help="规则集 id（默认按方面数和年度生成，如 sigedaitou-2026）。")
@click.option("--force", is_flag=True, help="覆盖已有的文件。")
def new(notice: Path, output: Path | None, pack_id: str | None, force: bool) -> None:
    """按会议通知生成带注释的规则包：年度、自动识别词语、各方面及其关键词、规则和示例。"""
    try:
        written = new_pack(notice, output, pack_id, force)
    except (InputError, ConfigError) as exc:
        click.echo(f"draftlint: {exc}", err=True)
        sys.exit(2)
    aspects = written.notice.aspects
    click.echo(f"已写入 {written.path}（规则集 {written.pack_id}）：{len(aspects)} 个方面")
    for i, aspect in enumerate(aspects, 1):
        keywords = "、".join(aspect.keywords) or "（无，请补充）"
        click.echo(f"  {i}. {aspect.name}    关键词：{keywords}")
    if written.notice.year is None:
        click.echo("未在通知标题中找到年度，请在规则包中补上 year。")
    if written.failures:
        for failure in written.failures:
            click.echo(str(failure))
        click.echo("生成的示例未全部通过，请按上面的提示修改规则包后运行 draftlint rules test。")
        sys.exit(1)
    click.echo(
        "请核对各方面的表述和关键词、补充 measure_keywords，然后运行："
        f"draftlint rules test {written.path}"
    )
