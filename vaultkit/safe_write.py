"""Every write to a vault goes through here: atomic, locked, never out of the vault.

Why one module: a vault is somebody's notes. A write must leave each file
either as it was or as intended (temp file in the same folder, fsync,
``os.replace``), keep the note's own line endings, BOM and final newline,
never overwrite unless asked, never land outside the vault (``../``,
absolute paths, drive letters, NUL, symlinks out), and never replace a note
that changed on disk since it was read (as when Obsidian saves it).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from vaultkit.errors import ConflictError, UnsafePathError, VaultError

_DRIVE = re.compile(r"^[A-Za-z]:")
LOCK_DIR = ".vaultkit/locks"


def safe_join(vault_root: Path | str, rel_path: str) -> Path:
    """The absolute path of ``rel_path`` inside the vault, or UnsafePathError.

    Refuses absolute paths, drive letters, ``..`` segments, NUL bytes, and any
    path whose existing part resolves (through symlinks) outside the vault.
    """
    root = Path(vault_root).resolve()
    text = str(rel_path)
    if not text or "\0" in text:
        raise UnsafePathError("empty path or NUL byte in a file name", path=repr(text))
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "\\")) or _DRIVE.match(text) or ".." in parts:
        raise UnsafePathError("path would leave the vault", path=text)
    target = root.joinpath(*[p for p in parts if p not in ("", ".")])
    # Walk up to the deepest part that exists and check where it really is.
    probe = target
    while not probe.exists() and not probe.is_symlink() and probe != root:
        probe = probe.parent
    real = probe.resolve()
    if real != root and root not in real.parents:
        raise UnsafePathError("path goes through a symlink out of the vault", path=text)
    return target


@contextlib.contextmanager
def vault_lock(vault_root: Path | str, rel_path: str) -> Iterator[None]:
    """Hold an exclusive lock for one note across processes (POSIX flock).

    The lock file lives in the hidden ``.vaultkit/locks/`` folder, which
    Obsidian and vaultkit ignore, because a lock on the note itself would be
    lost when ``os.replace`` swaps the inode.
    """
    lock_dir = safe_join(vault_root, LOCK_DIR)  # a .vaultkit symlinked out is refused
    lock_dir.mkdir(parents=True, exist_ok=True)
    # one lock per note as Obsidian names it: Note.md, note.md and NFD forms are one file
    # on macOS and Windows, so they must be one lock too
    same = unicodedata.normalize("NFC", rel_path.replace("\\", "/").lstrip("./")).casefold()
    name = re.sub(r"[^a-z0-9_.-]", "_", same)[-200:] + ".lock"
    fd = os.open(lock_dir / name, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: best effort, no lock
            pass
        yield
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (temp file + fsync + rename).

    A symlink is written through (its target is replaced, the link stays).
    With ``exclusive`` the file must not exist yet: it is put in place with
    ``os.link``, which fails instead of replacing a file another program
    created meanwhile (ConflictError).
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".vaultkit-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        if exclusive and _link_no_clobber(tmp, path):
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


_CREATED_MEANWHILE = "was created by another program meanwhile; left alone"


def _link_no_clobber(tmp: str, path: Path) -> bool:
    """Put ``tmp`` at ``path`` only if nothing is there; False if links are unsupported."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ConflictError(_CREATED_MEANWHILE, path=str(path)) from None
    except OSError:  # FAT, some network shares: no hard links; fall back to replace
        if path.exists():
            raise ConflictError(_CREATED_MEANWHILE, path=str(path)) from None
        return False
    return True


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass
class TextStyle:
    """How a note's text is encoded on disk, kept when vaultkit rewrites it."""

    newline: str = "\n"
    bom: bool = False

    @classmethod
    def sniff(cls, data: bytes) -> TextStyle:
        bom = data.startswith(b"\xef\xbb\xbf")
        if b"\r\n" in data:
            newline = "\r\n"
        elif b"\r" in data:
            newline = "\r"
        else:
            newline = "\n"
        return cls(newline=newline, bom=bom)

    def decode(self, data: bytes, path: str = "") -> str:
        """The text with ``\\n`` line ends; VaultError for what cannot round-trip.

        A note that is not UTF-8 (Latin-1, UTF-16, an image renamed .md)
        would lose bytes if decoded and written back, so it is refused.
        """
        head = data[:8192]
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\0") > max(
            1, len(head) // 100
        ):
            raise VaultError(
                "not UTF-8 text (UTF-16 or binary); vaultkit will not edit it", path=path
            )
        try:
            text = data.decode("utf-8-sig" if self.bom else "utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise VaultError(
                "not UTF-8 text; vaultkit will not edit it (convert it to UTF-8 first)",
                path=path,
                line=line,
            ) from None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


