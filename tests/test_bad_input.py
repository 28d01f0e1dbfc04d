"""Hostile input: whatever lands in a folder of drafts, and hostile rule packs.

Each case runs the real command in a subprocess with an address-space limit and a timeout,
together with a compliant draft: the bad file gets its exit status and a one-line Chinese
message (never a traceback), and the good draft is still checked. No test measures speed:
the timeout only catches hangs and blow-ups (quadratic loops, catastrophic backtracking).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from helpers import lint_text

from lint.cli import main
from lint.linter import MAX_FINDINGS, Linter
from lint.reporters.pretty import width
from lint.run.fix import MAX_PASSES
from lint.source import text as plain
from lint.yamlpos import MAX_DEPTH, MAX_NODES, MAX_PACK_BYTES

GOOD = SAMPLES / "good-team-2021.txt"
MEMORY_LIMIT = 512 * 2**20  # address space for one run (all cases pass at 256 MiB here)
TIMEOUT = 60  # seconds; a run that takes this long is a hang


@dataclass
class Run:
    status: int
    findings: list[dict]
    stderr: str

    def of(self, path: Path | str) -> list[dict]:
        return [f for f in self.findings if f["path"] == str(path)]

    def rules(self, path: Path | str) -> set[str]:
        return {f["rule"] for f in self.of(path)}

    def only_error(self, path: Path | str) -> str:
        """The single input error reported for ``path``: one line, in Chinese."""
        (finding,) = self.of(path)
        assert finding["rule"] in ("input-error", "rule-error"), finding
        assert finding["severity"] == "error"
        message = finding["message"]
        assert message and "\n" not in message
        assert any("\u4e00" <= c <= "\u9fff" for c in message), message
        return message


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str | Path, stdin: bytes | None = None, good: bool = True) -> Run:
    """``draftlint check --format json ARGS [GOOD]`` in a subprocess, with limits."""
    command = [sys.executable, "-m", "lint", "check", "--format", "json", "--jobs", "1"]
    command += [str(a) for a in args] + ([str(GOOD)] if good else [])
    proc = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        env={**os.environ, "NO_COLOR": "1"},
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert proc.returncode in (0, 1, 2), (proc.returncode, stderr)
    findings = json.loads(proc.stdout) if proc.stdout.strip() else []
    if good and proc.stdout.strip():  # the compliant draft was checked all the same
        assert [f for f in findings if f["path"] == str(GOOD)] == []
    return Run(proc.returncode, findings, stderr)


def test_the_memory_limit_is_enforced():
    """The limit the cases below run under is real: a run that needs more fails."""
    proc = subprocess.run(
        [sys.executable, "-c", f"bytearray({MEMORY_LIMIT})"],
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
    )
    assert proc.returncode != 0
    assert b"MemoryError" in proc.stderr


def good_text() -> str:
    return GOOD.read_text(encoding="utf-8")


# -- Files that are not drafts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "空"),
        (b"  \n\t\r\n\xe3\x80\x80\n\n", "空"),  # spaces, tabs, an ideographic space
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (b"\x7fELF\x02\x01\x01" + bytes(300), "可执行"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "elf"],
)
def test_not_a_draft_is_an_input_error(tmp_path, content, words):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run_cli(bad)
    assert result.status == 2
    assert words in result.only_error(bad)


def test_nul_byte_in_a_draft(tmp_path):
    data = good_text().encode()
    bad = tmp_path / "nul.txt"
    bad.write_bytes(data[:500] + b"\x00" + data[500:])
    result = run_cli(bad)
    assert result.status == 2
    assert "空字节" in result.only_error(bad)


def test_invalid_utf8_in_the_middle_names_the_line(tmp_path):
    data = good_text().encode()
    middle = data.index(b"\n", len(data) // 2) + 1  # the start of a line
    line = data[:middle].count(b"\n") + 1
    bad = tmp_path / "broken.txt"
    bad.write_bytes(data[:middle] + b"\xff\xfe\xc0" + data[middle:])
    result = run_cli(bad)
    assert result.status == 2
    assert f"第 {line} 行" in result.only_error(bad)


def test_mixed_encodings_are_an_input_error(tmp_path):
    """A UTF-8 draft with a paragraph pasted in GB18030: not decoded as garbage."""
    text = good_text()
    middle = text.index("\n", len(text) // 2) + 1
    line = text[:middle].count("\n") + 1
    pasted = "二是调查研究不够深入，比如走访的村只有五个。\n".encode("gb18030")
    bad = tmp_path / "mixed.txt"
    bad.write_bytes(text[:middle].encode() + pasted + text[middle:].encode())
    result = run_cli(bad)
    assert result.status == 2
    assert f"第 {line} 行" in result.only_error(bad)


# -- Drafts of unusual size or shape ------------------------------------------------------


def test_twenty_megabyte_draft(tmp_path):
    """The compliant draft repeated: numbering repeats, reported at most MAX_FINDINGS times."""
    text = good_text()
    big = tmp_path / "big.txt"
    big.write_text(text * (20 * 2**20 // len(text.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size >= 20 * 2**20
    result = run_cli(big)
    assert result.status == 0  # repeated numbers and text are warnings
    # typo, formulation: one note each that so long a text was not searched for unseen typos
    # and not compared with the formulations
    assert result.rules(big) == {"numbering-sequence", "duplicate-text", "typo", "formulation"}
    for rule in ("typo", "formulation"):
        [note] = [f for f in result.of(big) if f["rule"] == rule]
        assert (note["severity"], note["line"]) == ("info", 1)
    numbering = [f for f in result.of(big) if f["rule"] == "numbering-sequence"]
    assert len(numbering) == MAX_FINDINGS + 1
    assert numbering[-1]["severity"] == "info"
    assert f"超过 {MAX_FINDINGS} 个" in numbering[-1]["message"]


def test_file_over_the_size_limit_is_refused(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.truncate(plain.MAX_BYTES + 1)  # sparse: no disk or time spent on it
    result = run_cli(huge)
    assert result.status == 2
    assert "过大" in result.only_error(huge)


def test_standard_input_over_the_size_limit_is_refused():
    result = run_cli("-", stdin=b"a" * (plain.MAX_BYTES + 1), good=False)
    assert result.status == 2
    assert "过大" in result.only_error("-")


def test_single_five_megabyte_line(tmp_path):
    line = tmp_path / "line.txt"
    line.write_text("一是作风不实，比如" + "调研不深入，" * (5 * 2**20 // 18), encoding="utf-8")
    assert line.stat().st_size > 5 * 2**20
    result = run_cli(line)
    assert result.status == 1
    # typo, formulation: the notes that so long a text was not searched or compared
    assert result.rules(line) == {"section-missing", "typo", "formulation"}


@pytest.mark.parametrize(
    ("unit", "rule"),
    [
        # Unpaired quotes (a letter after each): each one's direction once rescanned the line.
        ("汉'a", "punct-halfwidth"),
        ("（", "punct-unpaired"),  # then as many closers: each one once scanned the stack
    ],
)
def test_long_line_of_marks_stays_linear(tmp_path, unit, rule):
    bad = tmp_path / "marks.txt"
    text = unit * 300_000 + ("》" * 300_000 if unit == "（" else "")
    bad.write_text(text, encoding="utf-8")
    result = run_cli(bad)
    assert result.status == 1
    assert rule in result.rules(bad)
    assert len([f for f in result.of(bad) if f["rule"] == rule]) == MAX_FINDINGS + 1


def test_fix_is_not_limited_by_the_cap_on_reported_findings(tmp_path):
    """Reports stop at MAX_FINDINGS per rule; --fix fixes them all (not 1000 per pass)."""
    count = MAX_FINDINGS * (MAX_PASSES + 1)
    draft = tmp_path / "doubled.txt"
    draft.write_text("一、存在的问题\n" + "问题。。\n" * count, encoding="utf-8")
    command = [sys.executable, "-m", "lint", "check", "--fix", "--select", "punct-duplicate"]
    fixed = subprocess.run([*command, str(draft)], capture_output=True, timeout=TIMEOUT)
    assert fixed.returncode == 0, fixed.stderr.decode()
    assert f"已自动修正 {count} 处" in fixed.stderr.decode()
    assert "。。" not in draft.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["pretty", "html", "checklist", "sarif", "github"])
def test_report_on_a_long_line_stays_small(tmp_path, fmt):
    """Each finding shows a window of its line: the report of a 900,000-character line with
    a thousand findings is not a thousand copies of the line (the html report once was 2 GB)."""
    draft = tmp_path / "line.txt"
    draft.write_text("汉'a" * 300_000, encoding="utf-8")
    command = [sys.executable, "-m", "lint", "check", "--format", fmt, "--jobs", "1", str(draft)]
    proc = subprocess.run(command, capture_output=True, timeout=TIMEOUT, preexec_fn=_limit_memory)
    assert proc.returncode == 1, proc.stderr.decode()
    assert 1000 < len(proc.stdout) < 4 * 2**20


def test_hundred_thousand_short_lines(tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text("一是短句。\n" * 100_000, encoding="utf-8")
    result = run_cli(lines)
    assert result.status == 1
    assert result.rules(lines) == {"section-missing", "numbering-sequence"}


def test_deeply_repeated_heading_pattern(tmp_path):
    block = "一、存在的问题\n（一）在学习方面\n1. 学得不深\n（1）比如少\n①比如偶尔\n一是比如不够\n"
    headings = tmp_path / "headings.txt"
    headings.write_text(block * 10_000, encoding="utf-8")
    result = run_cli(headings)
    assert result.status == 1
    assert "rule-error" not in result.rules(headings)
    assert "internal-error" not in result.rules(headings)
    numbering = [f for f in result.of(headings) if f["rule"] == "numbering-sequence"]
    assert len(numbering) == MAX_FINDINGS + 1
    assert numbering[0]["line"] == 7  # the second 一、


def test_draft_with_only_headings(tmp_path):
    draft = tmp_path / "headings.txt"
    draft.write_text(
        "一、存在的问题\n（一）在学习方面\n（二）在工作方面\n二、原因剖析\n三、整改措施\n",
        encoding="utf-8",
    )
    result = run_cli(draft)
    assert result.status == 0
    assert [(f["rule"], f["line"]) for f in result.of(draft)] == [
        ("example-missing", 2),
        ("example-missing", 3),
    ]


def test_draft_without_headings(tmp_path):
    draft = tmp_path / "plain.txt"
    draft.write_text("这是一段没有标题的文字。\n第二段也没有标题。\n", encoding="utf-8")
    result = run_cli(draft)
    assert result.status == 1
    assert [f["rule"] for f in result.of(draft)] == ["section-missing"] * 3


# -- Folders and files that cannot be read ---------------------------------------------------


def test_symlink_loops_in_a_folder(tmp_path):
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "draft.txt").write_bytes(GOOD.read_bytes())
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)  # folder loop
    (folder / "self.txt").symlink_to("self.txt")  # a link to itself
    result = run_cli(folder, good=False)
    assert result.status == 2
    assert "循环" in result.only_error(folder / "self.txt")
    assert result.of(folder / "sub" / "draft.txt") == []  # checked once, and clean
    assert {f["path"] for f in result.findings} == {str(folder / "self.txt")}


def test_pipe_in_a_folder_does_not_block_the_run(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # opening it for reading would wait for a writer forever
    (folder / "draft.txt").write_bytes(GOOD.read_bytes())
    result = run_cli(folder, folder / "pipe.txt", good=False)
    assert result.status == 2
    assert sorted(f["message"] for f in result.of(folder / "pipe.txt")) == [
        "不是普通文件（管道、设备或套接字），未检查",  # named on the command line
        "不是普通文件（管道、设备或套接字），未读取",  # found in the folder
    ]
    assert result.of(folder / "draft.txt") == []


def test_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    """Forced in-process (root lists any folder): os.walk used to skip it in silence."""
    folder = tmp_path / "drafts"
    (folder / "locked").mkdir(parents=True)
    (folder / "draft.txt").write_bytes(GOOD.read_bytes())
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path) == str(folder / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--jobs", "1", str(folder)])
    assert result.exit_code == 2
    findings = json.loads(result.stdout)
    assert [(f["path"], f["message"]) for f in findings] == [
        (str(folder / "locked"), "无法读取此目录（没有权限？），其中的文稿未检查")
    ]


def test_unreadable_file_as_another_user(tmp_path):
    """Only meaningful when not root: root reads a file whatever its mode."""
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop reads (see the monkeypatch test)")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(GOOD.read_bytes())
    secret.chmod(0)
    result = run_cli(secret)
    assert result.status == 2
    assert "权限" in result.only_error(secret)


def test_permission_error_path(tmp_path, monkeypatch):
    """The PermissionError path, forced in-process (works as root): the other file is checked."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(GOOD.read_bytes())
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(plain, "open", guarded_open, raising=False)
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--jobs", "1", str(secret), str(GOOD)]
    )
    assert result.exit_code == 2
    findings = json.loads(result.stdout)
    assert [(f["path"], f["rule"], f["message"]) for f in findings] == [
        (str(secret), "input-error", "没有读取权限")
    ]


