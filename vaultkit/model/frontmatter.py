"""The YAML frontmatter block: where it is, what it says, and what Obsidian reads.

Obsidian reads properties only from a block that starts on the very first
line with ``---`` and ends at the next ``---`` line. Since Obsidian 1.9,
``tags``, ``aliases`` and ``cssclasses`` are read only when they are lists;
``tag``, ``alias`` and ``cssclass`` are ignored. vaultkit follows that: such
values are *not* counted as tags or aliases, and are recorded as
``DeprecatedProperty`` so the linter can warn before Obsidian's properties
editor silently drops them. A property value counts as a link when the whole
value (or a list item) is one wikilink, e.g. ``related: "[[X]]"``; links
inside longer text values are text, as Obsidian shows them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import yaml

from vaultkit.model import simple_yaml
from vaultkit.model.markdown import wikilink_from_inner
from vaultkit.model.types import DeprecatedProperty, Link, Problem, Tag

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~4x faster
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_WHOLE_LINK = re.compile(r"\s*(!?)\[\[([^\[\]\n]+)\]\]\s*")
_MAX_WALK = 100_000  # values visited per note: stops YAML alias bombs
_MAX_DEPTH = 100  # nesting levels: libyaml's composer recurses in C and crashes near 30,000
_WINDOW = 4096  # how far past the last match a list item's text is looked for


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe YAML that behaves like Obsidian's parser on mapping keys.

    Duplicate keys are an error (as in Obsidian); an object used as a key
    (``created: {{date}}`` in a template) becomes the text "[object Object]"
    instead of failing, as Obsidian's parser does.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        _check_duplicates(node)
        self.flatten_mapping(node)  # merge keys (<<) may be overridden: not duplicates
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = "[object Object]"
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _timestamp_or_text(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """``2026-13-45`` looks like a date to YAML but is not one: Obsidian keeps it as text."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_SIMPLE = simple_yaml.Reader(_Loader)


def _check_duplicates(node: yaml.MappingNode) -> None:
    seen: set[str] = set()
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        if key_node.value in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
            )
        seen.add(key_node.value)


@dataclass
class Frontmatter:
    properties: dict[str, Any] = field(default_factory=dict)
    end_line: int = 0
    """Line of the closing ``---`` (0 when there is no frontmatter)."""
    end_offset: int = 0
    """Offset in the text just after the closing line."""
    problems: list[Problem] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    deprecated: list[DeprecatedProperty] = field(default_factory=list)


def parse(text: str, *, max_bytes: int = 1_000_000) -> Frontmatter:
    """Find and read the frontmatter at the top of ``text``."""
    fm = Frontmatter()
    opening = _OPEN.match(text)
    if not opening:
        return fm
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        fm.problems.append(
            Problem(
                "yaml", "frontmatter is not closed: no '---' line after the one on line 1", line=1
            )
        )
        return fm
    raw = text[opening.end() : closing.start()]
    fm.end_line = text.count("\n", 0, closing.start()) + 1
    fm.end_offset = min(len(text), closing.end() + 1)
    if len(raw) > max_bytes:
        fm.problems.append(
            Problem("too-large", f"frontmatter is over {max_bytes} bytes; not read", line=2)
        )
        return fm
    simple = _SIMPLE.read(raw) if simple_yaml.ENABLED else None
    if simple is not None:  # plain 'key: value' lines: no libyaml, and never nested deep
        data, key_lines = _as_properties(simple[0], raw, fm), simple[1]
    elif _too_deep(raw):
        fm.problems.append(
            Problem(
                "yaml", f"frontmatter is nested over {_MAX_DEPTH} levels deep; not read", line=2
            )
        )
        return fm
    else:
        data, key_lines = _load_yaml(raw, fm), None
    if data is None:
        return fm
    fm.properties = data
    _read_special(fm, raw, key_lines)
    return fm


def _too_deep(raw: str) -> bool:
    """Nested deeper than ``_MAX_DEPTH``? Checked on parse events, which do not recurse.

    Each level needs one of ``[ { - : ?``, so ordinary frontmatter (a few
    dozen of them) skips the event walk entirely.
    """
    if sum(raw.count(c) for c in "[{-:?") < _MAX_DEPTH:
        return False
    depth = 0
    try:
        for event in yaml.parse(raw, Loader=_Base):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > _MAX_DEPTH:
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False  # the load reports the syntax error with its line
    return False


