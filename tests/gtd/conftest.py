"""Fixtures for the GTD tests: an empty vault, and the installed console scripts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """A fresh, empty Obsidian vault (a folder with ``.obsidian/``)."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    return root


def script(name: str) -> str:
    """The installed console script ``name`` (beside this Python, else on PATH)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"console script {name} is not installed (pip install -e .)")
    return found


def run(
    name: str, *args: str, vault: Path | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run an installed console script with VAULTKIT_VAULT pointing at ``vault``."""
    env = {k: v for k, v in os.environ.items() if k != "VAULTKIT_VAULT"}
    if vault is not None:
        env["VAULTKIT_VAULT"] = str(vault)
    return subprocess.run(
        [script(name), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )
