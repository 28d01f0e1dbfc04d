"""Word-processor files draftlint cannot read itself (.doc, .wps, .odt): converted to .docx by
LibreOffice when it is installed, else an input error that says what to do.

The conversion runs on a copy in a private temporary folder (``mkdtemp``: mode 0700, removed
afterwards) with a private LibreOffice profile, bounded in time; the finding positions are
those of the converted text, and the result says so (a ``converted`` finding).
"""

from __future__ import annotations

import os
import typing
from pathlib import Path

from lint.model import InputError

if typing.TYPE_CHECKING:
    import subprocess

CONVERT_TIMEOUT = 60  # seconds for one file
CONVERTIBLE = (".doc", ".wps", ".odt")
# Files found in a folder of drafts that draftlint reports rather than skipping in silence.
REFUSED = {
    ".doc": "旧版 Word 文件（.doc）无法检查，请另存为 .docx",
    ".wps": "WPS 文字文件（.wps）无法检查，请另存为 .docx",
    ".wpt": "WPS 模板文件（.wpt）无法检查，请另存为 .docx",
    ".odt": "OpenDocument 文件（.odt）无法检查，请另存为 .docx",
    ".pdf": "PDF 文件无法检查，请提供 .docx 或 .txt 原稿",
}


def office() -> str | None:
    """The LibreOffice command, if installed."""
    import shutil  # here, for start-up time: only a .doc, .wps or .odt file needs it

    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(path: str, data: bytes) -> bytes:
    """The .docx LibreOffice makes of a .doc / .wps / .odt file; raises InputError."""
    suffix = Path(path).suffix.lower()
    command = office()
    if suffix not in CONVERTIBLE or command is None:
        raise InputError(REFUSED.get(suffix, "无法检查此类文件"))
    # Here, for start-up time: every draft read imports this module for REFUSED, and
    # subprocess, shutil and tempfile (with bz2, lzma, random) cost milliseconds.
    import shutil  # (start-up time)
    import subprocess  # (start-up time)
    import tempfile  # (start-up time)

    folder = tempfile.mkdtemp(prefix="draftlint-convert-")
    try:
        source = os.path.join(folder, "draft" + suffix)  # a plain name: never read as an option
        with open(source, "wb") as out:
            out.write(data)
        profile = Path(folder, "profile").as_uri()
        proc = subprocess.Popen(
            [
                command,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                "docx",
                "--outdir",
                folder,
                source,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise InputError(
                f"用 LibreOffice 转换 {suffix} 文件超过 {CONVERT_TIMEOUT} 秒，已中止；"
                "请另存为 .docx"
            ) from None
        converted = os.path.join(folder, "draft.docx")
        if proc.returncode != 0 or not os.path.isfile(converted):
            raise InputError(f"LibreOffice 无法转换此 {suffix} 文件，请在 Word 中另存为 .docx")
        with open(converted, "rb") as result:
            return result.read()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _kill(proc: subprocess.Popen) -> None:
    import signal  # here, for start-up time, as in to_docx

    try:
        os.killpg(proc.pid, signal.SIGKILL)  # LibreOffice starts helpers: the whole group
    except OSError:
        proc.kill()
    proc.wait()
