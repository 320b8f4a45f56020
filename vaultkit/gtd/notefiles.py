"""Reading and updating the notes the GTD commands own, safely.

Reads are plain file reads (fast; the GTD commands must not load a whole
vault to append one line); every write goes through ``vaultkit.safe_write``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vaultkit import safe_write
from vaultkit.errors import ConflictError, VaultError

RETRIES = 5


@dataclass
class Outcome:
    """What a GTD command did, for the CLI to report."""

    path: str
    """Vault path of the note created or changed."""
    action: str
    """``created``, ``exists`` (left untouched), ``updated`` or ``unchanged``."""
    title: str = ""
    kind: str = "note"
    """What was made: ``project``, ``area``, ``note``, ``task``, ``log entry``, ``review``..."""
    warnings: list[str] = field(default_factory=list)
    line: str = ""
    """The line written (log entry, task), when there is one."""
    also: list[Outcome] = field(default_factory=list)
    """Other notes touched on the way (e.g. the area note a project links to)."""

    @property
    def created(self) -> bool:
        return self.action == "created"


def update_with_retry(
    root: Path, rel_path: str, change: Callable[[str], str], *, create: str | None = None
) -> bool:
    """``safe_write.update_note`` retried when the note changed on disk meanwhile.

    A note open in Obsidian can be saved between our read and our write;
    update_note then refuses (no stale overwrite) and we re-read and re-apply
    the change, a bounded number of times.
    """
    for attempt in range(RETRIES):
        try:
            return safe_write.update_note(root, rel_path, change, create=create)
        except ConflictError:
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
        except UnicodeDecodeError:
            raise VaultError("not UTF-8 text; vaultkit will not edit it", path=rel_path) from None
        except IsADirectoryError:
            raise VaultError("is a folder, not a note", path=rel_path) from None
        except OSError as exc:
            raise VaultError(f"cannot update: {exc.strerror}", path=rel_path) from None
    raise AssertionError("unreachable")  # pragma: no cover


def split_frontmatter(text: str) -> tuple[dict[str, Any], str]:
    """The note's properties (``{}`` when absent or invalid) and its body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        return {}, text
    try:
        data = yaml.safe_load(text[4:end])
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        # deep nesting, a date like 2026-13-45, a 5,000-digit number: not properties
        data = None
    body_start = text.find("\n", end + 4)
    body = text[body_start + 1 :] if body_start != -1 else ""
    return (data if isinstance(data, dict) else {}), body


def read_text(path: Path) -> str:
    """A note's text with ``\\n`` line ends; ``""`` when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    return safe_write.TextStyle.sniff(data).decode(data) if _utf8(data) else ""


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def markdown_files(root: Path, folder: str) -> Iterator[str]:
    """Vault paths of the ``.md`` files under ``folder``, skipping hidden folders."""
    base = root / folder if folder else root
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if not any(part.startswith(".") for part in rel.split("/")) and path.is_file():
            yield rel


def find_note(root: Path, folder: str, name: str) -> str | None:
    """The note called ``name`` in ``folder`` (case-insensitive, as Obsidian matches)."""
    exact = f"{folder}/{name}.md" if folder else f"{name}.md"
    if (root / exact).is_file():
        return exact
    wanted = name.casefold()
    for rel in markdown_files(root, folder):
        if rel.rsplit("/", 1)[-1][:-3].casefold() == wanted:
            return rel
    return None


def namesakes(root: Path, rel_path: str) -> list[str]:
    """Other notes with the same file name: ``[[name]]`` links become ambiguous."""
    name = stem(rel_path).casefold()
    return [
        rel for rel in markdown_files(root, "") if rel != rel_path and stem(rel).casefold() == name
    ]


def namesake_warnings(root: Path, rel_path: str) -> list[str]:
    """A warning per other note named like ``rel_path`` (for a note just created)."""
    return [
        f"another note is named {stem(rel_path)!r} ({other}); [[{stem(rel_path)}]] links "
        "may now open either: rename one, or link with the folder path"
        for other in namesakes(root, rel_path)
    ]


def stem(rel_path: str) -> str:
    """The note's name as links write it (file name without ``.md``)."""
    return rel_path.rsplit("/", 1)[-1].removesuffix(".md")


def yaml_value(value: str) -> str:
    """``value`` as a YAML scalar: quoted only when plain YAML would misread it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
