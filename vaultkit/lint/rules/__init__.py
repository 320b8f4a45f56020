"""The rule registry: one module per rule, listed here in code order.

Adding a rule: write ``rules/<name>.py`` with ``NAME``, ``CODE``, ``SEVERITY``,
``OPTIONS`` (option -> ``(type, default)``), a docstring (its user
documentation) and ``check(vault, note, options)``; optionally
``check_vault(vault, options)`` for findings not tied to one note. Then add
the module here.
"""

from __future__ import annotations

from types import ModuleType

from vaultkit.errors import VaultError
from vaultkit.lint.rules import (
    ambiguous_link,
    broken_block_ref,
    broken_embed,
    broken_heading,
    broken_link,
    deprecated_property,
    duplicate_block_id,
    invalid_frontmatter,
    invalid_tag,
    missing_tags,
    orphan_note,
    unreadable_note,
)

RULES: dict[str, ModuleType] = {
    module.NAME: module
    for module in (
        broken_link,
        broken_heading,
        broken_block_ref,
        broken_embed,
        ambiguous_link,
        orphan_note,
        missing_tags,
        invalid_frontmatter,
        deprecated_property,
        invalid_tag,
        duplicate_block_id,
        unreadable_note,
    )
}
BY_CODE: dict[str, ModuleType] = {module.CODE: module for module in RULES.values()}


def get_rule(name_or_code: str) -> ModuleType:
    """The rule module for a name (``broken-link``) or code (``VK101``)."""
    key = name_or_code.strip()
    rule = RULES.get(key.lower()) or BY_CODE.get(key.upper())
    if rule is None:
        raise VaultError(f"unknown rule {name_or_code!r}; `vaultkit rules` lists them")
    return rule


def summary(rule: ModuleType) -> str:
    """The first line of the rule's docstring, after its name."""
    first = (rule.__doc__ or "").strip().splitlines()[0]
    return first.split(":", 1)[1].strip() if ":" in first else first
