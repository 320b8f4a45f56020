from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "duplicate-block-id"


def test_second_definition_is_reported(tmp_path):
    found = lint(tmp_path, {"A.md": "first ^d1\n\nsecond ^d1\n\nthird ^d2\n"}, RULE)
    assert [(p, line) for p, line, _ in where(found)] == [("A.md", 3)]
    assert "line 1" in found[0].message


def test_distinct_ids_pass(tmp_path):
    assert lint(tmp_path, {"A.md": "first ^d1\n\nsecond ^d2\n"}, RULE) == []
