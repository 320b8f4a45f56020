"""The pre-commit hook, run for real by pre-commit in a throw-away git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lint.helpers import write_vault

REPO = Path(__file__).resolve().parents[2]
pre_commit = pytest.importorskip("pre_commit", reason="pre-commit is not installed")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_hook_manifest_is_valid_and_says_what_the_docs_say():
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "vaultkit-lint"
    assert hook["entry"] == "vaultkit lint"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["require_serial"] is True


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)


def test_commit_with_clean_note_passes_and_broken_link_is_refused(tmp_path):
    repo = tmp_path / "repo"
    vault = write_vault(
        repo / "vault", {"Home.md": "---\ntags: [home]\n---\nStart at [[Projects]].\n"}
    )
    (vault / "Projects.md").write_text("---\ntags: [list]\n---\nBack [[Home]].\n")
    # language: system runs this interpreter's vaultkit: no network, no hook venv.
    hook = f"{sys.executable} -m vaultkit lint"
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local\n  hooks:\n  - id: vaultkit-lint\n    name: vaultkit lint\n"
        f"    entry: {hook}\n    language: system\n    types: [markdown]\n    require_serial: true\n"
    )
    (repo / "README.md").write_text("Outside the vault: [[Not checked]]\n")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "NO_COLOR": "1",
    }
    assert git(repo, "init", "-q", env=env).returncode == 0
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr

    git(repo, "add", ".", env=env)
    clean = git(repo, "commit", "-q", "-m", "clean notes", env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (vault / "Gamma.md").write_text("---\ntags: [x]\n---\nSee [[Home]] and [[Missing note]].\n")
    git(repo, "add", ".", env=env)
    refused = git(repo, "commit", "-q", "-m", "broken", env=env)
    assert refused.returncode != 0
    assert (
        "vault/Gamma.md:4:18: VK101 broken-link [[Missing note]]" in refused.stdout + refused.stderr
    )
    assert git(repo, "log", "--oneline", env=env).stdout.count("\n") == 1
