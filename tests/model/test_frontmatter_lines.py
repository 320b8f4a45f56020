"""Property links point at the line of their own key, whatever the key looks like."""

from __future__ import annotations

from pathlib import Path

from vaultkit.model.vault import Vault


def test_a_quoted_key_holding_a_colon_gives_its_own_line(tmp_path: Path) -> None:
    # The same link under two keys: each must get its own key's line.
    (tmp_path / "Note.md").write_text(
        '---\nup: "[[Missing]]"\n"due: date": "[[Missing]]"\n---\nbody\n'
    )
    note = Vault.load(tmp_path).notes["Note.md"]
    lines = {link.property_name: link.line for link in note.links}
    assert lines == {"up": 2, "due: date": 3}
