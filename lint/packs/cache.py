"""A cache of the YAML trees of rule packs: unchanged packs are not composed from YAML again.

Composing YAML is the expensive part of loading a pack; building the pack's rules from the
tree is cheap and is always done by the current code. So the cache keeps plain data only: per
pack, one JSON entry (in the folder of ``lint.cachedir``) with the tree of every file read
while parsing it (the pack and the dictionaries beside it), each with its positions and the
SHA-256 of the file's bytes. An entry is used only if every file still has the same content
(an edit that keeps size and modification time is seen), for the same pack path, draftlint
version and YAML reader. Nothing in an entry can run code: it is JSON, decoded by a strict
reader into maps, lists and scalars; anything else in it means the pack is parsed again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lint import __version__, cachedir, regexes, yamlpos
from lint.model import Loc, Pack
from lint.yamlpos import Map, Seq, load_yaml

FORMAT = 4  # bump when the encoding of trees changes
Read = Callable[[Path], Any]


def digest(path: Path | str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


_READER: list = []


def _reader() -> list:
    """What the trees depend on besides the files: draftlint's version, the YAML reader, and
    the regex engine (patterns of cached packs are compiled when first used)."""
    if not _READER:
        st = os.stat(yamlpos.__file__)
        _READER.append([FORMAT, __version__, regexes.regex.__version__, st.st_size, st.st_mtime_ns])
    return _READER[0]


def entry_path(folder: Path, path: Path) -> Path:
    key = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return folder / f"pack-{key}.json"


def load_pack(path: Path, parse: Callable[[Path, Read], Pack]) -> Pack:
    """``parse(path, read)``, where ``read`` gives the YAML tree of a file: from the cache
    when no file the pack read has changed, else composed (and the trees cached)."""
    folder = cachedir.folder()
    if folder is None:
        return parse(path, load_yaml)
    entry = entry_path(folder, path)
    read = _LISTED.pop(entry, None)  # already read by files_of (the result cache's key)
    trees = cached_trees(read if read is not None else cachedir.read_json(entry), path)
    if trees is not None:
        missing: list[Path] = []

        def cached(other: Path) -> Any:
            tree = trees.get(str(other))
            if tree is None:  # the code now reads another file: parse afresh
                missing.append(other)
                raise LookupError(other)
            return tree

        try:
            with regexes.deferred():  # these patterns compiled when the trees were cached
                return parse(path, cached)
        except LookupError:
            if not missing:
                raise
    read: list[list] = []

    def composed(other: Path) -> Any:
        sha = digest(other) if other.is_file() else ""  # before reading: a later edit is seen
        tree = load_yaml(other)
        read.append([str(other), sha, tree])
        return tree

    pack = parse(path, composed)
    try:
        files = [[name, sha, encode(tree)] for name, sha, tree in read]
    except (TypeError, ValueError):  # a value JSON cannot hold: parse next time again
        return pack
    cachedir.write_json(entry, {"reader": _reader(), "pack": str(path), "files": files})
    return pack


# Entries files_of has read, kept until load_pack takes them: a run reads each entry once.
# (load_pack checks an entry's files against their SHA-256 as always: one written by another
# process meanwhile is as good.)
_LISTED: dict[Path, Any] = {}


def files_of(path: Path) -> list[str] | None:
    """The files the cached parse of ``path`` read (the pack first), without checking that
    they are unchanged; None if the pack is not in the cache."""
    folder = cachedir.folder()
    if folder is None:
        return None
    where = entry_path(folder, path)
    entry = cachedir.read_json(where)
    if entry is not None:
        _LISTED[where] = entry  # for load_pack, which reads the same entry next
    try:
        if entry["reader"] != _reader() or entry["pack"] != str(path):
            return None
        names = [name for name, _, _ in entry["files"]]
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    return names if all(isinstance(n, str) for n in names) else None


def cached_trees(entry: Any, path: Path) -> dict[str, Any] | None:
    """The trees of an entry by file, if it is well-formed, for ``path`` and current."""
    try:
        if entry["reader"] != _reader() or entry["pack"] != str(path):
            return None
        trees = {}
        for name, sha, tree in entry["files"]:
            if not isinstance(name, str) or not isinstance(sha, str) or digest(name) != sha:
                return None
            trees[name] = decode(tree, name)
        return trees
    except (OSError, TypeError, ValueError, KeyError, IndexError, RecursionError):
        return None


# -- trees as JSON -----------------------------------------------------------------------
# A map is ["m", line, col, [[key, key line, key col, value line, value col, value], ...]],
# a list ["s", line, col, [[line, col, value], ...]], a date ["d", iso], a timestamp
# ["t", iso]; strings, numbers, booleans and null are themselves. YAML gives no other value.


def encode(value: Any) -> Any:
    if isinstance(value, Map):
        items = [
            [k, *_pos(value.key_locs[k]), *_pos(value.value_locs[k]), encode(v)]
            for k, v in value.items()
        ]
        return ["m", *_pos(value.loc), items]
    if isinstance(value, Seq):
        items = [[*_pos(loc), encode(v)] for v, loc in zip(value, value.locs, strict=True)]
        return ["s", *_pos(value.loc), items]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    import datetime  # here, for start-up time: dates are rare (and yaml has imported it)

    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    raise TypeError(type(value).__name__)


def _pos(loc: Loc) -> tuple[int, int]:
    return loc.line, loc.column


# Loc(path, line, column) without the call of the named tuple's __new__ (a Python function):
# a cold check decodes ≈ 8,000 positions.
_new_loc = tuple.__new__


def decode(value: Any, path: str, depth: int = 0) -> Any:
    """A tree from its JSON form; ValueError on anything ``encode`` does not write."""
    if not isinstance(value, list):
        if value is None or isinstance(value, (str, bool, int, float)):
            return value
        raise ValueError("not a YAML value")
    if depth > yamlpos.MAX_DEPTH + 1:
        raise ValueError("too deep")
    tag = value[0]
    depth += 1
    # Strings, the most common values, are taken as they are: no call (start-up time).
    if tag == "m" and len(value) == 4:
        result = Map()
        key_locs: dict[str, Loc] = {}
        value_locs: dict[str, Loc] = {}
        result.loc = _loc(path, value[1:3])
        result.key_locs, result.value_locs = key_locs, value_locs
        for key, kl, kc, vl, vc, item in value[3]:
            if not isinstance(key, str) or key in result:
                raise ValueError("bad key")
            if type(kl) is not int or type(kc) is not int or type(vl) is not int:
                raise ValueError("bad position")
            if type(vc) is not int:
                raise ValueError("bad position")
            result[key] = item if type(item) is str else decode(item, path, depth)
            key_locs[key] = _new_loc(Loc, (path, kl, kc))
            value_locs[key] = _new_loc(Loc, (path, vl, vc))
        return result
    if tag == "s" and len(value) == 4:
        seq = Seq()
        locs: list[Loc] = []
        seq.loc, seq.locs = _loc(path, value[1:3]), locs
        for line, column, item in value[3]:
            if type(line) is not int or type(column) is not int:
                raise ValueError("bad position")
            seq.append(item if type(item) is str else decode(item, path, depth))
            locs.append(_new_loc(Loc, (path, line, column)))
        return seq
    if tag in ("t", "d") and len(value) == 2 and isinstance(value[1], str):
        import datetime  # here, for start-up time: dates are rare in packs

        if tag == "t":
            return datetime.datetime.fromisoformat(value[1])
        return datetime.date.fromisoformat(value[1])
    raise ValueError("not a YAML value")


def _loc(path: str, position: Any) -> Loc:
    line, column = position
    if type(line) is not int or type(column) is not int:
        raise ValueError("bad position")
    return Loc(path, line, column)
