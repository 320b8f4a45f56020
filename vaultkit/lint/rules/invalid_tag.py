"""invalid-tag: a tag Obsidian does not accept as a tag.

A tag may hold letters (any script), digits, ``_``, ``-`` and ``/`` (for
nested tags), and must contain at least one character that is not a digit.
In the ``tags`` property Obsidian drops values such as ``1984``,
``to do`` (a space) or ``c++``, so the note is not found under that tag.
Only property tags are checked: in the text, ``#1984`` is simply not a tag
and ``#c++`` is the tag ``#c``, which is what the writer usually meant.

Failing::

    ---
    tags: [2024, to do]
    ---

Passing::

    ---
    tags: [y2024, to-do]
    ---

Options:

- ``include-templates`` (bool, default false): also check templates.

Default severity: warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic

NAME = "invalid-tag"
CODE = "VK303"
SEVERITY = "warning"
OPTIONS = {"include-templates": (bool, False)}
# Characters Obsidian ends a tag at: whitespace and ASCII punctuation but _ - /
_BAD = re.compile(r"[\s!\"#$%&'()*+,.:;<=>?@\[\\\]^`{|}~]")


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for tag in note.tags:
        if tag.source != "frontmatter":  # inline, Obsidian just ends the tag early: no tag to fix
            continue
        reason = problem(tag.name)
        if reason:
            yield Diagnostic(note.path, tag.line, tag.column, f"tag {tag.name!r}: {reason}")


@lru_cache(maxsize=4096)
def problem(name: str) -> str | None:
    """Why ``name`` is not a valid tag, or None when it is."""
    name = name[1:] if name.startswith("#") else name
    if not name.strip():
        return "empty tag"
    bad = _BAD.search(name)
    if bad:
        what = "a space" if bad.group().isspace() else repr(bad.group())
        return f"contains {what}; tags may only hold letters, digits, _ - and /"
    if all(part.isdigit() for part in name.split("/") if part):
        return "a tag needs at least one character that is not a digit"
    return None
