"""``draftlint check`` as a whole run: which drafts, which linters, checking or fixing, copy
detection, the report and the exit status. The command line only parses options into a
:class:`CheckRun`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lint import cachedir
from lint.atomic import TargetError, check_target, replace_file
from lint.linter import Linter, internal_error
from lint.model import CONVERTED, ConfigError, PackError, Result, input_error
from lint.reporters import (
    inert,
    inert_stream,
    printable,
    renderer,
    shows_source,
    streamer,
    valid_unicode,
)
from lint.reporters.summary import Tally
from lint.run import config
from lint.run.batch import check_files, iter_checked, prepare
from lint.run.files import collect, unusable
from lint.suppress import Baseline, Policy

# Formats that summarise a batch: they look for copies unless told not to.
SUMMARY_FORMATS = ("checklist", "html")
# Formats read by programs: stdout holds nothing else; the human summary goes to stderr.
MACHINE_FORMATS = ("json", "sarif", "github", "gitlab")


@dataclass
class Selection:
    """Which rules run: --profile, --rules, --select, --ignore and --no-config."""

    profile: str | None = None
    rule_files: tuple[Path, ...] = ()
    select: str | None = None  # comma-separated rule ids
    ignore: str | None = None
    no_config: bool = False
    config: Path | None = None  # --config: this file configures every draft
    baseline: Path | None = None  # report only findings not in it
    report_unused: bool = False  # --report-unused-suppressions
    min_severity: str = "info"


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
    follow_links: bool = False  # --fix may write through links to outside the folders given
    update_baseline: Path | None = None  # write the findings there
    gitignore: bool = True  # leave out what .gitignore ignores
    cache: bool = True  # the pack cache and the result cache (lint.cachedir)


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
    policy = Policy(
        baseline=Baseline.load(selection.baseline) if selection.baseline else None,
        report_unused=selection.report_unused,
        min_severity=selection.min_severity,
    )
    try:
        return config.linters(
            files, command_line, not selection.no_config, policy, explicit=selection.config
        )
    except PackError as exc:
        raise ConfigError(f"配置或规则包有误：{exc}") from exc


def run(options: CheckRun) -> int:
    """Check (or fix) the drafts, write the report; return the exit status."""
    if not options.cache:
        with cachedir.off():
            return _run(options)
    return _run(options)


def _run(options: CheckRun) -> int:
    files, missing = collect(options.paths, gitignore=options.gitignore)
    if options.output is not None:
        refuse_target(str(options.output), files)
    if options.update_baseline is not None:  # every finding goes into the baseline
        options.selection.baseline = None
    linters = planned_linters(files, options.selection)
    say_excluded(options.paths, files, linters)
    to_terminal = options.output is None and sys.stdout.isatty()
    fmt = options.fmt or default_format(to_terminal=to_terminal)
    shown = "statistics" if options.statistics else fmt  # the format of the report
    copies = options.copies
    if copies is None:
        copies = options.reference is not None or fmt in SUMMARY_FORMATS
    copies = copies and any(linter.enabled("copy") for linter, _ in linters)  # COPY_RULE
    fingerprints: dict = {}
    results = [Result(p, [input_error(p, unusable(p))], failed=True) for p in missing]
    results += [Result(p, [input_error(p, NO_DRAFTS)], failed=True) for p in empty(options, files)]
    color = fmt in ("pretty", "checklist") and to_terminal and "NO_COLOR" not in os.environ
    stream = streamer(shown)
    if (
        stream is not None
        and len(files) > 1
        and not (options.fix or options.diff or copies)
        and options.update_baseline is None
        and not os.environ.get("GITHUB_STEP_SUMMARY")  # a table of the whole batch
    ):
        return _streamed(options, results, linters, shown, fmt, color)
    try:
        if options.fix or options.diff:
            pending = False
            from lint.run.fix import roots_of  # only for --fix and --diff

            roots = None if options.follow_links else roots_of(options.paths)
            for linter, group in linters:
                fixed, group_pending = fix_files(linter, group, not options.diff, roots)
                results, pending = results + fixed, pending or group_pending
            if options.diff:
                for r in results:  # the diff is the report: say why a file has none
                    for f in r.findings if r.failed else ():
                        if f.severity == "error":
                            echo(printable(f"draftlint: {r.path}：{f.message}"), err=True)
                return 2 if any(r.failed for r in results) else int(pending)
        else:
            for linter, group in linters:
                look = copies and linter.enabled("copy")
                checked, prints = check_files(
                    linter,
                    group,
                    options.jobs,
                    fingerprints=look,
                    use_cache=True,
                    lines=shows_source(shown),
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

    if options.update_baseline is not None:
        return write_baseline(options.update_baseline, results)
    report = valid_unicode(renderer(shown)(results, color=color))
    outcome = Outcome()
    for r in results:
        outcome.add(r)
    if options.output is None:
        echo(inert(report) if shown in HUMAN_FORMATS else report, nl=False)
    else:
        write_report(str(options.output), report)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        step_summary(os.environ["GITHUB_STEP_SUMMARY"], results)
    return outcome.close(options, fmt)


class Outcome:
    """What the end of a run needs of its results, gathered one at a time: the summary, the
    number of fixes, the exit status."""

    def __init__(self) -> None:
        self.tally = Tally()
        self.fixable = 0
        self.failed = False  # a draft could not be read, or a rule could not run
        self.severities: set[str] = set()

    def add(self, result: Result) -> None:
        self.tally.add(result)
        self.failed = self.failed or result.failed
        for f in result.findings:
            self.severities.add(f.severity)
            self.fixable += f.fix is not None
        if any(f.rule == CONVERTED for f in result.findings):
            echo(printable(f"draftlint: {result.path}：{converted_message(result)}"), err=True)

    def close(self, options: CheckRun, fmt: str) -> int:
        """Say what is left to say on stderr (or stdout) and return the exit status."""
        if fmt in MACHINE_FORMATS and not options.statistics:  # stdout holds the format alone
            echo(inert(printable(self.tally.line())), err=True)  # user text: pack titles
        if self.fixable and not options.fix:
            to_stderr = fmt in MACHINE_FORMATS or options.output is not None or options.statistics
            echo(f"其中 {self.fixable} 处可用 --fix 自动修正", err=to_stderr)
        if self.failed:
            return 2
        failing = {"error", "warning"} if options.strict else {"error"}
        return int(not options.exit_zero and bool(self.severities & failing))


def _streamed(
    options: CheckRun, failed: list[Result], linters: list, shown: str, fmt: str, color: bool
) -> int:
    """Check and report a batch draft by draft, in the report's order, each result let go
    once reported: memory does not grow with the number of drafts. The report is the same,
    byte for byte, as the one rendered from all results at once."""
    try:
        for linter, _ in linters:  # a broken pack is reported before any output
            prepare(linter)
    except PackError as exc:
        raise ConfigError(f"规则包有误：{exc}") from exc
    outcome = Outcome()
    lines = shows_source(shown)

    def results() -> Iterator[Result]:
        for result in in_report_order(failed, linters, options.jobs, lines):
            outcome.add(result)
            yield result

    pieces = (valid_unicode(p) for p in streamer(shown)(results(), color=color))
    try:
        if options.output is None:
            for piece in inert_stream(pieces) if shown in HUMAN_FORMATS else pieces:
                sys.stdout.write(piece)
            sys.stdout.flush()
        else:
            write_report(str(options.output), pieces)
    except PackError as exc:
        raise ConfigError(f"规则包有误：{exc}") from exc
    return outcome.close(options, fmt)


def in_report_order(
    failed: list[Result], linters: list, jobs: int | None, lines: bool
) -> Iterator[Result]:
    """The results of the drafts that could not be used, then those of each linter's drafts,
    sorted by path as a report lists them (a stable sort: as ``results.sort`` would), each
    yielded as soon as those before it are: with one linter over a sorted folder, none
    waits."""
    paths = [r.path for r in failed] + [p for _, group in linters for p in group]
    rank = [0] * len(paths)
    for position, index in enumerate(sorted(range(len(paths)), key=paths.__getitem__)):
        rank[index] = position

    def arriving() -> Iterator[Result]:
        yield from failed
        for linter, group in linters:
            for result, _ in iter_checked(linter, group, jobs, use_cache=True, lines=lines):
                yield result

    waiting: dict[int, Result] = {}
    following = 0
    for index, result in enumerate(arriving()):
        waiting[rank[index]] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def write_baseline(path: Path, results: list[Result]) -> int:
    """Record the findings as accepted (--update-baseline); 2 if a draft could not be read."""
    baseline = Baseline(os.path.dirname(os.path.abspath(path)))
    text = baseline.dump(results)
    try:
        replace_file(str(path), lambda out: out.write(text.encode("utf-8")))
    except OSError as exc:
        raise ConfigError(f"无法写入基线文件 {path}：{exc.strerror or exc}") from None
    count = sum(len(r.findings) for r in results)
    echo(f"draftlint: 已把 {count} 处问题写入基线 {path}", err=True)
    return 2 if any(r.failed for r in results) else 0


def step_summary(path: str, results: list[Result]) -> None:
    """Append the Markdown summary to GitHub's job summary: nothing is lost to the limit on
    annotations. A failure to write it is a warning, not a failed run."""
    from lint.reporters.markdown import render as markdown  # only in GitHub Actions

    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(markdown(results))
    except OSError as exc:
        echo(f"draftlint: 无法写入 GITHUB_STEP_SUMMARY：{exc.strerror or exc}", err=True)


# Formats whose lines start with user text (a file name): under GitHub Actions such a line
# must not be taken for a workflow command.
HUMAN_FORMATS = ("pretty", "concise", "checklist", "statistics")
NO_DRAFTS = "没有找到可检查的文稿"


def converted_message(result: Result) -> str:
    return next(f.message for f in result.findings if f.rule == CONVERTED)


def refuse_target(target: str, inputs: list[str]) -> None:
    """A report is never written onto a draft, a device, a FIFO or a folder."""
    try:
        check_target(target, inputs)
    except TargetError as exc:
        raise ConfigError(f"无法写入报告文件：{exc}") from None


def write_report(target: str, report: str | Iterable[str]) -> None:
    """Write the report (or its pieces) atomically: a failed write leaves the old report as
    it was."""
    pieces = [report] if isinstance(report, str) else report

    def write(out) -> None:
        for piece in pieces:
            out.write(piece.encode("utf-8"))

    try:
        replace_file(target, write, mode=0o666 & ~_umask())
    except OSError as exc:
        raise ConfigError(f"无法写入报告文件 {target}：{exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def empty(options: CheckRun, files: list[str]) -> list[str]:
    """Folders named on the command line in which no draft was found: never an all-clear."""
    found = [os.path.abspath(f) for f in files]
    folders = [p for p in options.paths or (".",) if p != "-" and os.path.isdir(p)]
    return [
        p
        for p in folders
        if not any(f.startswith(os.path.join(os.path.abspath(p), "")) for f in found)
    ]


def say_excluded(paths: tuple[str, ...], files: list[str], linters: list) -> None:
    """A file named on the command line that the config excludes is not checked: say so."""
    planned = {d for _, group in linters for d in group}
    for path in dict.fromkeys(paths):
        if path in files and path != "-" and path not in planned:
            note = f"draftlint: {path}：被配置文件的 exclude 排除，未检查（--no-config 可检查）"
            echo(printable(note), err=True)


def fix_files(
    linter: Linter, files: list[str], write: bool, roots: list[str] | None = None
) -> tuple[list[Result], bool]:
    """Fix each file, or only print the diff; return the findings left and whether any file
    had something to fix. ``roots``: the folders --fix may write in (None: anywhere)."""
    from lint.run.fix import MAX_FIXES_PER_PASS, fix_file, unified_diff  # only for --fix, --diff

    results, applied, written, pending = [], 0, 0, False
    linter.max_findings = MAX_FIXES_PER_PASS  # a cap per pass: memory stays bounded
    for path in files:
        try:
            outcome = fix_file(linter, path, write=write, roots=roots)
        except Exception as exc:  # a bug must not stop the other files (writes are atomic)
            results.append(internal_error(path, "修正", exc))
            continue
        if outcome.note:
            echo(printable(f"draftlint: {path}：{outcome.note}"), err=True)
        if not write and outcome.changed:
            echo(inert(unified_diff(outcome)), nl=False)
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
