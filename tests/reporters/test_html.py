"""The HTML report: self-contained, escaped, summary table first, findings highlighted."""

import json
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


def noisy_report(tmp_path) -> tuple[str, str, list[dict]]:
    """A draft with a placeholder (an error, line 3), half-width commas in three items
    (punctuation warnings, lines 8–12) and a Markdown mark (a content warning, line 30),
    beside a good draft; the report and the findings (JSON)."""
    lines = GOOD.split("\n")
    lines[2] = lines[2].replace("三次集中学习", "XX次集中学习")
    for n in (8, 9, 12):
        lines[n - 1] = lines[n - 1].replace("，", ",")
    lines[29] = "**" + lines[29]
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a-good.txt").write_text(GOOD, encoding="utf-8")
    noisy = drafts / "b-noisy.txt"
    noisy.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "report.html"
    args = ["check", "--no-copies", str(drafts)]
    result = CliRunner().invoke(main, [*args, "--format", "html", "--output", str(out)])
    assert result.exit_code == 1, result.output
    found = CliRunner().invoke(main, [*args, "--format", "json"])
    findings = json.loads(found.stdout)
    return out.read_text(encoding="utf-8"), str(noisy), findings


def test_repeated_findings_are_grouped_in_order_of_severity(tmp_path):
    html, noisy, findings = noisy_report(tmp_path)
    halfwidth = sorted((f["line"], f["column"]) for f in findings if f["rule"] == "punct-halfwidth")
    assert len(halfwidth) > 5 and {line for line, _ in halfwidth} == {8, 9, 12}
    block = html.split("问题明细")[1].split(noisy)[1].split("</details>")[0]
    # one entry for the rule, with its count, the first three with their text, the rest
    # by position
    assert block.count("[punct-halfwidth]") == 1
    assert f'<span class="times">×{len(halfwidth)}</span>' in block
    group = block.split("[punct-halfwidth]")[1]
    for line, column in halfwidth[:3]:
        assert f"{line}:{column} " in group
    assert "、".join(f"{line}:{column}" for line, column in halfwidth[3:]) in group
    # errors, then content warnings, then punctuation (by the rule's kind), whatever the lines
    order = [block.index(f"[{rule}]") for rule in ("placeholder", "markdown-residue")]
    assert order[0] < order[1] < block.index("[punct-halfwidth]")


def test_a_finding_is_shown_in_a_window_of_its_line(tmp_path):
    html, noisy, _ = noisy_report(tmp_path)
    block = html.split("问题明细")[1].split(noisy)[1].split("</details>")[0]
    entry = block.split("[placeholder]")[1].split("</pre>")[0]
    line = GOOD.split("\n")[2]
    start = line.index("三次集中学习")
    assert '<mark class="error">XX</mark>次集中学习' in entry
    assert line[start + 20 : start + 30] in entry  # the text around the finding
    assert line[-20:] not in entry and entry.endswith("…")  # not the whole line
    assert GOOD.split("\n")[0] not in entry  # nor the line before it


def test_details_are_collapsed_and_the_page_prints_on_a4_landscape(tmp_path):
    html, _, _ = noisy_report(tmp_path)
    page = Page(html)
    details = [attrs for tag, attrs in page.tags if tag == "details"]
    assert len(details) == 2 and all("open" not in attrs for attrs in details)
    assert '<a href="#draft-1">' in html and 'id="draft-1"' in html
    style = "".join(text for tag, text in page.text if tag == "style")
    printed = style.split("@media print")[1]
    assert "@page { size: A4 landscape" in printed and "th.req .t { display: none; }" in printed
    # each column is numbered, its full title in the chart (the legend) and its title
    numbers = [
        text for tag, text in page.text if tag == "span" and text.isdigit()
    ]  # chart numbers, then column numbers
    columns = [attrs["title"] for tag, attrs in page.tags if attrs.get("class") == "req"]
    assert numbers == [str(n) for n in range(1, len(columns) + 1)] * 2


def test_chart_has_a_bar_per_requirement_with_the_failing_drafts(tmp_path):
    html, _ = report(tmp_path)  # three drafts, two with a placeholder
    chart = html.split('<div class="chart">')[1].split("</div>")[0]
    assert html.index('<div class="chart">') < html.index('id="summary"')
    rows = chart.split('<span class="no">')[1:]
    columns = [attrs["title"] for tag, attrs in Page(html).tags if attrs.get("class") == "req"]
    assert len(rows) == len(columns) > 5
    placeholder = next(r for r in rows if 'title="placeholder"' in r)
    assert 'style="width:66.7%"' in placeholder and "2/3 份" in placeholder
    passing = next(r for r in rows if 'title="lead-missing/' in r)
    assert 'style="width:0.0%"' in passing and "0/3 份" in passing
