"""Listing a vault's files the way Obsidian sees them.

Every file under the root counts except those in hidden folders or with
hidden names (``.obsidian``, ``.trash``, ``.git``, ``.vaultkit``...).

Symlink policy (documented in docs/model.md): a symlink to a file inside the
vault is listed as a file of its own; a symlink to a folder inside the vault
is not followed (its notes are already listed at their real path); one
that points *outside* the vault is skipped with a ``symlink`` problem unless
``follow_outside=True``; a dangling one is reported. Unreadable folders are
reported and skipped. Nothing here raises for a bad file.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from vaultkit.model.types import Problem


@dataclass(slots=True)
class FileEntry:
    path: str
    """Vault-relative POSIX path."""
    abspath: str
    size: int
    mtime_ns: int


def walk(root: Path, *, follow_outside: bool = False) -> tuple[list[FileEntry], list[Problem]]:
    """Every visible file of the vault, sorted by path, and the problems met."""
    root_real = os.path.realpath(root)
    files: list[FileEntry] = []
    problems: list[Problem] = []
    seen_dirs = {root_real}
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem("unreadable", f"cannot read folder: {exc.strerror}", path=rel or ".")
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel_path = f"{rel}/{entry.name}" if rel else entry.name
            _visit(entry, rel_path, root_real, follow_outside, seen_dirs, stack, files, problems)
    files.sort(key=lambda f: f.path)
    return files, problems


def _visit(
    entry: os.DirEntry,
    rel_path: str,
    root_real: str,
    follow_outside: bool,
    seen_dirs: set[str],
    stack: list[tuple[str, str]],
    files: list[FileEntry],
    problems: list[Problem],
) -> None:
    try:
        is_link = entry.is_symlink()
        if is_link:
            real = os.path.realpath(entry.path)
            if not os.path.exists(real):
                problems.append(Problem("symlink", _broken_link(entry.path), path=rel_path))
                return
            if not _inside(real, root_real) and not follow_outside:
                problems.append(
                    Problem(
                        "symlink", "symlink points outside the vault; not followed", path=rel_path
                    )
                )
                return
        if entry.is_dir(follow_symlinks=True):
            real = os.path.realpath(entry.path)
            if is_link and _inside(real, root_real):
                # Its notes are listed at their real path; following would count them twice.
                problems.append(
                    Problem(
                        "symlink",
                        "symlink to a folder inside the vault; not followed",
                        path=rel_path,
                    )
                )
                return
            if real in seen_dirs:
                problems.append(
                    Problem("symlink", "symlink loop: folder already visited", path=rel_path)
                )
                return
            seen_dirs.add(real)
            stack.append((entry.path, rel_path))
            return
        st = entry.stat(follow_symlinks=True)
    except OSError as exc:
        problems.append(Problem("unreadable", f"cannot read: {exc.strerror or exc}", path=rel_path))
        return
    files.append(FileEntry(rel_path, entry.path, st.st_size, st.st_mtime_ns))


def _broken_link(path: str) -> str:
    """Why a symlink leads nowhere: a loop (a -> b -> a) or a missing target."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: it leads back to itself"
    return "dangling symlink: its target does not exist"


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)
