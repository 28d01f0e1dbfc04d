"""The command line: ``draftlint check`` (the default command), ``annotate``, ``rules``,
``profiles``, ``init``, ``pack``, ``lsp``, ``serve``, ``clean``."""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

import click

from lint import __version__
from lint.cli import chinese
from lint.cli.errors import guarded
from lint.reporters import FORMATS

# Commands of other modules, imported only when run: ``check`` starts faster without them.
LAZY_COMMANDS = {
    "rules": "lint.cli.rules",
    "profiles": "lint.cli.rules",
    "init": "lint.cli.rules",
    "pack": "lint.cli.pack",
    "lsp": "lint.cli.surfaces",
    "serve": "lint.cli.surfaces",
    "clean": "lint.cli.cache",
}

chinese.install()  # click's usage, headings and errors in Chinese


class DefaultGroup(click.Group):
    """``draftlint PATHS`` means ``draftlint check PATHS``, as ``ruff PATHS`` did."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands
            and args[0] not in LAZY_COMMANDS
            and args[0] not in ("--help", "-h", "--version")
        ):
            self._suggest(ctx, args[0])
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _suggest(self, ctx: click.Context, word: str) -> None:
        """A first word that is neither a command nor a path that exists or looks like a
        file, but close to a command (``chek``), is a mistyped command, not a draft."""
        looks_like_path = (
            word.startswith("-")
            or os.path.lexists(word)
            or "." in word
            or "/" in word
            or os.sep in word
        )
        if looks_like_path:
            return
        close = difflib.get_close_matches(word, self.list_commands(ctx), n=1, cutoff=0.6)
        if close:
            raise click.UsageError(
                f"没有“{word}”这个命令，也没有这个文件。您是否想输入 {close[0]}？", ctx
            )

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in LAZY_COMMANDS:
            import importlib  # only when run: start-up time

            self.add_command(getattr(importlib.import_module(LAZY_COMMANDS[name]), name))
        return super().get_command(ctx, name)


@click.group(
    cls=DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
)
@click.version_option(__version__, prog_name="draftlint", message="%(prog)s，版本 %(version)s")
def main() -> None:
    """draftlint：对照检查材料的检查工具。"""


def rule_options(command):
    """--profile, --rules, --select, --ignore and --no-config: which rules run."""
    options = [
        click.option(
            "--profile",
            default=None,
            help="规则集：auto（按标题和前言自动识别，默认）或规则集 id。",
        ),
        click.option(
            "--rules",
            "rule_files",
            multiple=True,
            type=click.Path(dir_okay=False, path_type=Path),
            help="额外的规则包（YAML），可重复。",
        ),
        click.option("--select", help="只启用这些规则（逗号分隔的 id）。"),
        click.option("--ignore", help="不启用这些规则（逗号分隔的 id）。"),
        click.option(
            "--no-config", is_flag=True, help="不读取 .draftlint.yaml 或 pyproject.toml 中的配置。"
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="使用这个配置文件（不再向上查找）。",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def suppression_options(command):
    """--baseline, --report-unused-suppressions and --min-severity: which findings are shown."""
    options = [
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False, path_type=Path),
            help="基线文件：只报告其中没有记录的新问题。",
        ),
        click.option(
            "--report-unused-suppressions",
            "report_unused",
            is_flag=True,
            help="报告没有忽略任何问题的忽略指令（unused-suppression，提示级）。",
        ),
        click.option(
            "--min-severity",
            type=click.Choice(["error", "warning", "info"]),
            default="info",
            show_default=True,
            help="只报告不低于此级别的问题。",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# Option names of rule_options and suppression_options, as click passes them, by the field of
# run.check.Selection they fill.
SELECTION = {
    "profile": "profile",
    "rule_files": "rule_files",
    "select": "select",
    "ignore": "ignore",
    "no_config": "no_config",
    "config_file": "config",
    "baseline": "baseline",
    "report_unused": "report_unused",
    "min_severity": "min_severity",
}


def selection(options: dict):
    """The Selection the rule and suppression options describe, taken out of ``options`` (the
    keyword arguments click passed a command)."""
    from lint.run.check import Selection  # only when run: start-up time

    chosen = {field: options.pop(name) for name, field in SELECTION.items() if name in options}
    chosen["rule_files"] = tuple(chosen.get("rule_files", ()))
    return Selection(**chosen)


@main.command(options_metavar="[选项]")
@click.argument("paths", nargs=-1, metavar="[路径]...")
@rule_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="输出格式（终端默认 pretty，否则 concise；GitHub Actions 中默认 github）。",
)
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="把报告写入文件，而不是标准输出。",
)
@click.option("--strict", is_flag=True, help="警告也视为失败。")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出。")
@click.option(
    "--fix", is_flag=True, help="自动修正确定无误的问题（标点、拼音代称、错别字），原子写回。"
)
@click.option("--diff", is_flag=True, help="以统一差异格式显示自动修正的内容，不写入文件。")
@click.option(
    "--follow-links",
    is_flag=True,
    help="--fix 时也修正指向所给目录之外的符号链接（默认只报告、不写入）。",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="并行检查的进程数（默认：全部 CPU 核）。",
)
@click.option("--statistics", is_flag=True, help="只输出每条规则的问题数。")
@click.option(
    "--copies/--no-copies",
    default=None,
    help="查找彼此雷同的文稿（checklist、html 格式和给出 --reference 时默认开启）。",
)
@click.option(
    "--explain-profile",
    is_flag=True,
    help="只说明每份文稿按哪个规则集检查、为什么：列出各候选规则集的年份、关键词和方面标题得分。",
)
@click.option(
    "--reference",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="参照目录：报告与其中文稿雷同的文稿。",
)
@suppression_options
@click.option(
    "--update-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="把当前全部问题写入基线文件（之后用 --baseline 只报告新问题）。",
)
@click.option(
    "--no-gitignore",
    is_flag=True,
    help="遍历目录时不理会 .gitignore（默认跳过 git 忽略的文件）。",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="不读写缓存（解析后的规则包和未改动文稿的检查结果）。",
)
def check(paths, explain_profile, no_gitignore, no_cache, **options) -> None:
    """检查文稿（.txt、.md、.docx；目录递归；- 表示标准输入）。"""
    from lint.run.check import CheckRun, run  # only when run: start-up time

    chosen = selection(options)
    if explain_profile:
        sys.exit(guarded(_explain, paths, chosen, options["fmt"]))
    work = CheckRun(
        paths=paths,
        selection=chosen,
        gitignore=not no_gitignore,
        cache=not no_cache,
        **options,  # the other options bear CheckRun's field names
    )
    sys.exit(guarded(run, work))


@main.command(options_metavar="[选项]")
@click.argument("draft", type=click.Path(dir_okay=False), metavar="文稿")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="带批注的副本写到这里（原文件不会被修改）。",
)
@rule_options
@suppression_options
def annotate(draft, output, **options) -> None:
    """把检查结果作为 Word 批注写入 .docx 文稿的副本。"""
    from lint.run.annotate import annotate_file  # only when run: start-up time

    sys.exit(guarded(annotate_file, draft, output, selection(options)))


def _explain(paths, chosen, fmt) -> int:
    from lint.run.explain import explain  # only when run: start-up time
    from lint.run.files import collect  # only when run: start-up time

    files, missing = collect(paths)
    for path in missing:
        click.echo(f"draftlint: {path}：路径不存在或无法读取", err=True)
    report, status = explain(files, chosen, "json" if fmt == "json" else "pretty")
    click.echo(report, nl=False)
    return 2 if missing else status


if __name__ == "__main__":
    main()
