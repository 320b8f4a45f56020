"""Area notes: the ongoing responsibilities projects, tasks and log entries link to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from vaultkit.errors import ConflictError
from vaultkit.generate.names import safe_filename, wikilink
from vaultkit.gtd.notefiles import (
    Outcome,
    find_note,
    namesake_warnings,
    read_text,
    split_frontmatter,
    stem,
)
from vaultkit.gtd.settings import GtdSettings
from vaultkit.safe_write import create_note


def find_area(settings: GtdSettings, name: str) -> str | None:
    """Vault path of the area note called ``name`` (exact title or file name), or None."""
    folder = settings.folders.areas
    for candidate in dict.fromkeys((safe_filename(name), name.strip())):
        if "/" in candidate:
            continue
        found = find_note(settings.root, folder, candidate)
        if found:
            return found
    return None


def area_title(settings: GtdSettings, rel_path: str) -> str:
    """The area's title: its ``title`` property, else its file name."""
    props, _ = split_frontmatter(read_text(settings.root / rel_path))
    title = props.get("title")
    return str(title) if isinstance(title, str) and title.strip() else stem(rel_path)


def area_link(settings: GtdSettings, rel_path: str) -> str:
    """The wikilink to an area note, showing its exact title."""
    return wikilink(area_title(settings, rel_path), stem(rel_path))


def ensure_area(settings: GtdSettings, name: str, today: date | None = None) -> Outcome:
    """The area note for ``name``, created from the area template if it is missing.

    Naming an area for the first time creates it, so a project or task never
    links into the void.
    """
    from vaultkit.generate import render_note

    found = find_area(settings, name)
    if found:
        return Outcome(path=found, action="exists", title=area_title(settings, found), kind="area")
    note = render_note(
        "area", name.strip(), vault=settings.root, folder=settings.folders.areas, now=today
    )
    try:
        status = create_note(settings.root, note.path, note.text)
    except ConflictError:  # another process created it a moment ago
        status = "identical"
    if status != "create":
        return Outcome(path=note.path, action="exists", title=note.title, kind="area")
    warnings = namesake_warnings(settings.root, note.path)
    return Outcome(note.path, "created", title=note.title, kind="area", warnings=warnings)


def create_area(vault_root: Path | str, name: str, today: date | None = None) -> Outcome:
    """``vaultkit area create NAME``: the area note, or the existing one untouched."""
    return ensure_area(GtdSettings.load(vault_root), name, today)
