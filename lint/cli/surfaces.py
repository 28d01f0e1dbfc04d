"""``draftlint lsp`` and ``draftlint serve``: the editor's and the browser's way in. Each
needs an optional extra (pygls; Starlette and uvicorn), imported only when the command runs."""

from __future__ import annotations

import importlib.util
import sys

import click

from lint.cli.commands import rule_options, selection
from lint.cli.errors import fail, guarded

EXTRAS = {
    "lsp": ("draftlint[lsp]", ("pygls", "lsprotocol")),
    "web": ("draftlint[web]", ("starlette", "uvicorn", "multipart")),
}


def _missing(extra: str) -> str | None:
    """A one-line message when an extra's packages are not installed, else None."""
    name, modules = EXTRAS[extra]
    absent = [m for m in modules if importlib.util.find_spec(m) is None]
    if not absent:
        return None
    return f"缺少 {'、'.join(absent)}，请先安装：pip install '{name}'"


@click.command(options_metavar="[选项]")
@rule_options
def lsp(**options) -> None:
    """语言服务器（LSP，经标准输入输出），供 VS Code、Neovim、Emacs 等编辑器使用。"""
    missing = _missing("lsp")
    if missing:
        sys.exit(fail(missing))

    def work(options) -> int:
        from lint.lsp.server import serve  # only when run: pygls is an optional extra
        from lint.run.session import Session  # only when run: start-up time

        serve(Session(options))
        return 0

    sys.exit(guarded(work, selection(options)))


@click.command(options_metavar="[选项]")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="监听的地址（默认只允许本机访问）。"
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口。"
)
@click.option(
    "--max-size",
    default=20,
    show_default=True,
    type=click.IntRange(1, 200),
    help="一次上传的最大总量（MB）。",
)
@rule_options
def serve(host, port, max_size, **options) -> None:
    """本地网页：在浏览器中拖入文稿检查，下载带批注的 Word 文档和修正后的文本。"""
    missing = _missing("web")
    if missing:
        sys.exit(fail(missing))

    def work(options) -> int:
        from lint.run.session import Session  # only when run: start-up time
        from lint.web.app import run_server  # only when run: starlette is an optional extra

        run_server(Session(options), host, port, max_size * 2**20)
        return 0

    sys.exit(guarded(work, selection(options)))
