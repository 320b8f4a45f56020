"""The Obsidian settings (``.obsidian/*.json``) that change what a vault means.

Honoured: ``daily-notes.json`` (folder, format, template: where daily notes
live, used to exempt them from orphan checks and to write the daily log),
``templates.json`` (folder: template notes hold placeholders, not real
links), ``app.json`` (``attachmentFolderPath``, ``newLinkFormat``,
``useMarkdownLinks``, ``userIgnoreFilters``; kept in ``app``). A missing or
unreadable settings file means Obsidian's defaults.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ObsidianSettings:
    daily_folder: str = ""
    daily_format: str = "YYYY-MM-DD"
    daily_template: str = ""
    daily_configured: bool = False
    """True when ``.obsidian/daily-notes.json`` exists."""
    templates_folder: str = ""
    attachment_folder: str = ""
    app: dict[str, Any] = field(default_factory=dict)
    templates: dict[str, Any] = field(default_factory=dict)
    """The whole of ``templates.json`` (``dateFormat``, ``timeFormat``...)."""

    @classmethod
    def read(cls, root: Path) -> ObsidianSettings:
        config = root / ".obsidian"
        app = _json(config / "app.json")
        daily = _json(config / "daily-notes.json")
        templates = _json(config / "templates.json")
        return cls(
            daily_folder=_folder(daily.get("folder")),
            daily_format=str(daily.get("format") or "YYYY-MM-DD"),
            daily_template=str(daily.get("template") or ""),
            daily_configured=(config / "daily-notes.json").is_file(),
            templates_folder=_folder(templates.get("folder")),
            attachment_folder=_folder(app.get("attachmentFolderPath")),
            app=app,
            templates=templates,
        )


def _folder(value: Any) -> str:
    text = str(value or "").strip().strip("/")
    return "" if text in (".", "./") else text


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