def test_a_crash_in_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    """Defence in depth: an unexpected exception is reported for its file, on one line."""
    import lint.linter

    bad = tmp_path / "bad.txt"
    bad.write_text("一、存在的问题\n触发\n", encoding="utf-8")
    real_parse = lint.linter.parse

    def parse(text, *args, **kwargs):
        if "触发" in text:
            raise ValueError("boom\nsecond line")
        return real_parse(text, *args, **kwargs)

    monkeypatch.setattr(lint.linter, "parse", parse)
    linter = Linter()
    crashed = linter.check_path(str(bad))
    assert crashed.failed
    (finding,) = crashed.findings
    assert finding.rule == "internal-error"
    assert "ValueError: boom second line" in finding.message
    assert linter.check_path(str(GOOD)).findings == []


def test_a_crash_while_fixing_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    import lint.run.fix

    bad, good = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (bad, good):
        path.write_text("一、存在的问题\n一是学习不够，比如dangshi学习少。\n", encoding="utf-8")
    real_fix_file = lint.run.fix.fix_file

    def fix_file(linter, path, write=True, roots=None):
        if path == str(bad):
            raise RuntimeError("boom")
        return real_fix_file(linter, path, write, roots)

    monkeypatch.setattr(lint.run.fix, "fix_file", fix_file)
    result = CliRunner().invoke(
        main, ["check", "--fix", "--format", "json", "--select", "pinyin-substitute", str(tmp_path)]
    )
    assert result.exit_code == 2
    (finding,) = json.loads(result.stdout)
    assert (finding["path"], finding["rule"]) == (str(bad), "internal-error")
    assert "修正时发生内部错误：RuntimeError: boom" in finding["message"]
    assert "dangshi" in bad.read_text(encoding="utf-8")  # untouched
    assert "党史" in good.read_text(encoding="utf-8")  # fixed all the same


