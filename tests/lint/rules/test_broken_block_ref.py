from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "broken-block-ref"


def test_missing_block_is_reported(tmp_path):
    files = {"A.md": "see [[B#^gone]]\n", "B.md": "We ship Friday. ^decision\n"}
    found = lint(tmp_path, files, RULE)
    assert where(found) == [("A.md", 1, 5)]
    assert "^gone" in found[0].message


def test_existing_blocks_pass_in_links_embeds_and_same_note(tmp_path):
    files = {
        "A.md": "[[B#^decision]] ![[B#^decision]]\nmine ^here\n[[#^here]]\n",
        "B.md": "We ship. ^decision\n",
    }
    assert lint(tmp_path, files, RULE) == []


def test_missing_block_in_same_note(tmp_path):
    found = lint(tmp_path, {"A.md": "[[#^nowhere]]"}, RULE)
    assert len(found) == 1 and "this note" in found[0].message
