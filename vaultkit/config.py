"""vaultkit's own settings: ``.vaultkit.toml`` at the vault root, or
``[tool.vaultkit]`` in a ``pyproject.toml`` found walking up from the vault.

Sections (each owned and validated by the part that uses it):

- ``[folders]``: where the PARA folders, MOCs, daily notes and templates live
  (used by scaffold and the GTD commands; see ``Folders``).
- ``[lint]``: rule selection, severities, options, per-path ignores.
- ``[model]``: how the vault is read (e.g. ``index_comments``, ``max_note_bytes``).
- ``[impact]``: impact-report categories.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from vaultkit.errors import VaultError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = ".vaultkit.toml"
KNOWN_SECTIONS = {"folders", "lint", "model", "impact", "kit", "gtd"}


def find_config(vault_root: Path | str) -> Path | None:
    """The config file that applies to a vault, or None."""
    root = Path(vault_root).resolve()
    if (root / CONFIG_FILE).is_file():
        return root / CONFIG_FILE
    for folder in (root, *root.parents):
        pyproject = folder / "pyproject.toml"
        if (
            pyproject.is_file()
            and "tool" in _read_toml(pyproject)
            and "vaultkit" in _read_toml(pyproject)["tool"]
        ):
            return pyproject
    return None


def load_config(vault_root: Path | str) -> dict[str, Any]:
    """The vault's vaultkit settings as a dict (empty when there is no config)."""
    path = find_config(vault_root)
    if path is None:
        return {}
    return load_config_file(path)


def load_config_file(path: Path | str) -> dict[str, Any]:
    """The settings in one given file (``vaultkit lint --config FILE``).

    A ``pyproject.toml`` contributes its ``[tool.vaultkit]`` table; any other
    file is read as a ``.vaultkit.toml``.
    """
    path = Path(path)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("vaultkit", {})
    unknown = set(data) - KNOWN_SECTIONS
    if unknown:
        raise VaultError(
            f"unknown section(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(KNOWN_SECTIONS))}",
            path=str(path),
        )
    data = dict(data)
    data["_path"] = str(path)
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise VaultError(f"invalid TOML: {exc}", path=str(path)) from None
    except OSError as exc:
        raise VaultError(f"cannot read: {exc.strerror}", path=str(path)) from None


@dataclass(frozen=True)
class Folders:
    """Where things live in a PARA vault (``[folders]`` in ``.vaultkit.toml``)."""

    projects: str = "1-Projects"
    areas: str = "2-Areas"
    resources: str = "3-Resources"
    archives: str = "4-Archives"
    mocs: str = "MOCs"
    daily: str = "Daily"
    templates: str = "Templates"

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Folders:
        section = config.get("folders", {})
        known = {f.name for f in fields(cls)}
        unknown = set(section) - known
        if unknown:
            raise VaultError(
                f"unknown [folders] key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}",
                path=config.get("_path"),
            )
        return cls(**{k: str(v).strip("/") for k, v in section.items()})
