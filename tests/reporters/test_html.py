"""The HTML report: self-contained, escaped, summary table first, findings highlighted."""

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from lint.cli import main

GOOD = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
HOSTILE = "<script>alert(1)</script>"


class Page(HTMLParser):
    """Tags, attributes and text of a page, in order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[tuple[str, str]] = []  # (innermost open tag, text)
        self.open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "link", "input"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append((self.open[-1] if self.open else "", data))


def report(tmp_path) -> tuple[str, dict[str, str]]:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    texts = {
        "a-good.txt": GOOD,
        "b-placeholder.txt": GOOD.replace("三次集中学习", "XX次集中学习"),
        "c-<b>&hostile.txt": GOOD.replace("三次集中学习", f"XX{HOSTILE}次集中学习"),
    }
    for name, text in texts.items():
        (drafts / name).write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["check", "--format", "html", "--no-copies", "--output", str(out), str(drafts)]
    )
    assert result.exit_code == 1, result.output
    assert result.output == ""  # the report went to the file
    return out.read_text(encoding="utf-8"), {n: str(drafts / n) for n in texts}


def test_report_is_self_contained_and_escaped(tmp_path):
    html, _ = report(tmp_path)
    page = Page(html)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags
    for _, attrs in page.tags:
        for value in attrs.values():
            assert "//" not in (value or "")  # no URL of any kind
    style = "".join(text for tag, text in page.text if tag == "style")
    assert "url(" not in style and "@import" not in style
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html and "c-&lt;b&gt;&amp;hostile.txt" in html


def test_summary_table_comes_first_with_marks(tmp_path):
    html, paths = report(tmp_path)
    page = Page(html)
    tables = [attrs for tag, attrs in page.tags if tag == "table"]
    assert tables[0].get("id") == "summary"
    assert html.index('id="summary"') < html.index("问题明细")
    headers = [attrs.get("title", "") for tag, attrs in page.tags if tag == "th"]
    placeholder_column = next(i for i, t in enumerate(headers) if "（placeholder）" in t)
    rows = html.split('<table id="summary">')[1].split("</tbody>")[0].split("<tr>")[2:]
    assert len(rows) == 3
    cells = {
        path: row.split("<td")[1:] for path, row in zip(sorted(paths.values()), rows, strict=True)
    }
    assert "✗" in cells[paths["b-placeholder.txt"]][placeholder_column]
    assert "✓" in cells[paths["a-good.txt"]][placeholder_column]


def test_findings_are_highlighted_in_context(tmp_path):
    html, paths = report(tmp_path)
    line = GOOD.split("\n").index(next(x for x in GOOD.split("\n") if "三次集中学习" in x)) + 1
    details = html.split("问题明细")[1]
    block = details.split(paths["b-placeholder.txt"])[1].split("<h3")[0]
    assert f"{line}:" in block and "[placeholder]" in block
    assert '<mark class="error">XX</mark>次集中学习' in block
    assert "未发现问题" in details.split(paths["a-good.txt"])[1].split("<h3")[0]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_renders_in_headless_chromium(tmp_path):
    _, paths = report(tmp_path)
    page = tmp_path / "report.html"
    run = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "CONSOLE" not in run.stderr  # no script errors or warnings on the page
    dom = Page(run.stdout)
    assert ("table", {"id": "summary"}) in dom.tags
    shown = "".join(text for _, text in dom.text)
    for path in paths.values():
        assert path in shown
    assert "合计 3 份" in shown
