"""broken-block-ref: a link to a block id that the target note does not define.

A block reference ``[[Note#^abc123]]`` points at a paragraph, list item or
table that ends with `` ^abc123``. When the id is deleted or the block moves
to another note, the link opens the note but not the block, and an embed
``![[Note#^abc123]]`` shows an error.

Failing (``Meeting.md`` has no `` ^decision`` block)::

    As agreed in [[Meeting#^decision]].

Passing (``Meeting.md`` has ``We ship on Friday. ^decision``)::

    As agreed in [[Meeting#^decision]].

Options:

- ``include-templates`` (bool, default false): also check notes in the
  templates folder.

Default severity: error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.index import is_note_path
from vaultkit.lint.rules._common import at_link, note_name, shown

NAME = "broken-block-ref"
CODE = "VK103"
SEVERITY = "error"
OPTIONS = {"include-templates": (bool, False)}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for link in note.links:
        if not link.block:
            continue
        target = link.resolved if link.target else (link.resolved or note.path)
        if not is_note_path(target) or vault.has_block(target, link.block):
            continue
        where = "this note" if target == note.path else f"{note_name(target)!r}"
        yield at_link(link, f"{shown(link)}: {where} has no block ^{link.block}")
