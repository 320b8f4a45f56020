"""Which vaults, and which notes in them, a ``vaultkit lint PATH...`` run covers.

pre-commit passes the changed files; each must be checked against its whole
vault (a link into an unchanged note is still fine), but only those files
are reported. So paths are grouped by the vault around them first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.errors import VaultError
from vaultkit.model.discover import find_vault


@dataclass
class Target:
    """One vault to load, and which of its notes to report (all when ``whole``)."""

    root: Path
    whole: bool = False
    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)

    def selects(self, path: str) -> bool:
        return path in self.files or any(path.startswith(f + "/") for f in self.folders)

    def notes(self, all_paths: list[str]) -> list[str] | None:
        """The vault paths to report, or None for every note."""
        return None if self.whole else [p for p in all_paths if self.selects(p)]


def plan(paths: list[Path]) -> tuple[list[Target], list[Path]]:
    """Group ``paths`` by vault: ``(targets, skipped)``.

    A folder with no vault around it is taken as a vault root; a folder
    inside a vault selects the notes under it. Files that are not Markdown,
    or not inside any vault, are skipped (pre-commit may pass a README.md
    outside the vault). A path that does not exist is a VaultError.
    """
    targets: dict[Path, Target] = {}
    skipped: list[Path] = []
    for path in paths:
        if not path.exists():
            raise VaultError("no such file or folder", path=str(path))
        root = find_vault(path)
        if path.is_dir():
            root = root or path.resolve()
            target = targets.setdefault(root, Target(root))
            rel = path.resolve().relative_to(root).as_posix()
            if rel == ".":
                target.whole = True
            else:
                target.folders.add(rel)
        elif path.suffix.lower() != ".md" or root is None:
            skipped.append(path)
        else:
            targets.setdefault(root, Target(root)).files.add(
                path.resolve().relative_to(root).as_posix()
            )
    return list(targets.values()), skipped
