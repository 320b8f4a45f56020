"""Render one note from a template: ``vaultkit new`` and the GTD commands.

Templates are looked up in the vault's templates folder first (the folder
Obsidian's Templates plugin uses, from ``.obsidian/templates.json``), then in
vaultkit's bundled templates (``note``, ``project``, ``area``, ``resource``,
``moc``, ``daily``, ``review``). A vault template ending in ``.md`` is an
Obsidian template (``{{title}}``, ``{{date:YYYY}}``) and renders as Obsidian
would; one ending in ``.j2`` is Jinja, rendered in the sandbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vaultkit.config import Folders, load_config
from vaultkit.errors import VaultError
from vaultkit.generate.names import safe_filename, wikilink
from vaultkit.generate.render import (
    bundled_environment,
    render_obsidian_template,
    render_template,
    sandboxed_environment,
)
from vaultkit.safe_write import create_note, safe_join
from vaultkit.templates_dir import templates_dir

# bundled template -> the Folders attribute its notes go to by default
DEFAULT_FOLDERS = {
    "note": None,
    "project": "projects",
    "area": "areas",
    "resource": "resources",
    "moc": "mocs",
    "daily": "daily",
    "review": "areas",
}


@dataclass(frozen=True)
class RenderedNote:
    """A note rendered in memory, not yet written."""

    path: str
    """Vault-relative POSIX path, e.g. ``1-Projects/Q1 - Build Internal Influence.md``."""
    text: str
    title: str
    filename: str
    """The file name without ``.md``; link to it with ``[[filename]]``."""
    template: str
    """Where the template came from (bundled name or a file path)."""

    @property
    def link(self) -> str:
        return wikilink(self.title, self.filename)


@dataclass(frozen=True)
class NoteResult:
    path: str
    status: str
    """``create``, ``identical``, ``exists`` (left untouched) or ``overwrite``."""


def bundled_templates() -> list[str]:
    """Names of the generic templates shipped with vaultkit."""
    return sorted(p.name[: -len(".md.j2")] for p in templates_dir().glob("*.md.j2"))


def _templates_settings(vault_root: Path | str) -> dict[str, Any]:
    """Obsidian's Templates plugin settings (``.obsidian/templates.json``), or {}."""
    from vaultkit.model.settings import ObsidianSettings

    return ObsidianSettings.read(Path(vault_root)).templates


def vault_templates_folder(vault_root: Path | str) -> str:
    """The vault's templates folder: Obsidian's setting, else ``[folders] templates``."""
    folder = _templates_settings(vault_root).get("folder")
    if isinstance(folder, str) and folder.strip("/"):
        return folder.strip("/")
    return Folders.from_config(load_config(vault_root)).templates


def find_template(name: str | Path, vault_root: Path | str | None = None) -> tuple[Path, bool]:
    """The template file for ``name`` and whether it is bundled (trusted).

    ``name`` is a file path, a template in the vault's templates folder
    (matched by name without extension, ignoring case), or a bundled name.
    """
    path = Path(name)
    if path.suffix in (".j2", ".md"):
        for candidate in (path, Path(vault_root) / path if vault_root is not None else path):
            if candidate.is_file():
                return candidate, False
    wanted = str(name).casefold()
    if vault_root is not None:
        folder = Path(vault_root) / vault_templates_folder(vault_root)
        if folder.is_dir():
            for candidate in sorted(folder.iterdir()):
                stem = candidate.name.removesuffix(".j2").removesuffix(".md")
                if candidate.is_file() and stem.casefold() == wanted:
                    return candidate, False
    bundled = templates_dir() / f"{name}.md.j2"
    if bundled.is_file():
        return bundled, True
    raise VaultError(
        f"no template named {str(name)!r}; built-in templates: {', '.join(bundled_templates())}"
        + (" (or put one in the vault's templates folder)" if vault_root else "")
    )


def base_context(title: str, filename: str, when: datetime, folders: Folders) -> dict[str, Any]:
    """Variables every template gets; documented in docs/scaffold.md."""
    day = when.date().isoformat()
    return {
        "title": title,
        "filename": filename,
        "date": day,
        "created": day,
        "time": when.strftime("%H:%M"),
        "aliases": [title] if filename != title else [],
        "link": wikilink(title, filename),
        "folders": asdict(folders),
    }


