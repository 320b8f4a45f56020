"""``vaultkit mv`` from the shell: output, JSON, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from tests.refactor.helpers import snapshot, write_vault
from vaultkit.cli import cli

FILES = {
    "Home.md": "# Home\nSee [[Note]] and [n](Projects/Note.md).\n",
    "Projects/Note.md": "[up](../Home.md)\n",
}


@pytest.fixture
def root(tmp_path):
    return write_vault(tmp_path / "v", FILES)


def run(*args: str):
    return CliRunner().invoke(cli, ["mv", *args])


def test_dry_run_prints_the_plan_and_writes_nothing(root):
    files = snapshot(root)
    result = run("Projects/Note.md", "Archive/2026/", "--vault", str(root), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "would move Projects/Note.md -> Archive/2026/Note.md",
        "Home.md:2:18: [n](Projects/Note.md) -> [n](Archive/2026/Note.md)",
        "Projects/Note.md:1:1: [up](../Home.md) -> [up](../../Home.md)",
    ]
    assert snapshot(root) == files


def test_move_and_json(root):
    result = run("Projects/Note.md", "Done", "--vault", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["old"] == "Projects/Note.md" and data["new"] == "Done.md"
    assert data["moved"] is True and data["error"] is None and data["dry_run"] is False
    assert data["updated"] == ["Home.md", "Projects/Note.md"] and data["not_updated"] == []
    assert data["edits"][0] == {
        "path": "Home.md",
        "line": 2,
        "column": 5,
        "old": "[[Note]]",
        "new": "[[Done]]",
        "reason": "moved",
    }
    assert (root / "Home.md").read_text() == "# Home\nSee [[Done]] and [n](Done.md).\n"
    assert (root / "Done.md").read_text() == "[up](Home.md)\n"


def test_dry_run_json(root):
    result = run("Projects/Note.md", "Done.md", "--vault", str(root), "-h")
    assert "--dry-run" in result.output
    result = run(
        "Projects/Note.md", "Done.md", "--vault", str(root), "--dry-run", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert data["dry_run"] is True and "moved" not in data
    assert [e["new"] for e in data["edits"]] == ["[[Done]]", "[n](Done.md)", "[up](Home.md)"]


def test_refusal_exits_2_with_nothing_written(root):
    files = snapshot(root)
    result = run("Projects/Note.md", "Home.md", "--vault", str(root))
    assert result.exit_code == 2
    assert "vaultkit: error: Home.md: already exists" in result.stderr
    assert snapshot(root) == files


def test_a_conflict_exits_1_and_says_what_was_done(root, monkeypatch):
    from vaultkit import refactor
    from vaultkit.errors import ConflictError

    def saved_meanwhile(vault_root, rel_path, change):
        raise ConflictError("changed on disk while vaultkit was editing it", path=rel_path)

    monkeypatch.setattr(refactor, "update_note", saved_meanwhile)
    result = run("Projects/Note.md", "Done.md", "--vault", str(root))
    assert result.exit_code == 1
    assert "stopped: Home.md: changed on disk" in result.stderr
    assert "not updated: Home.md, Projects/Note.md" in result.stderr
    assert "Projects/Note.md was not moved; run the same command again" in result.stderr


def test_paths_from_the_current_folder(root, monkeypatch):
    monkeypatch.chdir(root / "Projects")
    result = run("Note.md", "Renamed")
    assert result.exit_code == 0, result.output
    assert (root / "Projects/Renamed.md").is_file()
    assert (
        root / "Home.md"
    ).read_text() == "# Home\nSee [[Renamed]] and [n](Projects/Renamed.md).\n"


def test_the_installed_command(root):
    exe = shutil.which("vaultkit")
    if exe is None:
        pytest.skip("vaultkit is not installed as a command")
    done = subprocess.run(
        [exe, "mv", "Projects/Note.md", "Archive/", "--vault", str(root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "moved Projects/Note.md -> Archive/Note.md"
    assert (root / "Archive/Note.md").is_file() and not (root / "Projects/Note.md").exists()