# -- Hostile rule packs ----------------------------------------------------------------------


def write_pack(path: Path, body: str) -> Path:
    path.write_text(f"id: hostile\ntitle: 恶意规则包\n{body}", encoding="utf-8")
    return path


def pack_error(tmp_path: Path, body: str) -> str:
    """Run with the pack: refused before any draft, with one line naming the pack."""
    pack = write_pack(tmp_path / "hostile.yaml", body)
    result = run_cli("--rules", pack)
    assert result.status == 2
    assert result.findings == []
    (line,) = result.stderr.strip().splitlines()
    assert str(pack) in line
    return line


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!custom {{a: 1}}",
    ],
)
def test_pack_with_object_tags_is_refused(tmp_path, tagged):
    marker = tmp_path / "executed"
    line = pack_error(tmp_path, f"description: {tagged.format(marker=marker)}\nrules: []\n")
    assert "不允许的 YAML 标签" in line
    assert not marker.exists()


def test_catastrophic_backtracking_is_stopped_and_named(tmp_path):
    pack = write_pack(
        tmp_path / "backtrack.yaml",
        "rules:\n  - id: slow-rule\n    kind: patterns\n    severity: error\n"
        "    message: 回溯\n    patterns: ['(a+)+$']\n",
    )
    draft = tmp_path / "aaa.txt"
    draft.write_text("一、存在的问题\n" + "a" * 30_000 + "!\n", encoding="utf-8")
    result = run_cli("--rules", pack, draft)
    assert result.status == 2
    errors = [f for f in result.of(draft) if f["rule"] == "rule-error"]
    assert len(errors) == 1
    assert "slow-rule" in errors[0]["message"] and "超过" in errors[0]["message"]


