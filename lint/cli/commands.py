"""The command line: ``draftlint check`` (the default command), ``annotate``, ``rules``,
``profiles``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lint import __version__
from lint.cli.errors import guarded
from lint.reporters import FORMATS

# Commands of other modules, imported only when run: ``check`` starts faster without them.
LAZY_COMMANDS = {"rules": "lint.cli.rules", "profiles": "lint.cli.rules", "init": "lint.cli.rules"}


class DefaultGroup(click.Group):
    """``draftlint PATHS`` means ``draftlint check PATHS``, as ``ruff PATHS`` did."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands
            and args[0] not in LAZY_COMMANDS
            and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in LAZY_COMMANDS:
            import importlib  # only when run: start-up time

            self.add_command(getattr(importlib.import_module(LAZY_COMMANDS[name]), name))
        return super().get_command(ctx, name)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="draftlint")
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
    ]
    for option in reversed(options):
        command = option(command)
    return command


def selection(profile, rule_files, select, ignore, no_config):
    from lint.run.check import Selection  # only when run: start-up time

    return Selection(profile, tuple(rule_files), select, ignore, no_config)


@main.command()
@click.argument("paths", nargs=-1)
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
def check(
    paths,
    profile,
    rule_files,
    fmt,
    output,
    select,
    ignore,
    strict,
    exit_zero,
    fix,
    diff,
    jobs,
    statistics,
    no_config,
    copies,
    reference,
    explain_profile,
) -> None:
    """检查文稿（.txt、.md、.docx；目录递归；- 表示标准输入）。"""
    from lint.run.check import CheckRun, run  # only when run: start-up time

    if explain_profile:
        sys.exit(
            _run(_explain, paths, selection(profile, rule_files, select, ignore, no_config), fmt)
        )

    options = CheckRun(
        paths=paths,
        selection=selection(profile, rule_files, select, ignore, no_config),
        fmt=fmt,
        output=output,
        strict=strict,
        exit_zero=exit_zero,
        fix=fix,
        diff=diff,
        jobs=jobs,
        statistics=statistics,
        copies=copies,
        reference=reference,
    )
    sys.exit(_run(run, options))


@main.command()
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="带批注的副本写到这里（原文件不会被修改）。",
)
@rule_options
def annotate(draft, output, profile, rule_files, select, ignore, no_config) -> None:
    """把检查结果作为 Word 批注写入 .docx 文稿的副本。"""
    from lint.run.annotate import annotate_file  # only when run: start-up time

    options = selection(profile, rule_files, select, ignore, no_config)
    sys.exit(_run(annotate_file, draft, output, options))


def _explain(paths, chosen, fmt) -> int:
    from lint.run.explain import explain  # only when run: start-up time
    from lint.run.files import collect  # only when run: start-up time

    files, missing = collect(paths)
    for path in missing:
        click.echo(f"draftlint: {path}：路径不存在或无法读取", err=True)
    report, status = explain(files, chosen, "json" if fmt == "json" else "pretty")
    click.echo(report, nl=False)
    return 2 if missing else status


_run = guarded  # a user error is one line on stderr and exit status 2


if __name__ == "__main__":
    main()
