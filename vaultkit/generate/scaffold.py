"""Render a whole kit into a vault folder, without ever harming what is there.

Each file gets a status: ``create`` (missing, written), ``identical`` (already
as the kit would write it), ``skip`` (vaultkit wrote it before and it differs
now, because you edited it or the answers changed: left alone), ``conflict``
(a file vaultkit did not write is in the way: left alone) or, with ``force``,
``overwrite``. Obsidian's own settings files (``.obsidian/*.json``) already
in the vault are merged instead of being in the way: ``merge`` (the kit's
settings the vault lacks were added, every value the vault has kept) or
``keep`` (nothing to add). Nothing is deleted.
The kit, its version, the answers and a hash of each generated file are
recorded in ``.vaultkit-answers.toml`` (like copier's answers file), so a
later run re-uses the same answers and knows which files it made.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import vaultkit
from vaultkit.config import CONFIG_FILE, Folders, load_config
from vaultkit.errors import ConflictError, VaultError
from vaultkit.generate.kit import Kit, load_kit
from vaultkit.generate.names import unique_filename
from vaultkit.generate.notes import base_context
from vaultkit.generate.render import kit_environment, render_string, render_template
from vaultkit.generate.settings_merge import is_settings_file, merge_settings
from vaultkit.model.settings import ObsidianSettings
from vaultkit.safe_write import create_note, safe_join, update_note
from vaultkit.templates_dir import templates_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ANSWERS_FILE = ".vaultkit-answers.toml"
WRITES = ("create", "overwrite")


@dataclass(frozen=True)
class FileStatus:
    path: str
    """Vault-relative POSIX path (a folder ends with ``/``)."""
    status: str
    """create, identical, skip, conflict, overwrite, merge, keep; ``update`` for the answers file."""
    added: tuple[str, ...] = ()
    """merge: the kit's settings the vault's file did not have, now added."""
    kept: tuple[str, ...] = ()
    """merge, keep: settings the vault sets to other values than the kit; the vault's stay."""


@dataclass
class ScaffoldResult:
    kit: str
    version: str
    dest: Path
    variables: dict[str, Any]
    files: list[FileStatus] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def conflicts(self) -> list[str]:
        return [f.path for f in self.files if f.status == "conflict"]


@dataclass(frozen=True)
class PlannedFile:
    path: str
    text: str | None
    """None for an empty folder to create."""


def scaffold(
    kit: str | Path | Kit,
    dest: str | Path = ".",
    variables: Mapping[str, Any] | None = None,
    dry_run: bool = False,
    force: bool = False,
    today: date | None = None,
) -> ScaffoldResult:
    """Render ``kit`` (a bundled name, a kit folder or a loaded Kit) into ``dest``.

    ``variables`` override the kit's defaults and the answers recorded by an
    earlier run. ``dry_run`` computes every status and writes nothing;
    ``force`` overwrites files that differ (never deletes anything).
    """
    kit = kit if isinstance(kit, Kit) else load_kit(kit)
    root = check_destination(dest)
    previous = read_answers(root, kit.name)
    answers = resolve_variables(kit, variables or {}, previous.get("answers", {}), today)
    plan = plan_files(kit, answers, _folders(root))
    for planned in plan:  # refuse an escaping path before anything is written
        safe_join(root, planned.path)
    result = ScaffoldResult(kit.name, kit.version, root, answers, dry_run=dry_run)
    hashes = dict(previous.get("files", {}))
    for planned in plan:
        done = _apply(root, planned, hashes, dry_run, force)
        result.files.append(done)
        # A merged settings file is one vaultkit wrote to: recorded, so that a
        # second run finds it "identical" or merges again, never a conflict.
        if planned.text is not None and done.status in (*WRITES, "identical", "merge"):
            hashes[planned.path] = _hash(planned.text)
    text = answers_text(kit, answers, hashes)
    result.files.append(FileStatus(ANSWERS_FILE, _write_answers(root, text, dry_run)))
    return result


def check_destination(dest: str | Path) -> Path:
    """The destination folder, or a VaultError if it is a file, read-only, or inside vaultkit."""
    path = Path(dest).expanduser()
    if path.exists() and not path.is_dir():
        raise VaultError("the destination is a file; give a folder for the vault", path=str(path))
    real = path.resolve()
    for inside in (Path(vaultkit.__file__).resolve().parent, templates_dir().resolve()):
        if real == inside or inside in real.parents:
            raise VaultError(
                "the destination is inside vaultkit's own package; choose a folder for your vault",
                path=str(path),
            )
    probe = real
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise VaultError("the destination is not writable", path=str(probe))
    return path


