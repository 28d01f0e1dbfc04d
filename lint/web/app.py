"""The web page's server: the page and its assets, and the JSON API it shares with scripts.

- ``GET /api/profiles``: the profiles a draft can be checked against.
- ``POST /api/check`` (multipart: ``file``, or ``text`` for pasted text; optional
  ``profile``): the findings exactly as ``--format json`` gives them, plus the profile, the
  checklist of requirements and the draft's lines (for highlighting).
- ``POST /api/annotate`` (``file``: a .docx): the copy with one Word comment per finding.
- ``POST /api/fix`` (``file`` or ``text``): the text with its certain fixes applied.
- ``POST /api/report`` (one or more ``file``): the HTML summary of the batch.

Uploads are read into memory (bounded by ``max_bytes`` per request) and never written to
disk, except a Word copy being annotated, which lives in a private temporary folder (mode
0700) deleted before the response is sent. Nothing is logged but counts.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from lint.linter import Linter
from lint.model import ConfigError, InputError, Result
from lint.reporters import html
from lint.reporters.requirements import requirements
from lint.reporters.summary import profile_line, summary
from lint.run.annotate import annotate
from lint.run.fix import edits
from lint.run.session import Session, read_upload

STATIC = Path(__file__).parent / "static"
MAX_FILES = 200  # drafts in one request (a batch dropped at once)
PASTED = "粘贴的文字.txt"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
HEADERS = {
    # Every asset comes from this server: no CDN, no inline script, nothing sent elsewhere.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    """A request that cannot be served; the message is for the user (Chinese)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Counts:
    """What the server may log: how many drafts, never which."""

    def __init__(self, echo) -> None:
        self.echo = echo
        self.drafts = 0

    def add(self, what: str, drafts: int) -> None:
        self.drafts += drafts
        self.echo(f"draftlint serve：{what} {drafts} 份（累计 {self.drafts} 份）")


