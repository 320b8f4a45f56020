"""The daily log: entries land under ## Log, linked to their area, never lost."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from vaultkit import safe_write
from vaultkit.errors import ConflictError, VaultError
from vaultkit.gtd import add_log_entry, create_area, read_log
from vaultkit.gtd.daily_log import append_to_section
from vaultkit.gtd.notefiles import update_with_retry

NOW = datetime(2025, 3, 14, 14, 32)


def test_an_entry_with_a_known_area_links_to_it(vault: Path) -> None:
    create_area(vault, "Work & Career")
    out = add_log_entry(
        vault, "Led architecture review affecting 5 teams (Work & Career)", when=NOW
    )
    assert out.path == "Daily/2025-03-14.md"
    assert out.line == "- 14:32 Led architecture review affecting 5 teams ([[Work & Career]])"
    assert out.warnings == []
    text = (vault / out.path).read_text(encoding="utf-8")
    assert "## Log\n- 14:32 Led architecture review affecting 5 teams ([[Work & Career]])\n" in text


def test_an_unknown_area_warns_and_keeps_the_text(vault: Path) -> None:
    out = add_log_entry(vault, "Fixed the boiler (Home)", when=NOW)
    assert out.line == "- 14:32 Fixed the boiler (Home)"
    assert (
        len(out.warnings) == 1 and "'Home'" in out.warnings[0] and "area create" in out.warnings[0]
    )


def test_area_names_match_without_case_and_show_the_area_title(vault: Path) -> None:
    create_area(vault, "Q1: Focus")
    out = add_log_entry(vault, "Planned (q1: focus)", when=NOW)
    assert out.line == "- 14:32 Planned ([[Q1 - Focus|Q1: Focus]])"


def test_entries_are_appended_in_order_and_the_note_keeps_its_other_sections(vault: Path) -> None:
    for n in range(3):
        add_log_entry(vault, f"entry {n}", when=NOW)
    text = (vault / "Daily/2025-03-14.md").read_text(encoding="utf-8")
    assert "## Log\n- 14:32 entry 0\n- 14:32 entry 1\n- 14:32 entry 2\n\n## Notes" in text


def test_date_back_fills_another_days_note(vault: Path) -> None:
    out = add_log_entry(vault, "Gave a talk", day=date(2024, 12, 31), when=NOW)
    assert out.path == "Daily/2024-12-31.md"
    assert [e.day for e in read_log(vault)] == [date(2024, 12, 31)]


def test_obsidian_daily_note_settings_decide_folder_name_and_template(vault: Path) -> None:
    settings = {"folder": "Journal", "format": "YYYY/MM/YYYY-MM-DD", "template": "Templates/Day"}
    (vault / ".obsidian/daily-notes.json").write_text(json.dumps(settings), encoding="utf-8")
    (vault / "Templates").mkdir()
    (vault / "Templates/Day.md").write_text(
        "# {{title}} ({{date:dddd}})\n\n## Log\n\n## Done\n", encoding="utf-8"
    )
    out = add_log_entry(vault, "Started", when=NOW)
    assert out.path == "Journal/2025/03/2025-03-14.md"
    assert (vault / out.path).read_text(
        encoding="utf-8"
    ) == "# 2025-03-14 (Friday)\n\n## Log\n- 14:32 Started\n\n## Done\n"
    assert [e.text for e in read_log(vault)] == ["Started"]


def test_a_note_without_a_log_heading_gets_one(vault: Path) -> None:
    (vault / "Daily").mkdir()
    (vault / "Daily/2025-03-14.md").write_text("My day.\r\nMore.\r\n", encoding="utf-8", newline="")
    add_log_entry(vault, "Shipped", when=NOW)
    # the note's CRLF line endings are kept
    assert (
        vault / "Daily/2025-03-14.md"
    ).read_bytes() == b"My day.\r\nMore.\r\n\r\n## Log\r\n- 14:32 Shipped\r\n"


def test_empty_text_is_a_user_error(vault: Path) -> None:
    with pytest.raises(VaultError, match="nothing to log"):
        add_log_entry(vault, "   ")


def test_a_note_saved_by_obsidian_meanwhile_is_re_read_not_overwritten(
    vault: Path, monkeypatch
) -> None:
    note = vault / "Daily/2025-03-14.md"
    note.parent.mkdir()
    note.write_text("## Log\n- 09:00 first\n", encoding="utf-8")
    real_update = safe_write.update_note
    calls = []

    def racing_update(root, rel, change, *, create=None):
        calls.append(rel)
        if len(calls) == 1:  # Obsidian saves the note while vaultkit is editing it
            note.write_text("## Log\n- 09:00 first\n- 09:05 typed in Obsidian\n", encoding="utf-8")
            raise ConflictError("changed on disk", path=rel)
        return real_update(root, rel, change, create=create)

    monkeypatch.setattr(safe_write, "update_note", racing_update)
    add_log_entry(vault, "from vaultkit", when=NOW)
    assert (
        note.read_text(encoding="utf-8")
        == "## Log\n- 09:00 first\n- 09:05 typed in Obsidian\n- 14:32 from vaultkit\n"
    )
    assert len(calls) == 2


def test_retries_are_bounded(vault: Path, monkeypatch) -> None:
    def always_conflict(root, rel, change, *, create=None):
        raise ConflictError("changed on disk", path=rel)

    monkeypatch.setattr(safe_write, "update_note", always_conflict)
    monkeypatch.setattr("vaultkit.gtd.notefiles.time.sleep", lambda s: None)
    with pytest.raises(ConflictError):
        update_with_retry(vault, "a.md", lambda t: t + "x")


def test_the_real_update_note_refuses_a_stale_write(vault: Path) -> None:
    note = vault / "n.md"
    note.write_text("one\n", encoding="utf-8")

    def change(text: str) -> str:
        note.write_text("edited elsewhere, longer\n", encoding="utf-8")
        return text + "two\n"

    with pytest.raises(ConflictError):
        safe_write.update_note(vault, "n.md", change)
    assert note.read_text(encoding="utf-8") == "edited elsewhere, longer\n"


def test_read_log_filters_by_date_and_finds_area_links(vault: Path) -> None:
    create_area(vault, "Work & Career")
    add_log_entry(vault, "Old (Work & Career)", day=date(2025, 1, 5), when=NOW)
    add_log_entry(vault, "New (Work & Career)", day=date(2025, 3, 1), when=NOW)
    add_log_entry(vault, "Other", day=date(2025, 3, 2), when=NOW)
    (vault / "Daily/Not a day.md").write_text("## Log\n- 10:00 ignored\n", encoding="utf-8")
    entries = read_log(vault, since=date(2025, 2, 1))
    assert [e.text for e in entries] == ["New ([[Work & Career]])", "Other"]
    assert entries[0].mentions("Work & Career") and not entries[1].mentions("Work & Career")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Log\n\n## Notes\n", "## Log\n- x\n\n## Notes\n"),
        ("## Log\n- a\n## Notes\n", "## Log\n- a\n- x\n\n## Notes\n"),
        ("## Log\n- a\n### Sub\n- b\n# Top\n", "## Log\n- a\n### Sub\n- b\n- x\n\n# Top\n"),
        ("", "## Log\n- x\n"),
        ("# Day", "# Day\n\n## Log\n- x\n"),
    ],
)
def test_append_to_section(text: str, expected: str) -> None:
    assert append_to_section(text, "## Log", "- x") == expected


def test_a_daily_note_that_is_not_text_is_a_user_error_and_stays_as_it_was(vault: Path) -> None:
    note = vault / "Daily/2025-03-14.md"
    note.parent.mkdir()
    note.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(VaultError, match=r"Daily/2025-03-14.md: not UTF-8"):
        add_log_entry(vault, "x", when=NOW)
    assert note.read_bytes() == b"\xff\xfe\x00binary"


def test_a_daily_folder_outside_the_vault_is_refused(vault: Path) -> None:
    (vault / ".obsidian/daily-notes.json").write_text('{"folder": "../outside"}', encoding="utf-8")
    with pytest.raises(VaultError, match="leave the vault"):
        add_log_entry(vault, "x", when=NOW)
    assert not (vault.parent / "outside").exists()


def test_a_daily_template_outside_the_vault_is_refused(vault: Path) -> None:
    (vault.parent / "secret.md").write_text("secret", encoding="utf-8")
    (vault / ".obsidian/daily-notes.json").write_text('{"template": "../secret"}', encoding="utf-8")
    with pytest.raises(VaultError, match="leave the vault"):
        add_log_entry(vault, "x", when=NOW)
