"""Writing a move: dry run, conflicts midway, and what the vault is left as."""

from __future__ import annotations

import pytest

from tests.refactor.helpers import load, snapshot, write_vault
from vaultkit import refactor
from vaultkit.errors import ConflictError
from vaultkit.refactor import apply_move, plan_move

FILES = {
    "A.md": "[[Note]]\n",
    "B.md": "[n](Sub/Note.md)\n",
    "C.md": "![[Note#Part]]\n",
    "Sub/Note.md": "# Part\n[up](../A.md)\n",
}


@pytest.fixture
def root(tmp_path):
    return write_vault(tmp_path / "v", FILES)


def test_planning_writes_nothing(root):
    files = snapshot(root)
    plan = plan_move(load(root), "Sub/Note.md", "Done/Deep/Renamed")
    assert [(e.path, e.old, e.new) for e in plan.edits] == [
        ("A.md", "[[Note]]", "[[Renamed]]"),
        ("B.md", "[n](Sub/Note.md)", "[n](Done/Deep/Renamed.md)"),
        ("C.md", "![[Note#Part]]", "![[Renamed#Part]]"),
        ("Sub/Note.md", "[up](../A.md)", "[up](../../A.md)"),
    ]
    assert snapshot(root) == files  # bytes and mtimes
    assert not (root / "Done").exists()


def test_a_conflict_midway_stops_before_the_rename(root, monkeypatch):
    real = refactor.update_note
    written = []

    def saved_meanwhile(vault_root, rel_path, change):
        if rel_path == "B.md":
            raise ConflictError("changed on disk while vaultkit was editing it", path=rel_path)
        written.append(rel_path)
        return real(vault_root, rel_path, change)

    monkeypatch.setattr(refactor, "update_note", saved_meanwhile)
    result = apply_move(plan_move(load(root), "Sub/Note.md", "Done/Deep/Renamed.md"))
    assert not result.ok and not result.moved
    assert result.updated == ["A.md"] == written
    assert result.not_updated == ["B.md", "C.md", "Sub/Note.md"]
    assert "B.md" in result.error and "changed on disk" in result.error
    # every file is either as it was or as planned; the moved file is still at OLD
    assert (root / "A.md").read_text() == "[[Renamed]]\n"  # opens nothing until the rename
    assert (root / "B.md").read_text() == FILES["B.md"]
    assert (root / "Sub/Note.md").read_text() == FILES["Sub/Note.md"]
    assert not (root / "Done").exists()
    # running the same move again finishes it
    monkeypatch.setattr(refactor, "update_note", real)
    plan = plan_move(load(root), "Sub/Note.md", "Done/Deep/Renamed.md")
    assert [(link.source, link.raw) for link in plan.now_resolved] == [("A.md", "[[Renamed]]")]
    again = apply_move(plan)
    assert again.ok and again.moved
    assert (root / "B.md").read_text() == "[n](Done/Deep/Renamed.md)\n"
    assert (root / "Done/Deep/Renamed.md").read_text() == "# Part\n[up](../../A.md)\n"
    assert all(link.resolved for link in load(root).links())


def test_a_note_saved_after_planning_is_left_alone(root):
    plan = plan_move(load(root), "Sub/Note.md", "Renamed.md")
    (root / "C.md").write_text("![[Note#Part]]\nnew line typed in Obsidian\n")
    result = apply_move(plan)
    assert not result.moved and result.not_updated == ["C.md", "Sub/Note.md"]
    assert (root / "C.md").read_text() == "![[Note#Part]]\nnew line typed in Obsidian\n"
    assert (root / "Sub/Note.md").exists()


def test_new_created_after_planning_is_not_overwritten(root):
    plan = plan_move(load(root), "Sub/Note.md", "Renamed.md")
    (root / "Renamed.md").write_text("someone else's note\n")
    result = apply_move(plan)
    assert not result.moved and "never overwrites" in result.error
    assert (root / "Renamed.md").read_text() == "someone else's note\n"
    assert (root / "Sub/Note.md").exists()


def test_a_folder_that_cannot_be_made_stops_before_any_note_is_written(root):
    plan = plan_move(load(root), "Sub/Note.md", "Done/Note.md")
    (root / "Done").write_text("a file where the folder should go\n")
    files = snapshot(root)
    result = apply_move(plan)
    assert not result.moved and result.updated == []
    assert result.not_updated == [n.path for n in plan.notes]
    assert snapshot(root) == files


def test_mixed_line_endings_refuse(tmp_path):
    root = write_vault(tmp_path / "v", {"A.md": b"[[Note]]\r\nx\n", "Note.md": ""})
    with pytest.raises(refactor.MoveRefused, match="mixed line endings"):
        plan_move(load(root), "Note.md", "New.md")
