"""Lint again after a few notes changed, re-checking only what they can affect.

Why: a pre-commit hook lints after every edit. Loading a 10,000-note vault
from the parse cache and running every rule over every note costs ~0.8 s;
re-reading the edited note and its neighbours costs milliseconds.

What one note's findings depend on, and so what is checked again:

- its own text (every rule): a changed note is always re-checked;
- the headings and block ids of the notes it links to (broken-heading,
  broken-block-ref): the notes that link to a changed note are re-checked;
- whether another note links to it (orphan-note): the notes a changed note
  linked to before, or links to now, are re-checked;
- every note's aliases (broken-link suggests ``[[Name|alias]]``): when a
  changed note's aliases changed, every note with an unresolved link is
  re-checked;
- the names of all files (which file a link opens, ambiguous-link, the
  near-miss suggestion of broken-link): when a file is added, removed or
  renamed, the whole vault is linted again;
- the vaultkit version, lint code, config, selection and settings files:
  part of the state's key, so any change lints the whole vault again.

Nothing else is read by a rule; ``tests/lint/test_incremental.py`` holds
incremental answers equal to whole-vault answers over random edits.

The state lives in ``<vault>/.vaultkit/cache/result-lint-state.bin``, in the
parse cache's checked frame (``write_result``/``read_result``): for each
note its size and mtime, its findings, the notes it links to, its aliases
and whether it has an unresolved link. A note modified within ``RACY_NS`` of
a run, or one that could not be read, is never trusted: it is re-checked
next time. A run that would re-check more than an eighth of the vault loads
the whole vault instead (from the parse cache), which is faster by then.
"""

from __future__ import annotations

import hashlib
import json
import operator
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import NamedTuple

from vaultkit.lint.config import LintConfig
from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.index import index_for
from vaultkit.lint.linter import active_rules, forget_index, lint_note, lint_vault_files
from vaultkit.model.cache import (
    RACY_NS,
    CacheCorrupt,
    _loads,
    _settings_stamps,
    cache_key,
    read_result,
    write_result,
)
from vaultkit.model.resolve import Resolver, key
from vaultkit.model.settings import ObsidianSettings
from vaultkit.model.types import Link, Note, Problem
from vaultkit.model.vault import LoadOptions, Vault, read_note
from vaultkit.model.walk import FileEntry, walk

STATE = "lint-state"
FORMAT = 1
# Re-checking a note from disk costs several times its share of a whole
# cached load; past an eighth of the vault, loading it all is faster.
MAX_SHARE = 8
UNTRUSTED = {"unreadable"}  # a permission fix does not change the mtime
_AS_TUPLE = operator.attrgetter(*(f.name for f in fields(Diagnostic)))


@dataclass
class LintRun:
    """What ``lint_with_state`` found and how much work it took."""

    diagnostics: list[Diagnostic]
    mode: str
    """``incremental`` (only affected notes checked) or ``full`` (whole vault loaded)."""
    changed: int = 0
    """Notes whose file changed since the stored state (incremental runs)."""
    checked: int = 0
    """Notes whose rules ran in this run."""
    parsed: int = 0
    """Notes read and parsed from disk in this run."""


class _Row(NamedTuple):
    """What the state keeps about one note (a plain tuple on disk)."""

    size: int
    mtime_ns: int
    trusted: bool
    targets: tuple[int, ...]
    """Indices (in the state's note list) of the other notes it links to."""
    aliases: tuple[str, ...]
    unresolved: bool
    """It has a link that opens nothing (its broken-link hint reads every alias)."""
    diagnostics: tuple[tuple, ...] | None
    """Its findings as tuples of Diagnostic fields, or None when never checked."""


@dataclass
class _State:
    key: str
    paths: list[str]
    rows: list[_Row]


def lint_with_state(
    root: Path,
    config: LintConfig,
    options: LoadOptions,
    key_extra: str,
    paths: Iterable[str] | None = None,
    walked: tuple[list[FileEntry], list[Problem]] | None = None,
) -> LintRun:
    """Lint the vault at ``root``, reusing the last run's findings where they still hold.

    ``key_extra`` names everything else the findings depend on (config,
    selection, lint sources); a different one starts afresh. ``paths``:
    vault paths of the notes to report (None: all). ``walked``: the vault's
    ``walk`` when the caller already has it.
    """
    root = Path(root)
    entries, problems = walked or walk(root, follow_outside=options.follow_symlinks_outside)
    wanted = None if paths is None else set(paths)
    state = _read_state(root, _state_key(root, options, key_extra), entries)
    run = None
    if state is not None:
        run = _incremental(root, config, options, entries, problems, state, wanted)
    if run is None:
        run = _full(root, config, options, _state_key(root, options, key_extra), wanted)
    return run


