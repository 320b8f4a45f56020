"""Replace pieces of a note's text given by 1-based (line, column) positions.

Why one module: lint's fixes and ``vaultkit mv`` both rewrite notes from the
positions the model reports; both need the same position arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def offset(starts: list[int], line: int, column: int) -> int | None:
    """The offset of a 1-based (line, column), or None for a line the text does not have."""
    return starts[line - 1] + column - 1 if 0 < line <= len(starts) else None


def replace_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, content)`` put in place of ``text[start:end]``.

    The spans must not overlap.
    """
    pieces, cursor = [], 0
    for start, end, content in sorted(spans, key=lambda span: span[0]):
        pieces += [text[cursor:start], content]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
