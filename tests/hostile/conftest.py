"""The hostile vault, built once per test session in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile import hostile_vault


@dataclass
class HostileVault:
    root: Path
    cases: list[hostile_vault.Case]
    """The cases actually written (symlinks need a platform that has them)."""


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileVault]:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "vault"
    cases = hostile_vault.build(root, base / "outside")
    yield HostileVault(root, cases)
    hostile_vault.restore_permissions(root)
