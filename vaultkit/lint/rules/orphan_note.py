"""orphan-note: a note that no other note links to.

A note nothing links to is only found by search; in a linked vault it is
usually forgotten. Any link counts: wikilinks, Markdown links, embeds and
property links. A note linking to itself does not count.

Exempt by default: notes in the daily-notes folder and the templates folder
(read from ``.obsidian/daily-notes.json``, ``.obsidian/templates.json``, the
Templater plugin and ``[folders]`` in ``.vaultkit.toml``), and daily notes
named by the daily-note date format anywhere.

Failing (nothing links to ``Ideas/Garden.md``)::

    # Garden
    Plant tomatoes in May.

Passing: another note contains ``[[Garden]]``.

Options:

- ``exempt`` (list of globs, default ``[]``): notes that may stand alone,
  e.g. ``["Home.md", "Inbox/**"]``.
- ``include-daily`` (bool, default false): also report daily notes.
- ``include-templates`` (bool, default false): also report templates.

Default severity: warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.globs import matches_any
from vaultkit.lint.index import index_for

NAME = "orphan-note"
CODE = "VK201"
SEVERITY = "warning"
OPTIONS = {"exempt": (list, []), "include-daily": (bool, False), "include-templates": (bool, False)}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    index = index_for(vault)
    if vault.has_backlinks(note.path) or matches_any(note.path, options["exempt"]):
        return
    if not options["include-daily"] and index.is_daily_note(note.path):
        return
    yield Diagnostic(note.path, 1, 1, "no other note links to this note")
