"""Path globs for config (``Archive/**``, ``*.excalidraw.md``), matched on vault paths."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """``**`` crosses folders, ``*`` and ``?`` stay inside one; a folder matches all below it.

    Matching is case-insensitive, as vault paths are on macOS and Windows.
    """
    pattern = pattern.strip().lstrip("/") or "**"
    parts, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    body = "".join(parts).rstrip("/")
    return re.compile(f"(?:{body})(?:/.*)?", re.IGNORECASE | re.DOTALL)


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """True when the vault path matches one of the globs."""
    return any(compile_glob(p).fullmatch(path) for p in patterns)
