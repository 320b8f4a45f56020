"""The parse cache: notes parsed on an earlier run, reused while their file is unchanged.

Why: a pre-commit hook runs on every commit, and parsing a 10,000-note vault
takes seconds while checking 10,000 sizes and mtimes takes a tenth of one.

Layout: one file, ``<vault>/.vaultkit/cache/notes.bin`` (hidden: Obsidian
and vaultkit skip dot-folders; a ``.gitignore`` beside it keeps it out of
git). It holds, for each note, its size and ``mtime_ns`` when parsed and the
note (links already resolved) as a small pickle of plain tuples. A note is
reused when its path, size and mtime_ns all match; so are its resolved links,
unless a file was added, removed or renamed whose name one of them uses
(resolution depends on nothing else).

Trust: the cache is never believed blindly.

- The header carries a magic number, a format number and a key made of the
  vaultkit version, the parse-relevant ``LoadOptions``, the field names of the
  model's dataclasses and the size and mtime of the parser's own source files;
  any difference discards the whole cache.
- A BLAKE2 checksum covers the payload, so a truncated or garbled file is
  detected and rebuilt, never half-read.
- Pickles are read with an unpickler that refuses every class except the
  date and time types YAML produces: a cache file committed to a shared vault
  by someone else cannot run code.
- A note modified within ``RACY_NS`` of being read is not reused next time:
  on filesystems with coarse timestamps, a second edit in the same tick would
  keep the same mtime (git calls this "racily clean").

Writes go through ``safe_write.atomic_write_bytes`` (temp file + rename), so
concurrent runs each leave a whole, valid cache; the last one wins. Any
failure to read or write the cache only costs speed, never correctness.

Whole results: a command whose output depends only on the vault and its own
settings (``vaultkit lint`` with one config) can skip loading altogether.
``vault_fingerprint`` digests every file's path, size and mtime with the
settings files and ``cache_key``; ``write_result``/``read_result`` keep one
blob per command name under that fingerprint, in the same checked frame.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import operator
import os
import pickle
import struct
import time
from collections.abc import Callable
from dataclasses import astuple, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultkit.model.resolve import key as resolve_key
from vaultkit.model.types import BlockId, DeprecatedProperty, Heading, Link, Note, Problem, Tag

if TYPE_CHECKING:  # pragma: no cover
    from vaultkit.model.vault import LoadOptions, Vault
    from vaultkit.model.walk import FileEntry

CACHE_DIR = ".vaultkit/cache"
CACHE_FILE = "notes.bin"
MAGIC = b"VKCACHE\n"
FORMAT = 1
RACY_NS = 2_000_000_000  # FAT and some network filesystems keep 2-second mtimes
_LENGTH = struct.Struct(">Q")
_DIGEST_SIZE = 32

# Note fields holding lists of dataclasses, stored as lists of tuples.
_NESTED: dict[str, type] = {
    "tags": Tag,
    "headings": Heading,
    "blocks": BlockId,
    "links": Link,
    "problems": Problem,
    "deprecated": DeprecatedProperty,
}
# The parser's sources: editing one (in a checkout, at the same version) must
# invalidate notes it parsed differently.
_PARSER_MODULES = ("markdown", "frontmatter", "reader", "types", "vault", "resolve", "cache")
# What a cached property value may contain beyond plain Python values.
_ALLOWED_GLOBALS = {
    ("datetime", "date"): datetime.date,
    ("datetime", "datetime"): datetime.datetime,
    ("datetime", "time"): datetime.time,
    ("datetime", "timedelta"): datetime.timedelta,
    ("datetime", "timezone"): datetime.timezone,
}


class CacheCorrupt(Exception):
    """The cache file cannot be trusted; it is discarded and rebuilt."""


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED_GLOBALS[(module, name)]
        except KeyError:
            raise CacheCorrupt(f"cache refers to {module}.{name}") from None


def cache_dir(root: Path, where: bool | Path | str) -> Path:
    """``where=True`` means ``<vault>/.vaultkit/cache``; a path is used as given."""
    return root / CACHE_DIR if where is True else Path(where)


def cache_key(options: LoadOptions) -> str:
    """Everything that changes what parsing produces, as one string."""
    import vaultkit

    schema = {cls.__name__: [f.name for f in fields(cls)] for cls in (Note, *_NESTED.values())}
    here = Path(__file__).resolve().parent
    sources = []
    for name in _PARSER_MODULES:
        with contextlib.suppress(OSError):
            st = (here / f"{name}.py").stat()
            sources.append((name, st.st_size, st.st_mtime_ns))
    parts = [vaultkit.__version__, repr(astuple(options)), schema, sources]
    return hashlib.blake2b(json.dumps(parts).encode(), digest_size=16).hexdigest()


class NoteCache:
    """One vault's cache, read at the start of ``Vault.load`` and saved at the end."""

    def __init__(self, path: Path, key: str, files: list[str]) -> None:
        self.path = path
        self.key = key
        self.status = "empty"
        """``empty`` (no file), ``loaded``, or why the file was discarded."""
        self.files = files
        """Every file the vault lists now (notes and attachments), in walk order."""
        self._entries: dict[str, tuple[int, int, bytes]] = {}
        self._same_files = False
        self._changed_names: set[str] = set()
        """Names (as links compare them) of the files added or removed since last time."""
        self._served: dict[str, bytes] = {}
        self._served_notes: dict[str, Note] = {}
        self._kept: set[str] | None = None
        self._started_ns = time.time_ns()

    @classmethod
    def open(
        cls, root: Path, options: LoadOptions, files: list[str], where: bool | Path | str = True
    ) -> NoteCache:
        """Read the cache for this vault and options; a bad file just means no cache."""
        cache = cls(cache_dir(root, where) / CACHE_FILE, cache_key(options), files)
        try:
            data = cache.path.read_bytes()
        except OSError:
            return cache
        try:
            cache._entries, cached_files = _decode_file(data, cache.key)
            cache._same_files = cached_files == files
            if not cache._same_files:
                cache._changed_names = _names_of(set(files).symmetric_difference(cached_files))
            cache.status = "loaded"
        except CacheCorrupt as exc:
            cache.status = f"discarded: {exc}"
        return cache

    @property
    def served(self) -> int:
        """How many notes came from the cache instead of being parsed."""
        return len(self._served)

    def get(self, entry: FileEntry) -> Note | None:
        """The cached note for this file if its size and mtime are unchanged, else None."""
        found = self._entries.get(entry.path)
        if found is None or found[0] != entry.size or found[1] != entry.mtime_ns:
            return None
        try:
            note = _note_from_row(_loads(found[2]))
        except (CacheCorrupt, pickle.UnpicklingError, TypeError, ValueError, EOFError):
            return None
        if not self._same_files:
            if _resolution_changed_parse(note, self._changed_names):
                return None
            self._served_notes[entry.path] = note
        self._served[entry.path] = found[2]
        return note

    def still_resolved(self) -> set[str]:
        """Paths of served notes whose cached link resolutions still hold.

        A link's resolution depends only on the files whose name matches its
        target's last segment. When the vault lists the same files as last
        time, every reused note keeps its resolved links; when files were
        added, removed or renamed, only notes with a link naming one of them
        are resolved again.
        """
        if self._same_files:
            self._kept = set(self._served)
        else:
            changed = self._changed_names
            self._kept = {
                path
                for path, note in self._served_notes.items()
                if not any(_link_name(link.target) in changed for link in note.links)
            }
        return self._kept

    def save(self, vault: Vault) -> bool:
        """Write the cache if anything differs from what was read; True if written."""
        kept = self._kept if self._kept is not None else set()
        reused = {path: blob for path, blob in self._served.items() if path in kept}
        entries: dict[str, tuple[int, int, bytes]] = {}
        for path, note in vault.notes.items():
            if any(p.kind == "unreadable" for p in note.problems):
                continue  # a permission fix does not change the mtime: retry next time
            if note.mtime_ns >= self._started_ns - RACY_NS:
                continue  # too recent to trust its mtime; parse again next time
            blob = reused.get(path)
            if blob is None:
                blob = pickle.dumps(_note_to_row(note), protocol=pickle.HIGHEST_PROTOCOL)
            entries[path] = (note.size, note.mtime_ns, blob)
        if self._same_files and _same_entries(entries, self._entries):
            return False
        try:
            _prepare_dir(self.path.parent)
            from vaultkit.safe_write import atomic_write_bytes

            atomic_write_bytes(self.path, _encode_file(entries, self.files, self.key))
        except OSError:
            return False  # a read-only vault or full disk costs speed, not results
        return True


