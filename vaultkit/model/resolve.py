"""Link resolution: which file Obsidian opens for a link target.

Observed behaviour of Obsidian 1.13, written down in docs/model.md:

- names and extensions match case-insensitively and Unicode-normalisation-
  insensitively (an NFC ``Café`` finds an NFD file name);
- ``[[Name]]`` means ``Name.md``; any other file needs its extension
  (``[[Board.canvas]]``, ``![[a.png]]``);
- a target with folders is tried as a vault path, then relative to the
  linking note's folder (``[[../Note]]``), then as a path suffix
  (``[[Apollo/Note]]`` opens ``1-Projects/Apollo/Note.md``);
- when several files match: an exact vault path wins, then a file in the
  linking note's own folder, then the shortest path (then alphabetical, so
  the answer never depends on the order the disk lists files in);
- aliases never resolve a link.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable

_DOTS = re.compile(r"^(?:\.{1,2}/)+")


def key(text: str) -> str:
    """The form in which Obsidian compares names: NFC and case-folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.casefold()


def folder_of(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


class Resolver:
    """An index of every file in the vault, answering link targets."""

    def __init__(self, paths: Iterable[str]):
        self.paths = set(paths)
        self._by_path: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        for path in sorted(self.paths):
            k = key(path)
            self._by_path.setdefault(k, path)
            name = k.rsplit("/", 1)[-1]
            self._by_name.setdefault(name, []).append(path)
            if name.endswith(".md"):
                self._by_name.setdefault(name[:-3], []).append(path)
        self._memo: dict[tuple[str, str], tuple[str | None, tuple[str, ...]]] = {}
        self._anywhere: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        """Answers that do not depend on the linking note's folder, by target alone."""

    def resolve(self, target: str, source: str = "") -> tuple[str | None, tuple[str, ...]]:
        """``(path or None, candidates)``; candidates lists every match when several did."""
        found = self._anywhere.get(target)
        if found is not None:
            return found
        folder = folder_of(source)
        memo_key = (target, folder)
        found = self._memo.get(memo_key)
        if found is None:
            found = self._resolve(target.strip(), folder)
            # Only a relative path ("/" or "\\") or a tie between several files
            # (candidates) is decided by the folder; any other answer holds for every note.
            if not found[1] and "/" not in target and "\\" not in target:
                self._anywhere[target] = found
            else:
                self._memo[memo_key] = found
        return found

    def _resolve(self, target: str, folder: str) -> tuple[str | None, tuple[str, ...]]:
        if not target:
            return None, ()
        target = target.replace("\\", "/")
        exact = self._path(target.lstrip("/"))
        if exact:
            return exact, ()
        if "/" in target:
            relative = posixpath.normpath(posixpath.join(folder, target))
            if not relative.startswith("../"):
                found = self._path(relative)
                if found:
                    return found, ()
        return self._by_suffix(_DOTS.sub("", target.lstrip("/")), folder)

    def _path(self, path: str) -> str | None:
        if path in self.paths:
            return path
        k = key(path)
        return self._by_path.get(k) or self._by_path.get(k + ".md")

    def _by_suffix(self, target: str, folder: str) -> tuple[str | None, tuple[str, ...]]:
        k = key(target)
        name = k.rsplit("/", 1)[-1]
        candidates = self._by_name.get(name, ())
        if "/" in k:
            tail = "/" + k
            candidates = [
                c for c in candidates if key(c).endswith(tail) or key(c).endswith(tail + ".md")
            ]
        if not candidates:
            return None, ()
        if len(candidates) == 1:
            return candidates[0], ()
        same_folder = [c for c in candidates if folder_of(c) == folder]
        pool = same_folder or candidates
        best = min(pool, key=lambda c: (len(c), c))
        return best, tuple(sorted(candidates))
