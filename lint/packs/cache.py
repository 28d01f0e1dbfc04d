"""A cache of parsed and validated rule packs: unchanged packs are not re-parsed from YAML.

One pickle per pack file under ``$XDG_CACHE_HOME/draftlint`` (``~/.cache/draftlint``). Each
records the draftlint and Python versions, the modification time and size of the modules
whose objects it holds (the model, packs and the check kinds: an edited option class must not meet
an old pickle), and those of every file read while parsing the pack (the pack itself and
dictionaries beside it); any change means the pack is parsed again. A cache that cannot be
read or written is ignored silently. ``DRAFTLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from lint import __version__
from lint.atomic import replace_file

FORMAT = 3  # bump when the pickled classes change in a way versions do not show
_Stamp = tuple[tuple, str, tuple[tuple[str, int, int], ...]]


def cache_dir() -> Path | None:
    if os.environ.get("DRAFTLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "draftlint"


def _stat(path: str) -> tuple[str, int, int]:
    st = os.stat(path)
    return path, st.st_mtime_ns, st.st_size


_CODE: tuple = ()


def _code() -> tuple:
    """Stamps of the modules whose classes the pickles hold."""
    global _CODE
    if not _CODE:
        package = Path(__file__).resolve().parent.parent
        modules = [
            package / "model.py",
            *sorted((package / "packs").glob("*.py")),
            *sorted((package / "checks").glob("*.py")),
        ]
        _CODE = tuple(_stat(str(m))[1:] for m in modules)
    return _CODE


def _version() -> tuple:
    return FORMAT, __version__, sys.version_info[:2], _code()


def load_pack(path: Path, parse: Callable[[Path], Any]) -> Any:
    """``parse(path)``, or its result from the cache when no file it read (``.files``) has
    changed."""
    folder = cache_dir()
    if folder is None:
        return parse(path)
    entry = folder / f"{path.stem}-{zlib.crc32(str(path).encode()):08x}.pickle"
    cached = _read(entry, str(path))
    if cached is not None:
        return cached
    pack = parse(path)
    read = dict.fromkeys(str(p) for p in [path, *pack.files])
    try:
        stamp = (_version(), str(path), tuple(_stat(p) for p in read))
        _write(entry, stamp, pack)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # an unwritable cache or an unpicklable option: parse next time again
    return pack


def _read(entry: Path, path: str) -> Any | None:
    try:
        with open(entry, "rb") as f:
            version, key, files = pickle.load(f)
            if version != _version() or key != path:  # another version, or a name clash
                return None
            if any(_stat(p) != (p, m, s) for p, m, s in files):
                return None
            return pickle.load(f)
    except Exception:  # missing, stale, truncated or foreign: parse instead
        return None


def _write(entry: Path, stamp: _Stamp, pack: Any) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)

    def write(f: BinaryIO) -> None:
        pickle.dump(stamp, f, pickle.HIGHEST_PROTOCOL)
        pickle.dump(pack, f, pickle.HIGHEST_PROTOCOL)

    replace_file(str(entry), write)  # readers never see a half-written entry
