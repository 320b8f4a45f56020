"""A fast reader for the plain frontmatter most notes have; anything else goes to libyaml.

Most frontmatter is ``key: scalar``, ``key: [a, b]``, ``key:`` followed by
``- item`` lines, and ``key: >`` or ``key: |`` followed by indented text. Reading that with libyaml still builds events, nodes and a
Python object per value: about a quarter of a cold ``Vault.load``. This
reader recognises exactly that subset line by line and gives each scalar to
PyYAML's own resolver and constructors, so a value comes out as the very
object ``yaml.load`` would make (YAML 1.1 booleans, ints, floats, dates).

It is strict on purpose: whatever it does not recognise (comments, quotes
with escapes, anchors, tags, nested mappings, tabs, duplicate keys, odd
indentation, flow mappings, plain values over several lines; in block
scalars: indentation indicators, ``+`` chomping, more-indented or
whitespace-only lines, leading blank lines, trailing spaces) makes ``read``
return None and the caller uses libyaml, which also reports any error.
``tests/model/test_simple_yaml.py`` checks the two agree.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

ENABLED = True
"""Off: every frontmatter block goes through libyaml (the equality tests flip it)."""

_STR = "tag:yaml.org,2002:str"
# Characters libyaml reads as printable text, minus the ones it reads as line
# breaks (NEL, LS, PS), tabs and the byte-order mark: any other character
# anywhere in the block declines.
_PLAIN_TEXT = re.compile(
    "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
# Characters that may not start a plain scalar (YAML indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_FORBIDDEN = re.compile(r"[\[\]{}#:?\"']")
_MAX_KEY = 1000  # libyaml refuses simple keys over 1024 characters
_MAX_CACHE = 100_000


class Reader:
    """Reads the subset; ``loader`` gives the resolver and constructors to agree with."""

    def __init__(self, loader: type) -> None:
        self._loader = loader("")
        self._constructors = loader.yaml_constructors
        self._scalars: dict[str, Any] = {}
        self._keys: dict[str, bool] = {}

    def read(self, raw: str) -> tuple[dict[str, Any], dict[str, int]] | None:
        """``(properties, line of each key as _key_lines finds it)``, or None to decline."""
        if not _PLAIN_TEXT.fullmatch(raw):
            return None
        data: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        pending: str | None = None  # a key with no value yet: its list may follow
        items: list[Any] | None = None
        indent = -1
        scalar: tuple[str, str, list[str]] | None = None  # key, header, lines of a | or > block
        for number, line in enumerate(raw.split("\n"), start=2):
            if scalar is not None:
                if not line or line[0] == " ":
                    scalar[2].append(line)
                    continue
                value = _block_text(scalar[1], scalar[2], ended=True)
                if value is _DECLINE:
                    return None
                data[scalar[0]] = value
                scalar = None
            if not line or line[0] == "-" or line[0] == " ":
                stripped = line.lstrip(" ")
                if not stripped:
                    continue  # blank lines mean nothing between block entries
                if stripped[0] != "-" or stripped[1:2] not in ("", " ") or pending is None:
                    return None
                if items is None:
                    items, indent = [], len(line) - len(stripped)
                elif len(line) - len(stripped) != indent:
                    return None
                item = stripped[1:].strip(" ")
                if item:
                    item = self._block_scalar(item)
                    if item is _DECLINE:
                        return None
                    items.append(item)
                else:
                    items.append(None)
                continue
            if pending is not None:
                data[pending] = items
                pending, items = None, None
            key, value = self._key_value(line)
            if key is None or key in data:
                return None  # not a key line, or a duplicate key (an error for libyaml)
            if line[0] not in "#-" and not line[0].isspace():
                key_lines.setdefault(line.split(":", 1)[0].strip().strip("'\""), number)
            if not value:
                pending = key
                continue
            if value in _BLOCK_HEADERS:
                scalar = (key, value, [])
                continue
            if value[0] == "[":
                value = self._flow_list(value)
            else:
                value = self._block_scalar(value)
            if value is _DECLINE:
                return None
            data[key] = value
        if pending is not None:
            data[pending] = items
        if scalar is not None:
            value = _block_text(scalar[1], scalar[2], ended=False)
            if value is _DECLINE:
                return None
            data[scalar[0]] = value
        return data, key_lines

    def _key_value(self, line: str) -> tuple[str | None, str]:
        """A ``key: value`` line with a plain key that YAML reads as text."""
        if line[0] in _INDICATORS or line.startswith("..."):
            return None, ""
        colon = line.find(": ")
        if colon < 0:
            if line[-1] != ":":
                return None, ""
            colon = len(line) - 1
        key = line[:colon].rstrip(" ")
        if " #" in key or len(key) > _MAX_KEY or not self._text_key(key):
            return None, ""
        return key, line[colon + 1 :].strip(" ")

    def _text_key(self, key: str) -> bool:
        ok = self._keys.get(key)
        if ok is None:
            tag = self._loader.resolve(yaml.ScalarNode, key, (True, False))
            ok = self._remember(self._keys, key, tag == _STR)
        return ok

    def _block_scalar(self, text: str) -> Any:
        """One scalar written on one line outside brackets (spaces already stripped)."""
        first = text[0]
        if first == '"' or first == "'":
            return _quoted(text)
        if first in _INDICATORS and not (first == "-" and text[1:2] in _NUMBER_START):
            return _DECLINE
        if ": " in text or text[-1] == ":" or " #" in text:
            return _DECLINE  # a nested mapping, or a comment
        return self._plain(text)

    def _flow_list(self, text: str) -> Any:
        """``[a, "b", 3]`` on one line: a list of scalars, no nesting."""
        if text[-1] != "]":
            return _DECLINE
        inner = text[1:-1]
        out: list[Any] = []
        if not inner.strip(" "):
            return out
        for part in inner.split(","):
            part = part.strip(" ")
            if not part:
                return _DECLINE  # an empty entry: libyaml decides ([a,] is fine, [,] is not)
            if part[0] == '"' or part[0] == "'":
                value = _quoted(part)
            elif _FLOW_FORBIDDEN.search(part) or (
                part[0] in _INDICATORS and not (part[0] == "-" and part[1:2] in _NUMBER_START)
            ):
                value = _DECLINE
            else:
                value = self._plain(part)
            if value is _DECLINE:
                return _DECLINE
            out.append(value)
        return out

    def _plain(self, text: str) -> Any:
        """The object PyYAML makes of a plain scalar (cached: the same values recur)."""
        try:
            return self._scalars[text]
        except KeyError:
            pass
        loader = self._loader
        tag = loader.resolve(yaml.ScalarNode, text, (True, False))
        construct = self._constructors.get(tag)
        if construct is None:
            return _DECLINE  # e.g. '=' (the YAML "value" type): libyaml reports it
        try:
            value = construct(loader, yaml.ScalarNode(tag, text))
        except Exception:  # noqa: BLE001 - e.g. int('0b_'): libyaml reports it
            return _DECLINE
        return self._remember(self._scalars, text, value)

    @staticmethod
    def _remember(cache: dict, text: str, value: Any) -> Any:
        if len(cache) >= _MAX_CACHE:
            cache.clear()  # a vault of unique values must not grow this without bound
        cache[text] = value
        return value


_DECLINE: Any = object()
_NUMBER_START = frozenset("0123456789.")
# Literal and folded block scalars, with "clip" or "strip" chomping.
_BLOCK_HEADERS = frozenset(("|", ">", "|-", ">-"))


def _block_text(header: str, lines: list[str], *, ended: bool) -> Any:
    """The text of a ``|`` or ``>`` block whose lines all share one indentation.

    ``ended``: a key line followed the block (so its last line had a line
    break even when no blank line follows it).
    """
    trailing = 0
    while lines and lines[-1] == "":
        lines.pop()
        trailing += 1
    if not lines or lines[0] == "" or not (ended or trailing):
        return _DECLINE  # empty, leading blank lines, or no final line break
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    out: list[str] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
            continue
        if len(line) - len(line.lstrip(" ")) != indent or line[-1] == " ":
            return _DECLINE  # more or less indented, or trailing spaces: libyaml decides
        if out:
            if header[0] == "|":
                out.append("\n" * (gap + 1))
            else:  # folded: one line break becomes a space, blank lines stay breaks
                out.append("\n" * gap if gap else " ")
        out.append(line[indent:])
        gap = 0
    text = "".join(out)
    return text if header.endswith("-") else text + "\n"


def _quoted(text: str) -> Any:
    """A quoted scalar with nothing to unescape, alone on its line or in its list entry."""
    quote = text[0]
    body = text[1:-1]
    if len(text) < 2 or text[-1] != quote or quote in body or "\\" in body:
        return _DECLINE
    return body
