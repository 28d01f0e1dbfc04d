"""``draftlint serve``'s JSON API, through Starlette's TestClient (no browser): the same
findings as ``draftlint check``, the annotated Word copy, the fixed text, the batch report,
and uploads that are refused with a clear message."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")
pytest.importorskip("httpx2")  # starlette.testclient's HTTP client

import docx
from starlette.testclient import TestClient

from lint.run.session import Session
from lint.web.app import create_app
from tests import docx_build

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config of the project's own folder applies
    return TestClient(create_app(Session(), max_bytes=2**20))


def check_json(path: Path) -> list[dict]:
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", path.name],
        capture_output=True,
        text=True,
        cwd=path.parent,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def sample_docx(tmp_path: Path, name: str = "defect-leftovers") -> Path:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return docx_build.plain(text, tmp_path / f"{name}.docx")


def test_profiles_are_listed(client):
    body = client.get("/api/profiles").json()
    ids = [p["id"] for p in body["profiles"]]
    assert {"generic", "wugedaitou-2021", "sigefangmian-2024"} <= set(ids)
    assert body["default"] == "auto"
    assert all(p["title"] for p in body["profiles"])


def test_check_gives_the_findings_of_draftlint_check(client, tmp_path):
    path = sample_docx(tmp_path)
    response = client.post("/api/check", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 200
    body = response.json()
    expected = check_json(path)
    assert expected and body["findings"] == expected
    assert body["path"] == path.name
    assert body["profile"]["id"] == "wugedaitou-2021" and body["profile"]["detected"]
    assert "自动识别" in body["profile"]["line"]
    failing = {r["rule"] for r in body["requirements"] if not r["passed"]}
    assert failing == {f["rule"] for f in expected}
    assert (
        body["lines"][0]
        == (SAMPLES / "defect-leftovers.txt").read_text(encoding="utf-8").split("\n")[0]
    )


def test_the_chosen_profile_is_used(client, tmp_path):
    path = tmp_path / "草稿.txt"
    path.write_text((SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    body = client.post(
        "/api/check", files={"file": (path.name, path.read_bytes())}, data={"profile": "generic"}
    ).json()
    assert body["profile"]["id"] == "generic" and not body["profile"]["detected"]
    refused = client.post(
        "/api/check", files={"file": (path.name, b"x")}, data={"profile": "no-such"}
    )
    assert refused.status_code == 400 and "no-such" in refused.json()["error"]


def test_pasted_text_is_checked(client):
    text = (SAMPLES / "defect-punctuation.txt").read_text(encoding="utf-8")
    body = client.post("/api/check", data={"text": text}).json()
    assert body["path"] == "粘贴的文字.txt"
    assert [f["rule"] for f in body["findings"]].count("punct-duplicate") == 2


def test_annotate_returns_the_word_copy_with_one_comment_per_finding(client, tmp_path):
    path = sample_docx(tmp_path)
    before = set(os.listdir(tempfile.gettempdir()))
    response = client.post("/api/annotate", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    assert (
        "filename*=UTF-8''defect-leftovers-%E6%89%B9%E6%B3%A8.docx"
        in response.headers["content-disposition"]
    )
    comments = list(docx.Document(io.BytesIO(response.content)).comments)
    findings = check_json(path)
    assert len(comments) == len(findings) == int(response.headers["x-draftlint-comments"])
    texts = sorted(c.text for c in comments)
    assert all(any(f"[{f['rule']}]" in t for t in texts) for f in findings)
    left = {
        n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("draftlint-")
    }
    assert left == set()  # the private folder of the upload is gone


def test_annotate_groups_repeated_punctuation_only_when_asked(client, tmp_path):
    text = (SAMPLES / "good-team-2021.txt").read_text(encoding="utf-8")
    text = text.replace("，", ",", 3)  # three half-width commas in the first paragraph using ，
    path = docx_build.plain(text, tmp_path / "commas.docx")
    findings = check_json(path)
    assert [f["rule"] for f in findings].count("punct-halfwidth") == 3
    files = {"file": (path.name, path.read_bytes())}
    each = client.post("/api/annotate", files=files)
    grouped = client.post("/api/annotate", files=files, data={"group": "1"})
    assert int(each.headers["x-draftlint-comments"]) == len(findings)
    assert int(grouped.headers["x-draftlint-comments"]) < len(findings)  # the page's choice


def test_fix_returns_what_check_fix_writes(client, tmp_path):
    original = (SAMPLES / "fixable-team-2021.txt").read_bytes()
    response = client.post("/api/fix", files={"file": ("稿.txt", original)})
    assert response.status_code == 200
    assert int(response.headers["x-draftlint-fixes"]) > 0
    copy = tmp_path / "稿.txt"
    copy.write_bytes(original)
    subprocess.run(
        [sys.executable, "-m", "lint", "check", "--fix", "--exit-zero", copy.name],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    assert response.content.decode("utf-8") == copy.read_text(encoding="utf-8")
    assert response.content != original


def test_batch_report_lists_every_draft(client, tmp_path):
    files = [
        ("file", (name, (SAMPLES / name).read_bytes()))
        for name in ("defect-leftovers.txt", "good-team-2021.txt")
    ]
    response = client.post("/api/report", files=files)
    assert response.status_code == 200
    page = response.text
    assert "defect-leftovers.txt" in page and "good-team-2021.txt" in page
    assert "雷同文稿" in page


def test_bad_uploads_are_refused_or_reported_clearly(client, tmp_path):
    unknown = client.post("/api/check", files={"file": ("稿.pdf", b"%PDF-1.4")}).json()
    assert [f["rule"] for f in unknown["findings"]] == ["input-error"] and unknown["failed"]
    broken = client.post("/api/check", files={"file": ("稿.docx", b"PK\x03\x04broken")}).json()
    assert broken["findings"][0]["rule"] == "input-error"
    assert "损坏" in broken["findings"][0]["message"]
    empty = client.post("/api/check", data={"profile": "auto"})
    assert empty.status_code == 400 and "没有收到文稿" in empty.json()["error"]
    big = client.post("/api/check", files={"file": ("稿.txt", b"x" * (2**20 + 1))})
    assert big.status_code == 413 and "MB" in big.json()["error"]
    text = client.post("/api/annotate", files={"file": ("稿.txt", b"abc")})
    assert text.status_code == 400 and ".docx" in text.json()["error"]
    word = client.post("/api/fix", files={"file": ("稿.docx", b"PK")})
    assert word.status_code == 400
    folder = client.post("/api/check", files={"file": ("../../etc/稿.txt", b"\xe4\xb8\x80")})
    assert folder.json()["path"] == "稿.txt"


def test_page_and_assets_are_served_by_the_package(client):
    page = client.get("/")
    assert page.status_code == 200 and "draftlint 文稿检查" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200
    assert "http" not in page.text.replace("http-equiv", "")  # no CDN


def test_only_local_host_names_are_accepted_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(Session(), allowed_hosts=["127.0.0.1", "localhost"])
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/api/profiles").status_code == 200
    elsewhere = TestClient(app, base_url="http://attacker.example")
    assert elsewhere.get("/api/profiles").status_code == 400