# -- the whole vault ------------------------------------------------------------


def _full(
    root: Path, config: LintConfig, options: LoadOptions, state_key: str, wanted: set[str] | None
) -> LintRun:
    started = time.time_ns()
    vault = Vault.load(root, options=options, cache=True, background_save=True)
    active = active_rules(config)
    index = index_for(vault, config.template_folders)
    by_note: dict[str, list[Diagnostic]] = {}
    try:
        for path, note in vault.notes.items():
            if wanted is None or path in wanted:
                by_note[path] = lint_note(vault, note, active, config, index)
        files = list(lint_vault_files(vault, active, config, wanted))
    finally:
        forget_index()
    paths = list(vault.notes)
    position = {path: i for i, path in enumerate(paths)}
    rows = [
        _row_of(note, position, by_note.get(path), started) for path, note in vault.notes.items()
    ]
    digest = _files_digest([*vault.notes, *vault.attachments])
    _write_state(root, _State(state_key, paths, rows), digest, started)
    found = [d for found in by_note.values() for d in found]
    return LintRun(_sorted(found + files), "full", checked=len(by_note), parsed=vault.stats.parsed)


def _row_of(
    note: Note, position: dict[str, int], found: list[Diagnostic] | None, started: int
) -> _Row:
    targets = {position.get(link.resolved) for link in note.links if link.resolved != note.path}  # type: ignore[arg-type]
    targets.discard(None)
    return _Row(
        note.size,
        note.mtime_ns,
        _trusted(note, started),
        tuple(sorted(targets)),  # type: ignore[type-var]  # None was discarded
        tuple(sorted({key(alias) for alias in note.aliases})),
        any(link.resolved is None for link in note.links),
        None if found is None else tuple(map(_AS_TUPLE, found)),
    )


def _trusted(note: Note, started: int) -> bool:
    if note.mtime_ns >= started - RACY_NS:
        return False  # a second edit within the same mtime tick would go unseen
    return not any(problem.kind in UNTRUSTED for problem in note.problems)


# -- only what changed ----------------------------------------------------------


def _incremental(
    root: Path,
    config: LintConfig,
    options: LoadOptions,
    entries: list[FileEntry],
    problems: list[Problem],
    state: _State,
    wanted: set[str] | None,
) -> LintRun | None:
    """The stored findings, with the notes a change can affect checked again.

    None when so much changed that loading the whole vault is faster.
    """
    started = time.time_ns()
    paths, rows = state.paths, state.rows
    stamps = {e.path: (e.size, e.mtime_ns) for e in entries}
    changed = [
        i
        for i, row in enumerate(rows)
        if not row.trusted or (row.size, row.mtime_ns) != stamps[paths[i]]
    ]
    if len(changed) * MAX_SHARE > len(paths):
        return None
    vault = _OnDemandVault(root, entries, problems, options, paths)
    affected = _refresh_changed(vault, rows, changed, started)
    affected.update(
        i for i, row in enumerate(rows) if row.diagnostics is None and _wants(wanted, paths[i])
    )
    if len(affected) * MAX_SHARE > len(paths):
        return None
    vault.aliases = _aliases(paths, rows)
    active = active_rules(config)
    index = index_for(vault, config.template_folders)
    index.linked_from_elsewhere = frozenset(paths[t] for row in rows for t in row.targets)  # type: ignore[misc]
    try:
        for i in sorted(affected):
            note = vault.notes[paths[i]]
            rows[i] = _row_of(
                note, vault.position, lint_note(vault, note, active, config, index), started
            )
        files = list(lint_vault_files(vault, active, config, wanted))
    finally:
        forget_index()
    _write_state(root, state, _files_digest(stamps), started)
    found = [
        Diagnostic(*item)
        for path, row in zip(paths, rows, strict=True)
        if _wants(wanted, path)
        for item in row.diagnostics or ()
    ]
    return LintRun(
        _sorted(found + files),
        "incremental",
        changed=len(changed),
        checked=len(affected),
        parsed=vault.notes.parsed,
    )


