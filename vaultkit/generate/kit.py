"""Kits: a folder with a ``kit.toml`` manifest and the templates it renders.

A manifest declares the kit, its variables (with defaults and help), optional
data the templates share, and the notes and files to render::

    [kit]
    name = "my-kit"
    version = "1.0.0"
    description = "What the vault is for"
    data = "data.toml"                  # optional: tables available as `data`
    folders = ["{{ folders.archives }}"]  # optional: empty folders to create

    [variables.name]
    help = "Your name"
    default = "Me"                      # Jinja text; may use `today` and earlier variables
    type = "str"                        # str | int | date (YYYY-MM-DD)

    [[notes]]                           # one note, or one per item with `foreach`
    template = "project.md.j2"          # from the kit folder, else a generic template
    foreach = "projects"                # a list in `data`; each item is `item` and its
                                        # keys are template variables
    title = "{{ item.title }}"          # Jinja text
    folder = "{{ folders.projects }}"   # Jinja text; "" is the vault root

    [[files]]                           # any other file, at an exact path
    template = "app.json.j2"
    path = ".obsidian/app.json"

Bundled kits live in ``templates/kits/NAME/``; any other kit renders in the
Jinja sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.config import _read_toml
from vaultkit.errors import VaultError
from vaultkit.generate.render import is_bundled
from vaultkit.templates_dir import templates_dir

MANIFEST = "kit.toml"
VARIABLE_TYPES = ("str", "int", "date")
_KIT_KEYS = {"name", "version", "description", "data", "folders"}
_VARIABLE_KEYS = {"help", "default", "type"}
_NOTE_KEYS = {"template", "title", "folder", "foreach", "vars"}
_FILE_KEYS = {"template", "path", "vars"}


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str = ""
    type: str = "str"


@dataclass(frozen=True)
class NoteSpec:
    """A ``[[notes]]`` entry: a note per item of ``foreach``, or one note."""

    template: str
    title: str
    folder: str = ""
    foreach: str | None = None
    vars: dict[str, Any] = field(default_factory=dict)
    where: str = ""
    """``notes[3]``: which manifest entry, for error messages."""


@dataclass(frozen=True)
class FileSpec:
    template: str
    path: str
    vars: dict[str, Any] = field(default_factory=dict)
    where: str = ""


@dataclass(frozen=True)
class Kit:
    """A loaded and validated kit."""

    name: str
    version: str
    description: str
    folder: Path
    trusted: bool
    """True for kits shipped with vaultkit; others render in the sandbox."""
    variables: dict[str, Variable]
    data: dict[str, Any]
    notes: list[NoteSpec]
    files: list[FileSpec]
    empty_folders: list[str]

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST


def kits_dir() -> Path:
    return templates_dir() / "kits"


def bundled_kits() -> list[Kit]:
    """Every kit shipped with vaultkit, by name."""
    folders = sorted(p.parent for p in kits_dir().glob(f"*/{MANIFEST}"))
    return [load_kit(folder) for folder in folders]


def find_kit(kit: str | Path) -> Path:
    """The folder of a kit given by bundled name or by path (folder or kit.toml)."""
    path = Path(kit)
    if path.name == MANIFEST and path.is_file():
        return path.parent
    if (path / MANIFEST).is_file():
        return path
    bundled = kits_dir() / str(kit)
    if "/" not in str(kit) and (bundled / MANIFEST).is_file():
        return bundled
    names = ", ".join(p.parent.name for p in sorted(kits_dir().glob(f"*/{MANIFEST}")))
    raise VaultError(
        f"no kit {str(kit)!r}: not a bundled kit ({names}) nor a folder with {MANIFEST}"
    )


def load_kit(kit: str | Path) -> Kit:
    """Load and validate a kit; every mistake is a VaultError naming kit.toml."""
    folder = find_kit(kit)
    manifest = folder / MANIFEST
    raw = _read_toml(manifest)
    where = str(manifest)
    _check_keys(raw, {"kit", "variables", "notes", "files", "data"}, "the manifest", where)
    meta = _table(raw.get("kit"), "[kit]", where)
    _check_keys(meta, _KIT_KEYS, "[kit]", where)
    name = _text(meta.get("name"), "[kit] name", where, required=True)
    data = _load_data(folder, meta.get("data"), raw.get("data"), where)
    return Kit(
        name=name,
        version=_text(meta.get("version", "0"), "[kit] version", where),
        description=_text(meta.get("description", ""), "[kit] description", where),
        folder=folder,
        trusted=is_bundled(folder),
        variables=_variables(raw.get("variables", {}), where),
        data=data,
        notes=[
            _note_spec(i, n, folder, data, where) for i, n in enumerate(_list(raw, "notes", where))
        ],
        files=[_file_spec(i, f, folder, where) for i, f in enumerate(_list(raw, "files", where))],
        empty_folders=[_text(f, "[kit] folders", where) for f in _list(meta, "folders", where)],
    )


def _load_data(folder: Path, data_file: Any, inline: Any, where: str) -> dict[str, Any]:
    data = dict(_table(inline or {}, "[data]", where))
    if data_file is not None:
        path = folder / _text(data_file, "[kit] data", where)
        if folder.resolve() not in path.resolve().parents:
            raise VaultError("[kit] data must be a file inside the kit folder", path=where)
        data.update(_read_toml(path))
    return data


def _variables(raw: Any, where: str) -> dict[str, Variable]:
    out = {}
    for name, spec in _table(raw, "[variables]", where).items():
        label = f"[variables.{name}]"
        spec = _table(spec, label, where)
        _check_keys(spec, _VARIABLE_KEYS, label, where)
        kind = spec.get("type", "str")
        if kind not in VARIABLE_TYPES:
            raise VaultError(f"{label} type must be one of {', '.join(VARIABLE_TYPES)}", path=where)
        default = spec.get("default", "")
        out[name] = Variable(name, str(default), _text(spec.get("help", ""), label, where), kind)
    return out


def _note_spec(index: int, raw: Any, folder: Path, data: dict[str, Any], where: str) -> NoteSpec:
    label = f"notes[{index}]"
    raw = _table(raw, label, where)
    _check_keys(raw, _NOTE_KEYS, label, where)
    template = _template(raw.get("template"), label, folder, where)
    foreach = raw.get("foreach")
    if foreach is not None:
        items = data.get(foreach)
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise VaultError(
                f"{label} foreach = {foreach!r} is not a list of tables in the kit data", path=where
            )
    title = raw.get("title", "{{ item.title }}" if foreach else None)
    return NoteSpec(
        template=template,
        title=_text(title, f"{label} title", where, required=True),
        folder=_text(raw.get("folder", ""), f"{label} folder", where),
        foreach=foreach,
        vars=_table(raw.get("vars", {}), f"{label} vars", where),
        where=f"{where} {label}",
    )


def _file_spec(index: int, raw: Any, folder: Path, where: str) -> FileSpec:
    label = f"files[{index}]"
    raw = _table(raw, label, where)
    _check_keys(raw, _FILE_KEYS, label, where)
    return FileSpec(
        template=_template(raw.get("template"), label, folder, where),
        path=_text(raw.get("path"), f"{label} path", where, required=True),
        vars=_table(raw.get("vars", {}), f"{label} vars", where),
        where=f"{where} {label}",
    )


def _template(name: Any, label: str, folder: Path, where: str) -> str:
    name = _text(name, f"{label} template", where, required=True)
    if not ((folder / name).is_file() or (templates_dir() / name).is_file()):
        raise VaultError(
            f"{label} template {name!r} not found in the kit folder or built-ins", path=where
        )
    if ".." in Path(name).parts or Path(name).is_absolute():
        raise VaultError(f"{label} template must be a path inside the kit folder", path=where)
    return name


def _check_keys(table: dict[str, Any], known: set[str], label: str, where: str) -> None:
    unknown = set(table) - known
    if unknown:
        raise VaultError(
            f"unknown key(s) in {label}: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}",
            path=where,
        )


def _table(value: Any, label: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise VaultError(f"{label} must be a table", path=where)
    return value


def _list(raw: dict[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise VaultError(f"{key} must be an array", path=where)
    return value


def _text(value: Any, label: str, where: str, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise VaultError(f"{label} must be a non-empty string", path=where)
    return value
