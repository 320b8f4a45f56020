"""ambiguous-link: a link whose bare name matches several files.

``[[Meeting]]`` when both ``Work/Meeting.md`` and ``Home/Meeting.md`` exist:
Obsidian picks one by its tie-break rules (the file nearest the linking note,
then the shortest path), which may not be the one you meant, and the choice
can change when files move. Write the path to say which.

Failing (two notes named "Meeting")::

    [[Meeting]]

Passing::

    [[Work/Meeting]]

Fix: ``vaultkit lint --fix`` writes the path of the file the link opens
now, keeping what the reader sees: ``[[Meeting]]`` ->
``[[Work/Meeting|Meeting]]``, ``[[Meeting#Plan|plan]]`` ->
``[[Work/Meeting#Plan|plan]]``, ``![[Meeting]]`` -> ``![[Work/Meeting]]`` (an
embed shows no link text), ``[m](Meeting.md)`` -> ``[m](Work/Meeting.md)`` (in
the note's encoding: ``%20`` or ``<...>``). In a table the added ``|`` is
written ``\\|``. Left for you: a link to a heading or block with no link
text (``[[Meeting#Plan]]``, which Obsidian shows as "Meeting > Plan"),
links in properties or in a heading, relative links (``./``, ``../``),
and any rewrite that would not open the same file (checked with the
vault's own resolution).

Options:

- ``include-templates`` (bool, default false): also check notes in the
  templates folder.

Default severity: warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic, Edit
from vaultkit.lint.rules._common import at_link, shown

NAME = "ambiguous-link"
CODE = "VK105"
SEVERITY = "warning"
OPTIONS = {"include-templates": (bool, False)}
# Characters a Markdown link destination without <...> cannot hold as they are.
_ENCODE = set(" %()<>[]\\^`{|}#?\"'")
_DELIMITER_ROW = re.compile(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    lines: list[str] | None = None
    for link in note.links:
        if len(link.candidates) < 2 or link.resolved is None:
            continue
        others = [c for c in link.candidates if c != link.resolved]
        subpath = f"#{link.subpath}" if link.subpath else ""
        fix = f"[[{link.resolved[:-3]}{subpath}]]" if link.resolved.endswith(".md") else None
        if lines is None:
            from vaultkit.lint.fix import read_text

            lines = (read_text(vault, note) or "").split("\n")
        diagnostic = at_link(
            link,
            f"{shown(link)} matches {len(link.candidates)} files: Obsidian opens "
            f"{link.resolved!r}, it could also mean {', '.join(repr(o) for o in others)}",
            fix,
        )
        edit = _edit(vault, note, link, lines)
        yield diagnostic if edit is None else _with(diagnostic, edit)


def fix(vault: Any, note: Any, diagnostic: Diagnostic, text: str) -> tuple[Edit, ...] | None:
    """The edit qualifying the link at the diagnostic's position, or None."""
    for link in note.links:
        if (link.line, link.column) == (diagnostic.line, diagnostic.column):
            edit = _edit(vault, note, link, text.split("\n"))
            return None if edit is None else (edit,)
    return None


def _with(diagnostic: Diagnostic, edit: Edit) -> Diagnostic:
    from dataclasses import replace

    return replace(diagnostic, edits=(edit,))


def _edit(vault: Any, note: Any, link: Any, lines: list[str]) -> Edit | None:
    """Replace the link as written with one naming the file's path; None if not certain."""
    if link.kind == "property" or not link.raw or "\n" in link.raw or link.resolved is None:
        return None
    if link.target.startswith((".", "/")) or not 0 < link.line <= len(lines):
        return None
    if any(heading.line == link.line for heading in note.headings):
        return None  # the heading's text is what [[Note#Heading]] links elsewhere match
    line = lines[link.line - 1]
    start = link.column - 1
    if line[start : start + len(link.raw)] != link.raw:
        return None  # the note changed since it was read
    prefix = _folder_prefix(link.resolved, link.target)
    if prefix is None:
        return None
    if link.kind == "markdown":
        new = _markdown(link, prefix)
    else:
        new = _wikilink(link, prefix, _in_table(lines, link.line - 1))
    if new is None or not _opens(vault, new, link):
        return None
    return Edit(link.line, link.column, link.line, link.column + len(link.raw), new)


def _folder_prefix(resolved: str, target: str) -> str | None:
    """The folders to write before ``target`` so that it names ``resolved``'s path."""
    written = target.replace("\\", "/").strip("/").split("/")
    path = resolved.split("/")
    if len(path) <= len(written):
        return None
    return "/".join(path[: len(path) - len(written)]) + "/"


def _wikilink(link: Any, prefix: str, in_table: bool) -> str | None:
    bang = "!" if link.embed else ""
    inner = link.raw[len(bang) + 2 : -2]
    target_part, separator, display = inner, "", ""
    if "|" in inner:
        target_part, display = inner.split("|", 1)
        separator = "|"
        if target_part.endswith("\\"):
            target_part, separator = target_part[:-1], "\\|"
    elif not link.embed:
        if link.subpath is not None or link.target.lower().endswith(".md"):
            return None  # Obsidian shows "Name > Heading": no text to keep it by
        separator, display = ("\\|" if in_table else "|"), target_part.strip()
    if not target_part.lstrip().startswith(link.target):
        return None
    spaces = target_part[: len(target_part) - len(target_part.lstrip())]
    return f"{bang}[[{spaces}{prefix}{target_part.lstrip()}{separator}{display}]]"


def _markdown(link: Any, prefix: str) -> str | None:
    """``[text](Name.md)`` -> ``[text](Folder/Name.md)``, encoded as the note encodes."""
    bang = "!" if link.embed else ""
    opening = f"{bang}[{link.display}]("
    if not link.raw.startswith(opening):
        return None
    rest = link.raw[len(opening) :]
    body = rest.lstrip(" \t")
    lead = rest[: len(rest) - len(body)]
    if body.startswith("<"):
        if any(c in prefix for c in "<>"):
            return None
        return f"{opening}{lead}<{prefix}{body[1:]}"
    return f"{opening}{lead}{_encode(prefix)}{body}"


def _encode(prefix: str) -> str:
    """Percent-encode what a bare destination cannot hold (as Obsidian writes ``%20``)."""
    out = []
    for char in prefix:
        if char in _ENCODE or char.isspace() or ord(char) < 32:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def _in_table(lines: list[str], index: int) -> bool:
    """Whether the line is a row of a GFM table (a ``|`` in the link must be ``\\|``)."""
    start = index
    while start > 0 and lines[start - 1].strip():
        start -= 1
    for i in range(start + 1, index + 1):
        if "-" in lines[i] and _DELIMITER_ROW.fullmatch(lines[i]) and "|" in lines[i - 1]:
            return True
    return (
        index + 1 < len(lines)
        and "|" in lines[index]
        and bool(_DELIMITER_ROW.fullmatch(lines[index + 1]) and "-" in lines[index + 1])
    )


def _opens(vault: Any, new_raw: str, link: Any) -> bool:
    """Whether the rewritten link opens the same file, unambiguously, with the same subpath."""
    from vaultkit.model.markdown import scan

    found = scan(new_raw).links
    if len(found) != 1:
        return False
    new = found[0]
    if (new.heading, new.block, new.embed, new.kind) != (
        link.heading,
        link.block,
        link.embed,
        link.kind,
    ):
        return False
    resolved, candidates = vault.resolve_candidates(new.target, link.source)
    return resolved == link.resolved and len(candidates) < 2
