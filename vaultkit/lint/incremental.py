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
parse cache's checked frame (``write_result``/``read_result``), one list
per field (columns unpickle several times faster than one tuple per note):
for each note its size and mtime, its findings, the notes it links to, how
many other notes link to it, its aliases and whether it has an unresolved
link; and broken-link's near-miss answers, which depend only on the file
names. A note modified within ``RACY_NS`` of a run, or one that could not be
read, is never trusted: it is re-checked next time. A run that would
re-check more than an eighth of the vault loads the whole vault instead
(from the parse cache), which is faster by then.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from vaultkit.lint.config import LintConfig
from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.index import index_for
from vaultkit.lint.linter import (
    active_rules,
    forget_index,
    lint_note,
    lint_notes,
    lint_vault_files,
)
from vaultkit.model.cache import (
    RACY_NS,
    CacheCorrupt,
    _loads,
    _settings_stamps,
    cache_dir,
    cache_key,
    detached_lock,
    read_result,
    write_result,
)
from vaultkit.model.processes import run_detached
from vaultkit.model.resolve import Resolver, key
from vaultkit.model.settings import ObsidianSettings
from vaultkit.model.types import Link, Note, Problem
from vaultkit.model.vault import (
    PARALLEL_MIN_BYTES,
    LoadOptions,
    Vault,
    _gc_paused,
    read_note,
    resolve_links,
)
from vaultkit.model.walk import FileEntry, walk

STATE = "lint-state"
FORMAT = 3  # 3: Diagnostic gained `edits` (a state of 2 holds shorter finding tuples)
# Re-checking a note from disk costs several times its share of a whole
# cached load; past an eighth of the vault, loading it all is faster.
MAX_SHARE = 8
# Below this many notes the state is written in a few milliseconds: no
# detached writer (whose fork costs about as much).
BACKGROUND_MIN_NOTES = 2000
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
    vault: Vault | None = field(default=None, repr=False)
    """The whole vault, when this run loaded it (``full`` runs)."""


@dataclass
class _State:
    """What the last run knew, one list per field, indexed like ``paths``."""

    key: str
    files: str
    """Digest of every file's path: resolution depends on nothing else."""
    paths: list[str]
    sizes: list[int]
    mtimes: list[int]
    trusted: list[bool]
    targets: list[tuple[int, ...]]
    """The other notes each note links to (indices)."""
    incoming: list[int]
    """How many other notes link to each note (orphan-note)."""
    aliases: list[tuple[str, ...]]
    unresolved: list[bool]
    """It has a link that opens nothing (its broken-link hint reads every alias)."""
    findings: list[tuple[tuple, ...] | None]
    """Each note's findings as tuples of Diagnostic fields; None: never checked."""
    suggestions: dict[str, str | None] = field(default_factory=dict)

    def update(
        self,
        i: int,
        note: Note,
        found: list[Diagnostic] | None,
        started: int,
        position: dict[str, int],
    ) -> None:
        """Record what note ``i`` is now (its findings when it was checked)."""
        self.sizes[i], self.mtimes[i] = note.size, note.mtime_ns
        self.trusted[i] = _trusted(note, started)
        self.targets[i] = _targets(note, position)
        self.aliases[i] = tuple(sorted({key(alias) for alias in note.aliases}))
        self.unresolved[i] = any(link.resolved is None for link in note.links)
        self.findings[i] = None if found is None else tuple(map(_AS_TUPLE, found))

    def columns(self) -> tuple:
        return (
            self.paths,
            self.sizes,
            self.mtimes,
            self.trusted,
            self.targets,
            self.incoming,
            self.aliases,
            self.unresolved,
            self.findings,
            self.suggestions,
        )


@_gc_paused  # tens of thousands of small tuples, no cycles (see _gc_paused)
def lint_with_state(
    root: Path,
    config: LintConfig,
    options: LoadOptions,
    key_extra: str,
    paths: Iterable[str] | None = None,
    walked: tuple[list[FileEntry], list[Problem]] | None = None,
    *,
    background_save: bool = False,
) -> LintRun:
    """Lint the vault at ``root``, reusing the last run's findings where they still hold.

    ``key_extra`` names everything else the findings depend on (config,
    selection, lint sources); a different one starts afresh. ``paths``:
    vault paths of the notes to report (None: all). ``walked``: the vault's
    ``walk`` when the caller already has it. With ``background_save``, the
    state (and a cold parse cache) is written by a detached process, for a
    command that exits right after.
    """
    root = Path(root)
    entries, problems = walked or walk(root, follow_outside=options.follow_symlinks_outside)
    wanted = None if paths is None else set(paths)
    state_key = _state_key(root, options, key_extra)
    state = _read_state(root, state_key, entries)
    run = None
    if state is not None:
        run = _incremental(root, config, options, entries, problems, state, wanted)
    if run is not None:
        background = background_save and len(state.paths) >= BACKGROUND_MIN_NOTES
        _save(root, functools.partial(_same, state), run.started, background)
        return run
    started = time.time_ns()
    run, make_state = _full(root, config, options, state_key, wanted, walked)
    vault = run.vault
    assert vault is not None
    # One writer for the parse cache and the state, forked after linting:
    # a writer forked before would hold a copy-on-write snapshot that every
    # page lint touches has to be copied out of (~1 s at 50,000 notes).
    background = background_save and (
        len(entries) >= BACKGROUND_MIN_NOTES or vault.stats.parsed_bytes >= PARALLEL_MIN_BYTES
    )
    _save(root, make_state, started, background, vault.save_cache)
    return run


