"""Find links, tags, headings, block ids and comments in a note's Markdown.

Why not a full Markdown parse: markdown-it-py parses about 1-2 MB/s here, so
a 10,000-note vault would take 15-20 s. Obsidian only needs to know *where
code and comments are*; everything else is found with a few compiled regexes
over a copy of the text in which code and comments are blanked out with
spaces (same length, same line breaks, so every offset stays a position in
the original). ``tests/model/test_markdown_agreement.py`` checks the code
regions against markdown-it-py on the test corpus.

The passes, in order:

1. fenced code blocks (```` ``` ```` and ``~~~``, also inside lists and
   callouts) and ``%% %%`` / ``<!-- -->`` comments, in one left-to-right walk
   so that a fence inside a comment and a ``%%`` inside a fence are both right;
2. indented code blocks (4 spaces or a tab after a blank line, unless the
   nearest less-indented line above is a list item);
3. inline code spans (a backtick run closed by a run of the same length);
4. backslash escapes (``\\[[`` is not a link, ``\\#`` is not a tag);
5. links, then tags and block ids in what is left.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from urllib.parse import unquote

from vaultkit.model.types import BlockId, Heading, Link, Tag

_FENCE = re.compile(r"^([ \t]*(?:>[ \t]?)*[ \t]*)(`{3,}|~{3,})(.*)$", re.MULTILINE)
_COMMENT_TOKEN = re.compile(r"%%|<!--|-->")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ESCAPE = re.compile(r"\\[\\\[\]#!%`]")
_WIKILINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_MDLINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\("
    r"[ \t]*(?:<([^<>\n]*)>|((?:[^\s()]|\([^\s()]*\))*))"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:|//")
_TAG = re.compile(r"#([^\s!\"#$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+)")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$", re.MULTILINE)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


@dataclass
class Scan:
    """What one pass over a note's Markdown found."""

    links: list[Link] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: list[BlockId] = field(default_factory=list)
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)
    """Offsets ``(start, end)`` of every code region blanked out."""


class _Positions:
    """Offset -> (line, column), both 1-based."""

    def __init__(self, text: str):
        self.starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def scan(text: str, body_start: int = 0, *, index_comments: bool = False) -> Scan:
    """Scan ``text`` from offset ``body_start`` (just after the frontmatter)."""
    result = Scan()
    chars = list(text) if _needs_masking(text) else None
    masked = text
    if chars is not None:
        _mask_blocks(text, body_start, chars, result, index_comments)
        masked = "".join(chars)
        masked = _mask_indented(masked, body_start, result)
        masked = _mask_code_spans(masked, body_start, result)
    if body_start:
        masked = " " * body_start + masked[body_start:]
    if "\\" in masked:
        masked = _ESCAPE.sub(lambda m: "  ", masked)
    where = _Positions(text)
    if "[" in masked:
        masked = _find_links(masked, where, result)
    if "#" in masked:
        _find_tags(masked, where, result)
        _find_headings(text, masked, where, result)
    elif "\n=" in masked or "\n-" in masked:
        _find_headings(text, masked, where, result)
    if "^" in masked:
        for match in _BLOCK_ID.finditer(masked):
            line, column = where(match.start(1) - 1)
            result.blocks.append(BlockId(match.group(1), line, column))
    if result.comments:
        result.comments = [(*where(start), body) for start, body in result.comments]  # type: ignore[misc]
    return result


def _needs_masking(text: str) -> bool:
    return (
        "```" in text
        or "~~~" in text
        or "%%" in text
        or "<!--" in text
        or "`" in text
        or "\n    " in text
        or "\n\t" in text
    )


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _mask_blocks(
    text: str, start: int, chars: list[str], result: Scan, index_comments: bool
) -> None:
    """Fenced code and comments, walking their markers left to right."""
    events: list[tuple[int, int, str, re.Match[str] | None]] = []
    if "```" in text or "~~~" in text:
        events += [(m.start(), m.end(), "fence", m) for m in _FENCE.finditer(text, start)]
    if "%%" in text or "<!--" in text:
        events += [
            (m.start(), m.end(), m.group(), None) for m in _COMMENT_TOKEN.finditer(text, start)
        ]
    events.sort(key=lambda e: e[0])
    state, open_at, fence = "text", 0, ("", 0)
    code_lines: dict[int, list[tuple[int, int]]] = {}
    for begin, end, kind, match in events:
        if begin < open_at:
            continue
        if state == "text":
            if kind == "fence" and match is not None and _is_opening(match):
                state, open_at, fence = "fence", end, (match.group(2)[0], len(match.group(2)))
                fence_start = begin
            elif kind in ("%%", "<!--") and not _in_code_span(text, begin, code_lines):
                state, open_at = ("pct" if kind == "%%" else "html"), end
                comment_start = begin
        elif state == "fence" and kind == "fence" and match is not None:
            if _is_closing(match, fence):
                _blank(chars, fence_start, end)
                result.code.append((fence_start, end))
                state, open_at = "text", end
        elif (state == "pct" and kind == "%%") or (state == "html" and kind == "-->"):
            _comment(text, chars, comment_start, end, result, index_comments)
            state, open_at = "text", end
    if state == "fence":  # an unclosed fence runs to the end of the note
        _blank(chars, fence_start, len(text))
        result.code.append((fence_start, len(text)))
    elif state == "pct" or (state == "html" and _at_line_start(text, comment_start)):
        _comment(text, chars, comment_start, len(text), result, index_comments)


