"""``draftlint check`` as a whole run: which drafts, which linters, checking or fixing, copy
detection, the report and the exit status. The command line only parses options into a
:class:`CheckRun`."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lint.linter import Linter, internal_error
from lint.model import ConfigError, PackError, Result, input_error
from lint.reporters import renderer, shows_source
from lint.run import config
from lint.run.batch import check_files
from lint.run.files import collect, unusable

# Formats that summarise a batch: they look for copies unless told not to.
SUMMARY_FORMATS = ("checklist", "html")


@dataclass
class Selection:
    """Which rules run: --profile, --rules, --select, --ignore and --no-config."""

    profile: str | None = None
    rule_files: tuple[Path, ...] = ()
    select: str | None = None  # comma-separated rule ids
    ignore: str | None = None
    no_config: bool = False


@dataclass
class CheckRun:
    """Everything ``draftlint check`` was asked to do."""

    paths: tuple[str, ...] = ()
    selection: Selection = field(default_factory=Selection)
    fmt: str | None = None
    output: Path | None = None
    strict: bool = False
    exit_zero: bool = False
    fix: bool = False
    diff: bool = False
    jobs: int | None = None
    statistics: bool = False
    copies: bool | None = None
    reference: Path | None = None


def ids(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {v.strip() for v in value.split(",") if v.strip()}


def planned_linters(files: list[str], selection: Selection) -> list[tuple[Linter, list[str]]]:
    """(Linter, drafts) per group of drafts sharing settings. A broken config or pack, or an
    unknown profile or rule id, is a ConfigError."""
    command_line = config.CommandLine(
        selection.profile, selection.rule_files, ids(selection.select), ids(selection.ignore)
    )
    try:
        return config.linters(files, command_line, use_files=not selection.no_config)
    except PackError as exc:
        raise ConfigError(f"配置或规则包有误：{exc}") from exc


def run(options: CheckRun) -> int:
    """Check (or fix) the drafts, write the report; return the exit status."""
    files, missing = collect(options.paths)
    linters = planned_linters(files, options.selection)
    to_terminal = options.output is None and sys.stdout.isatty()
    fmt = options.fmt or default_format(to_terminal=to_terminal)
    shown = "statistics" if options.statistics else fmt  # the format of the report
    copies = options.copies
    if copies is None:
        copies = options.reference is not None or fmt in SUMMARY_FORMATS
    copies = copies and any(linter.enabled("copy") for linter, _ in linters)  # COPY_RULE
    fingerprints: dict = {}
    results = [Result(p, [input_error(p, unusable(p))], failed=True) for p in missing]
    try:
        if options.fix or options.diff:
            pending = False
            for linter, group in linters:
                fixed, group_pending = fix_files(linter, group, write=not options.diff)
                results, pending = results + fixed, pending or group_pending
            if options.diff:
                return 2 if any(r.failed for r in results) else int(pending)
        else:
            for linter, group in linters:
                look = copies and linter.enabled("copy")
                checked, prints = check_files(
                    linter, group, options.jobs, fingerprints=look, lines=shows_source(shown)
                )
                results += checked
                fingerprints.update(prints)
    except PackError as exc:
        raise ConfigError(f"规则包有误：{exc}") from exc
    results.sort(key=lambda r: r.path)
    if copies and not (options.fix or options.diff):
        from lint.run import copies as copy_detection  # only when copies are looked for

        reference = options.reference
        known = (
            copy_detection.fingerprint_folder(collect((str(reference),))[0]) if reference else {}
        )
        pairs = copy_detection.find_pairs(fingerprints, known)
        copy_detection.attach(results, pairs)

    color = fmt in ("pretty", "checklist") and to_terminal and "NO_COLOR" not in os.environ
    report = renderer(shown)(results, color=color)
    if options.output is None:
        echo(report, nl=False)
    else:
        try:
            options.output.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"无法写入报告文件 {options.output}：{exc.strerror or exc}") from None
    return exit_code(results, options.strict, options.exit_zero)


def fix_files(linter: Linter, files: list[str], write: bool) -> tuple[list[Result], bool]:
    """Fix each file, or only print the diff; return the findings left and whether any file
    had something to fix."""
    from lint.run.fix import fix_file, unified_diff  # only for --fix and --diff

    results, applied, written, pending = [], 0, 0, False
    linter.max_findings = None  # every fix in one pass: the cap on findings is for reports
    for path in files:
        try:
            outcome = fix_file(linter, path, write=write)
        except Exception as exc:  # a bug must not stop the other files (writes are atomic)
            results.append(internal_error(path, "修正", exc))
            continue
        if outcome.note:
            echo(f"draftlint: {path}：{outcome.note}", err=True)
        if not write and outcome.changed:
            echo(unified_diff(outcome), nl=False)
        if outcome.written:
            applied, written = applied + outcome.applied, written + 1
        pending = pending or outcome.changed
        results.append(outcome.result)
    if write:
        echo(f"draftlint: 已自动修正 {applied} 处（{written} 个文件）", err=True)
    return results, pending


def echo(text: str, nl: bool = True, err: bool = False) -> None:
    """Write to standard output (or error) as click.echo does, without importing click (start-up
    time of a plain check)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n" if nl else text)
    stream.flush()


def default_format(to_terminal: bool) -> str:
    if os.environ.get("GITHUB_ACTIONS"):
        return "github"
    return "pretty" if to_terminal else "concise"


def exit_code(results: list[Result], strict: bool, exit_zero: bool) -> int:
    """2 for unreadable input or broken rules, 1 for failing findings, else 0."""
    if any(r.failed for r in results):
        return 2
    failing = {"error", "warning"} if strict else {"error"}
    if not exit_zero and any(f.severity in failing for r in results for f in r.findings):
        return 1
    return 0
