"""The area review: what is active, stale, due and logged, as text, JSON and a note."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from vaultkit.errors import VaultError
from vaultkit.gtd import (
    add_log_entry,
    add_task,
    create_project,
    format_review,
    review_area,
    write_review,
)

TODAY = date.today()


@pytest.fixture
def area_vault(vault: Path) -> Path:
    create_project(vault, "Speak at SREcon", "Work & Career")
    create_project(vault, "Old Initiative", "Work & Career")
    create_project(vault, "Garden", "Home")
    old = time.time() - 90 * 86400
    os.utime(vault / "1-Projects/Old Initiative.md", (old, old))
    add_log_entry(
        vault, "Drafted the [[Speak at SREcon]] talk (Work & Career)", day=TODAY - timedelta(days=2)
    )
    add_log_entry(vault, "Weeded (Home)", day=TODAY)
    add_task(vault, "Overdue thing", area="Work & Career", due=TODAY - timedelta(days=3))
    add_task(
        vault,
        "Monthly review",
        area="Work & Career",
        recurring="monthly",
        due=TODAY + timedelta(days=2),
    )
    add_task(
        vault, "Far away", area="Work & Career", recurring="yearly", due=TODAY + timedelta(days=200)
    )
    return vault


def test_review_reports_projects_tasks_and_log_of_the_area(area_vault: Path) -> None:
    review = review_area(area_vault, "Work & Career", stale_days=30)
    active = {p.title: p for p in review.active_projects}
    assert set(active) == {"Speak at SREcon", "Old Initiative"}
    assert (
        active["Speak at SREcon"].source in ("log", "modified")
        and not active["Speak at SREcon"].stale
    )
    assert [p.title for p in review.stale_projects] == ["Old Initiative"]
    assert [t.description for t in review.overdue_tasks] == ["Overdue thing"]
    assert [t.description for t in review.recurring_due] == ["Monthly review"]
    assert "Far away" in [t.description for t in review.open_tasks]
    assert [e.text for e in review.log] == [
        "Drafted the [[Speak at SREcon]] talk ([[Work & Career]])"
    ]


def test_last_activity_comes_from_daily_notes_linking_the_project(area_vault: Path) -> None:
    old = time.time() - 90 * 86400
    os.utime(area_vault / "1-Projects/Speak at SREcon.md", (old, old))
    review = review_area(area_vault, "Work & Career")
    project = next(p for p in review.projects if p.title == "Speak at SREcon")
    assert (project.last_activity, project.source, project.stale) == (
        TODAY - timedelta(days=2),
        "log",
        False,
    )


def test_json_is_a_stable_contract(area_vault: Path) -> None:
    data = review_area(area_vault, "Work & Career").to_dict()
    assert set(data) == {
        "area", "path", "today", "stale_days", "active_projects", "stale_projects", "open_tasks",
        "overdue_tasks", "recurring_due", "recent_log", "lint", "lint_note",
    }  # fmt: skip
    assert data["stale_projects"] == ["Old Initiative"]
    assert data["overdue_tasks"] == ["Overdue thing"]
    assert isinstance(data["lint"], list)


def test_text_review_names_each_section(area_vault: Path) -> None:
    text = format_review(review_area(area_vault, "Work & Career"))
    for heading in (
        "## Active projects (2)",
        "## Stale projects",
        "## Overdue tasks",
        "## Recurring tasks due",
        "## Recent log",
        "## Lint",
    ):
        assert heading in text
    assert "- [[Old Initiative]]" in text


def test_lint_findings_of_the_area_notes_are_listed(area_vault: Path) -> None:
    note = area_vault / "1-Projects/Speak at SREcon.md"
    note.write_text(
        note.read_text(encoding="utf-8") + "\nSee [[No Such Note]].\n", encoding="utf-8"
    )
    review = review_area(area_vault, "Work & Career")
    assert review.lint is not None
    assert any(
        f.rule == "broken-link" and f.path == "1-Projects/Speak at SREcon.md" for f in review.lint
    )


def test_write_saves_a_review_note_and_a_rerun_keeps_the_reflection(area_vault: Path) -> None:
    review = review_area(area_vault, "Work & Career")
    out = write_review(area_vault, review)
    assert out.action == "created"
    note = area_vault / out.path
    note.write_text(note.read_text(encoding="utf-8") + "\nI did well.\n", encoding="utf-8")
    add_task(area_vault, "New task", area="Work & Career")
    again = write_review(area_vault, review_area(area_vault, "Work & Career"))
    assert again.action == "updated" and again.path == out.path
    text = note.read_text(encoding="utf-8")
    assert "New task" in text and text.endswith("I did well.\n")


def test_an_unknown_area_is_a_user_error(vault: Path) -> None:
    with pytest.raises(VaultError, match="no area note named 'Nope'"):
        review_area(vault, "Nope")


def test_recent_days_limits_the_log(area_vault: Path) -> None:
    add_log_entry(
        area_vault, "Long ago (Work & Career)", day=TODAY - timedelta(days=100), when=datetime.now()
    )
    review = review_area(area_vault, "Work & Career", recent_days=30)
    assert all("Long ago" not in e.text for e in review.log)
