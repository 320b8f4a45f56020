"""Where the GTD commands put things in a vault: PARA folders and daily notes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.config import Folders, load_config
from vaultkit.errors import VaultError

DAILY_SETTINGS = ".obsidian/daily-notes.json"


@dataclass(frozen=True)
class DailySettings:
    """Obsidian's Daily notes plugin settings (``.obsidian/daily-notes.json``)."""

    folder: str
    format: str = "YYYY-MM-DD"
    """moment.js format of the file name; ``/`` in it makes sub-folders."""
    template: str = ""
    """Vault path of the template note (without ``.md``), or ``""``."""


@dataclass(frozen=True)
class GtdSettings:
    """Everything the GTD commands need to know about one vault."""

    root: Path
    folders: Folders
    daily: DailySettings
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, vault_root: Path | str) -> GtdSettings:
        root = Path(vault_root)
        config = load_config(root)
        folders = Folders.from_config(config)
        return cls(
            root=root, folders=folders, daily=read_daily_settings(root, folders), config=config
        )

    def section(self, name: str) -> dict[str, Any]:
        """A section of ``.vaultkit.toml`` (``{}`` when absent)."""
        value = self.config.get(name, {})
        return value if isinstance(value, dict) else {}


def read_daily_settings(root: Path, folders: Folders) -> DailySettings:
    """Obsidian's daily-note folder, format and template; vaultkit's folder otherwise.

    An empty ``folder`` in Obsidian's settings means the vault root, which is
    what Obsidian does; a file we cannot read is a user error, not a crash.
    """
    path = root / DAILY_SETTINGS
    if not path.is_file():
        return DailySettings(folder=folders.daily)
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultError(
            f"cannot read the daily notes settings: {exc}", path=DAILY_SETTINGS
        ) from None
    if not isinstance(data, dict):
        data = {}
    return DailySettings(
        folder=str(data.get("folder") or "").strip("/"),
        format=str(data.get("format") or "YYYY-MM-DD"),
        template=str(data.get("template") or "").strip("/"),
    )