def _folders(root: Path) -> Folders:
    """The vault's own folder layout: its config, else its Obsidian settings, else the defaults.

    Scaffolding into a vault already in use keeps its daily-notes and
    templates folders, so the kit's templates land where Obsidian looks.
    """
    if (root / CONFIG_FILE).is_file():
        return Folders.from_config(load_config(root))
    obsidian = ObsidianSettings.read(root)
    default = Folders()
    return Folders(
        daily=obsidian.daily_folder or default.daily,
        templates=obsidian.templates_folder or default.templates,
    )


def resolve_variables(
    kit: Kit, given: Mapping[str, Any], recorded: Mapping[str, Any], today: date | None
) -> dict[str, Any]:
    """Variables in declaration order: given, else recorded, else the default."""
    unknown = set(given) - set(kit.variables)
    if unknown:
        known = ", ".join(kit.variables) or "none"
        raise VaultError(
            f"unknown variable(s) {', '.join(sorted(unknown))} for kit {kit.name}; known: {known}"
        )
    env = kit_environment(kit.folder, kit.trusted)
    context: dict[str, Any] = {"today": (today or date.today()).isoformat()}
    answers: dict[str, Any] = {}
    for name, var in kit.variables.items():
        if name in given:
            raw = given[name]
        elif name in recorded:
            raw = recorded[name]
        else:
            raw = render_string(
                env, var.default, context, f"{kit.manifest} [variables.{name}] default"
            )
        answers[name] = context[name] = _coerce(var.type, raw, name)
    return answers


def _coerce(kind: str, value: Any, name: str) -> Any:
    text = str(value).strip()
    try:
        if kind == "int":
            return int(text)
        if kind == "date":
            return date.fromisoformat(text).isoformat()
    except ValueError:
        want = "a whole number" if kind == "int" else "a date YYYY-MM-DD"
        raise VaultError(f"variable {name} must be {want}, got {text!r}") from None
    return str(value)


def plan_files(kit: Kit, answers: dict[str, Any], folders: Folders) -> list[PlannedFile]:
    """Every file the kit renders with these answers, in manifest order."""
    env = kit_environment(kit.folder, kit.trusted)
    when = _when(answers)
    shared = {"kit": {"name": kit.name, "version": kit.version}, **answers}
    shared["folders"] = asdict(folders)
    shared["data"] = _render_data(kit.data, env, shared, f"{kit.manifest} data")
    entries = list(_expand_notes(kit, env, shared))
    taken: set[str] = set()
    names: dict[str, str] = {}
    for entry in entries:
        filename = unique_filename(entry["title"], taken)
        entry["filename"] = filename
        names.setdefault(entry["title"], filename)
    plan = []
    for entry in entries:
        context = {
            **base_context(entry["title"], entry["filename"], when, folders),
            **entry["context"],
        }
        context.update(title=entry["title"], filename=entry["filename"], _names=names)
        folder = entry["folder"].strip("/")
        path = f"{folder}/{entry['filename']}.md" if folder else f"{entry['filename']}.md"
        plan.append(PlannedFile(path, render_template(env, entry["template"], context)))
    for spec in kit.files:
        context = {**shared, **spec.vars, "_names": names}
        path = render_string(env, spec.path, context, f"{spec.where} path").strip("/")
        plan.append(PlannedFile(path, render_template(env, spec.template, context)))
    for folder in kit.empty_folders:
        path = render_string(env, folder, shared, f"{kit.manifest} [kit] folders").strip("/")
        plan.append(PlannedFile(path + "/", None))
    _check_plan(plan)
    return plan


def _render_data(value: Any, env: Any, context: dict[str, Any], where: str) -> Any:
    """Kit data with its strings rendered, so a title can say ``SREcon {{ year }}``."""
    if isinstance(value, str):
        is_template = "{{" in value or "{%" in value or "{#" in value
        return render_string(env, value, context, where) if is_template else value
    if isinstance(value, list):
        return [_render_data(v, env, context, where) for v in value]
    if isinstance(value, dict):
        return {k: _render_data(v, env, context, where) for k, v in value.items()}
    return value


