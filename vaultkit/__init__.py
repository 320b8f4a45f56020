"""vaultkit: parse, lint and generate Obsidian vaults.

The public names are imported lazily so that ``vaultkit --version`` and
``import vaultkit`` stay fast: networkx and the parser load only when used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "Vault": "vaultkit.model.vault",
    "Note": "vaultkit.model.types",
    "Link": "vaultkit.model.types",
    "Tag": "vaultkit.model.types",
    "Heading": "vaultkit.model.types",
    "BlockId": "vaultkit.model.types",
    "Problem": "vaultkit.model.types",
    "VaultError": "vaultkit.errors",
    "scaffold": "vaultkit.generate",
    "render_note": "vaultkit.generate",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from vaultkit.errors import VaultError  # noqa: F401
    from vaultkit.model.types import BlockId, Heading, Link, Note, Problem, Tag  # noqa: F401
    from vaultkit.model.vault import Vault  # noqa: F401


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'vaultkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
