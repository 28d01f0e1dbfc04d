"""Checking many drafts: in worker processes when there are enough of them to pay for it.

Results come back light (findings as tuples, the profile's id and, only for formats that
show them, the source lines of findings; never whole texts) and in the order of the paths
given, so the output of a batch is the same whatever the number of jobs. A worker stores
the result-cache entries of the drafts it checks; a few chunks of drafts are given to each
worker ahead, so results do not pile up; iter_checked() yields them one at a time, so a
report that streams (lint.run.check) holds a few drafts at a time, however many there are.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import fields
from operator import attrgetter

from lint import cachedir
from lint.linter import Linter
from lint.model import Finding, Fix, Result, RuleError
from lint.run import resultcache

FILES_PER_JOB = 8  # below this many files per worker, starting processes costs more than it saves
PROGRESS_DELAY = 0.5  # seconds before a progress bar appears
CHUNKS_AHEAD = 4  # chunks of drafts given to each worker ahead of the results taken


class Checked:
    """What a worker sends back for one draft. (A plain class: a dataclass costs ≈ 1.5 M
    instructions to define at start-up.)"""

    __slots__ = ("fingerprint", "profile_id", "result")

    def __init__(
        self,
        result: Result,
        profile_id: str | None,
        fingerprint: object | None = None,  # lint.run.copies.Fingerprint when copies are looked for
    ) -> None:
        self.result, self.profile_id, self.fingerprint = result, profile_id, fingerprint


# What a worker process sends back for one draft: plain tuples, pickled and unpickled faster
# than Result and Finding objects: the result's fields but its findings, profile and source;
# each finding's fields, its path None when it is the draft's own, its fix as a tuple.
Packed = tuple
_RESULT = [f.name for f in fields(Result) if f.name not in ("findings", "profile", "source")]
_FINDING = [f.name for f in fields(Finding)]
_PATH, _FIX = _FINDING.index("path"), _FINDING.index("fix")
_result_values = attrgetter(*_RESULT)
_finding_values = attrgetter(*_FINDING)


def pack(item: Checked) -> Packed:
    path = item.result.path
    findings = []
    for finding in item.result.findings:
        values = list(_finding_values(finding))
        if values[_PATH] == path:
            values[_PATH] = None
        if values[_FIX] is not None:
            values[_FIX] = resultcache.fix_values(values[_FIX])
        findings.append(tuple(values))
    return _result_values(item.result), findings, item.profile_id, item.fingerprint


def unpack(packed: Packed) -> Checked:
    values, findings, profile_id, fingerprint = packed
    result = Result(**dict(zip(_RESULT, values, strict=True)))
    for finding in findings:
        finding = [sys.intern(v) if type(v) is str else v for v in finding]  # one copy each
        if finding[_PATH] is None:
            finding[_PATH] = result.path
        if finding[_FIX] is not None:
            finding[_FIX] = Fix(*finding[_FIX])
        result.findings.append(Finding(*finding))
    return Checked(result, profile_id, fingerprint)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_files(
    linter: Linter,
    paths: list[str],
    jobs: int | None = None,
    fingerprints: bool = False,
    progress: bool | None = None,
    use_cache: bool = False,
    lines: bool = True,
) -> tuple[list[Result], dict[str, object]]:
    """Check drafts, in parallel when worthwhile; results in the order of ``paths``.

    Returns the results and, with ``fingerprints``, each readable draft's copy fingerprint.
    With ``use_cache``, unchanged drafts come from the result cache (lint.run.resultcache).
    """
    results, prints = [], {}
    checked = iter_checked(linter, paths, jobs, fingerprints, progress, use_cache, lines)
    for path, (result, fingerprint) in zip(paths, checked, strict=True):
        if fingerprint is not None:
            prints[path] = fingerprint
        results.append(result)
    return results, prints


def iter_checked(
    linter: Linter,
    paths: list[str],
    jobs: int | None = None,
    fingerprints: bool = False,
    progress: bool | None = None,
    use_cache: bool = False,
    lines: bool = True,
) -> Iterator[tuple[Result, object | None]]:
    """Check drafts as check_files() does, one (result, copy fingerprint) at a time as they
    come back, in the order of ``paths``: a caller that reports each result and lets it go
    holds no more than a few drafts at a time, however many there are.

    ``lines``: whether the report shows source lines; without them a result keeps none (the
    result cache, when used, stores them first).
    """
    cache = resultcache.for_linter(linter, fingerprints) if use_cache else None
    hits: dict[str, Checked] = {}
    if cache is not None:
        for path in paths:
            hit = cache.lookup(path)
            if hit is not None:
                if not lines:
                    hit.result.lines = {}
                hits[path] = Checked(hit.result, hit.profile_id, hit.fingerprint)
    todo = [p for p in paths if p not in hits]
    # Whoever checks a draft (a worker) stores its entry: only what the report needs crosses
    # between processes.
    task = _Task(linter, fingerprints, slim=len(paths) > 1, lines=lines, cache=cache)
    jobs = max(1, jobs or default_jobs())
    jobs = min(jobs, len(todo) // FILES_PER_JOB or 1)
    if "-" in todo:  # standard input belongs to this process
        jobs = 1
    if jobs == 1:  # a batch keeps only what reporters show, as from workers: less memory
        checked: Iterator[Checked] = map(task, todo)
    else:
        if cache is not None:
            cache.close()  # each worker opens its own connection
        checked = _in_processes(task, todo, jobs)
    if progress is None:
        progress = sys.stderr.isatty()
    if progress and len(todo) > 1:
        checked = _with_progress(checked, len(todo))

    try:
        for path in paths:  # in the order given, whether from the cache or checked now
            item = hits.pop(path, None)
            if item is None:
                item = next(checked)
            if item.profile_id is not None and item.result.profile is None:
                item.result.profile = linter.profile_by_name(item.profile_id)
            yield item.result, item.fingerprint if fingerprints else None
    finally:
        if isinstance(checked, Generator):
            checked.close()  # workers stop if the caller stops early
        if cache is not None:
            cache.close()  # what this process checked is written, even after an early stop
    if cache is not None:
        cache.written += len(todo)  # by this process or by workers: prune if need be
        cache.prune()


def prepare(linter: Linter) -> None:
    """Load and resolve every profile a draft may need before workers start, so that broken
    packs are reported once, here, and forked workers inherit the parsed packs."""
    if linter.profile_name == "auto":
        for pack in linter.registry.profiles():
            linter.profile_by_name(pack.id)


def _share_data(linter: Linter) -> None:
    """Before forking workers: load here what every worker would load for itself (the typo
    detector's lexicon, tens of MiB), so that they share its pages instead of holding a copy
    each."""
    names = [linter.profile_name]
    if linter.profile_name == "auto":
        names = [pack.id for pack in linter.registry.profiles()]
    profiles = [linter.profile_by_name(name) for name in names]
    if any(r.kind == "typo" and linter.enabled(r.id) for p in profiles for r in p.rules):
        from lint.checks import typo  # only when a typo rule runs

        with contextlib.suppress(RuleError):  # then each draft reports it, as without workers
            typo.detector()


class _Task:
    """Checks one draft; picklable, so that it can run in a worker process. Stores the
    outcome in the result cache, if given, and keeps of it what the report needs."""

    def __init__(
        self,
        linter: Linter,
        fingerprints: bool,
        slim: bool,
        lines: bool = True,
        cache: resultcache.ResultCache | None = None,
    ) -> None:
        self.linter, self.fingerprints, self.slim = linter, fingerprints, slim
        self.lines = lines  # keep the source lines around findings (for formats that show them)
        self.cache = cache

    def __call__(self, path: str) -> Checked:
        result = self.linter.check_path(path)
        fingerprint = None
        if self.fingerprints and result.source is not None:
            from lint.run.copies import fingerprint as make_fingerprint  # only for copies

            fingerprint = make_fingerprint(result.source.text)
        if self.cache is not None:
            self.cache.store(result, fingerprint)
        if not self.slim:
            return Checked(result, None, fingerprint)
        profile_id = result.profile.id if result.profile else None
        result.profile = None  # the parent has the same profile already: do not pickle it
        if not self.lines:
            result.source = None
        return Checked(result.slim(), profile_id, fingerprint)


_worker_task: _Task | None = None


def _start_worker(task: _Task | None, cache: bool = True) -> None:
    global _worker_task
    if not cache:  # --no-cache holds in spawned workers too
        cachedir.disable()
    if _worker_task is None:  # spawned, not forked: the task (and linter) was pickled
        _worker_task = task


def _run_chunk(paths: list[str]) -> list[Packed]:
    done = [pack(_worker_task(path)) for path in paths]
    if _worker_task.cache is not None:
        _worker_task.cache.flush()  # a worker may be stopped at any time after a chunk
    return done


def _in_processes(task: _Task, paths: list[str], jobs: int) -> Iterator[Checked]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _worker_task
    task = _Task(task.linter, task.fingerprints, slim=True, lines=task.lines, cache=task.cache)
    prepare(task.linter)
    method = multiprocessing.get_start_method()
    if method == "fork":  # workers inherit the loaded packs instead of unpickling them
        _share_data(task.linter)
        _worker_task = task
        # What is loaded so far stays put: the collector of a worker never touches (and so
        # never copies) the pages of the objects it inherited.
        gc.freeze()
        args: tuple = (None, cachedir.enabled())
    else:
        args = (task, cachedir.enabled())
    chunksize = max(1, min(64, len(paths) // (jobs * 8)))
    done = 0
    pending: deque = deque()  # chunks given to the workers, in order
    try:
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=args) as pool:
            # A few chunks ahead per worker, not the whole batch: results do not pile up
            # in this process when it is slower than the workers for a while.
            for start in range(0, len(paths), chunksize):
                pending.append(pool.submit(_run_chunk, paths[start : start + chunksize]))
                if len(pending) >= CHUNKS_AHEAD * jobs:
                    for item in pending.popleft().result():
                        done += 1
                        yield unpack(item)
            while pending:
                for item in pending.popleft().result():
                    done += 1
                    yield unpack(item)
    except BrokenProcessPool:  # a worker was killed (out of memory, a signal): go on here
        sys.stderr.write("draftlint: 检查进程意外退出，其余文稿改在主进程中逐个检查\n")
        yield from map(task, paths[done:])
    finally:
        for future in pending:  # the caller stopped early: what has not started never will
            future.cancel()
        _worker_task = None
        gc.unfreeze()


def _with_progress(items: Iterator[Checked], total: int) -> Iterator[Checked]:
    """A transient progress bar on stderr, shown only once the batch has taken a moment."""
    started = time.monotonic()
    progress = task = None
    try:
        for done, item in enumerate(items, 1):
            if progress is None and time.monotonic() - started > PROGRESS_DELAY:
                from rich.console import Console
                from rich.progress import Progress

                progress = Progress(console=Console(stderr=True), transient=True)
                progress.start()
                task = progress.add_task("检查中", total=total)
            if progress is not None:
                progress.update(task, completed=done)
            yield item
    finally:
        if progress is not None:
            progress.stop()
