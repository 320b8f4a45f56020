"""unreadable-note: a file vaultkit (and so likely Obsidian) cannot read fully.

Reported for notes that are not valid UTF-8 (read with replacement
characters), are binary, are over the size limit (``[model]
max_note_bytes``) or cannot be opened, and for vault-level problems: a
symlink that loops, dangles or points outside the vault, or a folder that
cannot be listed. Nothing else is checked in such a file, so fix this first.

Failing: ``Old/Export.md`` saved as Latin-1 by another tool.

Passing: the same note re-saved as UTF-8.

Default severity: error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic

NAME = "unreadable-note"
CODE = "VK401"
SEVERITY = "error"
OPTIONS: dict[str, tuple[type, Any]] = {}
KINDS = {"encoding", "binary", "too-large", "unreadable", "symlink"}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for problem in note.problems:
        if problem.kind in KINDS:
            yield Diagnostic(note.path, problem.line or 1, problem.column or 1, problem.message)


def check_vault(vault: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    """Problems of files that are not notes (symlinks, folders): one per file."""
    for problem in vault.problems:
        yield Diagnostic(
            problem.path or ".", problem.line or 1, problem.column or 1, problem.message
        )
