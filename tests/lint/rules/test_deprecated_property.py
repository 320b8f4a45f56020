from __future__ import annotations

from tests.lint.helpers import lint

RULE = "deprecated-property"


def test_singular_keys_and_scalar_lists_are_reported(tmp_path):
    note = "---\ntag: a\nalias: b\ncssclass: c\naliases: Kickoff\n---\n"
    found = lint(tmp_path, {"A.md": note}, RULE)
    assert sorted(d.line for d in found) == [2, 3, 4, 5]
    assert all(d.severity == "warning" for d in found)
    assert any("tags" in (d.fix or "") for d in found)


def test_current_keys_pass(tmp_path):
    note = "---\ntags: [a]\naliases: [b]\ncssclasses: [c]\n---\n"
    assert lint(tmp_path, {"A.md": note}, RULE) == []


def test_templates_are_checked_by_default(tmp_path):
    found = lint(tmp_path, {"Templates/T.md": "---\ntag: a\n---\n"}, RULE)
    assert len(found) == 1
