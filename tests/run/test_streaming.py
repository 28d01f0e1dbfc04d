"""A big batch is reported draft by draft as results come back (memory independent of the
number of drafts): the report must be the one rendered from all results at once, byte for
byte, in the same order, with unreadable files among the others."""

import json
import pickle

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main
from lint.linter import Linter
from lint.model import Finding, Fix, Result
from lint.reporters import inert, inert_stream, renderer, streamer
from lint.run import batch, check
from lint.run.batch import FILES_PER_JOB, check_files
from lint.run.files import collect

GOOD = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
STREAMED = ("concise", "pretty", "json", "github")


def defective(n: int) -> str:
    """The good sample with a placeholder and half-width commas in one of its lines."""
    lines = GOOD.split("\n")
    index = [i for i, line in enumerate(lines) if "。" in line][n % 20]
    lines[index] = lines[index].replace("。", ",由XX同志负责,", 1)
    return "\n".join(lines)


@pytest.fixture
def drafts(tmp_path):
    """Drafts in two folders, the second with a config of its own (two linters, whose drafts
    interleave in the report's order), and a file that cannot be read."""
    root = tmp_path / "drafts"
    for n in range(2 * FILES_PER_JOB + 3):
        folder = root / ("a" if n % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"d{n:02d}.txt").write_text(defective(n), encoding="utf-8")
    (root / "b" / ".draftlint.yaml").write_text("ignore: [placeholder]\n", encoding="utf-8")
    (root / "a" / "d05.txt").write_bytes(b"\xff\xfe\x00")  # a UTF-16 mark, no text after it
    return root


def cli(*args, env=None):
    return CliRunner().invoke(main, ["check", *map(str, args)], env=env)


def all_at_once(fmt: str, root, jobs: int, to_file: bool = False) -> str:
    """The report rendered from every result at once: what `check` wrote before streaming,
    and after it, on standard output for a human format, the number of fixes (on standard
    error with ``--output``)."""
    files, _ = collect((str(root),))
    results = []
    for linter, group in check.planned_linters(files, check.Selection()):
        results += check_files(linter, group, jobs=jobs, progress=False)[0]
    results.sort(key=lambda r: r.path)
    fixable = sum(f.fix is not None for r in results for f in r.findings)
    assert fixable  # the half-width commas
    human = fmt in check.HUMAN_FORMATS and not to_file
    tail = f"其中 {fixable} 处可用 --fix 自动修正\n" if human else ""
    return renderer(fmt)(results) + tail


@pytest.mark.parametrize("fmt", STREAMED)
def test_streamed_report_is_the_report_of_all_results(drafts, fmt):
    streamed = cli("--jobs", 2, "--format", fmt, drafts)
    assert streamed.exit_code == 2  # the unreadable file
    assert streamed.stdout == all_at_once(fmt, drafts, jobs=1)
    # two linters: b's config ignores placeholders, a's drafts keep them
    if fmt == "json":
        findings = json.loads(streamed.stdout)
        paths = [f["path"] for f in findings]
        assert paths == sorted(paths)
        placeholder = {f["path"].split("/")[-2] for f in findings if f["rule"] == "placeholder"}
        assert placeholder == {"a"}
        broken = [f["rule"] for f in findings if f["path"].endswith("d05.txt")]
        assert broken == ["input-error"]


def test_streamed_report_written_to_a_file_is_the_same(drafts, tmp_path):
    target = tmp_path / "report.txt"
    to_file = cli("--jobs", 2, "--format", "pretty", "--output", target, drafts)
    assert to_file.exit_code == 2
    expected = all_at_once("pretty", drafts, jobs=2, to_file=True)
    assert target.read_text(encoding="utf-8") == expected and not to_file.stdout
    assert "可用 --fix 自动修正" in to_file.stderr
    assert "由XX同志负责" in target.read_text(encoding="utf-8")  # the source line is shown


def test_streamed_and_rendered_runs_end_alike(drafts, tmp_path):
    """A job summary needs the whole batch: that run is not streamed; both say the same."""
    summary = tmp_path / "summary.md"
    rendered = cli("--format", "json", drafts, env={"GITHUB_STEP_SUMMARY": str(summary)})
    streamed = cli("--format", "json", drafts)
    assert summary.read_text(encoding="utf-8").startswith("## draftlint")
    assert rendered.exit_code == streamed.exit_code == 2
    assert rendered.stdout == streamed.stdout
    assert rendered.stderr == streamed.stderr  # the summary line and the fixable count
    assert "可用 --fix 自动修正" in streamed.stderr


