from __future__ import annotations

import os

import pytest

from tests.lint.helpers import lint, where

RULE = "unreadable-note"


def test_latin1_and_binary_notes_are_reported(tmp_path):
    files = {
        "Latin.md": "caf\xe9 [[x]]".encode("latin-1"),
        "Bin.md": b"\x00\x01\x02PNG\x00" * 50,
        "Ok.md": "fine",
    }
    found = lint(tmp_path, files, RULE)
    assert sorted(d.path for d in found) == ["Bin.md", "Latin.md"]
    assert all(d.severity == "error" for d in found)


def test_binary_note_gets_no_other_diagnostics(tmp_path):
    found = lint(tmp_path, {"Bin.md": b"\x00\x01\x02" * 100}, None)
    assert [d.rule for d in found] == ["unreadable-note"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_dangling_symlink_is_a_vault_level_diagnostic(tmp_path):
    root = tmp_path / "v"
    root.mkdir()
    os.symlink(root / "nowhere.md", root / "Link.md")
    found = lint(root, {"Ok.md": "x"}, RULE)
    assert [p for p, _, _ in where(found)] == ["Link.md"]
