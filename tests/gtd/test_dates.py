"""Daily-note names in moment.js formats, and Tasks recurrence rules."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.errors import VaultError
from vaultkit.gtd.dates import add_months, first_due, format_date, parse_date, recurrence_rule

FORMATS = ["YYYY-MM-DD", "YYYY/MM/YYYY-MM-DD", "DD.MM.YYYY", "YYYY-MM-DD dddd", "MMMM Do, YYYY",
           "[Journal] YYYY-MM-DD", "YYYY/MMM/D", "YY-M-D"]  # fmt: skip


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("YYYY-MM-DD", "2025-03-07"),
        ("YYYY/MM/YYYY-MM-DD", "2025/03/2025-03-07"),
        ("dddd, MMMM Do YYYY", "Friday, March 7th 2025"),
        ("[Week] WW", "Week 10"),
        ("DD.MM.YY", "07.03.25"),
    ],
)
def test_format_date_writes_moment_tokens(fmt: str, expected: str) -> None:
    assert format_date(date(2025, 3, 7), fmt) == expected


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(FORMATS))
def test_a_daily_note_name_reads_back_as_its_date(day: date, fmt: str) -> None:
    assert parse_date(format_date(day, fmt), fmt) == day


def test_names_that_are_not_dates_are_not_daily_notes() -> None:
    assert parse_date("Meeting notes", "YYYY-MM-DD") is None
    assert parse_date("2025-02-30", "YYYY-MM-DD") is None
    assert parse_date("2025-1-5", "YYYY-MM-DD") is None  # not written with this format
    assert parse_date("Week 10", "[Week] WW") is None  # the format holds no full date


@pytest.mark.parametrize(
    ("spec", "rule"),
    [
        ("daily", "every day"),
        ("weekly", "every week"),
        ("monthly", "every month"),
        ("Quarterly", "every 3 months"),
        ("yearly", "every year"),
        ("every 2 weeks on Friday", "every 2 weeks on Friday"),
        ("every month on the 1st", "every month on the 1st"),
        ("every weekday", "every weekday"),
        ("Every Monday, Thursday", "every Monday, Thursday"),
        ("every month when done", "every month when done"),
    ],
)
def test_recurrence_accepts_shortcuts_and_tasks_phrases(spec: str, rule: str) -> None:
    assert recurrence_rule(spec) == rule


@pytest.mark.parametrize("spec", ["sometimes", "every", "every fortnight-ish", "montly", ""])
def test_an_unknown_recurrence_is_a_clear_error(spec: str) -> None:
    with pytest.raises(VaultError, match="unknown recurrence"):
        recurrence_rule(spec)


@pytest.mark.parametrize(
    ("rule", "due"),
    [
        ("every day", date(2025, 1, 31)),
        ("every week", date(2025, 2, 6)),
        ("every month", date(2025, 2, 28)),  # Jan 30 + 1 month, clamped
        ("every 3 months", date(2025, 4, 30)),
        ("every year", date(2026, 1, 30)),
        ("every week on Monday", date(2025, 2, 3)),
        ("every Friday", date(2025, 1, 31)),
        ("every weekday", date(2025, 1, 31)),
        ("every month on the 1st", date(2025, 2, 1)),
        ("every month on the last", date(2025, 1, 31)),
    ],
)
def test_first_due_is_the_next_occurrence_after_today(rule: str, due: date) -> None:
    assert first_due(rule, date(2025, 1, 30)) == due  # a Thursday


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
