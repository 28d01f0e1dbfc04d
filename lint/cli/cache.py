"""``draftlint clean``: remove the cache (parsed packs, the typo lexicon, kept results), as
``ruff clean`` does. Registered on the main group by cli/commands.py when named."""

from __future__ import annotations

import sys

import click

from lint import cachedir


@click.command(options_metavar="[选项]")
def clean() -> None:
    """清除缓存（解析后的规则包、错别字词库、文稿的检查结果）。下次检查时自动重建。"""
    try:
        folder, files, size = cachedir.clean()
    except OSError as error:
        click.echo(f"draftlint: 清除缓存失败：{error}", err=True)
        sys.exit(2)
    if not files:
        click.echo(f"没有需要清除的缓存（{folder}）。" if folder else "没有缓存目录。")
        return
    click.echo(f"已清除缓存 {folder}：{files} 个文件，{size / 1_000_000:.1f} MB。")
