from __future__ import annotations

from tests.lint.helpers import lint, where

RULE = "broken-embed"


def test_missing_embeds_of_both_syntaxes_are_reported(tmp_path):
    found = lint(tmp_path, {"A.md": "![[gone.png]]\n![alt](img/none.png)\n"}, RULE)
    assert where(found) == [("A.md", 1, 1), ("A.md", 2, 1)]
    assert all(d.severity == "error" for d in found)


def test_existing_embeds_and_web_images_pass(tmp_path):
    files = {
        "A.md": "![[pic.png]] ![](pic.png) ![[B]] ![[doc.pdf#page=3]] ![x](https://e.com/i.png)\n",
        "pic.png": b"\x89PNG",
        "doc.pdf": b"%PDF",
        "B.md": "b",
    }
    assert lint(tmp_path, files, RULE) == []


def test_missing_embed_is_not_also_a_broken_link(tmp_path):
    found = lint(tmp_path, {"A.md": "![[gone.png]]"}, None)
    assert [d.rule for d in found if d.rule.startswith("broken")] == ["broken-embed"]
