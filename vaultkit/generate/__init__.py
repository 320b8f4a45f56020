"""Generate notes, Maps of Content and whole vaults from Jinja templates and kits.

The library API; ``vaultkit new``, ``vaultkit scaffold`` and ``vaultkit moc``
only call these.
"""

from __future__ import annotations

from vaultkit.generate.names import safe_filename, unique_filename, wikilink
from vaultkit.generate.notes import (
    NoteResult,
    RenderedNote,
    bundled_templates,
    new_note,
    render_note,
    write_note,
)

__all__ = [
    "NoteResult",
    "RenderedNote",
    "bundled_templates",
    "new_note",
    "render_note",
    "safe_filename",
    "unique_filename",
    "wikilink",
    "write_note",
]
