"""ambiguous-link: a link whose bare name matches several files.

``[[Meeting]]`` when both ``Work/Meeting.md`` and ``Home/Meeting.md`` exist:
Obsidian picks one by its tie-break rules (the file nearest the linking note,
then the shortest path), which may not be the one you meant, and the choice
can change when files move. Write the path to say which.

Failing (two notes named "Meeting")::

    [[Meeting]]

Passing::

    [[Work/Meeting]]

Options:

- ``include-templates`` (bool, default false): also check notes in the
  templates folder.

Default severity: warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.rules._common import at_link, shown

NAME = "ambiguous-link"
CODE = "VK105"
SEVERITY = "warning"
OPTIONS = {"include-templates": (bool, False)}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for link in note.links:
        if len(link.candidates) < 2 or link.resolved is None:
            continue
        others = [c for c in link.candidates if c != link.resolved]
        fix = "[[" + link.resolved[:-3] + "]]" if link.resolved.endswith(".md") else None
        yield at_link(
            link,
            f"{shown(link)} matches {len(link.candidates)} files: Obsidian opens "
            f"{link.resolved!r}, it could also mean {', '.join(repr(o) for o in others)}",
            fix,
        )
