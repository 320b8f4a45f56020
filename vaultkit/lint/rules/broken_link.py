"""broken-link: a link to a note or file that does not exist.

Obsidian shows such a link in a faded colour and creates an empty note when
you click it. Usually it is a typo, a renamed note, or a link to an alias
(Obsidian offers aliases in autocomplete, but ``[[Alias]]`` itself does not
open the note). It covers wikilinks ``[[X]]``, Markdown links ``[t](X.md)``
and links in properties (``related: "[[X]]"``); embeds ``![[X]]`` are
checked by ``broken-embed``. Links to web addresses are not checked.

The message suggests the likely target: ``[[Real Name|Alias]]`` when the
target is an alias of a note, else the note with the closest name.

If you link to notes before writing them (a common Obsidian habit), make
these warnings so they do not fail a commit: ``[lint.rules.broken-link]
severity = "warning"``, or list such targets in ``ignore-targets``.

Failing (no note called "Projcts" exists)::

    See [[Projcts]] for the list.

Passing::

    See [[Projects]] for the list.

Options:

- ``include-templates`` (bool, default false): also check notes in the
  templates folder. Templates hold placeholders like ``[[<% tp.date.now() %>]]``
  or ``[[{{title}}]]`` that are only filled in when the template is used.
- ``ignore-targets`` (list of globs, default ``[]``): link targets that are
  fine to leave unresolved, e.g. ``["TODO*"]`` for notes you mean to write.

Default severity: error.
"""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import quote

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.index import index_for, is_external
from vaultkit.lint.rules._common import at_link, note_name, shown

NAME = "broken-link"
CODE = "VK101"
SEVERITY = "error"
OPTIONS = {"include-templates": (bool, False), "ignore-targets": (list, [])}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    ignored = [pattern.casefold() for pattern in options["ignore-targets"]]
    for link in note.links:
        if link.embed or link.resolved is not None or not link.target:
            continue
        if is_external(link.target) or any(fnmatchcase(link.target.casefold(), p) for p in ignored):
            continue
        fix = suggestion(vault, link.target, markdown=link.kind == "markdown")
        hint = f"; did you mean {fix}?" if fix else ""
        yield at_link(link, f"{shown(link)}: no note or file named {link.target!r}{hint}", fix)


def suggestion(vault: Any, target: str, markdown: bool = False) -> str | None:
    """``[[Real Name|target]]`` when target is an alias, else the nearest name.

    For a Markdown link the suggestion is the note's path, as that syntax needs.
    """
    from vaultkit.model.resolve import key

    name = target.rsplit("/", 1)[-1]
    owners = vault.aliases.get(key(name[:-3] if name.lower().endswith(".md") else name))
    near = min(owners) if owners else index_for(vault).similar_note(target)
    if near is None:
        return None
    if markdown:
        return f"({quote(near)})"
    return f"[[{note_name(near)}|{target}]]" if owners else f"[[{note_name(near)}]]"
