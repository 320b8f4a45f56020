from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "broken-heading"
B = "# Setup\n## Install\n### Linux\n## Usage\n"


def test_missing_heading_in_other_note(tmp_path):
    found = lint(tmp_path, {"A.md": "x [[B#Instal]]\n", "B.md": B}, RULE)
    assert where(found) == [("A.md", 1, 3)]
    assert found[0].fix == "Install"


def test_existing_headings_pass_including_chains_and_case(tmp_path):
    links = "[[B#Install]] [[B#install]] [[B#Setup#Install#Linux]] [t](B.md#Usage) ![[B#Usage]]\n"
    assert lint(tmp_path, {"A.md": links, "B.md": B}, RULE) == []


def test_chain_must_follow_nesting(tmp_path):
    found = lint(tmp_path, {"A.md": "[[B#Usage#Linux]]", "B.md": B}, RULE)
    assert len(found) == 1 and "'Usage > Linux'" in found[0].message


def test_same_note_heading_links(tmp_path):
    note = "# Top\n[[#Top]] [[#Bottom]]\n"
    found = lint(tmp_path, {"A.md": note}, RULE)
    assert where(found) == [("A.md", 2, 10)]
    assert "this note" in found[0].message


def test_attachment_subpaths_are_not_headings(tmp_path):
    files = {"A.md": "![[doc.pdf#page=3]] [[doc.pdf#Intro]]", "doc.pdf": b"%PDF"}
    assert lint(tmp_path, files, RULE) == []


def test_missing_note_is_only_a_broken_link(tmp_path):
    found = lint(tmp_path, {"A.md": "[[Nope#Heading]]"}, None)
    assert [d.rule for d in found if d.rule.startswith("broken")] == ["broken-link"]
