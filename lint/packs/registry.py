"""The registry of packs: found by id in the user's pack folders, then the shipped ones;
each file read once per run (through the cache)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from lint import RULES_DIR
from lint.model import Pack, Profile
from lint.packs import resolve
from lint.packs.cache import load_pack
from lint.packs.parse import parse_pack

SHIPPED = RULES_DIR


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while packs are built: their trees and rules are
    thousands of new containers that live on, which the collector would walk again and
    again for nothing."""
    if not gc.isenabled():  # paused already (or turned off by the program)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Registry:
    """Finds packs by id: in the directories of packs given by the user, then shipped ones."""

    def __init__(self, extra: list[Path] | None = None) -> None:
        self.dirs = [p.parent for p in extra or []] + [SHIPPED]
        self.extra = list(extra or [])
        self._cache: dict[Path, Pack] = {}
        self._paths: dict[Path, Path] = {}  # as given -> resolved

    def pack_file(self, pack_id: str) -> Path | None:
        for d in self.dirs:
            candidate = d / f"{pack_id}.yaml"
            if candidate.is_file():
                return candidate
        return None

    def load(self, path: Path) -> Pack:
        """The one entry point that reads a pack file."""
        resolved = self._paths.get(path)
        if resolved is None:  # resolving stats every folder of the path: once per path
            resolved = self._paths[path] = path.resolve()
        path = resolved
        if path not in self._cache:
            with _collector_paused():
                self._cache[path] = load_pack(path, parse_pack)
        return self._cache[path]

    def all_packs(self) -> list[Pack]:
        """Shipped packs and the user's; a user pack replaces a shipped one of the same id."""
        packs = {p.id: p for p in (self.load(f) for f in sorted(SHIPPED.glob("*.yaml")))}
        packs.update((p.id, p) for p in (self.load(f) for f in self.extra))
        return list(packs.values())

    def profiles(self) -> list[Pack]:
        return [p for p in self.all_packs() if p.header.profile]

    def find(self, pack_id: str) -> Pack | None:
        for pack in [self.load(p) for p in self.extra]:
            if pack.id == pack_id:
                return pack
        path = self.pack_file(pack_id)
        if path is None:
            return None
        pack = self.load(path)
        if pack.id != pack_id:
            raise pack.data.at("id").error(
                f"id“{pack.id}”与文件名“{path.name}”不一致：按 id 引用的规则包必须存为“id.yaml”"
            )
        return pack

    def known_ids(self) -> str:
        return "、".join(sorted(p.stem for d in self.dirs for p in d.glob("*.yaml")))

    def resolve(self, pack: Pack) -> Profile:
        """The pack merged with everything it extends."""
        return resolve.resolve(self, pack)

    def overlay(self, profile: Profile, pack: Pack) -> Profile:
        """A plain pack laid over a profile, as if the profile extended it last."""
        return resolve.overlay(self, profile, pack)

    def context(self, pack: Pack) -> Profile:
        """The profile a pack's rules run in (see resolve.context)."""
        return resolve.context(self, pack)

    def validate(self, path: Path) -> Profile:
        """Load and resolve a pack file: raises PackError on anything wrong with it."""
        return self.context(self.load(path))
