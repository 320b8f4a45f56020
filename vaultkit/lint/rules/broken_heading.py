"""broken-heading: a link to a heading that the target note does not have.

The note exists, so Obsidian opens it, but at the top instead of at the
heading: the section was renamed or removed. Covers ``[[Note#Heading]]``,
chained headings ``[[Note#Part#Section]]`` (each heading must sit under the
previous one), ``[[#Heading]]`` inside the same note, Markdown links
``[t](Note.md#Heading)`` and embeds of a section ``![[Note#Heading]]``.
Links into attachments (``![[doc.pdf#page=3]]``) have no headings and are
not checked.

Failing (``Setup.md`` has no heading "Install")::

    Follow [[Setup#Install]].

Passing (``Setup.md`` contains ``## Install``)::

    Follow [[Setup#Install]].

Options:

- ``include-templates`` (bool, default false): also check notes in the
  templates folder.

Default severity: error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.index import is_note_path
from vaultkit.lint.rules._common import at_link, note_name, shown

NAME = "broken-heading"
CODE = "VK102"
SEVERITY = "error"
OPTIONS = {"include-templates": (bool, False)}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for link in note.links:
        if not link.heading or link.block:
            continue
        target = link.resolved if link.target else (link.resolved or note.path)
        if not is_note_path(target) or vault.find_heading(target, tuple(link.heading)):
            continue
        wanted = " > ".join(link.heading)
        where = "this note" if target == note.path else f"{note_name(target)!r}"
        fix = _closest_heading(vault, target, link.heading[-1])
        hint = f"; did you mean #{fix}?" if fix else ""
        yield at_link(link, f"{shown(link)}: {where} has no heading {wanted!r}{hint}", fix)


def _closest_heading(vault: Any, path: str, wanted: str) -> str | None:
    headings = [h.text for h in vault.notes[path].headings] if path in vault.notes else []
    match = difflib.get_close_matches(wanted, headings, n=1, cutoff=0.6)
    return match[0] if match else None
