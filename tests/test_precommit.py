"""The pre-commit hook, run by the real pre-commit tool: a bad draft blocks the commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from lint import __version__

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
TAG = f"v{__version__}"  # the rev README's snippet names

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git, a git checkout of draftlint and pre-commit (the test extra)",
)


def git(cwd: Path, *args: str, check: bool = True, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=check,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This working tree as it is now (committed or not), as a git repository to hook from."""
    repo = tmp_path_factory.mktemp("draftlint-hook")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    git(repo, "tag", "-a", TAG, "-m", f"draftlint {TAG}")  # as the maintainer tags a release
    return repo, TAG


def test_commit_blocked_for_a_bad_draft_and_allowed_for_a_good_one(hook_repo, tmp_path):
    repo, rev = hook_repo
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PRE_COMMIT_COLOR": "never",
    }
    env.pop("GITHUB_ACTIONS", None)
    git(drafts, "init", "-q")
    (drafts / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: draftlint\n",
        "utf-8",
    )
    (drafts / "README.md").write_text("# 文稿库\n\n这里存放各单位的对照检查材料。\n", "utf-8")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=drafts, check=True, env=env)
    git(drafts, "add", ".pre-commit-config.yaml", "README.md")
    git(drafts, "commit", "-q", "-m", "setup", env=env)  # README is not checked as a draft

    shutil.copy(SAMPLES / "fixable-team-2021.txt", drafts / "班子对照检查材料.txt")
    git(drafts, "add", "班子对照检查材料.txt")
    blocked = git(drafts, "commit", "-m", "bad draft", check=False, env=env)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    output = blocked.stdout + blocked.stderr
    assert "draftlint" in output and "Failed" in output
    assert "pinyin-substitute" in output and "placeholder" in output
    assert git(drafts, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    shutil.copy(SAMPLES / "good-team-2021.txt", drafts / "班子对照检查材料.txt")
    git(drafts, "add", "班子对照检查材料.txt")
    allowed = git(drafts, "commit", "-m", "good draft", check=False, env=env)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "Passed" in allowed.stdout + allowed.stderr
    assert git(drafts, "rev-list", "--count", "HEAD").stdout.strip() == "2"

    # warnings do not block, but the writer sees them (verbose: true)
    shutil.copy(SAMPLES / "defect-examples.txt", drafts / "个人对照检查材料.txt")
    git(drafts, "add", "个人对照检查材料.txt")
    warned = git(drafts, "commit", "-m", "warnings only", check=False, env=env)
    output = warned.stdout + warned.stderr
    assert warned.returncode == 0, output
    assert "Passed" in output and "example-missing" in output


def test_readme_snippet_names_the_tagged_version():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"rev: {TAG}" in readme and "rev: v0.1.0" not in readme
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "- id: draftlint-fix" in hooks and "verbose: true" in hooks
