"""Whole-result caching: a vault fingerprint that changes with anything that matters."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from vaultkit.model.cache import CACHE_DIR, read_result, vault_fingerprint, write_result
from vaultkit.model.vault import LoadOptions

PAST = time.time() - 3600


def put(root: Path, rel: str, text: str, mtime: float = PAST) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, (mtime, mtime))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    put(vault, ".obsidian/app.json", "{}")
    put(vault, "A.md", "[[B]]\n")
    put(vault, "Folder/B.md", "text\n")
    put(vault, "img.png", "png")
    return vault


def fp(root: Path, **kwargs) -> str | None:
    return vault_fingerprint(root, LoadOptions(), **kwargs)


def test_fingerprint_is_stable_while_nothing_changes(root: Path) -> None:
    assert fp(root) is not None
    assert fp(root) == fp(root)
    put(root, ".vaultkit/cache/anything.bin", "hidden folders are not the vault")
    assert fp(root) == fp(root)


@pytest.mark.parametrize(
    "change",
    [
        lambda r: os.utime(r / "A.md", (PAST + 5, PAST + 5)),  # touched
        lambda r: put(r, "A.md", "[[B]] and more\n"),  # edited
        lambda r: put(r, "C.md", "new\n"),  # added
        lambda r: (r / "img.png").unlink(),  # attachment removed
        lambda r: (r / "Folder/B.md").rename(r / "Folder/B2.md"),  # renamed
        lambda r: put(r, ".obsidian/app.json", '{"attachmentFolderPath": "x"}'),  # settings
        lambda r: put(r, ".vaultkit.toml", "[lint]\n"),  # vaultkit config appears
    ],
    ids=["touched", "edited", "added", "removed", "renamed", "obsidian-settings", "config"],
)
def test_fingerprint_changes_with_the_vault(root: Path, change) -> None:
    before = fp(root)
    change(root)
    after = fp(root)
    assert after is not None and after != before


def test_fingerprint_changes_with_options_and_extra(root: Path) -> None:
    base = fp(root)
    assert vault_fingerprint(root, LoadOptions(index_comments=True)) != base
    assert fp(root, extra="lint --select broken-link") != base


def test_fingerprint_refuses_a_file_changed_just_now(root: Path) -> None:
    put(root, "A.md", "edited this very second\n", mtime=time.time())
    assert fp(root) is None


def test_result_round_trip_and_mismatch(root: Path) -> None:
    key = fp(root)
    assert write_result(root, "lint", key, b"stored output")
    assert read_result(root, "lint", key) == b"stored output"
    assert read_result(root, "lint", "another fingerprint") is None
    assert read_result(root, "report", key) is None  # one slot per name
    assert read_result(root, "lint", None) is None
    assert not write_result(root, "lint", None, b"x")


def test_damaged_result_is_ignored(root: Path) -> None:
    key = fp(root)
    write_result(root, "lint", key, b"stored output" * 100)
    path = next((root / CACHE_DIR).glob("result-lint*.bin"))
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert read_result(root, "lint", key) is None
    path.write_bytes(data[:40])
    assert read_result(root, "lint", key) is None


def test_result_names_cannot_escape_the_cache_folder(root: Path) -> None:
    key = fp(root)
    assert write_result(root, "../../evil/name", key, b"x")
    assert not (root.parent / "evil").exists()
    assert read_result(root, "../../evil/name", key) == b"x"
