"""examples/vault is exactly what the kit generates with the example's answers."""

from __future__ import annotations

from pathlib import Path

from tests.generate.example_vault import EXAMPLE, files, generate


def test_example_vault_matches_a_fresh_scaffold(tmp_path: Path) -> None:
    fresh = tmp_path / "vault"
    generate(fresh)
    expected, committed = files(fresh), files(EXAMPLE)
    assert sorted(committed) == sorted(expected), "run: python3 tests/generate/example_vault.py"
    for path, data in expected.items():
        assert committed[path] == data, (
            f"{path} differs; run: python3 tests/generate/example_vault.py"
        )