def test_huge_pack_is_refused(tmp_path):
    line = pack_error(tmp_path, f"description: '{'x' * MAX_PACK_BYTES}'\nrules: []\n")
    assert "过大" in line


@pytest.mark.parametrize("levels", [MAX_DEPTH + 5, 5000])  # 5000: beyond Python's recursion
def test_deeply_nested_pack_is_refused(tmp_path, levels):
    line = pack_error(tmp_path, "rules: " + "[" * levels + "]" * levels + "\n")
    assert "嵌套过深" in line


def test_recursive_alias_is_refused(tmp_path):
    assert "嵌套过深" in pack_error(tmp_path, "rules: &r [*r]\n")


def test_billion_laughs_is_refused(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    line = pack_error(tmp_path, "\n".join(lines) + "\nrules: []\n")
    assert f"超过 {MAX_NODES} 个节点" in line


def test_merge_key_bomb_is_refused(tmp_path):
    """Merge keys (<<) copy whole mappings: nested merges would grow before any check."""
    lines = ["m0: &m0 {k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}" for i in range(1, 10)]
    line = pack_error(tmp_path, "\n".join(lines) + "\nrules: []\n")
    assert f"超过 {MAX_NODES} 个节点" in line


def test_ordinary_anchors_and_merges_still_work(tmp_path):
    pack = write_pack(
        tmp_path / "anchors.yaml",
        "rules:\n"
        "  - id: no-foo\n"
        "    <<: &common {kind: patterns, severity: error, message: 不要写这个词}\n"
        "    patterns: [foo]\n"
        "  - {<<: *common, id: no-bar, patterns: [bar]}\n",
    )
    draft = tmp_path / "d.txt"
    draft.write_text("一、存在的问题\n写了 foo 和 bar。\n", encoding="utf-8")
    result = run_cli("--rules", pack, draft)
    assert result.status == 1
    assert {"no-foo", "no-bar"} <= result.rules(draft)


def test_quote_direction_still_alternates_on_each_line():
    """The linear quote count gives what rescanning the line gave: open, close, per line."""
    findings = lint_text("汉'a汉'a汉'a\n汉'a\n", "punct-halfwidth", profile="generic")
    assert [(f.line, f.column, f.fix.replacement) for f in findings] == [
        (1, 2, "‘"),
        (1, 5, "’"),
        (1, 8, "‘"),
        (2, 2, "‘"),
    ]


# -- What reaches the terminal -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pretty", "concise"])
def test_escape_sequences_in_a_draft_are_shown_not_obeyed(tmp_path, fmt):
    """A draft (or its name) can carry terminal escapes: clear the screen, retitle the window."""
    draft = tmp_path / "clear\x1b]0;owned\x07.txt"
    draft.write_text("一、存在的问题\n一是\x1b[2J学习XX不够。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", fmt, "--jobs", "1", str(draft)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "␛[2J" in result.output or fmt == "concise"  # pretty shows the line itself
    assert "clear␛]0;owned␇.txt" in result.output
    if fmt == "pretty":  # the caret still sits under XX: one picture per control character
        lines = result.output.splitlines()
        at = next(i for i, line in enumerate(lines) if "[placeholder]" in line)
        source, carets = lines[at + 1], lines[at + 2]
        assert width(source[: source.index("XX")]) == carets.index("^")
