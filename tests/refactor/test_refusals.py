"""What ``mv`` refuses: a clear message, and nothing written."""

from __future__ import annotations

import os

import pytest

from tests.refactor.helpers import load, snapshot, write_vault
from vaultkit.errors import UnsafePathError, VaultError
from vaultkit.refactor import apply_move, plan_move, vault_paths

FILES = {"Home.md": "[[Note]] ![[pic.png]]\n", "Note.md": "", "pic.png": "PNG", "A/Other.md": ""}


@pytest.fixture
def root(tmp_path):
    return write_vault(tmp_path / "v", FILES, app_json="{}")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Missing.md", "X.md", "no such file"),
        ("A", "B", "not a file of the vault"),
        (".obsidian/app.json", "x.json", "not a file of the vault"),
        ("Note.md", "Home.md", "already exists"),
        ("Note.md", "home", "differs only in case"),
        ("Note.md", "A/other.md", "differs only in case"),
        ("Note.md", "../Outside.md", "outside the vault"),
        ("Note.md", ".obsidian/Note.md", "hidden files and folders"),
        ("Note.md", ".trash/", "hidden files and folders"),
        ("Note.md", "What#now", "cannot be linked to"),
        ("Note.md", "a|b", "cannot be linked to"),
        ("Note.md", "Note.txt.md", None),
        ("pic.png", "pic.md", "note into an attachment"),
        ("Note.md", "Note", "is already there"),
        ("Note.md", "Home.md/Sub/Note.md", "is a file, not a folder"),
    ],
)
def test_refused_with_nothing_written(root, old, new, message):
    files = snapshot(root)
    if message is None:  # the control: this one is allowed
        apply_move(plan_move(load(root), old, new))
        assert (root / "Note.txt.md").exists()
        return
    with pytest.raises(VaultError, match=message):
        plan_move(load(root), old, new)
    assert snapshot(root) == files


def test_an_absolute_path_outside_the_vault_is_refused(root, tmp_path):
    with pytest.raises(UnsafePathError):
        plan_move(load(root), "Note.md", str(tmp_path / "elsewhere.md"))


def test_a_symlink_out_of_the_vault_is_refused(root, tmp_path):
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "out", root / "Escape")
    with pytest.raises(UnsafePathError):
        plan_move(load(root), "Note.md", "Escape/Note.md")
    assert not (tmp_path / "out" / "Note.md").exists()


def test_paths_from_the_current_folder(root):
    vault = load(root)
    # a vault path wins; a path from the shell's folder is used when no vault path exists
    assert vault_paths(vault, "Note.md", "Done/", cwd=root / "A") == ("Note.md", "Done/Note.md")
    assert vault_paths(vault, "Other.md", "Renamed", cwd=root / "A") == (
        "A/Other.md",
        "A/Renamed.md",
    )
    assert vault_paths(vault, str(root / "Note.md"), str(root / "A")) == ("Note.md", "A/Note.md")
    assert vault_paths(vault, "pic.png", "img/") == ("pic.png", "img/pic.png")
