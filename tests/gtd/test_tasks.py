"""Tasks in the Obsidian Tasks format; recurring tasks always have a due date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vaultkit.errors import VaultError
from vaultkit.gtd import add_task, parse_task

TODAY = date(2025, 1, 30)


def area_text(vault: Path) -> str:
    return (vault / "2-Areas/Work & Career.md").read_text(encoding="utf-8")


def test_a_monthly_task_goes_under_the_area_tasks_with_a_due_date(vault: Path) -> None:
    out = add_task(
        vault,
        "Monthly career growth review",
        area="Work & Career",
        recurring="monthly",
        today=TODAY,
    )
    assert out.line == "- [ ] Monthly career growth review 🔁 every month 📅 2025-02-28"
    assert (
        "## Tasks\n- [ ] Monthly career growth review 🔁 every month 📅 2025-02-28\n"
        in area_text(vault)
    )


def test_quarterly_is_every_three_months(vault: Path) -> None:
    out = add_task(
        vault,
        "Quarterly career strategy review",
        area="Work & Career",
        recurring="quarterly",
        today=TODAY,
    )
    assert out.line.endswith("🔁 every 3 months 📅 2025-04-30")


def test_due_overrides_the_first_occurrence(vault: Path) -> None:
    out = add_task(
        vault,
        "Review",
        area="Work & Career",
        recurring="every week on Friday",
        due=date(2025, 2, 7),
        today=TODAY,
    )
    assert out.line == "- [ ] Review 🔁 every week on Friday 📅 2025-02-07"
    assert (
        add_task(vault, "Submit CFP", area="Work & Career", due=date(2025, 3, 1)).line
        == "- [ ] Submit CFP 📅 2025-03-01"
    )


def test_the_same_open_task_is_not_added_twice(vault: Path) -> None:
    add_task(
        vault,
        "Monthly career growth review",
        area="Work & Career",
        recurring="monthly",
        today=TODAY,
    )
    again = add_task(
        vault,
        "monthly career growth review",
        area="Work & Career",
        recurring="monthly",
        today=TODAY,
    )
    assert again.action == "exists"
    assert area_text(vault).count("career growth review") == 1


def test_a_done_task_does_not_block_a_new_one(vault: Path) -> None:
    add_task(vault, "Renew passport", area="Work & Career", today=TODAY)
    path = vault / "2-Areas/Work & Career.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- [ ] Renew", "- [x] Renew"), encoding="utf-8"
    )
    assert add_task(vault, "Renew passport", area="Work & Career", today=TODAY).action == "created"


def test_without_an_area_the_task_goes_to_todays_daily_note(vault: Path) -> None:
    out = add_task(vault, "Call Sam", today=TODAY)
    assert out.path == "Daily/2025-01-30.md"
    assert "## Tasks\n- [ ] Call Sam\n" in (vault / out.path).read_text(encoding="utf-8")


def test_a_bad_recurrence_is_a_user_error_and_writes_nothing(vault: Path) -> None:
    with pytest.raises(VaultError, match="unknown recurrence"):
        add_task(vault, "X", area="Work & Career", recurring="every blue moon")
    assert not (vault / "2-Areas").exists()


def test_parse_task_reads_the_tasks_fields() -> None:
    task = parse_task(
        "  - [ ] Monthly review 🔁 every month 📅 2025-02-28 ⏳ 2025-02-20", "a.md", 3
    )
    assert task is not None
    assert (task.description, task.recurrence, task.due, task.scheduled) == (
        "Monthly review",
        "every month",
        date(2025, 2, 28),
        date(2025, 2, 20),
    )
    assert task.is_open and task.overdue(date(2025, 3, 1)) and not task.overdue(date(2025, 2, 28))
    done = parse_task("- [x] Shipped ✅ 2025-01-02")
    assert done is not None and not done.is_open and done.done == date(2025, 1, 2)
    assert parse_task("- not a task") is None
