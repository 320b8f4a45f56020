"""missing-tags: a note without tags, or without a tag its folder requires.

Tags (in the ``tags`` property or inline ``#tag``) are how many vaults find
and group notes; an untagged note drops out of tag searches and tag-based
queries. Nested tags count for their parents: ``#project/active`` satisfies
a required ``project``.

Failing::

    ---
    title: Kickoff
    ---
    Notes from the kickoff.

Passing::

    ---
    tags: [meeting]
    ---
    Notes from the kickoff.

Options:

- ``paths`` (list of globs, default ``["**"]``): which notes need at least
  one tag. ``[]`` turns the "no tag at all" check off.
- ``required`` (table of glob -> list of tags, default ``{}``): tags that
  notes under a glob must have, e.g. ``{"1-Projects/**" = ["project"]}``.
- ``include-templates`` (bool, default false): also check templates.

Default severity: warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.globs import matches_any

NAME = "missing-tags"
CODE = "VK202"
SEVERITY = "warning"
OPTIONS = {"paths": (list, ["**"]), "required": (dict, {}), "include-templates": (bool, False)}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    if note.yaml_error is not None:  # tags could not be read: invalid-frontmatter says why
        return
    keys = {tag.name.casefold().lstrip("#") for tag in note.tags}
    line = 2 if note.frontmatter_end else 1
    if not keys and matches_any(note.path, options["paths"]):
        yield Diagnostic(note.path, line, 1, "note has no tags", fix="add a `tags` property")
        return
    for glob, wanted in options["required"].items():
        if not matches_any(note.path, [glob]):
            continue
        for tag in wanted:
            if not _has(keys, tag.casefold().lstrip("#")):
                message = f"notes matching {glob!r} need the tag #{tag}"
                yield Diagnostic(note.path, line, 1, message, fix=f"add {tag!r} to `tags`")


def _has(keys: set[str], wanted: str) -> bool:
    return any(key == wanted or key.startswith(wanted + "/") for key in keys)
