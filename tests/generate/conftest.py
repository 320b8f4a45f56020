"""Shared fixtures: one scaffolded senior-sre vault per test session (read-only use)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from vaultkit.generate.scaffold import scaffold

ANSWERS = {"name": "Alex Example", "date": "2026-01-05"}
TODAY = date(2026, 1, 5)


@pytest.fixture(scope="session")
def career_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh senior-sre scaffold; tests must not modify it (copy it first)."""
    dest = tmp_path_factory.mktemp("career") / "vault"
    scaffold("senior-sre", dest, ANSWERS, today=TODAY)
    return dest


@pytest.fixture
def career_copy(career_vault: Path, tmp_path: Path) -> Path:
    """A private copy of the scaffolded vault that a test may change."""
    dest = tmp_path / "vault"
    shutil.copytree(career_vault, dest)
    return dest


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file (bytes, mtime) outside vaultkit's lock cache."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".vaultkit" not in p.relative_to(root).parts
    }