def _is_opening(match: re.Match[str]) -> bool:
    # A backtick fence's info string cannot contain a backtick (```a``` is inline code).
    return not (match.group(2)[0] == "`" and "`" in match.group(3))


def _is_closing(match: re.Match[str], fence: tuple[str, int]) -> bool:
    marker = match.group(2)
    return marker[0] == fence[0] and len(marker) >= fence[1] and not match.group(3).strip()


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _in_code_span(text: str, offset: int, cache: dict[int, list[tuple[int, int]]]) -> bool:
    """Is ``offset`` inside an inline code span on its line (```%%``` is not a comment)?"""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    spans = cache.get(line_start)
    if spans is None:
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        spans = _code_spans(line) if "`" in line else []
        cache[line_start] = spans
    rel = offset - line_start
    return any(s <= rel < e for s, e in spans)


def _comment(text: str, chars: list[str], start: int, end: int, result: Scan, index: bool) -> None:
    body = text[start:end]
    result.comments.append((start, body))
    if not index:
        _blank(chars, start, end)


def _mask_indented(masked: str, start: int, result: Scan) -> str:
    """Indented code blocks: 4 spaces or a tab after a blank line, outside lists.

    One pass over the lines: a list item opens a list context that lasts
    through its indented continuation lines and ends at a blank line followed
    by an unindented paragraph, as CommonMark does.
    """
    if "\n    " not in masked and "\n\t" not in masked:
        return masked
    chars: list[str] | None = None
    prev_blank, in_code, in_list = True, False, False
    offset = start
    for line in masked[start:].split("\n"):
        line_end = offset + len(line)
        stripped = line.strip()
        if not stripped:
            prev_blank = True
        elif line.startswith(("    ", "\t")):
            if in_code or (prev_blank and not in_list):
                in_code = True
                if chars is None:
                    chars = list(masked)
                _blank(chars, offset, line_end)
                result.code.append((offset, line_end))
            prev_blank = False
        else:
            in_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif prev_blank and not line.startswith("  "):
                in_list = False
            prev_blank = False
        offset = line_end + 1
    return masked if chars is None else "".join(chars)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans: a run of N backticks up to the next run of exactly N
    in the same paragraph (CommonMark). O(n log n) for hostile input."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return []
    blank_lines = [m.start() for m in _BLANK_LINE.finditer(text)]
    by_width: dict[int, list[int]] = {}
    for index, (s, e) in enumerate(runs):
        by_width.setdefault(e - s, []).append(index)
    spans = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        same = by_width[end - start]
        k = bisect_right(same, i)
        if k < len(same):
            j = same[k]
            if bisect_right(blank_lines, end) == bisect_right(blank_lines, runs[j][0]):
                spans.append((start, runs[j][1]))
                i = j + 1
                continue
        i += 1
    return spans


def _mask_code_spans(masked: str, start: int, result: Scan) -> str:
    if "`" not in masked[start:]:
        return masked
    spans = _code_spans(masked[start:])
    if not spans:
        return masked
    chars = list(masked)
    for s, e in spans:
        _blank(chars, start + s, start + e)
        result.code.append((start + s, start + e))
    return "".join(chars)


