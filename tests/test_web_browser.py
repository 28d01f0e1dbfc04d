"""``draftlint serve`` in a real browser: headless Chromium (Debian's, driven by Playwright)
uploads a Word draft built from samples/, sees its findings highlighted and listed, and
downloads the annotated copy, which python-docx opens with the expected comments. Skipped
where Chromium or Playwright is missing.

``DRAFTLINT_SCREENSHOT=docs/serve.png pytest tests/test_web_browser.py`` also saves the
page as the README shows it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

import docx  # noqa: E402

from tests import docx_build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "api/profiles", timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"draftlint serve did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield url
    process.terminate()
    _, err = process.communicate(timeout=10)
    log = err.decode("utf-8")
    assert "defect" not in log and "草稿" not in log  # counts only, never names


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a browser that cannot start here: skip, not fail
            pytest.skip(f"chromium does not start under Playwright: {exc}")
        yield chromium
        chromium.close()


def test_upload_see_highlights_and_download_the_annotated_copy(server, browser, tmp_path):
    text = (ROOT / "samples" / "defect-leftovers.txt").read_text(encoding="utf-8")
    draft = docx_build.plain(text, tmp_path / "草稿.docx")
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", draft.name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    findings = json.loads(run.stdout)
    assert len(findings) >= 3

    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server)
    page.wait_for_selector("#profile option[value='wugedaitou-2021']", state="attached")
    page.set_input_files("#files", str(draft))
    card = page.wait_for_selector("article.draft")

    items = card.query_selector_all("ol.findings li")
    assert len(items) == len(findings)
    for item, finding in zip(items, findings, strict=True):  # the terminal's order and words
        assert finding["message"] in item.text_content()
        assert f"[{finding['rule']}]" in item.text_content()
        assert item.query_selector(".pos").text_content().strip() == (
            f"{finding['line']}:{finding['column']}"
        )
    marked = [m.text_content() for m in card.query_selector_all(".text mark")]
    lines = text.split("\n")
    for finding in findings:
        if finding["end_line"] == finding["line"] and finding["end_column"] > finding["column"]:
            span = lines[finding["line"] - 1][finding["column"] - 1 : finding["end_column"] - 1]
            assert any(span in m or m in span for m in marked), span
    assert "wugedaitou-2021" in card.query_selector(".profile").text_content()
    ticks = [t.text_content() for t in card.query_selector_all(".checklist .tick")]
    assert "✗" in ticks and "✓" in ticks

    with page.expect_download() as waiting:
        card.query_selector("button.annotate").click()
    download = waiting.value
    assert download.suggested_filename == "草稿-批注.docx"
    saved = tmp_path / "批注.docx"
    download.save_as(saved)
    comments = list(docx.Document(str(saved)).comments)
    assert len(comments) == len(findings)
    texts = [c.text for c in comments]
    for finding in findings:  # one comment per finding, with its rule and message
        said = f"[{finding['rule']}] {finding['message']}"
        match = next(t for t in texts if said in t)
        texts.remove(match)

    shot = os.environ.get("DRAFTLINT_SCREENSHOT")
    if shot:
        page.screenshot(path=shot, full_page=False)
    assert errors == []
