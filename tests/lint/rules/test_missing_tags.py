from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "missing-tags"


def test_untagged_note_is_reported_tagged_ones_pass(tmp_path):
    files = {
        "A.md": "---\ntitle: x\n---\nbody\n",
        "B.md": "---\ntags: [t]\n---\n",
        "C.md": "inline #tag here",
    }
    found = lint(tmp_path, files, RULE)
    assert where(found) == [("A.md", 2, 1)]
    assert found[0].severity == "warning"


def test_paths_option_limits_which_notes_need_tags(tmp_path):
    files = {"Inbox/a.md": "x", "Notes/b.md": "y"}
    found = lint(tmp_path, files, RULE, {"rules": {RULE: {"paths": ["Notes/**"]}}})
    assert where(found) == [("Notes/b.md", 1, 1)]


def test_required_tags_by_glob_accept_nested_tags(tmp_path):
    files = {
        "1-Projects/ok.md": "#project/active",
        "1-Projects/bad.md": "#other",
        "2-Areas/free.md": "#other",
    }
    section = {"rules": {RULE: {"required": {"1-Projects/**": ["project"]}}}}
    found = lint(tmp_path, files, RULE, section)
    assert where(found) == [("1-Projects/bad.md", 1, 1)]
    assert "#project" in found[0].message


def test_note_with_broken_frontmatter_is_left_to_invalid_frontmatter(tmp_path):
    assert lint(tmp_path, {"A.md": '---\ntags: "x\n---\n'}, RULE) == []