def wikilink_from_inner(inner: str, raw: str, line: int, column: int, *, embed: bool) -> Link:
    """Build a Link from the text between ``[[`` and ``]]``."""
    target_part, display = inner, None
    if "|" in inner:
        target_part, display = inner.split("|", 1)
        if target_part.endswith("\\"):  # [[Note\|shown]] inside a table
            target_part = target_part[:-1]
    target, heading, block, subpath = _split_subpath(target_part)
    return Link(
        kind="embed" if embed else "wikilink",
        raw=raw,
        target=target.strip(),
        line=line,
        column=column,
        heading=heading,
        block=block,
        display=display,
        embed=embed,
        subpath=subpath,
    )


def _split_subpath(text: str) -> tuple[str, tuple[str, ...], str | None, str | None]:
    if "#" not in text:
        return text, (), None, None
    target, subpath = text.split("#", 1)
    if subpath.startswith("^"):
        return target, (), subpath[1:].strip(), subpath
    heading = tuple(part.strip() for part in subpath.split("#") if part.strip())
    return target, heading, None, subpath


def _find_links(masked: str, where: _Positions, result: Scan) -> str:
    spans: list[tuple[int, int]] = []
    if "[[" in masked:
        for match in _WIKILINK.finditer(masked):
            start = match.start()
            embed = start > 0 and masked[start - 1] == "!"
            if embed:
                start -= 1
            line, column = where(start)
            raw = masked[start : match.end()]
            result.links.append(wikilink_from_inner(match.group(1), raw, line, column, embed=embed))
            spans.append((start, match.end()))
    if "](" in masked:
        for match in _MDLINK.finditer(masked):
            link = _markdown_link(masked, match, where)
            if link is not None:
                result.links.append(link)
                spans.append((link_start(masked, match), match.end()))
    if not spans:
        return masked
    result.links.sort(key=lambda link: (link.line, link.column))
    chars = list(masked)
    for start, end in spans:
        _blank(chars, start, end)
    return "".join(chars)


def link_start(masked: str, match: re.Match[str]) -> int:
    start = match.start()
    return start - 1 if start > 0 and masked[start - 1] == "!" else start


def _markdown_link(masked: str, match: re.Match[str], where: _Positions) -> Link | None:
    destination = match.group(2) if match.group(2) is not None else match.group(3)
    destination = (destination or "").strip()
    if not destination or _SCHEME.match(destination):
        return None  # external (http:, mailto:, obsidian: ...) or empty
    start = link_start(masked, match)
    embed = start != match.start()
    target, heading, block, subpath = _split_subpath(destination)
    line, column = where(start)
    return Link(
        kind="markdown",
        raw=masked[start : match.end()],
        target=unquote(target).strip(),
        line=line,
        column=column,
        heading=tuple(unquote(h) for h in heading),
        block=unquote(block) if block else None,
        display=match.group(1),
        embed=embed,
        subpath=unquote(subpath) if subpath else None,
    )


def _find_tags(masked: str, where: _Positions, result: Scan) -> None:
    for match in _TAG.finditer(masked):
        start = match.start()
        if start > 0 and not masked[start - 1].isspace():
            continue  # foo#bar, url#fragment, [[#heading]]
        name = match.group(1)
        if name.strip("0123456789") == "":
            continue  # #1984 is not a tag
        line, column = where(start)
        result.tags.append(Tag(name, line, column, "inline"))


def _find_headings(text: str, masked: str, where: _Positions, result: Scan) -> None:
    found: list[Heading] = []
    for match in _ATX.finditer(masked):
        line, _ = where(match.start())
        original = text[match.start(2) : match.end(2)]
        title = _CLOSING_HASHES.sub("", original).strip()
        found.append(Heading(len(match.group(1)), title, line))
    if "\n=" in masked or "\n-" in masked:
        found += _setext_headings(masked, where)
    found.sort(key=lambda h: h.line)
    result.headings = found


def _setext_headings(masked: str, where: _Positions) -> list[Heading]:
    found = []
    for match in _SETEXT.finditer(masked):
        if match.start() == 0:
            continue
        prev_end = match.start() - 1
        prev_start = masked.rfind("\n", 0, prev_end) + 1
        previous = masked[prev_start:prev_end]
        if not _is_paragraph_line(previous, prev_start, masked):
            continue
        line, _ = where(prev_start)
        level = 1 if match.group(1)[0] == "=" else 2
        found.append(Heading(level, previous.strip(), line))
    return found


def _is_paragraph_line(line: str, start: int, masked: str) -> bool:
    stripped = line.strip()
    if not stripped or line.startswith(("    ", "\t")):
        return False
    if stripped[0] in "#>|" or _LIST_ITEM.match(line) or _SETEXT.fullmatch(line):
        return False
    # the underline must follow a paragraph, so the line above must end one too
    return True
