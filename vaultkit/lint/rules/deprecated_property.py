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

Fix: ``vaultkit lint --fix`` moves the value to the list key, editing only
the lines of that key: ``tag: meeting`` -> ``tags: [meeting]`` (a block
list ``- meeting`` when the note's other lists are written that way),
``aliases: Kickoff`` -> ``aliases: [Kickoff]``, ``alias: [A, B]`` ->
``aliases: [A, B]``, ``cssclass:`` -> ``cssclasses:``. Only when the result is
certain: the note must not also have the list key (``tag`` and ``tags``),
and a text value must be one item however Obsidian before 1.9 split it
(at commas; for tags and css classes also at spaces): ``tags: a, b`` or
``tag: a b`` are left for you. Numbers, dates and multi-line values are
left too. The fixed frontmatter is parsed again and must give every other
property unchanged and the list the old key meant.

Options:

- ``include-templates`` (bool, default true): also check templates, since a
  template with an old key creates notes with it.

Default severity: warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vaultkit.lint.diagnostic import Diagnostic, Edit

NAME = "deprecated-property"
CODE = "VK302"
SEVERITY = "warning"
OPTIONS = {"include-templates": (bool, True)}
PLURAL = {"tag": "tags", "alias": "aliases", "cssclass": "cssclasses"}
# Where Obsidian before 1.9 split a text value into items: aliases at commas,
# tags and css classes also at whitespace. A value holding one is not fixed.
_SEPARATORS = {"aliases": re.compile(r","), "tags": re.compile(r"[,\s]")}
_SEPARATORS["cssclasses"] = _SEPARATORS["tags"]
_BLOCK_ITEM = re.compile(r"([ \t]*)-(?:[ \t]|$)")


def check(vault: Any, note: Any, options: dict[str, Any]) -> Iterator[Diagnostic]:
    text: str | None = None
    for prop in note.deprecated:
        new_key = list_key(prop.key)
        fix = f"write `{new_key}:` as a list"
        reason = prop.reason or "no longer read by Obsidian"
        if text is None:
            from vaultkit.lint.fix import read_text

            text = read_text(vault, note) or ""
        edits = _edits(note, prop, text) if text else None
        yield Diagnostic(
            note.path, prop.line, 1, f"property {prop.key!r}: {reason}", fix=fix, edits=edits
        )


def fix(vault: Any, note: Any, diagnostic: Diagnostic, text: str) -> tuple[Edit, ...] | None:
    """The edits moving the property at the diagnostic's line to its list key, or None."""
    for prop in note.deprecated:
        if prop.line == diagnostic.line:
            return _edits(note, prop, text)
    return None


def list_key(key: str) -> str:
    """The key Obsidian 1.9+ reads: ``tag`` -> ``tags``, ``Alias`` -> ``Aliases``."""
    plural = PLURAL.get(key.lower())
    if plural is None:
        return key
    if key.isupper():
        return plural.upper()
    return plural.capitalize() if key[:1].isupper() else plural


def meant_items(value: Any) -> Any:
    """What an old value meant as the list key's value (a text is one item)."""
    return [value] if isinstance(value, str) else value


def _certain(note: Any, key: str, value: Any) -> bool:
    new_key = list_key(key)
    if new_key != key and any(k.lower() == new_key.lower() for k in note.properties):
        return False  # tag and tags both: which wins is a choice for the user
    if value is None or isinstance(value, list):
        return True
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        return False
    return "\n" not in value and not _SEPARATORS[new_key.lower()].search(value)


def _edits(note: Any, prop: Any, text: str) -> tuple[Edit, ...] | None:
    if not _certain(note, prop.key, prop.value):
        return None
    lines = text.split("\n")
    index = prop.line - 1
    if not (0 < index < note.frontmatter_end - 1 < len(lines)) or lines[0].rstrip() != "---":
        return None
    key_match = re.match(rf"([\"']?){re.escape(prop.key)}\1[ \t]*:", lines[index])
    if key_match is None:
        return None
    new_key = list_key(prop.key)
    if not isinstance(prop.value, str):  # a list or nothing: only the key changes
        start, end = key_match.start(0) + len(key_match.group(1)), len(prop.key)
        edit = Edit(prop.line, start + 1, prop.line, start + end + 1, new_key)
    else:
        edit = _wrap(lines, index, note.frontmatter_end - 1, key_match, new_key, prop.value)
    if edit is None or not _reads_back(note, text, edit, prop.key, new_key, prop.value):
        return None
    return (edit,)


def _wrap(
    lines: list[str], index: int, closing: int, key_match: re.Match[str], new_key: str, value: str
) -> Edit | None:
    """Replace the key's lines with the list form of its one-item text value."""
    last = _last_line_of_key(lines, index, closing)
    quote = key_match.group(1)
    key_part = f"{quote}{new_key}{quote}:"
    source, trailer = value, ""
    if last == index:  # the value as written, and a comment after it, are kept
        source, trailer = _value_as_written(lines[index][key_match.end() :], value)
    indent = _block_indent(lines, closing, skip=range(index, last + 1))
    if indent is None:
        item = source if _loads(f"k: [{source}]") == {"k": [value]} else _quoted(value)
        content = f"{key_part} [{item}]{trailer}"
    else:
        item = source if _loads(f"k:\n  - {source}") == {"k": [value]} else _quoted(value)
        content = f"{key_part}{trailer}\n{indent}- {item}"
    return Edit(index + 1, 1, last + 1, len(lines[last]) + 1, content)


def _last_line_of_key(lines: list[str], index: int, closing: int) -> int:
    """The last line of the key's value (before the next key; blank and comment lines after it
    are not part of it)."""
    end = index + 1
    while end < closing and (not lines[end] or lines[end][0].isspace() or lines[end][0] in "#-"):
        end += 1
    last = end - 1
    while last > index and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    return last


def _value_as_written(rest: str, value: str) -> tuple[str, str]:
    """``(value text, trailing comment)`` of ``key: value  # comment``."""
    cuts = [m.start() for m in re.finditer(r"[ \t]+#", rest)] + [len(rest)]
    for cut in cuts:  # the shortest text that reads as the value: a comment is not in it
        source = rest[:cut].strip()
        if source and _loads(f"k: {source}") == {"k": value}:
            return source, rest[cut:]
    return _quoted(value), ""


def _block_indent(lines: list[str], closing: int, skip: range) -> str | None:
    """The indent of the note's block-list items (``- x`` under ``key:``), None if it has none."""
    for i in range(1, closing - 1):
        if i in skip or i + 1 in skip:
            continue
        key_line = lines[i]
        if key_line and not key_line[0].isspace() and key_line.rstrip().endswith(":"):
            item = _BLOCK_ITEM.match(lines[i + 1])
            if item:
                return item.group(1)
    return None


def _quoted(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _loads(text: str) -> Any:
    import yaml

    try:  # libyaml: the pure-Python loader made this rule's fixes cost 0.4 s on 800 notes
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _reads_back(note: Any, text: str, edit: Edit, key: str, new_key: str, value: Any) -> bool:
    """The edited frontmatter parses, keeps every other property, and gives what ``key`` meant.

    ``note`` was parsed from ``text`` (its size was checked when the text was read).
    """
    from vaultkit.lint.fix import apply_edits
    from vaultkit.model import frontmatter

    after = frontmatter.parse(apply_edits(text, [edit]))
    if after.problems or note.yaml_error is not None:
        return False
    old = {k: v for k, v in note.properties.items() if k != key}
    new = dict(after.properties)
    if new.pop(new_key, _MISSING) != meant_items(value):
        return False
    return old == new and not any(p.key == new_key for p in after.deprecated)


_MISSING = object()