def _resolution_changed_parse(note: Note, changed_names: set[str]) -> bool:
    """Did resolving a link that must be resolved again change what parsing produced?

    ``Vault`` drops the heading of a link that resolved to a non-note file
    (``#page=3`` of a PDF); if that file is gone now, only a fresh parse
    knows the heading again.
    """
    return any(
        link.subpath
        and link.resolved
        and not link.resolved.lower().endswith(".md")
        and _link_name(link.target) in changed_names
        for link in note.links
    )


def _names_of(paths: set[str]) -> set[str]:
    """The names links use for these files: ``a/Note.md`` -> ``note.md`` and ``note``."""
    names = set()
    for path in paths:
        name = resolve_key(path).rsplit("/", 1)[-1]
        names.add(name)
        if name.endswith(".md"):
            names.add(name[:-3])
    return names


def _link_name(target: str) -> str:
    """The last segment of a link target, compared as the resolver compares names."""
    return resolve_key(target.strip().replace("\\", "/")).rsplit("/", 1)[-1]


def _same_entries(new: dict[str, tuple], old: dict[str, tuple]) -> bool:
    if new.keys() != old.keys():
        return False
    return all(new[p][:2] == old[p][:2] and new[p][2] is old[p][2] for p in new)


def detached_lock(folder: Path) -> Path | None:
    """The lock file a detached cache writer holds (``processes.run_detached``).

    None when the cache folder cannot be made: the writer then just runs
    unlocked (and its own write will fail the same way).
    """
    try:
        _prepare_dir(folder)
    except OSError:
        return None
    return folder / "detached.lock"


