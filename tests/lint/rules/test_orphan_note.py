from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "orphan-note"


def test_note_nobody_links_to_is_an_orphan_and_self_links_do_not_count(tmp_path):
    files = {"Hub.md": "[[Linked]]", "Linked.md": "[[Hub]]", "Alone.md": "[[Alone]] [[#x]]"}
    assert where(lint(tmp_path, files, RULE)) == [("Alone.md", 1, 1)]


def test_embeds_and_property_links_count_as_incoming(tmp_path):
    files = {
        "Hub.md": '---\nup: "[[Up]]"\n---\n![[Embedded]] [[Hub2]]',
        "Up.md": "[[Hub]]",
        "Embedded.md": "e",
        "Hub2.md": "[[Hub]]",
    }
    assert lint(tmp_path, files, RULE) == []


def test_daily_and_template_folders_from_obsidian_settings_are_exempt(tmp_path):
    files = {"Journal/2024-01-05.md": "d", "Tpl/Daily.md": "t", "2024-02-01.md": "root daily"}
    settings = {"daily-notes.json": {"folder": "Journal"}, "templates.json": {"folder": "Tpl"}}
    assert lint(tmp_path, files, RULE, obsidian=settings) == []


def test_exempt_globs_and_include_daily(tmp_path):
    files = {"Home.md": "h", "Inbox/x.md": "x", "Daily/2024-01-05.md": "d"}
    settings = {"daily-notes.json": {"folder": "Daily"}}
    section = {"rules": {RULE: {"exempt": ["Home.md", "Inbox/**"], "include-daily": True}}}
    assert where(lint(tmp_path, files, RULE, section, obsidian=settings)) == [
        ("Daily/2024-01-05.md", 1, 1)
    ]


def test_dated_notes_in_any_folder_are_daily_notes_without_obsidian_settings(tmp_path):
    # the GTD log writes Daily/2024-01-05.md even where the daily-notes plugin is not set up
    files = {"Daily/2024-01-05.md": "d", "Notes/Plain.md": "p"}
    assert where(lint(tmp_path, files, RULE)) == [("Notes/Plain.md", 1, 1)]
