"""The impact report: log entries counted by category, written between markers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from vaultkit.errors import VaultError
from vaultkit.gtd import add_log_entry, create_area, create_brain_note, impact_report, write_impact
from vaultkit.gtd.impact import compile_categories, format_impact

NOW = datetime(2025, 3, 14, 9, 0)


@pytest.fixture
def logged(vault: Path) -> Path:
    create_area(vault, "Work & Career")
    entries = [
        (date(2025, 1, 10), "Mentored Alex on system design (Work & Career)"),
        (date(2025, 2, 3), "Published article on reliability patterns (Work & Career)"),
        (date(2025, 2, 20), "Accepted talk at KubeCon (Work & Career)"),
        (date(2025, 4, 2), "Reduced infrastructure costs by 30% (Work & Career)"),
        (date(2025, 4, 3), "Bought groceries"),
    ]
    for day, text in entries:
        add_log_entry(vault, text, day=day, when=NOW)
    return vault


def test_entries_are_counted_per_category_and_month(logged: Path) -> None:
    report = impact_report(logged)
    assert report.periods == ["2025-01", "2025-02", "2025-04"]
    assert report.counts["Mentoring"] == {"2025-01": 1, "2025-02": 0, "2025-04": 0}
    assert report.total("Writing") == 1 and report.total("Speaking") == 1
    assert report.total("Cost savings") == 1
    assert (report.entries, report.uncategorised) == (5, 1)


def test_by_quarter_and_date_range(logged: Path) -> None:
    report = impact_report(logged, by="quarter", since=date(2025, 2, 1), until=date(2025, 4, 2))
    assert report.periods == ["2025-Q1", "2025-Q2"]
    assert report.per_period == {"2025-Q1": 2, "2025-Q2": 1}


def test_area_filter_counts_only_linked_entries(logged: Path) -> None:
    assert impact_report(logged, area="work & career").entries == 4


def test_categories_come_from_the_config(logged: Path) -> None:
    (logged / ".vaultkit.toml").write_text(
        '[impact]\ncategories = { Community = ["kubecon", "meetup*"], Food = ["grocer*"] }\n',
        encoding="utf-8",
    )
    report = impact_report(logged)
    assert report.categories == ["Community", "Food"]
    assert (report.total("Community"), report.total("Food"), report.uncategorised) == (1, 1, 3)


def test_words_tags_and_prefixes_match_whole_words() -> None:
    patterns = compile_categories(
        {"categories": {"M": ["mentor*"], "T": ["#talks"], "O": ["open source"]}}
    )
    assert patterns["M"].search("Mentoring session") and not patterns["M"].search("tormentor")
    assert (
        patterns["T"].search("did one #talks")
        and not patterns["T"].search("#talks-extra")
        and not patterns["T"].search("talks")
    )
    assert patterns["O"].search("merged an Open  Source fix")


@pytest.mark.parametrize("bad", ['categories = "x"', "categories = { A = [1] }", "categories = {}"])
def test_bad_category_config_is_a_user_error_naming_the_file(vault: Path, bad: str) -> None:
    (vault / ".vaultkit.toml").write_text(f"[impact]\n{bad}\n", encoding="utf-8")
    with pytest.raises(VaultError, match=r"\.vaultkit\.toml: \[impact\] categories"):
        impact_report(vault)


def test_the_report_is_written_into_the_metrics_note_keeping_the_rest(logged: Path) -> None:
    create_brain_note(logged, "Senior SRE Impact Metrics", "Resources")
    note = logged / "3-Resources/Senior SRE Impact Metrics.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nMy notes stay.\n", encoding="utf-8")
    out = write_impact(logged, impact_report(logged))
    assert (out.action, out.path) == ("updated", "3-Resources/Senior SRE Impact Metrics.md")
    text = note.read_text(encoding="utf-8")
    assert "My notes stay." in text
    assert "| Mentoring | 1 | 0 | 0 | 1 |" in text
    assert "```mermaid\npie showData" in text and '"Writing" : 1' in text
    assert write_impact(logged, impact_report(logged)).action == "unchanged"
    write_impact(logged, impact_report(logged, by="quarter"))
    text = note.read_text(encoding="utf-8")
    assert (
        text.count("%% vaultkit:begin impact %%") == 1
        and "2025-Q1" in text
        and "My notes stay." in text
    )


def test_a_missing_metrics_note_is_created(logged: Path) -> None:
    out = write_impact(logged, impact_report(logged))
    assert (out.action, out.path) == ("created", "3-Resources/Senior SRE Impact Metrics.md")


def test_no_entries_writes_a_sentence_not_an_empty_chart(vault: Path) -> None:
    text = format_impact(impact_report(vault))
    assert "no log entries" in text and "mermaid" not in text


def test_bad_periods_and_ranges_are_user_errors(vault: Path) -> None:
    with pytest.raises(VaultError, match="unknown period"):
        impact_report(vault, by="week")
    with pytest.raises(VaultError, match="after"):
        impact_report(vault, since=date(2025, 2, 1), until=date(2025, 1, 1))