def render_note(
    template: str | Path,
    title: str,
    variables: Mapping[str, Any] | None = None,
    vault: Path | str | None = None,
    *,
    folder: str | None = None,
    now: datetime | date | None = None,
) -> RenderedNote:
    """Render one note from ``template`` (nothing is written).

    ``vault`` (a vault root) adds its templates folder to the search and its
    ``[folders]`` settings; ``folder`` overrides where the note goes (default:
    the template's PARA folder, e.g. ``1-Projects`` for ``project``).
    ``variables`` are passed to the template (see each template's header).
    """
    if not str(title).strip():
        raise VaultError("a note needs a non-empty title")
    when = _as_datetime(now)
    folders = Folders.from_config(load_config(vault)) if vault is not None else Folders()
    path, bundled = find_template(template, vault)
    filename = safe_filename(title)
    context = {**base_context(title, filename, when, folders), **dict(variables or {})}
    if (
        bundled
        and path.name == "daily.md.j2"
        and "date" not in (variables or {})
        and _is_iso(title)
    ):
        context["date"] = title  # `vaultkit new daily 2026-01-05` is that day's note
    text = _render(path, bundled, context, vault, when)
    if folder is not None and (folder.startswith(("/", "\\")) or ".." in folder.split("/")):
        # --folder is a folder *in the vault*; an absolute or climbing path is a mistake
        raise VaultError(
            f"--folder {folder!r} would leave the vault: give a folder inside it, like 3-Resources/Ideas"
        )
    target = folder if folder is not None else _default_folder(path, bundled, folders)
    target = target.strip("/")
    rel = f"{target}/{filename}.md" if target else f"{filename}.md"
    return RenderedNote(path=rel, text=text, title=title, filename=filename, template=str(path))


def _render(
    path: Path, bundled: bool, context: dict[str, Any], vault: Path | str | None, when: datetime
) -> str:
    """Jinja for ``.j2`` (sandboxed unless bundled); Obsidian's own syntax for ``.md``."""
    if bundled:
        return render_template(bundled_environment(), path.name, context)
    if path.suffix == ".j2":
        return render_template(sandboxed_environment(path.parent), path.name, context)
    settings = _templates_settings(vault) if vault is not None else {}
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VaultError(f"cannot read template: {exc}", path=str(path)) from None
    return render_obsidian_template(
        source,
        context["title"],
        when,
        date_format=_text_setting(settings, "dateFormat", "YYYY-MM-DD"),
        time_format=_text_setting(settings, "timeFormat", "HH:mm"),
    )


def _text_setting(settings: dict[str, Any], key: str, default: str) -> str:
    value = settings.get(key)
    return value if isinstance(value, str) and value else default


def _default_folder(path: Path, bundled: bool, folders: Folders) -> str:
    attr = DEFAULT_FOLDERS.get(path.name[: -len(".md.j2")]) if bundled else None
    return getattr(folders, attr) if attr else ""


def _is_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _as_datetime(now: datetime | date | None) -> datetime:
    if now is None:
        return datetime.now()
    if isinstance(now, datetime):
        return now
    return datetime(now.year, now.month, now.day)


def write_note(vault_root: Path | str, note: RenderedNote, *, force: bool = False) -> NoteResult:
    """Write a rendered note through safe_write; an existing note is left alone unless ``force``."""
    target = safe_join(vault_root, note.path)
    if target.exists() and not force:
        same = target.read_bytes() == note.text.encode("utf-8")
        return NoteResult(note.path, "identical" if same else "exists")
    return NoteResult(note.path, create_note(vault_root, note.path, note.text, overwrite=force))


def new_note(
    vault_root: Path | str,
    template: str | Path,
    title: str,
    variables: Mapping[str, Any] | None = None,
    *,
    folder: str | None = None,
    force: bool = False,
    now: datetime | date | None = None,
) -> NoteResult:
    """Render ``template`` for ``title`` into the vault (``vaultkit new``)."""
    note = render_note(template, title, variables, vault_root, folder=folder, now=now)
    return write_note(vault_root, note, force=force)