def _expands_too_far(value: Any) -> bool:
    """Do aliases make the value bigger than ``_MAX_WALK`` items once expanded?

    A "billion laughs" block is a few lines that expand to 10**9 values
    (or to a list that contains itself); anything that walks or serialises
    the properties would hang or run out of memory.
    """
    stack, visited = [value], 0
    while stack:
        item = stack.pop()
        visited += 1
        if visited > _MAX_WALK:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _load_yaml(raw: str, fm: Frontmatter) -> dict | None:
    try:
        data = yaml.load(raw, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        column = mark.column + 1 if mark else None
        kind = "duplicate-key" if "duplicate key" in str(exc.problem) else "yaml"
        message = f"invalid YAML: {exc.problem or exc.context}"
        fm.problems.append(Problem(kind, message, line=line, column=column))
        return None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        # e.g. a date that does not exist (2023-13-45): say which value, not just "ValueError"
        fm.problems.append(Problem("yaml", f"invalid YAML: {exc or type(exc).__name__}", line=2))
        return None
    return _as_properties(data, raw, fm)


def _as_properties(data: Any, raw: str, fm: Frontmatter) -> dict | None:
    """The loaded block as properties, or None with a problem when it is not a mapping."""
    if data is None:
        return {}
    if "*" in raw and _expands_too_far(data):
        fm.problems.append(
            Problem(
                "yaml",
                f"YAML aliases expand to over {_MAX_WALK:,} values (an alias bomb); not read",
                line=2,
            )
        )
        return None
    if not isinstance(data, dict):
        fm.problems.append(
            Problem(
                "frontmatter-not-mapping",
                f"frontmatter is a {type(data).__name__}, not a set of 'key: value' properties",
                line=2,
            )
        )
        return None
    return {str(k): v for k, v in data.items()}


def _read_special(fm: Frontmatter, raw: str, key_lines: dict[str, int] | None = None) -> None:
    """Tags, aliases, deprecated keys and property links, with their lines."""
    lines = _Lines(raw)
    if key_lines is None:
        key_lines = _key_lines(lines.lines)
    for key, value in fm.properties.items():
        lower = key.lower()
        line = key_lines.get(key, 2)
        if lower in ("tags", "aliases", "cssclasses"):
            _read_list_property(fm, key, value, lines, line)
        elif lower in ("tag", "alias", "cssclass"):
            fm.deprecated.append(
                DeprecatedProperty(
                    key,
                    value,
                    line,
                    f"Obsidian 1.9+ ignores '{key}'; use '{lower}{'es' if lower.endswith('s') else 's'}' as a list",
                )
            )
        _read_property_links(fm, key, value, lines, line)


def _key_lines(lines: list[str]) -> dict[str, int]:
    """Line (in the note) of each top-level key; frontmatter starts on line 2."""
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line and not line[0].isspace() and line[0] not in "#-":
            found.setdefault(_key_of(line), index + 2)
    return found


def _key_of(line: str) -> str:
    """The key a ``key: value`` line starts with; a quoted key may hold ``:`` itself."""
    quote = line[0]
    if quote in "'\"":
        end = line.find(quote, 1)
        if end > 0:
            return line[1:end]
    return line.split(":", 1)[0].strip().strip("'\"")


def _read_list_property(fm: Frontmatter, key: str, value: Any, lines: _Lines, line: int) -> None:
    lower = key.lower()
    if value is None:
        return
    if not isinstance(value, list):
        fm.deprecated.append(
            DeprecatedProperty(
                key,
                value,
                line,
                f"Obsidian 1.9+ reads '{key}' only as a list; this text value is ignored",
            )
        )
        return
    cursor = lines.offset(line)
    for item in value:
        if item is None or isinstance(item, (dict, list)):
            continue
        text = str(item).strip()
        if lower == "tags":
            name = text.lstrip("#")
            if name:
                item_line, column, cursor = lines.find(text, line, cursor)
                fm.tags.append(Tag(name, item_line, column, "frontmatter"))
        elif lower == "aliases" and text:
            fm.aliases.append(text)


class _Lines:
    """The raw frontmatter, for finding where a value is written.

    Values of one list are written in order, so each is looked for just
    after the previous one and only within ``_WINDOW`` characters: a list
    of 100,000 tags costs one pass, not 100,000 (lines and columns are note
    positions; the frontmatter starts on line 2).
    """

    def __init__(self, raw: str):
        self.raw = raw
        self._starts: list[int] = []  # split only when a position is wanted

    @property
    def lines(self) -> list[str]:
        return self.raw.split("\n")

    def starts(self) -> list[int]:
        """Offset of each line's first character."""
        if not self._starts:
            self._starts = list(accumulate((len(x) + 1 for x in self.lines), initial=0))
        return self._starts

    def offset(self, line: int) -> int:
        starts = self.starts()
        return starts[min(max(0, line - 2), len(starts) - 2)]

    def find(self, needle: str, from_line: int, cursor: int) -> tuple[int, int, int]:
        """``(line, column, cursor after the match)``; ``(from_line, 1, cursor)`` if not near."""
        found = self.raw.find(needle, cursor, cursor + len(needle) + _WINDOW)
        if found < 0:
            return from_line, 1, cursor
        starts = self.starts()
        index = bisect_right(starts, found) - 1
        return index + 2, found - starts[index] + 1, found + len(needle)


def _read_property_links(fm: Frontmatter, key: str, value: Any, lines: _Lines, line: int) -> None:
    if isinstance(value, str):
        texts = [value]
    elif (
        isinstance(value, list)
        and len(value) < _MAX_WALK
        and not any(isinstance(item, (list, dict)) for item in value)
    ):
        texts = value  # a flat list (tags, aliases): _strings would give its strings in order
    elif isinstance(value, (list, dict)):
        texts = _strings(value)
    else:
        return  # numbers, dates, booleans and nulls hold no link
    cursor = -1
    for text in texts:
        match = _WHOLE_LINK.fullmatch(text) if isinstance(text, str) and "[[" in text else None
        if not match:
            continue
        if cursor < 0:
            cursor = lines.offset(line)
        raw = f"{match.group(1)}[[{match.group(2)}]]"
        link_line, column, cursor = lines.find(raw, line, cursor)
        link = wikilink_from_inner(
            match.group(2), raw, link_line, column, embed=bool(match.group(1))
        )
        link.kind = "property"
        link.property_name = key
        fm.links.append(link)


def _strings(value: Any) -> list[str]:
    """Every string in a property value, bounded against alias bombs."""
    out: list[str] = []
    stack = [value]
    visited = 0
    seen: set[int] = set()
    while stack and visited < _MAX_WALK:
        item = stack.pop()
        visited += 1
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, (list, dict)):
            if id(item) in seen:
                continue
            seen.add(id(item))
            stack.extend(reversed(list(item.values() if isinstance(item, dict) else item)))
    return out
