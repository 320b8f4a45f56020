"""Generate notes, Maps of Content and whole vaults from Jinja templates and kits.

The library API; ``vaultkit new``, ``vaultkit scaffold`` and ``vaultkit moc``
only call these.
"""

from __future__ import annotations

from vaultkit.generate.kit import Kit, bundled_kits, load_kit
from vaultkit.generate.moc import build_moc, create_moc, update_mocs
from vaultkit.generate.names import safe_filename, unique_filename, wikilink
from vaultkit.generate.notes import (
    NoteResult,
    RenderedNote,
    bundled_templates,
    new_note,
    render_note,
    write_note,
)

# Last: the function shadows the ``scaffold`` submodule as a package attribute,
# which is what ``vaultkit.scaffold(...)`` and ``from vaultkit.generate import
# scaffold`` want; import the module as ``vaultkit.generate.scaffold`` via
# ``from vaultkit.generate.scaffold import ...``.
from vaultkit.generate.scaffold import FileStatus, ScaffoldResult, scaffold  # noqa: E402

__all__ = [
    "FileStatus",
    "Kit",
    "NoteResult",
    "ScaffoldResult",
    "build_moc",
    "bundled_kits",
    "create_moc",
    "load_kit",
    "scaffold",
    "update_mocs",
    "RenderedNote",
    "bundled_templates",
    "new_note",
    "render_note",
    "safe_filename",
    "unique_filename",
    "wikilink",
    "write_note",
]
