from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "ambiguous-link"


def test_name_matching_two_notes_is_reported_with_both(tmp_path):
    files = {"Notes/A.md": "[[Meeting]]", "Work/Meeting.md": "w", "Home/Meeting.md": "h"}
    found = lint(tmp_path, files, RULE)
    assert where(found) == [("Notes/A.md", 1, 1)]
    assert found[0].severity == "warning"
    assert "Home/Meeting.md" in found[0].message and "Work/Meeting.md" in found[0].message


def test_path_qualified_link_is_not_ambiguous(tmp_path):
    files = {"Notes/A.md": "[[Work/Meeting]]", "Work/Meeting.md": "w", "Home/Meeting.md": "h"}
    assert lint(tmp_path, files, RULE) == []
