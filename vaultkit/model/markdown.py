"""Find links, tags, headings, block ids and comments in a note's Markdown.

Why not a full Markdown parse: markdown-it-py parses about 1-2 MB/s here, so
a 10,000-note vault would take 15-20 s. Obsidian only needs to know *where
code and comments are*; everything else is found with a few compiled regexes
over a copy of the text in which code and comments are blanked out with
spaces (same length, same line breaks, so every offset stays a position in
the original). ``tests/model/test_markdown_agreement.py`` holds the code
regions to markdown-it-py on the test corpus and the real vaults.

The passes, in order:

1. fenced code blocks (```` ``` ```` and ``~~~``, also inside lists and
   callouts) and ``%% %%`` / ``<!-- -->`` comments, in one left-to-right walk
   so that a fence inside a comment and a ``%%`` inside a fence are both right;
2. indented code blocks (4 spaces or a tab after a blank line, outside lists);
3. inline code spans (a backtick run closed by a run of the same length);
4. backslash escapes (``\\[[`` is not a link, ``\\#`` is not a tag);
5. links; then tags, headings and block ids in what is left.

Speed: Python's ``re`` scans fastest when a pattern starts with a literal
character, so line-start patterns are written as ``\\n...`` over a text
with a newline in front, and every pass is skipped when its marker
character is absent.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from urllib.parse import unquote

from vaultkit.model.types import BlockId, Heading, Link, Tag

# Patterns run over "\n" + text, so "\n" stands for a line start.
# No two quantifiers in a pattern may match the same run of spaces: each such
# pair tries every split of the run, and one long line of spaces (pasted
# tables do this) then costs minutes (tests/hostile/test_hostile_load.py).
_FENCE = re.compile(r"\n([ \t]*(?:(?:>[ \t]?)+[ \t]*)?)(`{3,}|~{3,})([^\n]*)")
_TABLE_ROW = re.compile(r"\n[ \t>]*\|[^\n]*")
_CELL_PIPE = re.compile(r"(?<!\\)\|")
_NOT_QUOTED = re.compile(r"\n(?![ \t]*>)")
_COMMENT_TOKEN = re.compile(r"%%|<!--|-->")
# An indented line with text after a blank line or a heading: the only way an
# indented code block can start. A line of spaces (blanked frontmatter or
# code) is blank, not indented, so it does not send the note through the
# line-by-line pass.
_INDENT_AFTER_BLANK = re.compile(r"\n(?:[ \t]*| {0,3}#{1,6}(?:[ \t][^\n]*)?)\n(?: {4}|\t)[ \t]*\S")
_ATX_LINE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_BACKTICKS = re.compile(r"``*")  # not `+: re finds a literal first character much faster
# Where a paragraph ends, so a code span cannot continue: a blank (or only ">") line, or a line
# that starts a list item or heading ("a `b\n- c`" has no code span), or a quote
# after unquoted text (``_quote_starts``).
_PARAGRAPH_END = re.compile(
    r"\n(?=[ \t>]*(?:\n|$)|[ \t]*(?:[-*+](?:[ \t]|\n|$)|\d{1,9}[.)](?:[ \t]|\n|$)|#{1,6}(?:[ \t]|\n|$)))"
)
_HEADING_LINE = re.compile(r"\n[ \t>]*#{1,6}(?:[ \t][^\n]*)?(?=\n)")
_QUOTE_LINE = re.compile(r"\n([ \t>]*>)")
_ESCAPE = re.compile(r"\\[\\\[\]#!%`]")
_WIKILINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_MDLINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\("
    r"[ \t]*(?:(?:<([^<>\n]*)>|((?:[^\s()]|\([^\s()]*\))+))"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*)?\)"
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:|//")
_TAG = re.compile(r"#([^\s!\"#$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+)")
_BLOCK_ID = re.compile(r"\^([A-Za-z0-9-]+)[ \t]*(?=\n|$)")
_ATX = re.compile(r"\n {0,3}(#{1,6})(?=[ \t\n]|$)([^\n]*)")
_SETEXT = re.compile(r"\n {0,3}(=+|-+)[ \t]*(?=\n|$)")
_CLOSING_HASHES = re.compile(r"(?<![^ \t])#+[ \t]*$")


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
        # all in C: the start of each line is the running sum of (length + 1)
        self.starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span turned to spaces, line breaks kept."""
    if not spans:
        return text
    parts = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        segment = text[start:end]
        if "\n" in segment:  # split and join: ~7x faster than a regex sub per character
            parts.append("\n".join([" " * len(line) for line in segment.split("\n")]))
        else:
            parts.append(" " * len(segment))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def scan(text: str, body_start: int = 0, *, index_comments: bool = False) -> Scan:
    """Scan ``text`` from offset ``body_start`` (just after the frontmatter)."""
    result = Scan()
    # blank the frontmatter but keep its line breaks: the line-start patterns
    # need the "\n" before the first body line (a heading right after it)
    masked = blank(text, [(0, body_start)]) if body_start else text
    if "```" in masked or "~~~" in masked or "%%" in masked or "<!--" in masked:
        masked = blank(masked, _block_spans(masked, body_start, result, index_comments))
    if "\n    " in masked or "\n\t" in masked:
        # a fence or HTML comment at the margin ends any list above it (its
        # lines are blank by now, so the line walk cannot see it)
        margin = {start for start, _ in result.code if text[start : start + 1] in ("`", "~")}
        margin |= {
            start
            for start, body, _ in result.comments
            if body.startswith("<!--") and (start == 0 or text[start - 1] == "\n")
        }
        masked = blank(masked, _indented_spans(masked, body_start, result, margin))
    if "`" in masked:
        spans = _code_spans(masked)
        result.code += spans
        masked = blank(masked, spans)
    if "\\" in masked:
        masked = _ESCAPE.sub("  ", masked)
    where = _Positions(text)
    if "[" in masked:
        masked = blank(masked, _find_links(masked, where, result))
    if "#" in masked:
        _find_tags(masked, where, result)
    _find_headings(text, masked, where, result)
    if "^" in masked:
        _find_blocks(masked, where, result)
    if result.comments:
        result.comments = [(*where(start), body) for start, body, _ in result.comments]  # type: ignore[misc]
    return result


