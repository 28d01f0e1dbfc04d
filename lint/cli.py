"""The command line: ``draftlint check`` (the default command), ``annotate``, ``rules``,
``profiles``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from lint import __version__
from lint.reporters import FORMATS

# Commands of other modules, imported only when run: ``check`` starts faster without them.
LAZY_COMMANDS = {"rules": "lint.cli_rules", "profiles": "lint.cli_rules", "init": "lint.cli_rules"}

# Formats that summarise a batch: they look for copies unless told not to.
SUMMARY_FORMATS = ("checklist", "html")


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
            import importlib

            self.add_command(getattr(importlib.import_module(LAZY_COMMANDS[name]), name))
        return super().get_command(ctx, name)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="draftlint")
def main() -> None:
    """draftlint：对照检查材料的检查工具。"""


def _ids(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {v.strip() for v in value.split(",") if v.strip()}


# Files in a folder of drafts that are never drafts themselves.
NOT_DRAFTS = ("readme", "changelog", "license", "contributing")


def collect(paths: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Drafts named or found under folders (sorted), and paths that cannot be checked:
    missing, unreadable folders, pipes and devices."""
    from lint.source import SUFFIXES

    def is_draft(name: str) -> bool:
        lower = name.lower()
        # ~$ files are the lock files Word leaves beside an open document
        return lower.endswith(SUFFIXES) and not lower.startswith((*NOT_DRAFTS, "~$"))

    files, missing = [], []

    def unlisted(error: OSError) -> None:  # reported, not skipped in silence
        missing.append(error.filename)

    for path in paths or (".",):
        p = Path(path)
        if path == "-" or p.is_file() or p.is_symlink():  # a broken link: say why
            files.append(path)
        elif p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, onerror=unlisted, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, n) for n in names if is_draft(n))
            files.extend(sorted(found))
        else:
            missing.append(path)
    return files, missing


def unusable(path: str) -> str:
    """Why a path that collect() could not use is not checked."""
    if not os.path.lexists(path):
        return "路径不存在"
    if os.path.isdir(path):
        return "无法读取此目录（没有权限？），其中的文稿未检查"
    return "不是普通文件（管道、设备或套接字），未检查"


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


def planned_linters(files, profile, rule_files, select, ignore, no_config) -> list:
    """(Linter, drafts) per group of drafts sharing settings; exits 2 on a broken config."""
    from lint import config
    from lint.packs import PackError

    command_line = config.CommandLine(profile, rule_files, _ids(select), _ids(ignore))
    try:
        return config.linters(files, command_line, use_files=not no_config)
    except PackError as exc:
        raise SystemExit(_fail(f"配置或规则包有误：{exc}")) from None
    except KeyError as exc:
        raise SystemExit(_fail(exc.args[0])) from None


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
) -> None:
    """检查文稿（.txt、.md、.docx；目录递归；- 表示标准输入）。"""
    from lint.batch import check_files
    from lint.findings import input_error
    from lint.linter import Result
    from lint.packs import PackError
    from lint.reporters import renderer

    files, missing = collect(paths)
    linters = planned_linters(files, profile, rule_files, select, ignore, no_config)
    to_terminal = output is None and sys.stdout.isatty()
    fmt = fmt or default_format(to_terminal=to_terminal)
    if copies is None:
        copies = reference is not None or fmt in SUMMARY_FORMATS
    copies = copies and any(linter.enabled("copy") for linter, _ in linters)  # COPY_RULE
    fingerprints: dict = {}
    results = [Result(p, [input_error(p, unusable(p))], failed=True) for p in missing]
    try:
        if fix or diff:
            pending = False
            for linter, group in linters:
                fixed, group_pending = fix_files(linter, group, write=not diff)
                results, pending = results + fixed, pending or group_pending
            if diff:
                sys.exit(2 if any(r.failed for r in results) else int(pending))
        else:
            for linter, group in linters:
                look = copies and linter.enabled("copy")
                checked, prints = check_files(linter, group, jobs, fingerprints=look)
                results += checked
                fingerprints.update(prints)
    except PackError as exc:
        raise SystemExit(_fail(f"规则包有误：{exc}")) from None
    results.sort(key=lambda r: r.path)
    if copies and not (fix or diff):
        from lint import copies as copy_detection

        known = (
            copy_detection.fingerprint_folder(collect((str(reference),))[0]) if reference else {}
        )
        pairs = copy_detection.find_pairs(fingerprints, known)
        copy_detection.attach(results, pairs)

    color = fmt in ("pretty", "checklist") and to_terminal and "NO_COLOR" not in os.environ
    report = renderer("statistics" if statistics else fmt)(results, color=color)
    if output is None:
        click.echo(report, nl=False)
    else:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise SystemExit(_fail(f"无法写入报告文件 {output}：{exc.strerror or exc}")) from None
    sys.exit(exit_code(results, strict, exit_zero))


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
    from lint.annotate import annotate as annotate_docx
    from lint.packs import PackError
    from lint.source import InputError

    [(linter, _)] = planned_linters([draft], profile, rule_files, select, ignore, no_config)
    try:
        result, comments = annotate_docx(linter, draft, output)
    except PackError as exc:
        raise SystemExit(_fail(f"规则包有误：{exc}")) from None
    except InputError as exc:
        raise SystemExit(_fail(f"{draft}：{exc}")) from None
    click.echo(f"draftlint: 已写入 {output}：{comments} 条批注", err=True)
    sys.exit(2 if result.failed else 0)


def fix_files(linter, files: list[str], write: bool) -> tuple[list, bool]:
    """Fix each file, or only print the diff; return the findings left and whether any file
    had something to fix."""
    from lint.fix import fix_file, unified_diff
    from lint.linter import internal_error

    results, applied, written, pending = [], 0, 0, False
    linter.max_findings = None  # every fix in one pass: the cap on findings is for reports
    for path in files:
        try:
            outcome = fix_file(linter, path, write=write)
        except Exception as exc:  # a bug must not stop the other files (writes are atomic)
            results.append(internal_error(path, "修正", exc))
            continue
        if outcome.note:
            click.echo(f"draftlint: {path}：{outcome.note}", err=True)
        if not write and outcome.changed:
            click.echo(unified_diff(outcome), nl=False)
        if outcome.written:
            applied, written = applied + outcome.applied, written + 1
        pending = pending or outcome.changed
        results.append(outcome.result)
    if write:
        click.echo(f"draftlint: 已自动修正 {applied} 处（{written} 个文件）", err=True)
    return results, pending


def default_format(to_terminal: bool) -> str:
    if os.environ.get("GITHUB_ACTIONS"):
        return "github"
    return "pretty" if to_terminal else "concise"


def exit_code(results, strict: bool, exit_zero: bool) -> int:
    """2 for unreadable input or broken rules, 1 for failing findings, else 0."""
    if any(r.failed for r in results):
        return 2
    failing = {"error", "warning"} if strict else {"error"}
    if not exit_zero and any(f.severity in failing for r in results for f in r.findings):
        return 1
    return 0


def _fail(message: str) -> int:
    click.echo(f"draftlint: {message}", err=True)
    return 2


if __name__ == "__main__":
    main()