def _same(state: _State) -> _State:
    return state


# -- the whole vault ------------------------------------------------------------


def _full(
    root: Path,
    config: LintConfig,
    options: LoadOptions,
    state_key: str,
    wanted: set[str] | None,
    walked: tuple[list[FileEntry], list[Problem]] | None,
) -> tuple[LintRun, Callable[[], _State]]:
    """Load and lint the whole vault; its cache and state are written later (``_save``)."""
    started = time.time_ns()
    vault = Vault.load(root, options=options, cache=True, defer_save=True, walked=walked)
    active = active_rules(config)
    index = index_for(vault, config.template_folders)
    try:
        notes = [n for path, n in vault.notes.items() if wanted is None or path in wanted]
        found_per_note = lint_notes(vault, notes, active, config, index)
        by_note = {note.path: found for note, found in zip(notes, found_per_note, strict=True)}
        files = list(lint_vault_files(vault, active, config, wanted))
        suggestions = dict(index.suggestions)
    finally:
        forget_index()
    found = [d for found in by_note.values() for d in found]
    run = LintRun(
        _sorted(found + files), "full", checked=len(by_note), parsed=vault.stats.parsed, vault=vault
    )
    return run, functools.partial(_new_state, state_key, vault, by_note, suggestions, started)


def _new_state(
    state_key: str,
    vault: Vault,
    by_note: dict[str, list[Diagnostic]],
    suggestions: dict[str, str | None],
    started: int,
) -> _State:
    paths = list(vault.notes)
    count = len(paths)
    state = _State(
        state_key,
        _files_digest([*vault.notes, *vault.attachments]),
        paths,
        [0] * count,
        [0] * count,
        [False] * count,
        [()] * count,
        [0] * count,
        [()] * count,
        [False] * count,
        [None] * count,
        suggestions,
    )
    position = {path: i for i, path in enumerate(paths)}
    for i, note in enumerate(vault.notes.values()):
        state.update(i, note, by_note.get(note.path), started, position)
        for target in state.targets[i]:
            state.incoming[target] += 1
    return state


def _targets(note: Note, position: dict[str, int]) -> tuple[int, ...]:
    found = {position.get(link.resolved) for link in note.links if link.resolved != note.path}  # type: ignore[arg-type]
    found.discard(None)
    return tuple(sorted(found))  # type: ignore[type-var]  # None was discarded


def _trusted(note: Note, started: int) -> bool:
    if note.mtime_ns >= started - RACY_NS:
        return False  # a second edit within the same mtime tick would go unseen
    return not any(problem.kind in UNTRUSTED for problem in note.problems)


# -- only what changed ----------------------------------------------------------


@dataclass
class _IncrementalRun(LintRun):
    started: int = 0


def _incremental(
    root: Path,
    config: LintConfig,
    options: LoadOptions,
    entries: list[FileEntry],
    problems: list[Problem],
    state: _State,
    wanted: set[str] | None,
) -> _IncrementalRun | None:
    """The stored findings, with the notes a change can affect checked again.

    None when so much changed that loading the whole vault is faster.
    """
    started = time.time_ns()
    notes = [e for e in entries if e.path.lower().endswith(".md")]
    changed = [
        i
        for i, (entry, size, mtime, trusted) in enumerate(
            zip(notes, state.sizes, state.mtimes, state.trusted, strict=True)
        )
        if not trusted or entry.size != size or entry.mtime_ns != mtime
    ]
    if len(changed) * MAX_SHARE > len(notes):
        return None
    vault = _OnDemandVault(root, entries, problems, options, state.paths)
    affected = _refresh_changed(vault, state, changed, started)
    affected.update(
        i
        for i, found in enumerate(state.findings)
        if found is None and _wants(wanted, state.paths[i])
    )
    if len(affected) * MAX_SHARE > len(notes):
        return None
    vault.aliases = _aliases(state)
    vault.incoming = state.incoming
    active = active_rules(config)
    index = index_for(vault, config.template_folders)
    index.suggestions = dict(state.suggestions)
    try:
        for i in sorted(affected):
            note = vault.notes[state.paths[i]]
            found = lint_note(vault, note, active, config, index)
            state.findings[i] = tuple(map(_AS_TUPLE, found))
        files = list(lint_vault_files(vault, active, config, wanted))
        state.suggestions = index.suggestions
    finally:
        forget_index()
    found = [
        Diagnostic(*item)
        for path, findings in zip(state.paths, state.findings, strict=True)
        if findings and _wants(wanted, path)
        for item in findings
    ]
    return _IncrementalRun(
        _sorted(found + files),
        "incremental",
        changed=len(changed),
        checked=len(affected),
        parsed=vault.notes.parsed,
        started=started,
    )


