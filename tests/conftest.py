from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT, SAMPLES

__all__ = [
    "CORPUS",
    "ROOT",
    "SAMPLES",
]  # the paths, defined in helpers.py; tests import them from here

# The pack cache (lint/packs/cache.py) of test runs stays out of the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="draftlint-test-cache-")


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch):
    """Tests of the default output format must not depend on the CI they run in."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
