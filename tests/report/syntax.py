"""Small strict readers for the DOT and Mermaid vaultkit writes.

They follow the tools' own lexical rules (Graphviz: inside a quoted string
only ``\\"`` is an escape; Mermaid: ``#name;`` is an entity and a ``"`` ends
the label) and accept only the statements vaultkit emits, so a writer bug
that would break Graphviz or Mermaid fails here.
"""

from __future__ import annotations

import html
import re

_DOT_TOKEN = re.compile(
    r'\s*(?:(?P<q>")|(?P<arrow>->)|(?P<punct>[{}\[\];,=])|(?P<id>[A-Za-z_][\w.]*|-?\d+))'
)


class SyntaxCheckError(AssertionError):
    pass


def _dot_tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return tokens
        match = _DOT_TOKEN.match(text, pos)
        if not match:
            raise SyntaxCheckError(f"DOT: unexpected {text[pos : pos + 20]!r}")
        if match.group("q"):
            value, pos = _dot_quoted(text, match.end())
            tokens.append(("id", value))
            continue
        kind = next(k for k in ("arrow", "punct", "id") if match.group(k))
        tokens.append((kind, match.group(kind)))
        pos = match.end()


def _dot_quoted(text: str, pos: int) -> tuple[str, int]:
    """Graphviz's scanner (scan.l): ``\\"`` is a quote, ``\\\\`` stays a pair,
    backslash-newline continues the line, everything else is literal."""
    out = []
    while pos < len(text):
        if text.startswith('\\"', pos):
            out.append('"')
            pos += 2
        elif text.startswith("\\\\", pos):
            out.append("\\\\")
            pos += 2
        elif text.startswith("\\\n", pos):
            pos += 2
        elif text[pos] == '"':
            return "".join(out), pos + 1
        else:
            out.append(text[pos])
            pos += 1
    raise SyntaxCheckError("DOT: unterminated string")


def parse_dot(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """Nodes (id -> attributes) and edges of a ``digraph`` in vaultkit's subset of DOT."""
    tokens = _dot_tokens(text)
    if (
        tokens[:1] != [("id", "digraph")]
        or tokens[2] != ("punct", "{")
        or tokens[-1] != ("punct", "}")
    ):
        raise SyntaxCheckError("DOT: expected digraph NAME { ... }")
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    pos, end = 3, len(tokens) - 1
    while pos < end:
        kind, value = tokens[pos]
        if kind != "id":
            raise SyntaxCheckError(f"DOT: statement starts with {value!r}")
        if tokens[pos + 1] == ("punct", "="):
            pos += 4  # rankdir=LR;
            continue
        if tokens[pos + 1][0] == "arrow":
            target = tokens[pos + 2][1]
            attrs, pos = _dot_attrs(tokens, pos + 3)
            edges.append((value, target, attrs))
        else:
            attrs, pos = _dot_attrs(tokens, pos + 1)
            if value not in ("node", "edge", "graph"):
                nodes[value] = attrs
        if tokens[pos] != ("punct", ";"):
            raise SyntaxCheckError("DOT: missing ';'")
        pos += 1
    return nodes, edges


def _dot_attrs(tokens: list[tuple[str, str]], pos: int) -> tuple[dict[str, str], int]:
    attrs: dict[str, str] = {}
    if tokens[pos] != ("punct", "["):
        return attrs, pos
    pos += 1
    while tokens[pos] != ("punct", "]"):
        key, eq, value = tokens[pos], tokens[pos + 1], tokens[pos + 2]
        if key[0] != "id" or eq != ("punct", "=") or value[0] != "id":
            raise SyntaxCheckError(f"DOT: bad attribute near {key[1]!r}")
        attrs[key[1]] = value[1]
        pos += 3
        if tokens[pos] == ("punct", ","):
            pos += 1
    return attrs, pos + 1


def dot_label(value: str) -> str:
    """A DOT escString as Graphviz shows it: ``\\\\`` is one backslash."""
    return value.replace("\\\\", "\\")


_MERMAID_NODE = re.compile(r'^  (n\d+)\["([^"]*)"\]$')
_MERMAID_EDGE = re.compile(r"^  (n\d+) -->(?:\|(\d+)\|)? (n\d+)$")
_ENTITY = re.compile(r"#(\w+);")


def parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, int]]]:
    """Labels (id -> decoded text) and edges of vaultkit's ``graph LR`` output."""
    lines = text.splitlines()
    if lines[:1] != ["graph LR"]:
        raise SyntaxCheckError("Mermaid: first line must be 'graph LR'")
    labels: dict[str, str] = {}
    edges: list[tuple[str, str, int]] = []
    for line in lines[1:]:
        if match := _MERMAID_NODE.match(line):
            raw = match.group(2)
            if re.search(r"[<>`\\]", raw) or "#" in _ENTITY.sub("", raw):
                raise SyntaxCheckError(f"Mermaid: unescaped character in {raw!r}")
            labels[match.group(1)] = _ENTITY.sub(_decode_entity, raw)
        elif match := _MERMAID_EDGE.match(line):
            source, count, target = match.groups()
            if source not in labels or target not in labels:
                raise SyntaxCheckError(f"Mermaid: edge to an undeclared node: {line!r}")
            edges.append((source, target, int(count or 1)))
        else:
            raise SyntaxCheckError(f"Mermaid: cannot read {line!r}")
    return labels, edges


def _decode_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.isdigit():
        return chr(int(name))
    return html.unescape(f"&{name};")
