"""invalid-frontmatter: frontmatter that Obsidian cannot read as properties.

When the YAML between the ``---`` lines does not parse, is not a mapping of
keys to values, or repeats a key, Obsidian shows no properties for the note
(and tags, aliases and property links in it are lost). The diagnostic points
at the line of the note where the YAML error is.

Failing (an unclosed quote)::

    ---
    title: "Kickoff
    tags: [meeting]
    ---

Passing::

    ---
    title: "Kickoff"
    tags: [meeting]
    ---

Options:

- ``include-templates`` (bool, default false): also check templates, whose
  frontmatter often holds placeholders like ``{{date}}`` that only parse
  after the template is applied.

Default severity: error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic

NAME = "invalid-frontmatter"
CODE = "VK301"
SEVERITY = "error"
OPTIONS = {"include-templates": (bool, False)}
KINDS = {
    "yaml": "frontmatter is not valid YAML",
    "frontmatter-not-mapping": "frontmatter must be a mapping of property names to values",
    "duplicate-key": "frontmatter repeats a property",
}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for problem in note.problems:
        if problem.kind in KINDS:
            message = problem.message.removeprefix("invalid YAML: ")
            detail = f": {message}" if message else ""
            yield Diagnostic(
                note.path, problem.line or 1, problem.column or 1, f"{KINDS[problem.kind]}{detail}"
            )
