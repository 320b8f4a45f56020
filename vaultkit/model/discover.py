"""Finding the vault a path belongs to."""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = ".vaultkit.toml"


def find_vault(start: Path | str) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.obsidian/`` or ``.vaultkit.toml``."""
    path = Path(start).resolve()
    if path.is_file():
        path = path.parent
    for folder in (path, *path.parents):
        if (folder / ".obsidian").is_dir() or (folder / CONFIG_FILE).is_file():
            return folder
    return None