def test_results_come_in_the_report_order_as_soon_as_they_can(monkeypatch):
    produced = []

    def fake_iter_checked(linter, paths, jobs=None, use_cache=False, lines=True):
        for path in paths:
            produced.append(path)
            yield Result(path), None

    monkeypatch.setattr(check, "iter_checked", fake_iter_checked)
    failed = [Result("c/missing", failed=True)]
    linters = [("first", ["a/1", "b/1", "d/1"]), ("second", ["a/2", "c/2"])]
    order = check.in_report_order(failed, linters, None, lines=False)
    assert next(order).path == "a/1"
    assert produced == ["a/1"]  # given before the next draft is checked
    rest = [r.path for r in order]
    assert ["a/1", *rest] == sorted(["c/missing", "a/1", "b/1", "d/1", "a/2", "c/2"])


def test_one_sorted_group_holds_no_result_back(monkeypatch):
    held = []

    def fake_iter_checked(linter, paths, jobs=None, use_cache=False, lines=True):
        for path in paths:
            held.append(path)
            yield Result(path), None
            held.remove(path)  # the caller asked for the next one: this one was reported

    monkeypatch.setattr(check, "iter_checked", fake_iter_checked)
    paths = [f"d{n:03d}" for n in range(100)]
    for result in check.in_report_order([], [("only", paths)], None, lines=False):
        assert held == [result.path]


def test_a_worker_result_round_trips_into_the_same_findings(drafts):
    path = str(drafts / "a" / "d01.txt")
    task = batch._Task(Linter(), fingerprints=True, slim=True, lines=True)
    item = task(path)
    assert item.result.findings and item.fingerprint is not None
    packed = pickle.loads(pickle.dumps(batch.pack(item)))
    back = batch.unpack(packed)
    assert back.profile_id == item.profile_id and back.fingerprint == item.fingerprint
    assert back.result.lines == item.result.lines and back.result.rules == item.result.rules
    for a, b in zip(back.result.findings, item.result.findings, strict=True):
        assert a == b and (a.key, a.fingerprint) == (b.key, b.fingerprint)  # compare=False
        assert a.path == path
    assert any(f.fix is not None and isinstance(f.fix, Fix) for f in back.result.findings)


def test_results_keep_source_lines_only_for_formats_that_show_them(drafts):
    paths = sorted(str(p) for p in (drafts / "b").glob("*.txt"))
    linter = Linter()
    hidden, _ = check_files(linter, paths, jobs=2, progress=False, use_cache=True, lines=False)
    assert not any(r.lines for r in hidden)  # checked now: the lines went to the cache only
    cached, _ = check_files(linter, paths, jobs=2, progress=False, use_cache=True, lines=True)
    fresh, _ = check_files(linter, paths, jobs=2, progress=False, lines=True)
    assert all(r.lines for r in fresh)
    assert [r.lines for r in cached] == [r.lines for r in fresh]
    assert [r.findings for r in hidden] == [r.findings for r in fresh]
    again, _ = check_files(linter, paths, jobs=2, progress=False, use_cache=True, lines=False)
    assert not any(r.lines for r in again)  # from the cache, without them either


@pytest.mark.parametrize(
    "pieces", [[], [""], ["a\n", "", "b"], ["x\n"], ["", "only\n", ""]], ids=repr
)
def test_inert_stream_is_inert_piece_by_piece(monkeypatch, pieces):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setattr("secrets.token_hex", lambda n: "t" * 2 * n)
    assert "".join(inert_stream(iter(pieces))) == inert("".join(pieces))


@pytest.mark.parametrize("fmt", STREAMED)
def test_a_draft_is_reported_before_the_next_one_is_taken(fmt):
    fix = Fix("，", 1, 3, 1, 4)
    results = [
        Result("x.txt", [Finding("r", "warning", "消息", "x.txt", 1, 3, 1, 4, fix)]),
        Result("y.txt", [Finding("input-error", "error", "无法读取", "y.txt", 1, 1, 1, 1)]),
    ]
    taken = []

    def one_by_one():
        for result in results:
            taken.append(result.path)
            yield result

    pieces = streamer(fmt)(one_by_one())
    assert "x.txt" in next(pieces) and taken == ["x.txt"]
    assert "y.txt" in next(pieces) and taken == ["x.txt", "y.txt"]


def test_formats_of_the_whole_batch_are_not_streamed():
    assert streamer("sarif") is None and streamer("html") is None
    assert streamer("checklist") is None and streamer("statistics") is None