def _refresh_changed(
    vault: _OnDemandVault, rows: list[_Row], changed: list[int], started: int
) -> set[int]:
    """Re-read the changed notes into ``rows``; return every note to check again."""
    affected = set(changed)
    aliases_changed = False
    for i in changed:
        old = rows[i]
        new = _row_of(vault.notes[vault.paths[i]], vault.position, None, started)
        affected.update(old.targets, new.targets)  # their orphan status may flip
        aliases_changed = aliases_changed or old.aliases != new.aliases
        rows[i] = new
    edited = set(changed)
    # Notes linking to a changed note read its headings and block ids.
    affected.update(i for i, row in enumerate(rows) if not edited.isdisjoint(row.targets))
    if aliases_changed:
        affected.update(i for i, row in enumerate(rows) if row.unresolved)
    return affected


def _aliases(paths: list[str], rows: list[_Row]) -> dict[str, set[str]]:
    """Alias -> notes declaring it, as ``Vault.aliases`` (broken-link's hints read it)."""
    found: dict[str, set[str]] = {}
    for path, row in zip(paths, rows, strict=True):
        for alias in row.aliases:
            found.setdefault(alias, set()).add(path)
    return found


def _wants(wanted: set[str] | None, path: str) -> bool:
    return wanted is None or path in wanted


def _sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(found, key=lambda d: d.sort_key)


def _stamp(entry: FileEntry) -> tuple[int, int]:
    return entry.size, entry.mtime_ns


class _NotesOnDemand(Mapping[str, Note]):
    """Every note path of the vault; a note is read, parsed and resolved when asked for."""

    def __init__(
        self, entries: dict[str, FileEntry], options: LoadOptions, resolve: Callable[[Note], None]
    ) -> None:
        self._entries = entries
        self._options = options
        self._resolve = resolve
        self._notes: dict[str, Note] = {}

    @property
    def parsed(self) -> int:
        return len(self._notes)

    def __getitem__(self, path: str) -> Note:
        note = self._notes.get(path)
        if note is None:
            note = read_note(self._entries[path], self._options)
            self._resolve(note)
            self._notes[path] = note
        return note

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class _OnDemandVault(Vault):
    """A vault that reads a note only when a rule asks for it.

    It answers what rules use (notes, attachments, problems, settings,
    aliases, link resolution, headings and block ids); the indices that
    need every note (``links``, ``backlinks``, ``tags``, ``unresolved``,
    ``graph``) are not built and fail loudly if asked for.
    """

    def __init__(
        self,
        root: Path,
        entries: list[FileEntry],
        problems: list[Problem],
        options: LoadOptions,
        paths: list[str],
    ) -> None:
        notes = {e.path: e for e in entries if e.path.lower().endswith(".md")}
        attachments = {e.path: e.size for e in entries if e.path not in notes}
        on_demand = _NotesOnDemand(notes, options, self._resolve_links)
        super().__init__(
            root, on_demand, attachments, problems, ObsidianSettings.read(root), options
        )  # type: ignore[arg-type]
        self._resolver = Resolver([e.path for e in entries])
        self.paths = paths
        self.position = {path: i for i, path in enumerate(paths)}
        self.aliases: dict[str, set[str]] = {}

    def _resolve_links(self, note: Note) -> None:
        for link in note.links:
            self._resolve_link(link, note.path)

    def links(self) -> Iterator[Link]:
        raise NotImplementedError("an on-demand vault does not list every link")

    def backlinks(self, path: str) -> list[Link]:
        raise NotImplementedError("an on-demand vault has no backlink index")


# -- the state file -------------------------------------------------------------


def _state_key(root: Path, options: LoadOptions, key_extra: str) -> str:
    parts = [FORMAT, cache_key(options), key_extra, _settings_stamps(root)]
    return hashlib.blake2b(json.dumps(parts).encode(), digest_size=20).hexdigest()


def _files_digest(paths: Iterable[str]) -> str:
    """Which files exist (notes and attachments): link resolution depends on nothing else."""
    joined = "\0".join(sorted(paths)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(joined, digest_size=20).hexdigest()


def _read_state(root: Path, state_key: str, entries: list[FileEntry]) -> _State | None:
    data = read_result(root, STATE, state_key)
    if data is None:
        return None
    try:
        fmt, digest, paths, rows = _loads(data)
        if fmt != FORMAT or digest != _files_digest(e.path for e in entries):
            return None  # a file was added, removed or renamed: lint it all
        return _State(state_key, paths, [_Row(*row) for row in rows])
    except (CacheCorrupt, pickle.UnpicklingError, TypeError, ValueError, EOFError):
        return None


def _write_state(root: Path, state: _State, digest: str, started: int) -> None:
    if any(mtime >= started - RACY_NS for _, _, mtime in _settings_stamps(root)):
        return  # settings edited just now: their mtime cannot vouch for them yet
    payload = (FORMAT, digest, state.paths, [tuple(row) for row in state.rows])
    write_result(root, STATE, state.key, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
