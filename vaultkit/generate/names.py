"""Safe file names for note titles, and the wikilinks that point at them.

A title is what the user typed ("Q1: Build Internal Influence"); the file name
is what the file system and Obsidian's link syntax can hold ("Q1 - Build
Internal Influence"). The exact title stays in the note (``title`` property and
alias) and links show it: ``[[Q1 - Build Internal Influence|Q1: Build Internal
Influence]]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters Obsidian refuses in file names (``: / \``), that break links
# (``# ^ [ ] |`` and the backtick) or that Windows and Android refuse (``* ? " < >``).
_REPLACE = {
    "/": "-",
    "\\": "-",
    "|": "-",
    "*": "",
    "?": "",
    '"': "'",
    "<": "(",
    ">": ")",
    "[": "(",
    "]": ")",
    "#": "",
    "^": "",
    # A backtick opens inline code and would swallow the link around it.
    "`": "'",
}
_COLON_SPACE = re.compile(r"\s*:\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_PERCENTS = re.compile(r"%{2,}")
# Windows refuses these as a file's stem whatever the extension.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
# File names are limited to 255 bytes; keep room for ".md" and a " (99)" suffix.
MAX_NAME_BYTES = 240
FALLBACK = "Untitled"


def safe_filename(title: str) -> str:
    """A file name (without ``.md``) that every OS and Obsidian's links accept.

    Never empty, never starts with a dot, at most ``MAX_NAME_BYTES`` UTF-8
    bytes, Unicode NFC (as macOS and Obsidian compare names).

    >>> safe_filename("Q1: Build Internal Influence")
    'Q1 - Build Internal Influence'
    >>> safe_filename("Senior SRE → Staff/Principal Growth")
    'Senior SRE → Staff-Principal Growth'
    """
    name = unicodedata.normalize("NFC", str(title))
    name = _CONTROL.sub(" ", name)
    name = _COLON_SPACE.sub(" - ", name).replace(":", "-")
    name = "".join(_REPLACE.get(ch, ch) for ch in name)
    name = _PERCENTS.sub("%", name)  # "%%" starts an Obsidian comment
    name = _SPACES.sub(" ", name).strip()
    # Hidden files (leading dot) are invisible in Obsidian; trailing dots and
    # spaces are stripped by Windows, which would rename the note behind our back.
    name = name.lstrip(". ").rstrip(". ")
    name = _truncate(name, MAX_NAME_BYTES).rstrip(". ")
    if not name:
        return FALLBACK
    if _RESERVED.match(name):
        name = f"{name} (note)"
    return name


def _truncate(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def unique_filename(title: str, taken: set[str]) -> str:
    """``safe_filename(title)``, with `` (2)``, `` (3)``... if already taken.

    ``taken`` holds case-folded names (Obsidian and macOS compare names without
    case) and is updated with the name returned.
    """
    base = safe_filename(title)
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base} ({n})"
    taken.add(name.casefold())
    return name


def wikilink(title: str, filename: str | None = None) -> str:
    """``[[filename]]``, or ``[[filename|title]]`` when the title differs.

    The display text cannot hold ``]]``, ``|``, a backslash, a backtick or a
    line break inside a wikilink, so those are softened; the title property
    keeps the exact text.
    """
    name = safe_filename(title) if filename is None else filename
    if name == title:
        return f"[[{name}]]"
    display = _SPACES.sub(" ", _CONTROL.sub(" ", str(title))).strip()
    display = display.replace("[", "(").replace("]", ")").replace("|", "-").replace("`", "'")
    display = display.replace("\\", "-")  # a backslash would escape the closing brackets
    display = _PERCENTS.sub("%", display)
    if not display or display == name:
        return f"[[{name}]]"
    return f"[[{name}|{display}]]"


def taken_names(paths: Iterable[str]) -> set[str]:
    """Case-folded note names (no folder, no ``.md``) of existing vault paths."""
    names = set()
    for path in paths:
        base = path.rsplit("/", 1)[-1]
        if base.lower().endswith(".md"):
            base = base[:-3]
        names.add(base.casefold())
    return names
