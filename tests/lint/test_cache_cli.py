"""`vaultkit lint` keeps parsed notes and its last answer in .vaultkit/cache/."""

from __future__ import annotations

import os
import time
from pathlib import Path

from click.testing import CliRunner

from vaultkit.cli import cli


def _vault(tmp_path: Path) -> Path:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "A.md").write_text("[[B]] [[Missing]]\n", encoding="utf-8")
    (tmp_path / "B.md").write_text("[[A]]\n", encoding="utf-8")
    _age(tmp_path)
    return tmp_path


def _age(root: Path) -> None:
    """Files edited within the last 2 s are never trusted from cache: age them."""
    past = time.time() - 60
    for path in root.rglob("*.md"):
        os.utime(path, (past, past))


def _lint(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["lint", str(root), "-q", *args])
    return result.exit_code, result.output


def test_second_run_gives_the_same_answer_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    root = _vault(tmp_path)
    first = _lint(root)
    assert (root / ".vaultkit" / "cache" / "result-lint.bin").is_file()

    def no_load(*args, **kwargs):
        raise AssertionError("an unchanged vault must not be loaded again")

    monkeypatch.setattr("vaultkit.model.vault.Vault.load", no_load)
    assert _lint(root) == first
    assert first[0] == 1 and "[[Missing]]" in first[1]


def test_an_edit_is_seen_by_the_next_run(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    _lint(root)
    (root / "A.md").write_text("[[B]]\n", encoding="utf-8")
    _age(root)
    code, output = _lint(root)
    assert code == 0 and "Missing" not in output


def test_a_new_file_resolves_a_broken_link(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    _lint(root)
    (root / "Missing.md").write_text("[[A]]\n", encoding="utf-8")
    _age(root)
    assert _lint(root)[0] == 0


def test_other_options_are_not_answered_from_the_stored_result(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    _lint(root)
    code, output = _lint(root, "--ignore", "broken-link")
    assert code == 0 and "Missing" not in output


def test_no_cache_writes_nothing_into_the_vault(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    code, output = _lint(root, "--no-cache")
    assert code == 1 and "[[Missing]]" in output
    assert not (root / ".vaultkit").exists()


def test_a_garbled_stored_result_is_ignored(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    first = _lint(root)
    for path in (root / ".vaultkit" / "cache").glob("*.bin"):
        path.write_bytes(b"garbage" * 10)
    assert _lint(root) == first


def test_an_edited_heading_is_seen_by_the_notes_linking_to_it(tmp_path: Path) -> None:
    """After an edit lint re-checks only what it affects; the answer is a full run's."""
    root = _vault(tmp_path)
    (root / "B.md").write_text("# Intro\n[[A]]\n", encoding="utf-8")
    (root / "A.md").write_text("[[B#Intro]] [[Missing]]\n", encoding="utf-8")
    _age(root)
    assert "B#Intro" not in _lint(root)[1]
    (root / "B.md").write_text("# Renamed\n[[A]]\n", encoding="utf-8")
    _age(root)
    again = _lint(root)
    assert "[[B#Intro]]" in again[1] and "broken-heading" in again[1]
    assert again == _lint(root, "--no-cache")
    state = root / ".vaultkit" / "cache" / "result-lint-state.bin"
    assert state.is_file()