def _prepare_dir(folder: Path) -> None:
    if folder.name == "cache" and folder.parent.name == ".vaultkit":
        # A vault from someone else may hold a .vaultkit symlink to anywhere:
        # never write through it (reading is safe: the file is checked).
        inside = os.path.join(os.path.realpath(folder.parent.parent), ".vaultkit", "cache")
        if os.path.realpath(folder) != inside:
            raise OSError("the cache folder leads out of the vault; cache not written")
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# vaultkit's parse cache: rebuilt when missing, never commit it\n*\n")


# -- whole results ----------------------------------------------------------
# A command whose output depends only on the vault (lint with a given config)
# can skip loading it entirely when nothing changed: one walk of sizes and
# mtimes (~0.06 s at 10,000 notes) decides.

# Settings files that change what vaultkit reads or reports (besides
# .obsidian/*.json): the Templater plugin names a templates folder.
_SETTINGS_FILES = (
    ".vaultkit.toml",
    "pyproject.toml",
    ".obsidian/plugins/templater-obsidian/data.json",
)


def vault_fingerprint(
    root: Path, options: LoadOptions, extra: str = "", entries: list[FileEntry] | None = None
) -> str | None:
    """A digest of every file's path, size and mtime, the settings and ``cache_key``.

    ``extra`` is the caller's own part (a lint config, its arguments). Returns
    None when a file changed within ``RACY_NS``: too recent to vouch for.
    """
    from vaultkit.model.walk import walk

    root = Path(root)
    if entries is None:
        entries, _ = walk(root, follow_outside=options.follow_symlinks_outside)
    stamps = [(e.path, e.size, e.mtime_ns) for e in entries]
    stamps += _settings_stamps(root)
    newest = max((stamp[2] for stamp in stamps), default=0)
    if newest >= time.time_ns() - RACY_NS:
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(json.dumps([cache_key(options), extra]).encode())
    for path, size, mtime in stamps:
        digest.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _settings_stamps(root: Path) -> list[tuple[str, int, int]]:
    """``(path, size, mtime_ns)`` of each settings file that exists."""
    candidates = [root / name for name in _SETTINGS_FILES]
    with contextlib.suppress(OSError):
        candidates += sorted(p for p in (root / ".obsidian").iterdir() if p.suffix == ".json")
    stamps = []
    for path in candidates:
        with contextlib.suppress(OSError):
            st = path.stat()
            stamps.append((path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns))
    return stamps


def _result_path(root: Path, name: str, where: bool | Path | str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60]
    return cache_dir(root, where) / f"result-{safe}.bin"


def read_result(
    root: Path, name: str, fingerprint: str | None, where: bool | Path | str = True
) -> bytes | None:
    """The bytes stored under ``name`` for exactly this fingerprint, else None."""
    if fingerprint is None:
        return None
    try:
        data = _result_path(Path(root), name, where).read_bytes()
        return bytes(_unframe(data, fingerprint))
    except (OSError, CacheCorrupt):
        return None


