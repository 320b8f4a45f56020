"""The GTD commands on a vault made by ``vaultkit scaffold senior-sre``."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from vaultkit.gtd import add_log_entry, add_task, create_project, impact_report, review_area


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    generate = pytest.importorskip("vaultkit.generate")
    root = tmp_path / "vault"
    generate.scaffold(
        "senior-sre", root, {"name": "Alex Example", "year": 2026}, today=date(2026, 1, 5)
    )
    return root


def project_lines(root: Path) -> list[str]:
    text = (root / "2-Areas/Work & Career.md").read_text(encoding="utf-8")
    body = text.split("%% vaultkit:begin projects %%\n", 1)[1].split(
        "%% vaultkit:end projects %%", 1
    )[0]
    return body.splitlines()


def test_gtd_extends_the_kits_area_and_daily_notes(scaffolded: Path) -> None:
    before = project_lines(scaffolded)
    assert len(before) > 20  # the kit lists the guide's projects
    create_project(scaffolded, "Speak at KubeCon 2026", "Work & Career")
    assert project_lines(scaffolded) == [*before, "- [[Speak at KubeCon 2026]]"]
    out = add_task(scaffolded, "Weekly 1:1 prep", area="Work & Career", recurring="weekly")
    assert out.path == "2-Areas/Work & Career.md" and out.action == "created"
    logged = add_log_entry(
        scaffolded, "Mentored Sam (Work & Career)", when=datetime(2026, 1, 6, 10, 0)
    )
    assert logged.path == "Daily/2026-01-06.md" and logged.warnings == []
    review = review_area(scaffolded, "Work & Career", today=date(2026, 1, 6))
    assert any(p.title == "Speak at KubeCon 2026" for p in review.active_projects)
    assert [e.text for e in review.log] == ["Mentored Sam ([[Work & Career]])"]
    assert impact_report(scaffolded).total("Mentoring") == 1


def test_gtd_writes_leave_a_scaffold_free_of_lint_errors(scaffolded: Path) -> None:
    lint = pytest.importorskip("vaultkit.lint")
    from vaultkit.model.vault import Vault

    create_project(scaffolded, "Q1: Build Internal Influence", "Work & Career")  # exists in the kit
    add_log_entry(
        scaffolded, "Published article on SLOs (Work & Career)", when=datetime(2026, 1, 6, 9, 0)
    )
    errors = [d for d in lint.lint_vault(Vault.load(scaffolded)) if d.severity == "error"]
    assert errors == []
    text = (scaffolded / "Daily/2026-01-06.md").read_text(encoding="utf-8")
    assert re.search(
        r"^## Log\n- 09:00 Published article on SLOs \(\[\[Work & Career\]\]\)$", text, re.MULTILINE
    )
