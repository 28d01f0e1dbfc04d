"""Saying "this is intended": inline directives, Word comments, the accept list, the baseline."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner

from lint.cli.commands import main

TYPO = "厉害关系"  # the typo rule reports it (应为“利害关系”)


def check(*args: str) -> tuple[int, list[tuple[str, int]], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", *args])
    findings = json.loads(result.stdout) if result.stdout.strip().startswith("[") else []
    return result.exit_code, [(f["rule"], f["line"]) for f in findings], result.stderr


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_disable_enable_and_next_line_in_markdown(tmp_path):
    draft = write(
        tmp_path / "a.md",
        "# 标题\n\n"
        f"一处{TYPO}。\n"  # 3: reported
        "<!-- draftlint-disable typo -->\n"
        f"二处{TYPO}。\n"  # 5: suppressed
        "<!-- draftlint-enable -->\n"
        f"三处{TYPO}。\n"  # 7: reported
        "<!-- draftlint-disable-next-line -->\n\n"
        f"四处{TYPO}。\n"  # 10: suppressed (next non-blank line, all rules)
        f"五处{TYPO}。\n",  # 11: reported
    )
    code, found, _ = check("--select", "typo", draft)
    assert code == 1
    assert found == [("typo", 3), ("typo", 7), ("typo", 11)]


def test_a_directive_naming_another_rule_suppresses_nothing(tmp_path):
    draft = write(
        tmp_path / "a.txt",
        f"标题\n<!-- draftlint-disable-next-line placeholder -->\n一处{TYPO}。\n",
    )
    _, found, _ = check("--select", "typo,placeholder", draft)
    assert ("typo", 3) in found


def test_unused_suppressions_are_reported_on_request(tmp_path):
    draft = write(
        tmp_path / "a.md",
        "# 标题\n<!-- draftlint-disable-next-line typo -->\n没有错字的一行。\n"
        f"<!-- draftlint-disable-next-line typo -->\n一处{TYPO}。\n",
    )
    assert check("--select", "typo", draft)[1] == []
    code, found, _ = check("--select", "typo", "--report-unused-suppressions", draft)
    assert found == [("unused-suppression", 2)]
    assert code == 0  # info


def test_comment_lines_themselves_produce_no_findings(tmp_path):
    line = '说明:这是"专有"用法,对吧'  # half-width punctuation in Chinese text
    shown = write(tmp_path / "a.md", f"# 标题\n{line}\n正文。\n")
    assert ("punct-halfwidth", 2) in check(shown)[1]
    hidden = write(tmp_path / "b.md", f"# 标题\n<!-- draftlint-disable typo {line} -->\n正文。\n")
    assert [f for f in check(hidden)[1] if f[1] == 2] == []


def test_suppressed_fixes_are_not_applied(tmp_path):
    draft = write(
        tmp_path / "a.txt",
        f"标题\n<!-- draftlint-disable-next-line typo -->\n一处{TYPO}。\n二处{TYPO}。\n",
    )
    CliRunner().invoke(main, ["check", "--no-config", "--select", "typo", "--fix", draft])
    lines = Path(draft).read_text("utf-8").splitlines()
    assert lines[2] == f"一处{TYPO}。" and lines[3] == "二处利害关系。"


def _docx_with_comment(path: Path, comment: str) -> str:
    document = docx.Document()
    document.add_paragraph("标题")
    first = document.add_paragraph("一处")
    commented = first.add_run(TYPO)
    first.add_run("。")
    document.add_paragraph(f"二处{TYPO}。")
    document.add_comment([commented], comment, "审稿人", "SG")
    document.save(path)
    return str(path)


def test_word_comment_suppresses_its_range(tmp_path):
    draft = _docx_with_comment(tmp_path / "a.docx", "draftlint: ignore typo 这是专有名词")
    assert check("--select", "typo", draft)[1] == [("typo", 3)]
    other = _docx_with_comment(tmp_path / "b.docx", "draftlint: ignore placeholder")
    assert check("--select", "typo", other)[1] == [("typo", 2), ("typo", 3)]
    plain = _docx_with_comment(tmp_path / "c.docx", "请核实这个词")
    assert check("--select", "typo", plain)[1] == [("typo", 2), ("typo", 3)]
    _, found, _ = check("--select", "typo", "--report-unused-suppressions", other)
    assert ("unused-suppression", 2) not in found  # placeholder did not run: not "unused"


def test_accept_list_by_text_and_by_path(tmp_path):
    write(
        tmp_path / ".draftlint.yaml",
        "select: [typo]\naccept:\n"
        f"  - {{rule: typo, text: 处理{TYPO}}}\n"
        '  - {rule: typo, path: "old/*"}\n',
    )
    draft = write(tmp_path / "new" / "a.txt", f"标题\n处理{TYPO}。\n研究{TYPO}。\n")
    old = write(tmp_path / "old" / "b.txt", f"标题\n研究{TYPO}。\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", draft, old])
    assert [(Path(f["path"]).name, f["line"]) for f in json.loads(result.stdout)] == [("a.txt", 3)]


def test_accept_list_errors_name_the_line(tmp_path):
    write(tmp_path / ".draftlint.yaml", "accept:\n  - {rule: typoo, text: 某词}\n")
    draft = write(tmp_path / "a.txt", "标题\n正文。\n")
    result = CliRunner().invoke(main, ["check", draft])
    assert result.exit_code == 2
    assert ".draftlint.yaml:2" in result.stderr and "typoo" in result.stderr
    write(tmp_path / ".draftlint.yaml", "accept:\n  - {rule: typo}\n")
    result = CliRunner().invoke(main, ["check", draft])
    assert result.exit_code == 2 and "text" in result.stderr


def test_baseline_survives_moves_and_reports_new_findings(tmp_path):
    body = [f"一处{TYPO}。", "正文。", f"二处{TYPO}。"]
    draft = write(tmp_path / "drafts" / "a.txt", "\n".join(["标题", *body]) + "\n")
    baseline = tmp_path / "draftlint-baseline.json"
    result = CliRunner().invoke(
        main,
        ["check", "--no-config", "--select", "typo", "--update-baseline", str(baseline), draft],
    )
    assert result.exit_code == 0, result.output
    recorded = json.loads(baseline.read_text("utf-8"))
    assert [e["path"] for e in recorded["findings"]] == ["drafts/a.txt", "drafts/a.txt"]
    assert check("--select", "typo", "--baseline", str(baseline), draft)[:2] == (0, [])

    moved = ["标题", *["新增的一段正文。"] * 10, *body, f"三处{TYPO}。"]
    write(Path(draft), "\n".join(moved) + "\n")
    code, found, _ = check("--select", "typo", "--baseline", str(baseline), draft)
    assert (code, found) == (1, [("typo", 15)])  # only the new one; the old ones moved by ten
    assert check("--select", "typo", draft)[1] == [("typo", 12), ("typo", 14), ("typo", 15)]


def test_a_broken_baseline_is_a_one_line_error(tmp_path):
    draft = write(tmp_path / "a.txt", "标题\n正文。\n")
    (tmp_path / "b.json").write_text("not json", "utf-8")
    code, _, err = check("--baseline", str(tmp_path / "b.json"), draft)
    assert code == 2 and "基线文件" in err
    code, _, err = check("--baseline", str(tmp_path / "missing.json"), draft)
    assert code == 2 and "不存在" in err


def test_folders_skip_venvs_and_what_git_ignores(tmp_path):
    import shutil
    import subprocess

    from lint.run.files import collect

    for name in ("drafts/a.txt", "venv/lib/x.txt", "node_modules/p/y.md", "drafts/tmp/b.txt"):
        write(tmp_path / name, "标题\n正文。\n")
    root = str(tmp_path)
    found = {Path(f).relative_to(tmp_path).as_posix() for f in collect((root,))[0]}
    assert found == {"drafts/a.txt", "drafts/tmp/b.txt"}
    if shutil.which("git") is None:
        return
    subprocess.run(["git", "init", "-q", root], check=True)
    write(tmp_path / ".gitignore", "tmp/\n")
    found = {Path(f).relative_to(tmp_path).as_posix() for f in collect((root,))[0]}
    assert found == {"drafts/a.txt"}
    unfiltered = collect((root,), gitignore=False)[0]
    assert {Path(f).relative_to(tmp_path).as_posix() for f in unfiltered} == {
        "drafts/a.txt",
        "drafts/tmp/b.txt",
    }