def _expand_notes(kit: Kit, env: Any, shared: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for spec in kit.notes:
        items = shared["data"][spec.foreach] if spec.foreach else [None]
        for item in items:
            context = {**shared, **spec.vars}
            if item is not None:
                context.update(item)
                context["item"] = item
            yield {
                "template": spec.template,
                "title": " ".join(
                    render_string(env, spec.title, context, f"{spec.where} title").split()
                ),
                "folder": render_string(env, spec.folder, context, f"{spec.where} folder"),
                "context": context,
            }


def _check_plan(plan: list[PlannedFile]) -> None:
    seen: set[str] = set()
    for planned in plan:
        key = planned.path.casefold()
        if key in seen:
            raise VaultError(
                f"the kit renders {planned.path} twice; give its notes distinct titles or paths"
            )
        seen.add(key)


def _when(answers: Mapping[str, Any]) -> datetime:
    """The kit's ``date`` variable as the notes' creation time (midnight), else now."""
    if "date" in answers:
        day = date.fromisoformat(str(answers["date"]))
        return datetime(day.year, day.month, day.day)
    return datetime.now()


def _apply(
    root: Path, planned: PlannedFile, hashes: dict[str, str], dry_run: bool, force: bool
) -> FileStatus:
    target = safe_join(root, planned.path)
    if planned.text is None:
        if target.is_dir():
            return FileStatus(planned.path, "identical")
        if target.exists():
            return FileStatus(planned.path, "conflict")
        if not dry_run:
            target.mkdir(parents=True, exist_ok=True)
        return FileStatus(planned.path, "create")
    status = _status(target, planned, hashes, force)
    if status in ("conflict", "skip") and is_settings_file(planned.path) and target.is_file():
        return _merge(root, target, planned, dry_run)
    if status in WRITES and not dry_run:
        try:
            create_note(root, planned.path, planned.text, overwrite=force)
        except ConflictError:  # it appeared while we were writing: leave it alone
            return FileStatus(planned.path, "conflict")
    return FileStatus(planned.path, status)


def _merge(root: Path, target: Path, planned: PlannedFile, dry_run: bool) -> FileStatus:
    """The vault's own Obsidian settings plus the kit's missing ones (see settings_merge)."""
    try:
        current = target.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return FileStatus(planned.path, "conflict")
    merge = merge_settings(current, planned.text)
    if merge is None:
        return FileStatus(planned.path, "conflict")
    if not merge.added:
        return FileStatus(planned.path, "keep", kept=tuple(merge.kept))

    def add_missing(text: str) -> str:
        # Merged again under the write lock, from what is on disk now.
        again = merge_settings(text, planned.text)
        if again is None:
            raise ConflictError("changed while vaultkit was merging it", path=planned.path)
        return again.text

    if not dry_run:
        try:
            update_note(root, planned.path, add_missing)
        except ConflictError:
            return FileStatus(planned.path, "conflict")
    return FileStatus(planned.path, "merge", tuple(merge.added), tuple(merge.kept))


def _status(target: Path, planned: PlannedFile, hashes: dict[str, str], force: bool) -> str:
    if not target.exists():
        return "create"
    if target.is_dir():
        return "conflict"
    if target.read_bytes() == planned.text.encode("utf-8"):
        return "identical"
    if force:
        return "overwrite"
    return "skip" if planned.path in hashes else "conflict"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_answers(root: Path, kit_name: str) -> dict[str, Any]:
    """What an earlier scaffold of the same kit recorded (empty if none)."""
    path = root / ANSWERS_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise VaultError(f"invalid answers file: {exc}; fix or delete it", path=str(path)) from None
    if data.get("kit") != kit_name:
        return {}
    return data


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes, plus DEL, which TOML also wants escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def answers_text(kit: Kit, answers: Mapping[str, Any], hashes: Mapping[str, str]) -> str:
    """The answers file as TOML (JSON strings are valid TOML basic strings)."""
    lines = [
        "# Written by `vaultkit scaffold`: the kit and answers this vault was made with.",
        "# A later run re-uses these answers and leaves files you edited alone.",
        f"kit = {toml_string(kit.name)}",
        f"version = {toml_string(kit.version)}",
        "",
        "[answers]",
    ]
    for name, value in answers.items():
        rendered = str(value) if isinstance(value, int) else toml_string(str(value))
        key = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else toml_string(name)
        lines.append(f"{key} = {rendered}")
    lines += ["", "# sha256 of each file as vaultkit wrote it", "[files]"]
    lines += [f"{toml_string(p)} = {toml_string(h)}" for p, h in sorted(hashes.items())]
    return "\n".join(lines) + "\n"


def _write_answers(root: Path, text: str, dry_run: bool) -> str:
    path = root / ANSWERS_FILE
    if path.is_file() and path.read_bytes() == text.encode("utf-8"):
        return "identical"
    status = "update" if path.exists() else "create"
    if not dry_run:
        create_note(root, ANSWERS_FILE, text, overwrite=True)
    return status
