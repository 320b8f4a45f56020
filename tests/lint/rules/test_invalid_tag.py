from __future__ import annotations

import pytest

from tests.lint.helpers import lint
from vaultkit.lint.rules.invalid_tag import problem

RULE = "invalid-tag"


def test_numeric_and_spaced_frontmatter_tags_are_reported(tmp_path):
    found = lint(tmp_path, {"A.md": "---\ntags: [1984, to do, fine]\n---\n"}, RULE)
    assert len(found) == 2 and all(d.line == 2 for d in found)


def test_inline_text_that_is_not_a_tag_is_not_reported(tmp_path):
    assert lint(tmp_path, {"A.md": "issue #123, #c++ and #a.b\n"}, RULE) == []


def test_valid_tags_pass(tmp_path):
    note = "---\ntags: [y1984, to-do, a/b, café, 日本]\n---\n#inline_tag #nested/tag\n"
    assert lint(tmp_path, {"A.md": note}, RULE) == []


@pytest.mark.parametrize("name", ["123", "1/2", "a b", "c++", "x.y", ""])
def test_invalid_names(name):
    assert problem(name) is not None


@pytest.mark.parametrize("name", ["y2024", "to-do", "a_b", "a/b/c", "#ok", "2024-plan", "émoji🙂"])
def test_valid_names(name):
    assert problem(name) is None