def create_note(
    vault_root: Path | str, rel_path: str, text: str, *, overwrite: bool = False
) -> str:
    """Write a new note; returns "create", "identical" or "overwrite".

    An existing file with other content raises ConflictError unless
    ``overwrite`` is set; an identical one is left alone.
    """
    path = safe_join(vault_root, rel_path)
    with vault_lock(vault_root, rel_path):
        old = _read(path, rel_path)
        if old is not None:
            style = TextStyle.sniff(old)
            new = style.encode(text)
            if old == new or old == text.encode("utf-8"):
                return "identical"
            if not overwrite:
                raise ConflictError("already exists; use --force to overwrite", path=rel_path)
            atomic_write_bytes(path, new)
            return "overwrite"
        atomic_write_bytes(path, text.encode("utf-8"), exclusive=True)
        return "create"


def _read(path: Path, rel_path: str) -> bytes | None:
    """The note's bytes, None if it does not exist, VaultError if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise VaultError("is a folder, not a note", path=rel_path) from None
    except OSError as exc:
        raise VaultError(f"cannot read: {exc.strerror or exc}", path=rel_path) from None


def update_note(
    vault_root: Path | str,
    rel_path: str,
    change: Callable[[str], str],
    *,
    create: str | None = None,
) -> bool:
    """Apply ``change`` to a note's text under a lock; returns True if it changed.

    The text handed to ``change`` has ``\\n`` line endings; the note's own
    line endings and BOM are restored on write. If the note is missing,
    ``create`` (when given) is its initial text. If the file changes on disk
    between read and write (an editor saved it), nothing is written and
    ConflictError is raised, so a stale copy never replaces newer content.
    """
    path = safe_join(vault_root, rel_path)
    with vault_lock(vault_root, rel_path):
        before = _stamp(path)  # before reading: a save during the read must show up
        data = _read(path, rel_path)
        if data is None:
            if create is None:
                raise FileNotFoundError(errno.ENOENT, "no such note", rel_path)
            data, before = create.encode("utf-8"), None
        style = TextStyle.sniff(data)
        old_text = style.decode(data, rel_path)
        new_text = change(old_text)
        if new_text == old_text and before is not None:
            return False
        _check_unchanged(path, rel_path, before, data)
        atomic_write_bytes(path, style.encode(new_text), exclusive=before is None)
        return True


def _check_unchanged(path: Path, rel_path: str, before: tuple | None, data: bytes) -> None:
    """ConflictError if the note changed on disk since it was read.

    The stamp (size, mtime, inode) catches most saves; the bytes are compared
    too because a same-size save within one clock tick keeps the stamp.
    """
    changed = before != _stamp(path)
    if not changed and before is not None:
        try:
            changed = path.read_bytes() != data
        except OSError:
            changed = True
    if changed:
        raise ConflictError(
            "changed on disk while vaultkit was editing it; try again", path=rel_path
        )


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:  # pragma: no cover
        if exc.errno == errno.ENOENT:
            return None
        raise
    return (st.st_size, st.st_mtime_ns, st.st_ino)