def _block_spans(
    text: str, start: int, result: Scan, index_comments: bool
) -> list[tuple[int, int]]:
    """Fenced code and comments, walking their markers left to right."""
    events: list[tuple[int, int, str, re.Match[str] | None]] = []
    if "```" in text or "~~~" in text:
        lined = "\n" + text
        # offsets in `lined` are one more than in `text`: the match starts at the
        # "\n" in front of the line, which is exactly the line's offset in `text`.
        events += [(m.start(), m.end() - 1, "fence", m) for m in _FENCE.finditer(lined, start)]
    if "%%" in text or "<!--" in text:
        events += [
            (m.start(), m.end(), m.group(), None) for m in _COMMENT_TOKEN.finditer(text, start)
        ]
    events.sort(key=lambda e: e[0])
    spans: list[tuple[int, int]] = []
    state, open_at, fence, opened = "text", 0, ("", 0, 0), 0
    quote_end = len(text)
    code_lines = _LineCodeSpans(text)
    for begin, end, kind, match in events:
        if begin < open_at:
            continue
        if state == "fence" and begin >= quote_end:
            # the block quote holding the fence ended: so did the fence (CommonMark)
            spans.append((opened, quote_end))
            result.code.append((opened, quote_end))
            state, open_at = "text", quote_end
        if state == "text":
            if kind == "fence" and match is not None and _is_opening(match):
                state, open_at, fence, opened = "fence", end, _marker(match), begin
                quote_end = _quote_end(text, end) if fence[2] else len(text)
            elif kind in ("%%", "<!--") and not code_lines.covers(begin):
                state, open_at, opened = ("pct" if kind == "%%" else "html"), end, begin
        elif state == "fence" and kind == "fence" and match is not None:
            if _is_closing(match, fence):
                spans.append((opened, end))
                result.code.append((opened, end))
                state, open_at = "text", end
        elif (state == "pct" and kind == "%%") or (state == "html" and kind == "-->"):
            _comment(text, opened, end, spans, result, index_comments)
            state, open_at = "text", end
    if state == "fence":  # an unclosed fence runs to the end of the note (or its quote)
        spans.append((opened, quote_end))
        result.code.append((opened, quote_end))
    elif state == "pct" or (state == "html" and _at_line_start(text, opened)):
        _comment(text, opened, len(text), spans, result, index_comments)
    return spans


