from __future__ import annotations

from tests.lint.helpers import lint

RULE = "invalid-frontmatter"


def test_yaml_error_is_reported_on_the_note_line(tmp_path):
    found = lint(tmp_path, {"A.md": "---\ntitle: ok\nlist: [a, b\nother: 1\n---\nbody\n"}, RULE)
    assert len(found) == 1
    assert found[0].severity == "error"
    assert 2 <= found[0].line <= 5  # inside the frontmatter, not line 1 of the YAML
    assert "YAML" in found[0].message


def test_non_mapping_and_duplicate_keys(tmp_path):
    files = {"A.md": "---\n- just\n- a list\n---\n", "B.md": "---\ntitle: a\ntitle: b\n---\n"}
    found = lint(tmp_path, files, RULE)
    assert [d.path for d in found] == ["A.md", "B.md"]
    assert "mapping" in found[0].message


def test_valid_frontmatter_and_none_pass(tmp_path):
    files = {"A.md": "---\ntitle: x\ntags: [a]\n---\n", "B.md": "no frontmatter"}
    assert lint(tmp_path, files, RULE) == []
