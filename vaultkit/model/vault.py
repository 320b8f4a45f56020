"""The vault: every note parsed, every link resolved, and the graph.

``Vault.load(root)`` lists the files (``walk``), parses each Markdown note
(``parse_note``: bytes -> ``Note``), resolves every link with one
``Resolver`` index, and builds the backlink and tag indices. The networkx
graph is built only when ``vault.graph`` is first used, because importing
networkx alone costs about a quarter of a second.
"""

from __future__ import annotations

import functools
import gc
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vaultkit.errors import VaultError
from vaultkit.model import frontmatter, markdown
from vaultkit.model.processes import ChildFailed, Forked, run_detached
from vaultkit.model.processes import cpu_jobs as _jobs
from vaultkit.model.reader import decode
from vaultkit.model.resolve import Resolver, key
from vaultkit.model.settings import ObsidianSettings
from vaultkit.model.types import Heading, Link, Note, Problem
from vaultkit.model.walk import FileEntry, walk

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

T = TypeVar("T")


@dataclass(frozen=True)
class LoadOptions:
    """How a vault is read. Every field changes what parsing produces."""

    index_comments: bool = False
    """Index links and tags inside ``%% %%`` and ``<!-- -->`` comments.
    Obsidian does not (they are not in outgoing links or backlinks)."""
    max_note_bytes: int = 20_000_000
    """Notes larger than this are not parsed (a ``too-large`` problem)."""
    max_frontmatter_bytes: int = 1_000_000
    follow_symlinks_outside: bool = False
    """Follow symlinks that point outside the vault (off: they are reported)."""

    @classmethod
    def from_config(cls, config: dict) -> LoadOptions:
        """Options from the ``[model]`` section of ``.vaultkit.toml``."""
        section = config.get("model", {})
        known = {f.name: f.type for f in fields(cls)}
        unknown = set(section) - set(known)
        if unknown:
            raise VaultError(
                f"unknown [model] option(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}",
                path=config.get("_path"),
            )
        for name, value in section.items():
            expected = bool if known[name] == "bool" else int
            if type(value) is not expected:
                raise VaultError(
                    f"[model] {name} must be {'true or false' if expected is bool else 'a number'}",
                    path=config.get("_path"),
                )
        return cls(**section)


def _gc_paused(func: Callable[..., T]) -> Callable[..., T]:
    """Run ``func`` with the cyclic garbage collector off, then freeze what it made.

    Loading creates ~100 objects per note and no reference cycles; with the
    collector on, its repeated passes over the growing heap cost ~15% of a
    cold load and about half of a cached one (measured at 10,000 notes).
    Once loaded, ``gc.freeze()`` moves them out of the collector's sight: on
    re-enabling, its first passes would otherwise walk all of them three
    times (0.2-0.4 s at 10,000 notes, in every command after the load).
    Frozen objects are still freed by reference counting when dropped;
    ``gc.unfreeze()`` hands them back to the collector.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        enabled = gc.isenabled()
        gc.disable()
        try:
            result = func(*args, **kwargs)
            gc.freeze()
            return result
        finally:
            if enabled:
                gc.enable()

    return wrapper


@dataclass
class LoadStats:
    """What a load did, for the cache guard tests and ``--verbose``."""

    files: int = 0
    parsed: int = 0
    cached: int = 0
    parsed_bytes: int = 0
    """Size of the notes parsed (not served from the cache)."""


def parse_note(path: str, data: bytes, options: LoadOptions | None = None) -> Note:
    """Parse one note's bytes. Never raises for bad content: problems are recorded."""
    options = options or LoadOptions()
    text, problems = decode(data)
    fm = frontmatter.parse(text, max_bytes=options.max_frontmatter_bytes)
    found = markdown.scan(text, fm.end_offset, index_comments=options.index_comments)
    note = Note(
        path=path,
        properties=fm.properties,
        frontmatter_end=fm.end_line,
        tags=fm.tags + found.tags,
        aliases=fm.aliases,
        headings=found.headings,
        blocks=found.blocks,
        links=fm.links + found.links,
        problems=problems + fm.problems,
        deprecated=fm.deprecated,
        comments=found.comments,
        size=len(data),
        line_count=text.count("\n") + 1 if text else 0,
    )
    for link in note.links:
        link.source = path
    for problem in note.problems:
        problem.path = path
    return note


