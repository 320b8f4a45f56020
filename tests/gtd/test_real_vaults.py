"""The GTD commands on real vaults (read from ../shared/vaults, skipped when absent)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from vaultkit.gtd import add_log_entry, add_task, create_project, impact_report, read_log

VAULTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "vaults"
NOW = datetime(2025, 3, 14, 9, 30)


def real_vault(name: str) -> Path:
    path = VAULTS / name
    if not path.is_dir():
        pytest.skip(f"real vault {name} is not here: {path}")
    return path


def copy_of(name: str, tmp_path: Path) -> Path:
    dest = tmp_path / name
    shutil.copytree(real_vault(name), dest, ignore=shutil.ignore_patterns(".git"))
    for path in [dest, *dest.rglob("*")]:  # the shared copies are read-only
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


def error_count(root: Path) -> int:
    lint = pytest.importorskip("vaultkit.lint", reason="vaultkit.lint is not in this tree yet")
    from vaultkit.model.vault import Vault

    return sum(d.severity == "error" for d in lint.lint_vault(Vault.load(root)))


@pytest.mark.parametrize("name", ["kepano-obsidian", "ttrpg-share"])
def test_reports_read_a_real_vault_without_writing(name: str) -> None:
    root = real_vault(name)
    report = impact_report(root)
    assert report.entries == len(read_log(root))


def test_log_uses_the_vaults_own_daily_template(tmp_path: Path) -> None:
    root = copy_of("kepano-obsidian", tmp_path)
    template = (root / "Templates/Daily Note Template.md").read_text(encoding="utf-8")
    out = add_log_entry(root, "Shipped the SLO dashboard", when=NOW)
    assert out.path == "Daily/2025-03-14.md"  # folder from .obsidian/daily-notes.json
    text = (root / out.path).read_text(encoding="utf-8")
    assert text.startswith(template.rstrip("\n"))
    assert text.endswith("## Log\n- 09:30 Shipped the SLO dashboard\n")


def test_gtd_writes_add_no_lint_errors_to_a_real_vault(tmp_path: Path) -> None:
    root = copy_of("kepano-obsidian", tmp_path)
    before = error_count(root)
    create_project(root, "Q1: Build Internal Influence", "Work & Career")
    add_task(root, "Monthly career growth review", area="Work & Career", recurring="monthly")
    add_log_entry(root, "Led architecture review (Work & Career)", when=NOW)
    assert error_count(root) == before
