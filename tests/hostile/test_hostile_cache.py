"""The parse cache on the hostile vault: hostile notes round-trip, a bad cache file is rebuilt.

A cache must never change an answer: the notes served from it equal the
notes parsed fresh (problems, links, tags, properties), and a cache file
that is truncated, garbled, replaced by garbage or by a pickle that would
run code is discarded and rebuilt.
"""

from __future__ import annotations

import inspect
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from tests.hostile import hostile_vault
from vaultkit import Vault

if "cache" not in inspect.signature(Vault.load).parameters:  # pragma: no cover
    pytest.skip("Vault.load has no parse cache yet", allow_module_level=True)


def _facts(vault: Vault) -> dict[str, tuple]:
    return {
        path: (
            [(p.kind, p.line, p.column, p.message) for p in note.problems],
            [(link.raw, link.line, link.column, link.resolved) for link in note.links],
            [(t.name, t.line) for t in note.tags],
            repr(note.properties)[:2000],
        )
        for path, note in vault.notes.items()
    }


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("hostile-cache")
    root = base / "vault"
    hostile_vault.build(root, base / "outside", heavy=False)
    _age(root)
    yield root
    hostile_vault.restore_permissions(root)


def _age(root: Path) -> None:
    """Date every file an hour back: the cache rightly distrusts notes saved just now."""
    stamp = time.time() - 3600
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (stamp, stamp))


def _load(root: Path, cache: bool) -> Vault:
    with hostile_vault.denied(root):
        return Vault.load(root, cache=cache)


def _cache_files(root: Path) -> list[Path]:
    return [p for p in (root / ".vaultkit").rglob("*") if p.is_file() and p.suffix != ".lock"]


def test_hostile_notes_round_trip_through_the_cache(vault: Path) -> None:
    fresh = _facts(_load(vault, cache=False))
    first = _load(vault, cache=True)
    second = _load(vault, cache=True)
    assert second.stats.cached > 0
    assert _facts(first) == fresh
    assert _facts(second) == fresh


CORRUPTIONS = {
    "truncated": lambda data: data[: len(data) // 2],
    "one byte flipped": lambda data: data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
    "garbage": lambda data: b"\x00garbage" * 100,
    "empty": lambda data: b"",
    "code-running pickle": lambda data: pickle.dumps(
        __import__("functools").partial(shutil.rmtree, "/nonexistent-vaultkit-test")
    ),
}


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_corrupted_cache_is_discarded_and_rebuilt(vault: Path, how: str) -> None:
    fresh = _facts(_load(vault, cache=False))
    _load(vault, cache=True)
    files = _cache_files(vault)
    assert files, "the cache wrote nothing"
    for path in files:
        path.write_bytes(CORRUPTIONS[how](path.read_bytes()))
    after = _load(vault, cache=True)
    assert _facts(after) == fresh
    again = _load(vault, cache=True)  # rebuilt: served from the cache again
    assert again.stats.cached > 0
    assert _facts(again) == fresh


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_vaultkit_folder_symlinked_out_receives_nothing(tmp_path: Path) -> None:
    """A shared vault may carry `.vaultkit -> /somewhere`: the cache must not write there."""
    from click.testing import CliRunner

    from vaultkit.cli import cli

    root, elsewhere = tmp_path / "vault", tmp_path / "elsewhere"
    (root / ".obsidian").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "A.md").write_text("[[B]] #tag\n", encoding="utf-8")
    (root / "B.md").write_text("[[A]]\n", encoding="utf-8")
    _age(root)
    os.symlink(elsewhere, root / ".vaultkit")
    plain = _facts(Vault.load(root))
    assert _facts(Vault.load(root, cache=True)) == plain
    result = CliRunner().invoke(cli, ["lint", str(root), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert list(elsewhere.iterdir()) == []
