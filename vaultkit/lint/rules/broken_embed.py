"""broken-embed: an embed ``![[...]]`` or ``![](...)`` whose file is missing.

Obsidian shows an empty box where the image, PDF or note should be. Often
the attachment was renamed, moved outside the vault, or never copied in.
Embeds of web addresses (``![](https://...)``) are not checked.

Failing (no file ``diagram.png`` in the vault)::

    ![[diagram.png]]

Passing::

    ![[Attachments/diagram.png]]

Options:

- ``include-templates`` (bool, default false): also check notes in the
  templates folder (whose embeds may be placeholders).

Default severity: error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.index import is_external
from vaultkit.lint.rules._common import at_link, shown

NAME = "broken-embed"
CODE = "VK104"
SEVERITY = "error"
OPTIONS = {"include-templates": (bool, False)}


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    for link in note.links:
        if not link.embed or link.resolved is not None or not link.target:
            continue
        if is_external(link.target):
            continue
        yield at_link(link, f"{shown(link)}: embedded file {link.target!r} not found")
