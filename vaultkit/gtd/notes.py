"""Second-brain notes: ``vaultkit note create "Title" Resources`` files a note by PARA folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from vaultkit.errors import VaultError
from vaultkit.gtd.areas import ensure_area
from vaultkit.gtd.notefiles import Outcome, find_note, namesake_warnings
from vaultkit.gtd.projects import create_project, default_area
from vaultkit.gtd.settings import GtdSettings

# PARA category as the guide writes it -> (Folders attribute, bundled template)
PARA = {
    "projects": ("projects", "project"),
    "areas": ("areas", "area"),
    "resources": ("resources", "resource"),
    "archives": ("archives", "note"),
}


def para_category(name: str, settings: GtdSettings) -> str:
    """``Resources``/``resource``/``3-Resources`` -> ``resources``, else a VaultError."""
    key = name.strip().casefold()
    for category, (attr, _) in PARA.items():
        folder = getattr(settings.folders, attr).casefold()
        if key in (category, category.rstrip("s"), folder):
            return category
    choices = ", ".join(c.capitalize() for c in PARA)
    raise VaultError(f"unknown PARA folder {name!r}: use one of {choices}")


def create_brain_note(
    vault_root: Path | str,
    title: str,
    category: str = "Resources",
    *,
    today: date | None = None,
) -> Outcome:
    """A note in the PARA folder ``category`` (Projects, Areas, Resources, Archives).

    Projects and areas are made as ``project create`` / ``area create`` make
    them; resources and archive notes from the resource and note templates.
    An existing note of that name in the folder is left untouched.
    """

    settings = GtdSettings.load(vault_root)
    title = " ".join(str(title).split())
    if not title:
        raise VaultError(
            'a note needs a title, e.g. vaultkit note create "Incident Review Notes" Resources'
        )
    kind = para_category(category, settings)
    if kind == "projects":
        return create_project(vault_root, title, default_area(settings), today=today)
    if kind == "areas":
        return ensure_area(settings, title, today)
    attr, template = PARA[kind]
    return _render_into(settings, template, title, getattr(settings.folders, attr), today)


def _render_into(
    settings: GtdSettings, template: str, title: str, folder: str, today: date | None
) -> Outcome:
    """Render a bundled template into ``folder`` unless a note of that name is there."""
    from vaultkit.generate import render_note
    from vaultkit.generate.notes import write_note

    note = render_note(template, title, None, settings.root, folder=folder, now=today)
    existing = find_note(settings.root, folder, note.filename)
    if existing:
        return Outcome(path=existing, action="exists", title=title, kind=template)
    result = write_note(settings.root, note)
    if result.status != "create":
        return Outcome(path=result.path, action="exists", title=title, kind=template)
    warnings = namesake_warnings(settings.root, result.path)
    return Outcome(result.path, "created", title=title, kind=template, warnings=warnings)
