"""Issue 11: no false all-clear, writes only where asked, bounded work, inert output, errors
that are errors. One regression test per defect class; each runs the real command."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import docx_build
from conftest import SAMPLES

FIXABLE = "某县对照检查材料\n一、存在的问题\n一是学习不够，比如dangshi学习少。。\n"
MEMORY_LIMIT = 512 * 2**20
TIMEOUT = 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``draftlint ARGS`` in a subprocess under 512 MB and 30 s; never a traceback."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "lint",
            *[os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args],
        ],
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=cwd,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1, 2)
    return proc


def err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


# -- writes only where asked -------------------------------------------------------------


def test_fix_does_not_follow_a_link_out_of_the_folder(tmp_path):
    outside, folder = tmp_path / "outside.txt", tmp_path / "drafts"
    outside.write_text(FIXABLE, "utf-8")
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    proc = cli("check", "--fix", "--no-config", folder)
    assert outside.read_text("utf-8") == FIXABLE
    assert "符号链接" in err(proc) and "--follow-links" in err(proc)
    cli("check", "--fix", "--follow-links", "--no-config", folder)
    assert "dangshi" not in outside.read_text("utf-8")
    assert (folder / "link.txt").is_symlink()


def test_fix_keeps_hard_links_mode_and_refuses_read_only(tmp_path):
    draft, twin = tmp_path / "a.txt", tmp_path / "b.txt"
    draft.write_text(FIXABLE, "utf-8")
    os.link(draft, twin)
    os.chmod(draft, 0o640)
    inode = draft.stat().st_ino
    cli("check", "--fix", "--no-config", draft)
    assert draft.stat().st_ino == inode and draft.stat().st_nlink == 2
    assert "dangshi" not in twin.read_text("utf-8")
    assert draft.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no backup left

    locked = tmp_path / "locked.txt"
    locked.write_text(FIXABLE, "utf-8")
    os.chmod(locked, 0o444)
    proc = cli("check", "--fix", "--no-config", "--format", "concise", locked)
    assert proc.returncode == 2
    assert "只读" in proc.stdout.decode()
    assert locked.read_text("utf-8") == FIXABLE


def test_the_next_run_cleans_up_after_a_killed_one(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text(FIXABLE, "utf-8")
    dead = 2**22 + 12345  # above pid_max: no such process
    (tmp_path / f".draftlint-{dead}-x1.a.txt.tmp").write_text("half", "utf-8")
    # a backup of a rewrite in place that was cut short: restored onto its file
    (tmp_path / f".draftlint-{dead}-x2.a.txt.bak").write_text(FIXABLE, "utf-8")
    draft.write_text("一、存在", "utf-8")  # the half-written file
    cli("check", "--fix", "--no-config", draft)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert "dangshi" not in draft.read_text("utf-8") and "学习少。" in draft.read_text("utf-8")


def test_a_folder_is_searched_for_leftovers_once_per_process(tmp_path, monkeypatch):
    # A batch writes a result-cache entry per draft into one folder of thousands of files:
    # listing it on every write made the time per draft grow with the batch.
    from lint import atomic

    listed = []
    real = os.listdir
    monkeypatch.setattr(atomic.os, "listdir", lambda folder: listed.append(folder) or real(folder))
    for i in range(3):
        atomic.replace_file(str(tmp_path / f"{i}.json"), lambda out: out.write(b"{}"))
    assert listed == [str(tmp_path)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.json", "1.json", "2.json"]


def test_cache_entries_are_renamed_into_place_without_fsync_and_drafts_with_it(
    tmp_path, monkeypatch
):
    # A batch writes one cache entry per draft: an fsync each (file and folder) is disk time
    # a lost entry does not need (it is checked when read, and rebuilt). A fixed draft, a
    # report or an annotated copy is the user's: written durably.
    from lint import atomic, cachedir

    synced = []
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd))
    assert cachedir.write_json(tmp_path / "entry.json", {"a": 1})
    assert json.loads((tmp_path / "entry.json").read_text("utf-8")) == {"a": 1}
    assert synced == []
    atomic.replace_file(str(tmp_path / "draft.txt"), lambda out: out.write("改".encode()))
    assert len(synced) == 2  # the file, then its folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt", "entry.json"]


def test_a_temporary_file_is_new_private_and_never_a_link(tmp_path, monkeypatch):
    # The temporary file of a write is made with O_EXCL: a file or a link an attacker put at
    # its name is never opened; the next random name is taken instead.
    from lint import atomic

    outside = tmp_path / "outside"
    outside.write_text("keep", "utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    names = iter([b"\x01" * 6, b"\x01" * 6, b"\x02" * 6])
    monkeypatch.setattr(atomic.os, "urandom", lambda n: next(names))
    taken = folder / f".draftlint-{os.getpid()}-{'01' * 6}.t.json.tmp"
    taken.symlink_to(outside)
    atomic.replace_file(str(folder / "t.json"), lambda out: out.write(b"{}"), mode=0o600)
    assert outside.read_text("utf-8") == "keep"
    assert (folder / "t.json").read_bytes() == b"{}"
    assert (folder / "t.json").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [taken.name, "t.json"]  # 0202… renamed


def test_a_report_is_never_written_onto_an_input_or_a_device(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text(FIXABLE, "utf-8")
    for target in (draft, Path("/dev/null")):
        proc = cli("check", "--no-config", "-o", target, draft)
        assert proc.returncode == 2 and "拒绝" in err(proc), err(proc)
    assert cli("check", "--no-config", "-o", tmp_path, draft).returncode == 2
    assert draft.read_text("utf-8") == FIXABLE
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    assert cli("check", "--no-config", "-o", link, draft).returncode == 2
    report = tmp_path / "report.txt"
    assert cli("check", "--no-config", "-o", report, draft).returncode == 1
    assert "dangshi" in report.read_text("utf-8")


def test_annotate_refuses_an_input_and_a_device_and_keeps_the_mode(tmp_path):
    draft = docx_build.plain(FIXABLE, tmp_path / "a.docx")
    os.chmod(draft, 0o644)
    assert cli("annotate", "--no-config", draft, "-o", "/dev/null").returncode == 2
    out = tmp_path / "b.docx"
    assert cli("annotate", "--no-config", draft, "-o", out).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o644


# -- no false all-clear ------------------------------------------------------------------


def test_an_empty_folder_and_a_folder_of_doc_files_are_not_an_all_clear(tmp_path):
    empty, old = tmp_path / "empty", tmp_path / "old"
    empty.mkdir()
    old.mkdir()
    (old / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    (old / "b.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    env = {"PATH": str(tmp_path / "no-office")}  # no LibreOffice
    proc = cli("check", "--no-config", "--format", "concise", empty, env=env)
    assert proc.returncode == 2 and "没有找到可检查的文稿" in proc.stdout.decode()
    proc = cli("check", "--no-config", "--format", "concise", old, env=env)
    assert proc.returncode == 2
    assert "旧版 Word 文件（.doc）无法检查，请另存为 .docx" in proc.stdout.decode()
    assert "（.wps）无法检查" in proc.stdout.decode()


def test_doc_files_are_converted_when_libreoffice_is_installed(tmp_path):
    """A stand-in soffice: draftlint runs it in a private folder and says it converted."""
    converted = docx_build.plain(FIXABLE, tmp_path / "converted.docx")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'cp "{converted}" "$2/draft.docx"\n'
    )
    soffice.chmod(0o755)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    proc = cli("check", "--no-config", "--format", "json", drafts, env=env)
    rules = {f["rule"] for f in json.loads(proc.stdout)}
    assert {"converted", "pinyin-substitute"} <= rules
    assert "LibreOffice" in err(proc)


def test_an_excluded_file_named_on_the_command_line_is_mentioned(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".draftlint.yaml").write_text("exclude: ['a.txt']\n", "utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text(FIXABLE, "utf-8")
    proc = cli("check", draft, cwd=tmp_path)
    assert "exclude" in err(proc) and "a.txt" in err(proc)


def test_a_config_in_a_world_writable_folder_is_skipped(tmp_path):
    shared = tmp_path / "shared"
    (shared / "drafts").mkdir(parents=True)
    shared.chmod(0o777)
    (shared / ".draftlint.yaml").write_text("select: [placeholder]\n", "utf-8")
    draft = shared / "drafts" / "a.txt"
    draft.write_text(FIXABLE, "utf-8")
    proc = cli("check", "--format", "json", draft)
    assert "pinyin-substitute" in {f["rule"] for f in json.loads(proc.stdout)}
    assert "跳过配置文件" in err(proc)
    # named explicitly, it is read
    proc = cli("check", "--format", "json", "--config", shared / ".draftlint.yaml", draft)
    assert "pinyin-substitute" not in {f["rule"] for f in json.loads(proc.stdout)}


def test_the_config_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / ".draftlint.yaml").write_text("select: [placeholder]\n", "utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    draft = repo / "a.txt"
    draft.write_text(FIXABLE, "utf-8")
    proc = cli("check", "--format", "json", draft)
    assert "pinyin-substitute" in {f["rule"] for f in json.loads(proc.stdout)}


def test_a_symlinked_drafts_folder_is_walked(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(FIXABLE, "utf-8")
    (tmp_path / "link").symlink_to(real)
    proc = cli("check", "--no-config", "--format", "json", tmp_path / "link")
    assert "pinyin-substitute" in {f["rule"] for f in json.loads(proc.stdout)}


# -- bounded work ------------------------------------------------------------------------

_BOMB_NUMBERING = """<w:numbering xmlns:w="{ns}">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="999999999"/>
<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">
<w:startOverride w:val="2000000000"/></w:lvlOverride></w:num></w:numbering>"""


def _rewrite(path: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts.update(replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_numbering_bomb_gives_short_numbers(tmp_path):
    path = tmp_path / "bomb.docx"
    document = docx_build.docx.Document()
    for _ in range(2000):
        paragraph = document.add_paragraph("一是学习不够。")
        docx_build.number(paragraph, 0, num_id="1")
    document.save(path)
    with zipfile.ZipFile(path) as z:
        numbering = next(n for n in z.namelist() if n.endswith("numbering.xml"))
    text = "%1" * 5000
    bomb = _BOMB_NUMBERING.format(ns=docx_build.W_NS, text=text).encode()
    _rewrite(path, {numbering: bomb})
    proc = cli("check", "--no-config", "--format", "json", path)
    assert proc.returncode in (1, 2)

    from lint.source import docx as wordfile

    lines = wordfile.read(str(path)).text.split("\n")
    assert max(len(line) for line in lines) <= wordfile.MAX_NUMBER_TEXT + len("一是学习不够。")


def test_a_large_docx_is_streamed(tmp_path):
    """60 MB of XML with little text: memory follows the text, not the XML."""
    path = docx_build.plain(FIXABLE, tmp_path / "large.docx")
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    rng = random.Random(1)  # rsid values, so that the XML does not compress like a bomb
    body = "".join(
        "<w:p>"
        + "".join(
            f'<w:r w:rsidR="{rng.getrandbits(32):08X}"><w:rPr><w:b/></w:rPr><w:t>学</w:t></w:r>'
            for _ in range(40)
        )
        + "</w:p>"
        for _ in range(8_000)
    )  # ~20 MB
    at = xml.index("<w:sectPr") if "<w:sectPr" in xml else xml.index("</w:body>")
    _rewrite(path, {"word/document.xml": (xml[:at] + body + xml[at:]).encode()})
    proc = cli("check", "--no-config", "--format", "concise", "--select", "placeholder", path)
    assert proc.returncode == 0, err(proc)


def test_fix_of_a_big_draft_stays_bounded(tmp_path):
    draft = tmp_path / "big.txt"
    draft.write_text("一、存在的问题\n" + "问题，,比如dangshi学习。。\n" * 60_000, "utf-8")
    cli("check", "--fix", "--no-config", "--select", "punct-duplicate,pinyin-substitute", draft)
    text = draft.read_text("utf-8")
    assert "dangshi" not in text and "。。" not in text


# -- output that cannot be turned into commands --------------------------------------------


def test_hostile_file_names_are_inert_in_every_format(tmp_path):
    hostile = "a\n::error file=x::pwned\x1b]0;title\x07\u202eevil.txt"
    (tmp_path / hostile).write_text(FIXABLE, "utf-8")
    (tmp_path / os.fsdecode(b"bad-\xff.txt")).write_text(FIXABLE, "utf-8")
    for fmt in ("github", "sarif", "checklist", "concise", "pretty", "json"):
        proc = cli("check", "--no-config", "--format", fmt, tmp_path, env={"GITHUB_ACTIONS": "1"})
        out = proc.stdout.decode("utf-8")  # valid UTF-8 always
        if fmt in ("sarif", "json"):  # machine formats: valid JSON in valid UTF-8
            json.loads(out)
        else:
            assert "\x1b" not in out and "\u202e" not in out, fmt
        lines = [line.strip() for line in out.splitlines()]
        commands = [line for line in lines if line.startswith("::")]
        if fmt == "github":
            assert all(
                line.startswith(("::error ", "::warning ", "::notice ")) for line in commands
            )
            assert not any(line.startswith("::error file=x") for line in commands)
        elif fmt not in ("sarif", "json"):
            assert commands[0].startswith("::stop-commands::"), (fmt, commands)
    proc = cli("check", "--diff", "--no-config", tmp_path, env={"GITHUB_ACTIONS": "1"})
    assert proc.stdout.decode().startswith("::stop-commands::")
    assert "\x1b" not in proc.stdout.decode() and "\x1b" not in err(proc)


# -- errors are errors ---------------------------------------------------------------------


def test_yaml_values_the_loader_rejects_are_one_line_errors(tmp_path):
    draft = SAMPLES / "good-team-2021.txt"
    for value in ("2024-02-30", "9" * 5000):
        pack = tmp_path / "pack.yaml"
        pack.write_text(f"id: p\ntitle: t\nrules: []\nwhen: {value}\n", "utf-8")
        proc = cli("check", "--no-config", "--rules", pack, draft)
        assert proc.returncode == 2 and len(err(proc).strip().splitlines()) == 1, err(proc)
        assert "pack.yaml:4:7" in err(proc)
    pack.write_text("id: p\n<<: 1\n", "utf-8")
    proc = cli("check", "--no-config", "--rules", pack, draft)
    assert proc.returncode == 2 and "合并键" in err(proc)


def test_a_pack_id_is_plain(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text('id: "x\\n::error::y"\ntitle: t\nrules: []\n', "utf-8")
    proc = cli("check", "--no-config", "--rules", pack, SAMPLES / "good-team-2021.txt")
    assert proc.returncode == 2 and "pack.yaml:1:5" in err(proc) and "小写字母" in err(proc)