def create_app(
    session: Session,
    max_bytes: int = 20 * 2**20,
    allowed_hosts: list[str] | None = None,
    echo=None,
) -> Starlette:
    """The application; ``allowed_hosts``: Host headers accepted (None: any)."""
    counts = Counts(echo or (lambda message: None))

    async def form(request: Request) -> FormData:
        """The multipart form, read into memory with its size bounded."""
        kind = request.headers.get("content-type", "")
        urlencoded = kind.startswith("application/x-www-form-urlencoded")
        if not (kind.startswith("multipart/form-data") or urlencoded):
            raise Refused("请以 multipart/form-data 上传（字段 file 或 text）")
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise Refused(_too_large(max_bytes), 413)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                raise Refused(_too_large(max_bytes), 413)

        if urlencoded:  # pasted text sent by a script
            try:
                return FormData(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            except UnicodeDecodeError as exc:
                raise Refused("表单内容不是 UTF-8 编码") from exc

        async def stream():
            yield bytes(body)

        parser = MultiPartParser(
            request.headers, stream(), max_files=MAX_FILES, max_fields=20, max_part_size=max_bytes
        )
        parser.spool_max_size = max_bytes + 1  # files stay in memory, never spooled to disk
        try:
            return await parser.parse()
        except MultiPartException as exc:
            raise Refused(f"上传的内容无法解析：{exc}") from exc

    async def drafts(data: FormData) -> list[tuple[str, bytes]]:
        """(name, bytes) of each uploaded file, or of the pasted text."""
        found = []
        for value in data.getlist("file"):
            if isinstance(value, UploadFile):
                found.append((safe_name(value.filename), await value.read()))
        text = data.get("text")
        if isinstance(text, str) and text.strip():
            found.append((safe_name(str(data.get("name") or PASTED)), text.encode("utf-8")))
        if not found:
            raise Refused("没有收到文稿：请上传文件（字段 file）或粘贴文字（字段 text）")
        return unique(found)

    def chosen_profile(data: FormData) -> str | None:
        value = data.get("profile")
        return value if isinstance(value, str) and value and value != "default" else None

    def linter(name: str, profile: str | None) -> Linter:
        found = session.linter_for(str(Path.cwd() / name), profile)
        return found or session.linter_for_all(profile)

    # -- routes ----------------------------------------------------------------------------

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers=HEADERS)

    async def profiles(request: Request) -> Response:
        listed = await run_in_threadpool(session.profiles)
        body = {
            "default": session.selection.profile or "auto",
            "profiles": [
                {"id": p.id, "title": p.title, "year": p.year, "description": p.description}
                for p in listed
            ],
        }
        return JSONResponse(body, headers=HEADERS)

    async def check(request: Request) -> Response:
        data = await form(request)
        uploads, profile = await drafts(data), chosen_profile(data)

        def work() -> list[dict]:
            return [describe(session.check_upload(n, b, linter(n, profile))) for n, b in uploads]

        described = await run_in_threadpool(work)
        counts.add("检查", len(described))
        body = described[0] if len(described) == 1 else {"results": described}
        return JSONResponse(body, headers=HEADERS)

    async def annotated(request: Request) -> Response:
        data = await form(request)
        uploads, profile = await drafts(data), chosen_profile(data)
        # one comment per finding, as /api/check lists them, unless group=1 asks for one
        # comment per run of repeated punctuation in a paragraph (what the page asks for)
        group = str(data.get("group", "0")) == "1"
        if len(uploads) != 1:
            raise Refused("一次请求只给一份 .docx 文稿加批注")
        [(name, content)] = uploads
        if PurePosixPath(name).suffix.lower() != ".docx":
            raise Refused("只能给 .docx 文件加批注；.txt、.md 文稿请下载修正后的文本")

        def work() -> tuple[bytes, int]:
            chosen = linter(name, profile)
            with tempfile.TemporaryDirectory(prefix="draftlint-") as private:  # mode 0700
                source, target = Path(private) / "draft.docx", Path(private) / "annotated.docx"
                source.write_bytes(content)
                with session.lock:
                    result, comments = annotate(chosen, str(source), str(target), group)
                if result.failed:
                    raise Refused(f"{name}：{result.findings[0].message}")
                return target.read_bytes(), comments

        try:
            document, comments = await run_in_threadpool(work)
        except InputError as exc:
            raise Refused(f"{name}：{exc}") from exc
        counts.add("加批注", 1)
        return download(
            document,
            f"{PurePosixPath(name).stem}-批注.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            {"X-Draftlint-Comments": str(comments)},
        )

    async def fixed(request: Request) -> Response:
        data = await form(request)
        uploads, profile = await drafts(data), chosen_profile(data)
        if len(uploads) != 1:
            raise Refused("一次请求只修正一份文稿")
        [(name, content)] = uploads
        if PurePosixPath(name).suffix.lower() == ".docx":
            raise Refused("Word 文件不会被改写；请下载带批注的副本，在 Word 中修改")

        def work() -> tuple[str, int]:
            src = read_upload(name, content)
            _, text, applied = session.fix(src, linter(name, profile))
            return text.replace("\n", src.newline), applied

        try:
            text, applied = await run_in_threadpool(work)
        except InputError as exc:
            raise Refused(f"{name}：{exc}") from exc
        counts.add("修正", 1)
        path = PurePosixPath(name)
        return download(
            text.encode("utf-8"),
            f"{path.stem}-修正{path.suffix}",
            "text/plain; charset=utf-8",
            {"X-Draftlint-Fixes": str(applied)},
        )

    async def report(request: Request) -> Response:
        data = await form(request)
        uploads, profile = await drafts(data), chosen_profile(data)

        def work() -> str:
            results = [session.check_upload(n, b, linter(n, profile)) for n, b in uploads]
            from lint.run import copies  # only for a batch report

            prints = {r.path: copies.fingerprint(r.source.text) for r in results if r.source}
            copies.attach(results, copies.find_pairs(prints))
            return html.render(results)

        page = await run_in_threadpool(work)
        counts.add("汇总", len(uploads))
        return download(page.encode("utf-8"), "draftlint-报告.html", "text/html; charset=utf-8")

    async def refused(request: Request, exc: Exception) -> Response:
        status = exc.status if isinstance(exc, Refused) else 400
        return JSONResponse({"error": str(exc)}, status_code=status, headers=HEADERS)

    routes = [
        Route("/", index),
        Route("/api/profiles", profiles),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/annotate", annotated, methods=["POST"]),
        Route("/api/fix", fixed, methods=["POST"]),
        Route("/api/report", report, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = []
    if allowed_hosts is not None:  # a page elsewhere cannot reach a local server by DNS tricks
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={Refused: refused, ConfigError: refused},
    )


def describe(result: Result) -> dict:
    """One draft's check for the page and scripts: ``findings`` as ``--format json``."""
    src = result.source
    profile = None
    if result.profile is not None:
        profile = {
            "id": result.profile.id,
            "title": result.profile.title,
            "detected": result.detected,
            "line": profile_line(result),
        }
    return {
        "path": result.path,
        "findings": [f.to_dict() for f in result.findings],
        "profile": profile,
        "failed": result.failed,
        "summary": summary([result]),
        "requirements": [
            {
                "key": r.key,
                "title": r.title,
                "rule": r.rule,
                "passed": r.passed,
                "failures": r.failures,
            }
            for r in requirements(result)
        ],
        "format": src.format if src else None,
        "lines": src.text.split("\n") if src else [],
        "fixable": len(edits(src, result.findings)) if src and src.format != "docx" else 0,
    }


def safe_name(name: str | None) -> str:
    """The file's own name, without any folder a browser or script may send."""
    base = PurePosixPath((name or "").replace("\\", "/")).name.strip()
    base = "".join(c for c in base if c.isprintable())[:200]
    return base or PASTED


def unique(uploads: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Names made distinct (two drafts both called 对照检查材料.docx)."""
    seen: dict[str, int] = {}
    result = []
    for name, data in uploads:
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            path = PurePosixPath(name)
            name = f"{path.stem}（{seen[name]}）{path.suffix}"
        result.append((name, data))
    return result


def download(data: bytes, filename: str, media_type: str, extra: dict | None = None) -> Response:
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    headers = {**HEADERS, "Content-Disposition": disposition, **(extra or {})}
    return Response(data, media_type=media_type, headers=headers)


def _too_large(limit: int) -> str:
    return f"上传的内容超过 {limit // 2**20} MB 的上限（可用 draftlint serve --max-size 调整）"


def run_server(session: Session, host: str, port: int, max_bytes: int) -> None:
    """Serve until Ctrl+C: packs loaded first, only counts logged."""
    import click  # the command line's echo
    import uvicorn  # only here: the app itself runs under any ASGI server

    session.warm()
    local = host in LOOPBACK
    allowed = [*LOOPBACK[:3], "[::1]"] if local else None

    def echo(message: str) -> None:
        click.echo(message, err=True)

    app = create_app(session, max_bytes, allowed, echo)
    shown = f"[{host}]" if ":" in host else host
    echo(f"draftlint serve：请在浏览器中打开 http://{shown}:{port}/ （按 Ctrl+C 退出）")
    if not local:
        echo("draftlint serve：注意，已允许其他计算机访问本页面")
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
