"""Add a kit's Obsidian settings to a vault's own, keeping every value the vault has.

Why: most people scaffold a kit into a vault they already use, whose
``.obsidian/app.json``, ``core-plugins.json`` and friends hold their own
choices. Overwriting those loses them; leaving them alone loses the kit's
settings (e.g. the Templates plugin switched on). Obsidian reads these
files as flat JSON objects, so the safe middle is a merge: the vault's
keys and values stay as they are, in their order, and the kit's keys the
vault does not have are added after them. Lists (``community-plugins.json``,
and ``core-plugins.json`` before Obsidian 1.4) are merged as a union.
Anything else (a file that is not JSON, an object against a list) is not
merged: scaffold reports a conflict, as for any other file in the way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

SETTINGS_FILE = re.compile(r"\.obsidian/[^/]+\.json")


@dataclass(frozen=True)
class SettingsMerge:
    text: str
    """The merged file, formatted as Obsidian writes it (2-space indent)."""
    added: list[str] = field(default_factory=list)
    """The kit's keys (or list items) the vault's file did not have."""
    kept: list[str] = field(default_factory=list)
    """Keys both set, to different values: the vault's value was kept."""


def is_settings_file(path: str) -> bool:
    """True for ``.obsidian/NAME.json`` at the vault's top (Obsidian's own settings)."""
    return SETTINGS_FILE.fullmatch(path) is not None


def merge_settings(theirs: str, kit: str) -> SettingsMerge | None:
    """The vault's settings text plus what the kit's adds, or None when they cannot merge."""
    try:
        mine, ours = json.loads(theirs), json.loads(kit)
    except ValueError:
        return None
    if isinstance(mine, dict) and isinstance(ours, dict):
        return _merge_objects(mine, ours)
    if isinstance(mine, list) and isinstance(ours, list):
        return _merge_lists(mine, ours)
    return None


def _merge_objects(mine: dict[str, Any], ours: dict[str, Any]) -> SettingsMerge:
    added = [k for k in ours if k not in mine]
    kept = [k for k in ours if k in mine and mine[k] != ours[k]]
    merged = {**mine, **{k: ours[k] for k in added}}
    return SettingsMerge(_dump(merged), added, kept)


def _merge_lists(mine: list[Any], ours: list[Any]) -> SettingsMerge:
    added = [item for item in ours if item not in mine]
    return SettingsMerge(_dump(mine + added), [json.dumps(i, ensure_ascii=False) for i in added])


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
