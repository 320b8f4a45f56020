"""One finding of the linter, with its position in the note."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (``line``, ``column``) up to just before (``end_line``,
    ``end_column``) with ``content``: positions as a diagnostic's, 1-based, in
    characters; ``content`` ends lines with ``\\n`` (the note keeps its own
    line endings when it is written)."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a note (or a file of the vault).

    Rules yield it with ``path``, position and ``message``; the linter core
    fills in ``rule``, ``code`` and ``severity`` (after config overrides).
    """

    path: str
    """Vault-relative POSIX path of the file, e.g. ``Projects/Gamma.md``."""
    line: int
    """1-based line (1 for file-level problems)."""
    column: int
    """1-based column in characters."""
    message: str
    rule: str = ""
    """The rule's name, e.g. ``broken-link``: what config and comments use."""
    code: str = ""
    """The rule's stable code, e.g. ``VK101``."""
    severity: Severity = "warning"
    end_line: int | None = None
    end_column: int | None = None
    """Position just after the offending text, when it is known."""
    fix: str | None = None
    """A hint saying how to fix it (e.g. the link to write instead)."""
    edits: tuple[Edit, ...] | None = None
    """The exact change ``vaultkit lint --fix`` makes, when the rule can fix
    it without changing what the note means; None otherwise."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the documented contract of ``--format json``)."""
        # every field is a str, int or None: no deep copy needed (asdict made
        # storing 3,600 diagnostics cost 0.15 s)
        item = {name: getattr(self, name) for name in _FIELDS}
        if self.edits is not None:
            item["edits"] = [edit.to_dict() for edit in self.edits]
        return item

    @classmethod
    def from_dict(cls, item: dict[str, Any]) -> Diagnostic:
        """The diagnostic ``to_dict`` gave (TypeError/ValueError for anything else)."""
        edits = item.get("edits")
        if edits is not None:
            item = {**item, "edits": tuple(Edit(**edit) for edit in edits)}
        return cls(**item)


_FIELDS = tuple(f.name for f in fields(Diagnostic))
