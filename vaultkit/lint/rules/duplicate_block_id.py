"""duplicate-block-id: the same block id defined twice in one note.

Links and embeds ``[[Note#^id]]`` go to the first block with that id; the
later one can never be reached. Usually a block was copied with its id.

Failing::

    First decision. ^d1
    Second decision. ^d1

Passing::

    First decision. ^d1
    Second decision. ^d2

Default severity: warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic

NAME = "duplicate-block-id"
CODE = "VK304"
SEVERITY = "warning"
OPTIONS: dict[str, tuple[type, Any]] = {}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for block in note.blocks:
        key = block.id.casefold()
        if key in first:
            message = f"block id ^{block.id} is already defined on line {first[key]}"
            yield Diagnostic(note.path, block.line, block.column, message)
        else:
            first[key] = block.line