def _marker(match: re.Match[str]) -> tuple[str, int, int]:
    """Fence character, length, and depth of ``>`` quotes around it."""
    return match.group(2)[0], len(match.group(2)), match.group(1).count(">")


def _quote_end(text: str, offset: int) -> int:
    """Offset of the first line after ``offset`` that does not continue the quote."""
    found = _NOT_QUOTED.search(text, offset)
    return found.start() if found else len(text)


def _is_opening(match: re.Match[str]) -> bool:
    # A backtick fence's info string cannot contain a backtick (```a``` is inline code).
    return not (match.group(2)[0] == "`" and "`" in match.group(3))


def _is_closing(match: re.Match[str], fence: tuple[str, int, int]) -> bool:
    # only a fence in the same container closes it: "> ```" does not close "```"
    marker = match.group(2)
    return (
        marker[0] == fence[0]
        and len(marker) >= fence[1]
        and not match.group(3).strip()
        and match.group(1).count(">") == fence[2]
    )


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


class _LineCodeSpans:
    """Is an offset inside an inline code span on its line (```%%``` is not a comment)?

    Offsets are asked in increasing order, so the current line and its spans
    are kept: looking the line up again for each of 100,000 ``%%`` on one
    long line was quadratic.
    """

    def __init__(self, text: str):
        self.text = text
        self.start, self.end = 0, -1
        self.spans: list[tuple[int, int]] = []

    def covers(self, offset: int) -> bool:
        if not self.start <= offset <= self.end:
            text = self.text
            self.start = text.rfind("\n", 0, offset) + 1
            end = text.find("\n", offset)
            self.end = end if end >= 0 else len(text)
            line = text[self.start : self.end]
            self.spans = _code_spans(line) if "`" in line else []
        rel = offset - self.start
        index = bisect_right(self.spans, (rel, float("inf"))) - 1
        return index >= 0 and rel < self.spans[index][1]


def _comment(
    text: str, start: int, end: int, spans: list[tuple[int, int]], result: Scan, index: bool
) -> None:
    result.comments.append((start, text[start:end], None))  # type: ignore[arg-type]
    if not index:
        spans.append((start, end))