def _refresh_changed(
    vault: _OnDemandVault, state: _State, changed: list[int], started: int
) -> set[int]:
    """Re-read the changed notes into ``state``; return every note to check again."""
    affected = set(changed)
    aliases_changed = False
    for i in changed:
        old_targets, old_aliases = state.targets[i], state.aliases[i]
        state.update(i, vault.notes[state.paths[i]], None, started, vault.position)
        for target in old_targets:
            state.incoming[target] -= 1
        for target in state.targets[i]:
            state.incoming[target] += 1
        affected.update(old_targets, state.targets[i])  # their orphan status may flip
        aliases_changed = aliases_changed or old_aliases != state.aliases[i]
    edited = set(changed)
    # Notes linking to a changed note read its headings and block ids.
    affected.update(i for i, targets in enumerate(state.targets) if not edited.isdisjoint(targets))
    if aliases_changed:
        affected.update(i for i, unresolved in enumerate(state.unresolved) if unresolved)
    return affected


def _aliases(state: _State) -> dict[str, set[str]]:
    """Alias -> notes declaring it, as ``Vault.aliases`` (broken-link's hints read it)."""
    found: dict[str, set[str]] = {}
    for path, aliases in zip(state.paths, state.aliases, strict=True):
        for alias in aliases:
            found.setdefault(alias, set()).add(path)
    return found


def _wants(wanted: set[str] | None, path: str) -> bool:
    return wanted is None or path in wanted


def _sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(found, key=lambda d: d.sort_key)


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
        self._resolver = Resolver(e.path for e in entries)
        on_demand = _NotesOnDemand(notes, options, functools.partial(resolve_links, self._resolver))
        settings = ObsidianSettings.read(root)
        super().__init__(root, on_demand, attachments, problems, settings, options)  # type: ignore[arg-type]
        self.paths = paths
        self.position = {path: i for i, path in enumerate(paths)}
        self.aliases: dict[str, set[str]] = {}
        self.incoming: list[int] = []
        """How many other notes link to each note, indexed like ``paths``."""

    def has_backlinks(self, path: str) -> bool:
        return self.incoming[self.position[path]] > 0

    def links(self) -> Iterator[Link]:
        raise NotImplementedError("an on-demand vault does not list every link")

    def backlinks(self, path: str) -> list[Link]:
        raise NotImplementedError("an on-demand vault has no backlink index")


# -- the state file -------------------------------------------------------------


def _state_key(root: Path, options: LoadOptions, key_extra: str) -> str:
    parts = [FORMAT, cache_key(options), key_extra, _settings_stamps(root)]
    return hashlib.blake2b(json.dumps(parts).encode(), digest_size=20).hexdigest()


def _files_digest(paths: Iterable[str]) -> str:
    """Which files exist (notes and attachments)."""
    joined = "\0".join(sorted(paths)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(joined, digest_size=20).hexdigest()


def _read_state(root: Path, state_key: str, entries: list[FileEntry]) -> _State | None:
    data = read_result(root, STATE, state_key)
    if data is None:
        return None
    try:
        fmt, files, columns = _loads(data)
        if fmt != FORMAT or files != _files_digest(e.path for e in entries):
            return None  # a file was added, removed or renamed: lint it all
        state = _State(state_key, files, *columns)
        count = len(state.paths)
        if any(len(column) != count for column in state.columns()[:-1]):
            return None
        return state
    except (CacheCorrupt, pickle.UnpicklingError, TypeError, ValueError, EOFError):
        return None


def _save(
    root: Path,
    make_state: Callable[[], _State],
    started: int,
    background: bool,
    save_cache: Callable[[], None] | None = None,
) -> None:
    """Write the parse cache, then build and write the state (atomically; in
    a detached process when ``background``).

    Building the state after a whole-vault run reads every link again
    (~0.1 s at 10,000 notes), and a cold parse cache is ~0.3 s of pickling:
    work the user need not wait for.
    """
    # Settings edited just now: their mtime cannot vouch for them yet.
    racy = any(mtime >= started - RACY_NS for _, _, mtime in _settings_stamps(root))
    if racy and save_cache is None:
        return
    write = functools.partial(_write_state, root, None if racy else make_state, save_cache)
    if background:
        run_detached(write, detached_lock(cache_dir(root, True)))
    else:
        write()


def _write_state(
    root: Path, make_state: Callable[[], _State] | None, save_cache: Callable[[], None] | None
) -> None:
    if save_cache is not None:
        save_cache()
    if make_state is None:
        return
    state = make_state()
    payload = (FORMAT, state.files, state.columns())
    write_result(root, STATE, state.key, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
