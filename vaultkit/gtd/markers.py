"""Generated sections inside a user's note, between ``%% vaultkit:begin NAME %%`` markers.

Everything outside the markers is the user's and is kept byte for byte; the
markers are Obsidian comments, so they do not show in reading view.
"""

from __future__ import annotations

import re


def begin_marker(name: str) -> str:
    return f"%% vaultkit:begin {name} %%"


def end_marker(name: str) -> str:
    return f"%% vaultkit:end {name} %%"


def _span(text: str, name: str) -> tuple[int, int] | None:
    """Start of the begin marker and end of the end marker, or None."""
    begin = re.search(rf"^[ \t]*{re.escape(begin_marker(name))}[ \t]*$", text, re.MULTILINE)
    if not begin:
        return None
    end = re.compile(rf"^[ \t]*{re.escape(end_marker(name))}[ \t]*$", re.MULTILINE)
    found = end.search(text, begin.end())
    return (begin.start(), found.end()) if found else None


def has_section(text: str, name: str) -> bool:
    return _span(text, name) is not None


def section_body(text: str, name: str) -> str | None:
    """The text between the markers (without them), or None when there is no section."""
    span = _span(text, name)
    if span is None:
        return None
    inner = text[span[0] : span[1]].split("\n")[1:-1]
    return "\n".join(inner)


def replace_section(text: str, name: str, body: str, *, heading: str | None = None) -> str:
    """``text`` with the generated section ``name`` holding ``body``.

    A missing section is appended at the end of the note, under ``heading``
    (e.g. ``## Projects``) when the note does not already have that heading,
    in which case the section goes right below it.
    """
    block = f"{begin_marker(name)}\n{body.rstrip(chr(10))}\n{end_marker(name)}"
    span = _span(text, name)
    if span is not None:
        return text[: span[0]] + block + text[span[1] :]
    if heading:
        found = re.search(rf"^{re.escape(heading)}[ \t]*$", text, re.MULTILINE)
        if found:
            return text[: found.end()] + "\n" + block + text[found.end() :]
    base = text.rstrip("\n")
    prefix = f"{base}\n\n" if base else ""
    if heading:
        prefix += f"{heading}\n"
    return f"{prefix}{block}\n"