def _indented_spans(
    masked: str, start: int, result: Scan, margin: set[int] | frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Indented code blocks: 4 spaces or a tab after a blank line, outside lists.

    One pass over the lines: a list item opens a list context that lasts
    through its indented continuation lines and ends at a blank line followed
    by an unindented paragraph, as CommonMark does.
    """
    body = masked[start:]
    if not _INDENT_AFTER_BLANK.search("\n\n" + body):
        return []  # an indented line can only start code after a blank line
    spans: list[tuple[int, int]] = []
    prev_blank, in_code, in_list = True, False, False
    offset = start
    for line in body.split("\n"):
        line_end = offset + len(line)
        if offset in margin:
            in_list, in_code = False, False
        if not line or line.isspace():
            prev_blank = True
        elif line[0] == "\t" or line[:4] == "    ":
            if in_code or (prev_blank and not in_list):
                in_code = True
                spans.append((offset, line_end))
            prev_blank = False
        else:
            in_code = False
            heading = False
            if _LIST_ITEM.match(line):
                in_list = True
            else:
                # a heading is a whole block: it ends a list, and an indented
                # line right after it is code
                heading = _ATX_LINE.match(line) is not None
                if (prev_blank or heading) and not line.startswith("  "):
                    in_list = False
            prev_blank = heading
        offset = line_end + 1
    result.code += spans
    return spans


def _quote_starts(text: str) -> list[int]:
    """Line breaks before a line quoted deeper than the line above: a (nested)
    quote starts a new block there; lines at the same depth continue it."""
    found = []
    for match in _QUOTE_LINE.finditer(text):
        previous = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        above = len(previous) - len(previous.lstrip(" \t>"))
        if match.group(1).count(">") > previous[:above].count(">"):
            found.append(match.start())
    return found


def _table_pipes(text: str) -> list[int]:
    """Offsets of the pipes between cells of table rows (rows written with a leading
    ``|``): GFM splits cells before reading code spans, so a span never crosses one."""
    found: list[int] = []
    for row in _TABLE_ROW.finditer("\n" + text):
        # the row's text starts at row.start() in `text` (its "\n" is the one put in front)
        found += [row.start() + m.start() - 1 for m in _CELL_PIPE.finditer(row.group(), 1)]
    return found


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans: a run of N backticks up to the next run of exactly N
    in the same paragraph (CommonMark). O(n log n) for hostile input."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return []
    by_width: dict[int, list[int]] = {}
    for index, (s, e) in enumerate(runs):
        by_width.setdefault(e - s, []).append(index)
    spans = []
    breaks: list[int] | None = None
    i = 0
    while i < len(runs):
        start, end = runs[i]
        same = by_width[end - start]
        k = bisect_right(same, i)
        if k < len(same):
            j = same[k]
            closing = runs[j][0]
            if breaks is None and not _may_break(text, end, closing):
                joined = True  # most spans sit inside one line and one cell: no regex needed
            else:
                if breaks is None:
                    breaks = _paragraph_breaks(text)
                # a paragraph end at offset b (its "\n") lies between when end <= b < start
                joined = bisect_left(breaks, end) == bisect_left(breaks, closing)
            if joined:
                spans.append((start, runs[j][1]))
                i = j + 1
                continue
        i += 1
    return spans


def _may_break(text: str, start: int, end: int) -> bool:
    """Could a paragraph break lie in ``text[start:end]``? Every one is a "\n" or a cell's "|".

    Asked only until the first time it says yes (then the breaks are listed),
    so the ranges it reads never overlap: one pass over the text at most.
    """
    return text.find("\n", start, end) >= 0 or text.find("|", start, end) >= 0


def _paragraph_breaks(text: str) -> list[int]:
    """Offsets where a code span cannot continue, sorted."""
    found = [m.start() for m in _PARAGRAPH_END.finditer(text)] if "\n" in text else []
    if "#" in text:  # a heading is one line: the next line starts a new block
        # over "\n" + text, the "\n" after a heading line is at m.end() - 1 in text
        found += [m.end() - 1 for m in _HEADING_LINE.finditer("\n" + text)]
    if ">" in text:
        found += _quote_starts(text)
    if "|" in text:
        found += _table_pipes(text)
    found.sort()
    return found


def wikilink_from_inner(inner: str, raw: str, line: int, column: int, *, embed: bool) -> Link:
    """Build a Link from the text between ``[[`` and ``]]``."""
    target_part, display = inner, None
    if "|" in inner:
        target_part, display = inner.split("|", 1)
        if target_part.endswith("\\"):  # [[Note\|shown]] inside a table
            target_part = target_part[:-1]
    target, heading, block, subpath = _split_subpath(target_part)
    # positional: keyword arguments cost more than the rest of this function
    return Link(
        "embed" if embed else "wikilink",
        raw,
        target.strip(),
        line,
        column,
        "",
        heading,
        block,
        display,
        embed,
        subpath,
    )


def _split_subpath(text: str) -> tuple[str, tuple[str, ...], str | None, str | None]:
    if "#" not in text:
        return text, (), None, None
    target, subpath = text.split("#", 1)
    if subpath.startswith("^"):
        return target, (), subpath[1:].strip(), subpath
    parts = [part.strip() for part in subpath.split("#")]
    return target, tuple([part for part in parts if part]), None, subpath


def _find_links(masked: str, where: _Positions, result: Scan) -> list[tuple[int, int]]:
    """Record every link; return their spans so tags inside them are not tags."""
    spans: list[tuple[int, int]] = []
    found: list[Link] = []
    if "[[" in masked:
        for match in _WIKILINK.finditer(masked):
            start = match.start()
            embed = start > 0 and masked[start - 1] == "!"
            if embed:
                start -= 1
            line, column = where(start)
            raw = masked[start : match.end()]
            found.append(wikilink_from_inner(match.group(1), raw, line, column, embed=embed))
            spans.append((start, match.end()))
    wikilinks = len(found)
    first = masked.find("](")
    if first >= 0:
        # a link's text never spans lines, so none starts before the line of the first "]("
        for match in _MDLINK.finditer(masked, masked.rfind("\n", 0, first) + 1):
            link = _markdown_link(masked, match, where)
            if link is not None:
                found.append(link)
                spans.append((_link_start(masked, match), match.end()))
    if wikilinks and len(found) > wikilinks:  # each kind is found in text order already
        found.sort(key=lambda link: (link.line, link.column))
    result.links = found
    return spans


def _link_start(masked: str, match: re.Match[str]) -> int:
    start = match.start()
    return start - 1 if start > 0 and masked[start - 1] == "!" else start


def _markdown_link(masked: str, match: re.Match[str], where: _Positions) -> Link | None:
    destination = match.group(2) if match.group(2) is not None else match.group(3)
    destination = (destination or "").strip()
    if not destination or _SCHEME.match(destination):
        return None  # external (http:, mailto:, obsidian: ...) or empty
    start = _link_start(masked, match)
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
        embed=start != match.start(),
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


def _find_blocks(masked: str, where: _Positions, result: Scan) -> None:
    for match in _BLOCK_ID.finditer(masked):
        start = match.start()
        if start > 0 and masked[start - 1] not in " \t\n":
            continue  # not^id
        line, column = where(start)
        result.blocks.append(BlockId(match.group(1), line, column))


def _find_headings(text: str, masked: str, where: _Positions, result: Scan) -> None:
    lined = "\n" + masked
    found: list[Heading] = []
    if "#" in masked:
        for match in _ATX.finditer(lined):
            line, _ = where(match.start())  # match.start() in `lined` = line start in text
            original = text[match.start(2) - 1 : match.end(2) - 1]
            title = (_CLOSING_HASHES.sub("", original) if "#" in original else original).strip()
            found.append(Heading(len(match.group(1)), title, line))
    if "\n=" in masked or "\n-" in masked or "\n " in masked:
        found += _setext_headings(lined, where)
    if found:
        found.sort(key=lambda h: h.line)
        result.headings = found


def _setext_headings(lined: str, where: _Positions) -> list[Heading]:
    found = []
    for match in _SETEXT.finditer(lined):
        prev_end = match.start()
        if prev_end == 0:
            continue
        prev_start = lined.rfind("\n", 0, prev_end) + 1
        if prev_start == 0:
            continue
        previous = lined[prev_start:prev_end]
        if not _is_paragraph_line(previous):
            continue
        line, _ = where(prev_start - 1)
        level = 1 if match.group(1)[0] == "=" else 2
        found.append(Heading(level, previous.strip(), line))
    return found


def _is_paragraph_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or line.startswith(("    ", "\t")):
        return False
    return not (stripped[0] in "#>|" or _LIST_ITEM.match(line) or _SETEXT.fullmatch("\n" + line))
