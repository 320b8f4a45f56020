"""Small helpers the rule modules share."""

from __future__ import annotations

from typing import Any

from vaultkit.lint.diagnostic import Diagnostic


def at_link(link: Any, message: str, fix: str | None = None) -> Diagnostic:
    """A diagnostic spanning the link as written."""
    end_line, end_column = None, None
    if link.raw and "\n" not in link.raw:
        end_line, end_column = link.line, link.column + len(link.raw)
    return Diagnostic(
        path=link.source,
        line=link.line,
        column=link.column,
        message=message,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
    )


def shown(link: Any) -> str:
    """The link as the user wrote it, on one line, for messages."""
    return " ".join(link.raw.split()) if link.raw else link.target


def note_name(path: str) -> str:
    """``Folder/Note.md`` -> ``Note`` (attachments keep their extension)."""
    base = path.rsplit("/", 1)[-1]
    return base[:-3] if base.lower().endswith(".md") else base