def write_result(
    root: Path, name: str, fingerprint: str | None, data: bytes, where: bool | Path | str = True
) -> bool:
    """Store ``data`` under ``name`` for this fingerprint (one slot per name); True if written."""
    if fingerprint is None:
        return False
    path = _result_path(Path(root), name, where)
    try:
        _prepare_dir(path.parent)
        from vaultkit.safe_write import atomic_write_bytes

        atomic_write_bytes(path, _frame(fingerprint, data))
    except OSError:
        return False
    return True


# -- file format ------------------------------------------------------------


def _encode_file(entries: dict[str, tuple[int, int, bytes]], files: list[str], key: str) -> bytes:
    return _frame(key, pickle.dumps((files, entries), protocol=pickle.HIGHEST_PROTOCOL))


def _decode_file(data: bytes, key: str) -> tuple[dict[str, tuple[int, int, bytes]], list[str]]:
    try:
        files, entries = _loads(_unframe(data, key))
    except (pickle.UnpicklingError, TypeError, ValueError, EOFError) as exc:
        raise CacheCorrupt(f"unreadable payload: {exc}") from None
    if not isinstance(files, list) or not isinstance(entries, dict):
        raise CacheCorrupt("unexpected payload")
    return entries, files


def _frame(key: str, payload: bytes) -> bytes:
    """Magic, a JSON header with format and key, the payload's length and checksum, the payload."""
    meta = json.dumps({"format": FORMAT, "key": key}).encode()
    digest = hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()
    return b"".join(
        (MAGIC, _LENGTH.pack(len(meta)), meta, _LENGTH.pack(len(payload)), digest, payload)
    )


def _unframe(data: bytes, key: str) -> memoryview:
    """The payload, once magic, format, key, length and checksum all check out."""
    view = memoryview(data)
    if not data.startswith(MAGIC):
        raise CacheCorrupt("not a vaultkit cache file")
    offset = len(MAGIC)
    meta_len, offset = _read_length(view, offset)
    try:
        meta = json.loads(bytes(view[offset : offset + meta_len]))
    except ValueError:
        raise CacheCorrupt("unreadable header") from None
    offset += meta_len
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CacheCorrupt("written by another cache format")
    if meta.get("key") != key:
        raise CacheCorrupt("written by another vaultkit version or with other options")
    payload_len, offset = _read_length(view, offset)
    digest = bytes(view[offset : offset + _DIGEST_SIZE])
    payload = view[offset + _DIGEST_SIZE :]
    if len(payload) != payload_len:
        raise CacheCorrupt("truncated")
    if hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() != digest:
        raise CacheCorrupt("checksum mismatch")
    return payload


def _read_length(view: memoryview, offset: int) -> tuple[int, int]:
    if len(view) < offset + _LENGTH.size:
        raise CacheCorrupt("truncated")
    return _LENGTH.unpack_from(view, offset)[0], offset + _LENGTH.size


def _loads(data: bytes | memoryview) -> Any:
    return _SafeUnpickler(io.BytesIO(data)).load()


# -- notes as plain tuples ----------------------------------------------------


def _tuple_getter(names: list[str]) -> Callable[[Any], tuple]:
    if len(names) == 1:  # attrgetter of one name returns the bare value
        return lambda item: (getattr(item, names[0]),)
    return operator.attrgetter(*names)


# Pickling the dataclasses themselves is ~5x slower to load (slots are set one
# attribute at a time) and would name classes in the file; tuples in field
# order rebuild with one positional call each.

_NOTE_FIELDS = [f.name for f in fields(Note)]
# attrgetter builds each tuple in C: 5x faster than a generator of getattr calls.
_AS_TUPLE = {cls: _tuple_getter([f.name for f in fields(cls)]) for cls in _NESTED.values()}


def _note_to_row(note: Note) -> tuple:
    row = []
    for name in _NOTE_FIELDS:
        value = getattr(note, name)
        cls = _NESTED.get(name)
        if cls is not None:
            value = list(map(_AS_TUPLE[cls], value))
        elif is_dataclass(value):  # pragma: no cover - a new field type: keep the cache honest
            raise TypeError(f"cannot cache Note.{name}")
        row.append(value)
    return tuple(row)


def _note_from_row(row: tuple) -> Note:
    if len(row) != len(_NOTE_FIELDS):
        raise ValueError("cached note has another shape")
    values = list(row)
    for index, name in enumerate(_NOTE_FIELDS):
        cls = _NESTED.get(name)
        if cls is not None:
            values[index] = [cls(*item) for item in values[index]]
    return Note(*values)
