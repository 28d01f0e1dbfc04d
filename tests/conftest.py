from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The pack cache (lint/cache.py) of test runs stays out of the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="draftlint-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# The real drafts live in shared/ beside the checkout (or beside a folder above a worktree).
CORPUS = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch):
    """Tests of the default output format must not depend on the CI they run in."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
