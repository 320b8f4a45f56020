"""Where the GTD commands put things in a vault: PARA folders and daily notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.config import Folders, load_config


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

    With ``.obsidian/daily-notes.json`` present its folder wins, even when
    empty (the vault root, as Obsidian does); without it, ``[folders] daily``.
    """
    from vaultkit.model.settings import ObsidianSettings

    obsidian = ObsidianSettings.read(root)
    return DailySettings(
        folder=obsidian.daily_folder if obsidian.daily_configured else folders.daily,
        format=obsidian.daily_format,
        template=obsidian.daily_template.strip("/"),
    )
