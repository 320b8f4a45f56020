"""deprecated-property: a property Obsidian 1.9 and later no longer reads.

Obsidian 1.9 dropped the singular ``tag``, ``alias`` and ``cssclass`` keys,
and reads ``tags``, ``aliases`` and ``cssclasses`` only as lists. A note
written for older versions silently loses its tags or aliases.

Failing::

    ---
    tag: meeting
    aliases: Kickoff
    ---

Passing::

    ---
    tags: [meeting]
    aliases: [Kickoff]
    ---

Options:

- ``include-templates`` (bool, default true): also check templates, since a
  template with an old key creates notes with it.

Default severity: warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic

NAME = "deprecated-property"
CODE = "VK302"
SEVERITY = "warning"
OPTIONS = {"include-templates": (bool, True)}
PLURAL = {"tag": "tags", "alias": "aliases", "cssclass": "cssclasses"}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for prop in note.deprecated:
        new_key = PLURAL.get(prop.key, prop.key)
        fix = f"write `{new_key}:` as a list"
        reason = prop.reason or "no longer read by Obsidian"
        yield Diagnostic(note.path, prop.line, 1, f"property {prop.key!r}: {reason}", fix=fix)
