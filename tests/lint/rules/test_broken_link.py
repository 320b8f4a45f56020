from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "broken-link"


def test_link_to_missing_note_is_reported_with_position_and_span(tmp_path):
    found = lint(tmp_path, {"A.md": "intro\nsee [[Missing]] now\n"}, RULE)
    assert where(found) == [("A.md", 2, 5)]
    d = found[0]
    assert (d.rule, d.code, d.severity) == ("broken-link", "VK101", "error")
    assert (d.end_line, d.end_column) == (2, 5 + len("[[Missing]]"))
    assert "'Missing'" in d.message


def test_existing_targets_pass_whatever_the_link_form(tmp_path):
    files = {
        "A.md": "[[B]] [[b]] [[Sub/C]] [[C.md]] [shown](Sub/C.md) [[pic.png]] [[B|alias text]]\n",
        "B.md": "b",
        "Sub/C.md": "c",
        "pic.png": b"\x89PNG",
    }
    assert lint(tmp_path, files, RULE) == []


def test_property_and_markdown_links_are_checked(tmp_path):
    files = {"A.md": '---\nrelated: "[[Nowhere]]"\n---\n[t](Gone.md)\n'}
    found = lint(tmp_path, files, RULE)
    assert [(d.line, d.column) for d in found] == [(2, 11), (4, 1)]


def test_web_links_and_embeds_are_not_broken_links(tmp_path):
    files = {"A.md": "[site](https://example.com) <mailto:a@b.c> ![[missing.png]]\n"}
    assert lint(tmp_path, files, RULE) == []


def test_near_miss_name_is_suggested(tmp_path):
    found = lint(tmp_path, {"A.md": "[[Projcts]]", "Projects.md": "p"}, RULE)
    assert found[0].fix == "[[Projects]]"
    assert "did you mean [[Projects]]?" in found[0].message


def test_unrelated_name_gets_no_suggestion(tmp_path):
    found = lint(tmp_path, {"A.md": "[[Zebra crossing]]", "Projects.md": "p"}, RULE)
    assert found[0].fix is None


def test_alias_target_suggests_the_real_note_with_display_text(tmp_path):
    files = {
        "A.md": "[[Kickoff]]",
        "Meetings/2024 Kickoff meeting.md": "---\naliases: [Kickoff]\n---\n",
    }
    found = lint(tmp_path, files, RULE)
    assert found[0].fix == "[[2024 Kickoff meeting|Kickoff]]"


def test_templates_folder_is_exempt_by_default_and_can_be_included(tmp_path):
    files = {"Templates/T.md": "[[<% tp.date.now() %>]] [[{{title}}]]\n", "A.md": "x"}
    settings = {"templates.json": {"folder": "Templates"}}
    assert lint(tmp_path, files, RULE, obsidian=settings) == []
    section = {"rules": {RULE: {"include-templates": True}}}
    assert len(lint(tmp_path, files, RULE, section, obsidian=settings)) == 2


def test_vaultkit_templates_folder_from_config_is_exempt(tmp_path):
    files = {"Templates/T.md": "[[{{title}}]]\n"}
    assert lint(tmp_path, files, RULE) == []


def test_ignore_targets_option(tmp_path):
    files = {"A.md": "[[TODO write this]] [[Missing]]"}
    found = lint(tmp_path, files, RULE, {"rules": {RULE: {"ignore-targets": ["todo*"]}}})
    assert [d.column for d in found] == [21]


def test_configured_templates_folder_matches_case_insensitively(tmp_path):
    assert lint(tmp_path, {"templates/T.md": "[[{{title}}]]\n"}, RULE) == []


def test_markdown_link_suggestion_is_a_path(tmp_path):
    found = lint(
        tmp_path, {"A.md": "[p](Projcts.md)", "Work/My Projects.md": "p", "Projects.md": "p"}, RULE
    )
    assert found[0].fix == "(Projects.md)"
    found = lint(tmp_path / "2", {"A.md": "[p](My%20Projcts.md)", "Work/My Projects.md": "p"}, RULE)
    assert found[0].fix == "(Work/My%20Projects.md)"
