"""Project notes, and the list of projects each area note keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from vaultkit.errors import VaultError
from vaultkit.generate.names import wikilink
from vaultkit.gtd.areas import ensure_area
from vaultkit.gtd.markers import replace_section, section_body
from vaultkit.gtd.notefiles import (
    Outcome,
    find_note,
    markdown_files,
    namesake_warnings,
    read_text,
    split_frontmatter,
    stem,
    update_with_retry,
)
from vaultkit.gtd.settings import GtdSettings

SECTION = "projects"
DEFAULT_AREA = "Work & Career"
CLOSED = {"done", "completed", "complete", "archived", "cancelled", "canceled", "dropped"}


@dataclass
class Project:
    """A project note as the area review and the area's project list see it."""

    path: str
    title: str
    status: str
    area: str
    """The link target of the ``area`` property (file name), ``""`` if none."""
    created: str
    properties: dict[str, Any]

    @property
    def link(self) -> str:
        return wikilink(self.title, stem(self.path))

    @property
    def active(self) -> bool:
        return is_active(self.status)


def is_active(status: str) -> bool:
    """A project is active until its status says it is over."""
    return status.casefold() not in CLOSED


def create_project(
    vault_root: Path | str,
    title: str,
    area: str | None = None,
    *,
    status: str = "active",
    focus: str = "",
    today: date | None = None,
) -> Outcome:
    """A project note in the projects folder, linked to its area (created if new).

    ``area`` defaults to ``[gtd] default_area`` in ``.vaultkit.toml``, else
    "Work & Career" (the project template always links an area). An
    existing project (same file name, any case) is left untouched. The
    area note's generated project list is refreshed either way, so a project
    made by hand shows up too.
    """
    from vaultkit.generate import render_note
    from vaultkit.generate.notes import write_note

    settings = GtdSettings.load(vault_root)
    title = _clean_title(title)
    area_outcome = ensure_area(settings, area or default_area(settings), today)
    variables = {
        "area": area_outcome.title,
        "status": status,
        "focus": focus,
        # the template's link filter must point at the area's real file name
        "_names": {area_outcome.title: stem(area_outcome.path)},
    }
    note = render_note(
        "project", title, variables, settings.root, folder=settings.folders.projects, now=today
    )
    existing = find_note(settings.root, settings.folders.projects, note.filename)
    if existing:
        outcome = Outcome(path=existing, action="exists", title=title, kind="project")
    else:
        result = write_note(settings.root, note)
        created = result.status == "create"
        outcome = Outcome(
            path=result.path,
            action="created" if created else "exists",
            title=title,
            kind="project",
            warnings=namesake_warnings(settings.root, result.path) if created else [],
        )
    outcome.also.append(area_outcome)
    if refresh_area_projects(settings, area_outcome.path) and area_outcome.action == "exists":
        outcome.also.append(
            Outcome(path=area_outcome.path, action="updated", title=area_outcome.title, kind="area")
        )
    return outcome


def default_area(settings: GtdSettings) -> str:
    """The area used when none is named: ``[gtd] default_area``, else the guide's."""
    value = settings.section("gtd").get("default_area")
    return str(value) if isinstance(value, str) and value.strip() else DEFAULT_AREA


def _clean_title(title: str) -> str:
    clean = " ".join(str(title).split())
    if not clean:
        raise VaultError('a project needs a title, e.g. vaultkit project create "Speak at SREcon"')
    return clean


def list_projects(settings: GtdSettings, area_path: str | None = None) -> list[Project]:
    """Project notes in the projects folder, optionally only those of one area.

    Only the projects folder is read (not the whole vault): projects live
    there in PARA, and an archived project is no longer one to review.
    """
    projects = []
    for rel in markdown_files(settings.root, settings.folders.projects):
        props, _ = split_frontmatter(read_text(settings.root / rel))
        if props.get("type", "project") != "project":
            continue
        project = _project(rel, props)
        if area_path is None or project.area.casefold() == stem(area_path).casefold():
            projects.append(project)
    return sorted(projects, key=lambda p: p.title.casefold())


def _project(rel: str, props: dict[str, Any]) -> Project:
    title = props.get("title")
    return Project(
        path=rel,
        title=str(title) if title else stem(rel),
        status=str(props.get("status") or "active"),
        area=link_target(props.get("area")),
        created=str(props.get("created") or ""),
        properties=props,
    )


def link_target(value: Any) -> str:
    """The note a property value links to: ``"[[Work & Career|W]]"`` -> ``Work & Career``."""
    if isinstance(value, list):
        value = value[0] if value else ""
    text = str(value or "").strip()
    if text.startswith("[[") and text.endswith("]]"):
        text = text[2:-2]
    return text.split("|", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1].removesuffix(".md").strip()


def refresh_area_projects(settings: GtdSettings, area_path: str) -> bool:
    """Update the area note's generated project list; True if it changed.

    The list keeps its order (a kit or the user may have grouped it) and its
    lines for projects that still exist; projects missing from it are added
    at the end, and lines for projects gone from the folder are dropped.
    """

    def change(text: str) -> str:
        # Listed under the note's lock: a project another process has just
        # written is then either seen here or by that process's own refresh.
        projects = {stem(p.path).casefold(): p for p in list_projects(settings, area_path)}
        old = section_body(text, SECTION) or ""
        kept = [line for line in old.split("\n") if _listed(line) in projects]
        listed = {_listed(line) for line in kept}
        added = [f"- {p.link}" for key, p in projects.items() if key not in listed]
        return replace_section(text, SECTION, "\n".join(kept + added), heading="## Projects")

    return update_with_retry(settings.root, area_path, change)


def _listed(line: str) -> str:
    """The case-folded note a list line links to (``""`` for other lines)."""
    match = re.match(r"\s*[-*+]\s+\[\[([^\]|#]+)", line)
    return match.group(1).strip().casefold() if match else ""