def read_note(entry: FileEntry, options: LoadOptions) -> Note:
    """Read and parse one note from disk; unreadable or huge notes get a problem."""
    if entry.size > options.max_note_bytes:
        note = Note(path=entry.path, size=entry.size)
        note.problems.append(
            Problem(
                "too-large",
                f"note is {entry.size:,} bytes, over the {options.max_note_bytes:,}-byte limit; not parsed",
                path=entry.path,
            )
        )
    else:
        try:
            with open(entry.abspath, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            note = Note(path=entry.path, size=entry.size)
            note.problems.append(
                Problem("unreadable", f"cannot read: {exc.strerror}", path=entry.path)
            )
        else:
            note = parse_note(entry.path, data, options)
    note.mtime_ns = entry.mtime_ns
    return note


def _counter(total: int, done: int, report: Callable[[int, int], None] | None) -> Progress | None:
    """Turn "n more notes" into ``report(done, total)`` calls."""
    if report is None:
        return None
    state = [done]
    report(done, total)

    def step(count: int) -> None:
        state[0] += count
        report(state[0], total)

    return step


def resolve_links(resolver: Resolver, note: Note) -> None:
    """Fill in which file each of the note's links opens."""
    for link in note.links:
        resolve_link(resolver, link, note.path)


def resolve_link(resolver: Resolver, link: Link, source: str) -> None:
    if not link.target:  # [[#Heading]] and [t](#Heading) point into the same note
        link.resolved = source
        link.candidates = ()
        return
    link.resolved, link.candidates = resolver.resolve(link.target, source)
    if link.resolved and not link.resolved.lower().endswith(".md"):
        link.heading, link.block = (), None  # #page=3 of a PDF is not a heading


# Below this many bytes to parse, starting a process costs more than it
# saves. A plain fork costs milliseconds (a multiprocessing pool cost ~0.1 s
# and needed 4 MB): the 1,000-note bench vault (2.7 MB) loads in 0.26 s
# instead of 0.32 s on two CPUs, ttrpg-share in 0.44 s instead of 0.49 s.
PARALLEL_MIN_BYTES = 1_000_000


Progress = Callable[[int], None]
"""Called with how many more notes were read, as parsing goes."""


def parse_files(
    entries: list[FileEntry],
    options: LoadOptions,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    resolve: Callable[[Note], None] | None = None,
) -> list[Note]:
    """Read and parse notes (and ``resolve`` each), on several CPUs when there is enough.

    Forked children take a share each and send their notes back as plain
    tuples (cheap to pickle) through a pipe; this process does the last
    share meanwhile. Any failure in a child falls back to its share here.
    """
    jobs = _jobs(jobs)
    if jobs < 2 or sum(e.size for e in entries) < PARALLEL_MIN_BYTES:
        return _read_all(entries, options, progress, resolve)
    shares = _shares(entries, jobs)
    children: list[Forked | None] = []
    for share in shares[:-1]:
        try:
            children.append(Forked(_parse_rows, share, options, resolve))
        except OSError:
            children.append(None)
    own = _read_all(shares[-1], options, progress, resolve)
    notes: list[Note] = []
    for share, child in zip(shares[:-1], children, strict=True):
        notes += _notes_from(child, share, options, resolve)
        if progress:
            progress(len(share))
    return notes + own


def _read_all(
    entries: list[FileEntry],
    options: LoadOptions,
    progress: Progress | None,
    resolve: Callable[[Note], None] | None = None,
) -> list[Note]:
    notes = []
    step = 100 if progress else len(entries) or 1
    for start in range(0, len(entries), step):
        chunk = [read_note(entry, options) for entry in entries[start : start + step]]
        if resolve:
            for note in chunk:
                resolve(note)
        notes += chunk
        if progress:
            progress(len(chunk))
    return notes


# A worker also turns its notes into tuples and pickles them (~23% more
# than parsing them), and this process unpickles them after its own share:
# it takes this much more to parse, so both finish at about the same time
# (Vault.load, median of 3, against equal shares: 6.7 -> 6.0 s at 50,000
# notes, 1.23 -> 1.16 s at 10,000; 1.35 was no better).
OWN_SHARE_WEIGHT = 1.2


def _shares(
    entries: list[FileEntry], count: int, own_weight: float = OWN_SHARE_WEIGHT
) -> list[list[FileEntry]]:
    """Split into ``count`` runs by bytes, keeping path order; the last (this
    process's) gets ``own_weight`` times the bytes of each other one."""
    total = sum(e.size for e in entries) or 1
    weights = [1.0] * (count - 1) + [own_weight]
    bounds, edge = [], 0.0
    for weight in weights[:-1]:
        edge += weight / sum(weights) * total
        bounds.append(edge)
    shares: list[list[FileEntry]] = [[] for _ in range(count)]
    done, share = 0, 0
    for entry in entries:
        while share < count - 1 and done >= bounds[share]:
            share += 1
        shares[share].append(entry)
        done += entry.size
    return shares


def _parse_rows(
    entries: list[FileEntry], options: LoadOptions, resolve: Callable[[Note], None] | None
) -> list[tuple]:
    from vaultkit.model.cache import _note_to_row

    return [_note_to_row(note) for note in _read_all(entries, options, None, resolve)]


def _notes_from(
    child: Forked | None,
    share: list[FileEntry],
    options: LoadOptions,
    resolve: Callable[[Note], None] | None,
) -> list[Note]:
    from vaultkit.model.cache import _note_from_row

    try:
        if child is None:
            raise ChildFailed("no worker process could be started")
        return [_note_from_row(row) for row in child.result()]
    except Exception:  # a child that died or failed: parse its share here
        return _read_all(share, options, None, resolve)


@dataclass
class Vault:
    """An Obsidian vault, parsed and resolved. Build one with ``Vault.load``."""

    root: Path
    notes: dict[str, Note]
    attachments: dict[str, int]
    """Every file that is not a Markdown note: path -> size in bytes."""
    problems: list[Problem] = field(default_factory=list)
    settings: ObsidianSettings = field(default_factory=ObsidianSettings)
    options: LoadOptions = field(default_factory=LoadOptions)
    stats: LoadStats = field(default_factory=LoadStats)

    @classmethod
    @_gc_paused
    def load(
        cls,
        root: Path | str,
        options: LoadOptions | None = None,
        *,
        cache: bool | Path = False,
        jobs: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        background_save: bool = False,
        defer_save: bool = False,
        walked: tuple[list[FileEntry], list[Problem]] | None = None,
    ) -> Vault:
        """Read the vault at ``root``. Bad notes are recorded, never raised.

        ``cache=True`` reuses notes parsed on an earlier run from
        ``<vault>/.vaultkit/cache/`` (a path puts the cache there instead);
        see ``vaultkit.model.cache``. ``jobs`` is how many processes parse
        notes (default: ``$VAULTKIT_JOBS``, else one per CPU for large vaults).
        ``progress(done, total)`` is called as notes are read, for a
        progress bar (the library itself never prints). With
        ``background_save``, a large cache is written by a detached process
        while the caller goes on (for a command that exits soon after; the
        write is atomic, so a run that starts meanwhile just parses again).
        With ``defer_save``, nothing is written until ``vault.save_cache()``
        is called: a caller that forks a writer of its own after its work
        (as lint does) saves the copy-on-write faults a writer forked now
        would cost while that work touches the notes.
        ``walked``: what ``walk(root)`` returned, when the caller has just
        listed the vault (with the same ``follow_symlinks_outside``).
        """
        root = Path(root)
        if not root.is_dir():
            raise VaultError(
                "not a folder; point vaultkit at a vault's root folder", path=str(root)
            )
        if options is None:
            from vaultkit.config import load_config

            options = LoadOptions.from_config(load_config(root))
        entries, problems = walked or walk(root, follow_outside=options.follow_symlinks_outside)
        store = None
        if cache:
            from vaultkit.model.cache import NoteCache, detached_lock

            store = NoteCache.open(root, options, [e.path for e in entries], cache)
        notes: dict[str, Note] = {}
        attachments: dict[str, int] = {}
        to_parse: list[FileEntry] = []
        for entry in entries:
            if entry.path.lower().endswith(".md"):
                note = store.get(entry) if store else None
                if note is None:
                    to_parse.append(entry)
                notes[entry.path] = note  # type: ignore[assignment]  # filled in below
            else:
                attachments[entry.path] = entry.size
        counter = _counter(len(notes), len(notes) - len(to_parse), progress)
        # Built before parsing, so each worker resolves the notes it parsed.
        resolver = Resolver(e.path for e in entries)
        resolve = functools.partial(resolve_links, resolver)
        parsed = parse_files(to_parse, options, jobs=jobs, progress=counter, resolve=resolve)
        for entry, note in zip(to_parse, parsed, strict=True):
            notes[entry.path] = note
        vault = cls(root, notes, attachments, list(problems), ObsidianSettings.read(root), options)
        cached = store.served if store else 0
        parsed_bytes = sum(entry.size for entry in to_parse)
        vault.stats = LoadStats(len(entries), len(notes) - cached, cached, parsed_bytes)
        resolved = {entry.path for entry in to_parse}
        vault._index(resolver, resolved | store.still_resolved() if store else resolved)
        vault._unsaved = store if defer_save else None
        if store and not defer_save:
            if background_save and parsed_bytes >= PARALLEL_MIN_BYTES and _jobs(jobs) > 1:
                lock = detached_lock(store.path.parent)
                run_detached(functools.partial(store.save, vault), lock)
            else:
                store.save(vault)
        return vault

    def save_cache(self) -> None:
        """Write the parse cache that ``Vault.load(..., defer_save=True)`` left unwritten."""
        store, self._unsaved = getattr(self, "_unsaved", None), None
        if store is not None:
            store.save(self)

    # -- indices -----------------------------------------------------------

    def _index(self, resolver: Resolver, resolved: set[str] | frozenset[str] = frozenset()) -> None:
        """Resolve links (except in the notes in ``resolved``, done already) and index."""
        self._resolver = resolver
        self._graph: nx.DiGraph | None = None
        self._incoming: dict[str, list[Link]] = {}
        self.unresolved: list[Link] = []
        """Every link that resolves to nothing, in path and line order."""
        for note in self.notes.values():
            fresh = note.path not in resolved
            for link in note.links:
                if fresh:
                    self._resolve_link(link, note.path)
                if link.resolved is None:
                    self.unresolved.append(link)
                elif link.resolved != note.path:
                    self._incoming.setdefault(link.resolved, []).append(link)
        self.tags: dict[str, set[str]] = {}
        """Tag (case-folded, without ``#``) -> paths of the notes that carry it."""
        self.aliases: dict[str, set[str]] = {}
        """Alias (case-folded) -> paths of the notes that declare it."""
        for note in self.notes.values():
            for tag in note.tags:
                self.tags.setdefault(tag.key, set()).add(note.path)
            for alias in note.aliases:
                self.aliases.setdefault(key(alias), set()).add(note.path)

    def _resolve_link(self, link: Link, source: str) -> None:
        resolve_link(self._resolver, link, source)

    # -- queries -----------------------------------------------------------

    def resolve(self, target: str, source: str = "") -> str | None:
        """The vault path Obsidian would open for ``[[target]]`` written in ``source``."""
        return self._resolver.resolve(_target_only(target), source)[0]

    def resolve_candidates(
        self, target: str, source: str = ""
    ) -> tuple[str | None, tuple[str, ...]]:
        """Like ``resolve``, plus every matching path when the name was ambiguous."""
        return self._resolver.resolve(_target_only(target), source)

    def links(self) -> Iterator[Link]:
        """Every link of every note, in path then position order."""
        for note in self.notes.values():
            yield from note.links

    def backlinks(self, path: str) -> list[Link]:
        """Links from *other* notes that resolve to ``path``."""
        return list(self._incoming.get(path, ()))

    def has_backlinks(self, path: str) -> bool:
        """Does a link from another note resolve to ``path``? (Self-links do not count.)"""
        return path in self._incoming

    def outlinks(self, path: str) -> list[Link]:
        note = self.notes.get(path)
        return list(note.links) if note else []

    def notes_with_tag(self, tag: str, nested: bool = True) -> set[str]:
        """Paths of notes tagged ``tag``; with ``nested``, ``#a`` also finds ``#a/b``."""
        wanted = tag.lstrip("#").casefold()
        found = set(self.tags.get(wanted, ()))
        if nested:
            prefix = wanted + "/"
            for name, paths in self.tags.items():
                if name.startswith(prefix):
                    found |= paths
        return found

    def find_heading(self, path: str, heading_path: tuple[str, ...] | list[str]) -> Heading | None:
        """The heading a ``#H1#H2`` link points at, or None.

        Headings compare after ``heading_key``: case, Unicode form, runs of
        whitespace and the characters Obsidian drops from heading links
        (``# | ^ : % [ ]``) and Markdown emphasis marks do not matter. Each
        later part of a chain must be a sub-heading of the part before it.
        """
        note = self.notes.get(path)
        if note is None or not heading_path:
            return None
        return _find_chain(note.headings, [heading_key(h) for h in heading_path])

    def has_block(self, path: str, block_id: str) -> bool:
        note = self.notes.get(path)
        wanted = block_id.lstrip("^").casefold()
        return note is not None and any(b.id.casefold() == wanted for b in note.blocks)

    @property
    def graph(self) -> nx.DiGraph:
        """The link graph (built on first use; networkx is imported then)."""
        if self._graph is None:
            self._graph = self._build_graph()
        return self._graph

    def _build_graph(self) -> nx.DiGraph:
        import networkx as nx

        graph = nx.DiGraph()
        for path, note in self.notes.items():
            graph.add_node(path, kind="note", tags=sorted(note.tag_names))
        for path in self.attachments:
            graph.add_node(path, kind="attachment")
        for link in self.links():
            if link.resolved is None:
                continue
            edge = graph.get_edge_data(link.source, link.resolved)
            if edge is None:
                graph.add_edge(link.source, link.resolved, links=[link])
            else:
                edge["links"].append(link)
        return graph


_SUBPATH = re.compile(r"[#|].*$", re.DOTALL)
_HEADING_DROP = re.compile(r"[#|^:%\[\]*_=~`]")
_SPACES = re.compile(r"\s+")


def _target_only(target: str) -> str:
    """``Note#Heading|shown`` -> ``Note``: what ``resolve`` compares."""
    return _SUBPATH.sub("", target)


@functools.lru_cache(maxsize=1 << 16)  # every link to a note re-reads its headings
def heading_key(text: str) -> str:
    """How heading link text is compared with a heading (see ``find_heading``)."""
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", _HEADING_DROP.sub(" ", text)).strip().casefold()


def _find_chain(headings: list[Heading], wanted: list[str]) -> Heading | None:
    for index, heading in enumerate(headings):
        if heading_key(heading.text) != wanted[0]:
            continue
        if len(wanted) == 1:
            return heading
        # only the sub-headings of this heading may continue the chain
        end = index + 1
        while end < len(headings) and headings[end].level > heading.level:
            end += 1
        found = _find_chain(headings[index + 1 : end], wanted[1:])
        if found is not None:
            return found
    return None
