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
3. HTML blocks (CommonMark types 1 and 3-7; type 2 is the ``<!--`` comment of
   pass 1): Obsidian reads no tag inside one, and links follow tags;
4. inline code spans (a backtick run closed by a run of the same length);
5. backslash escapes (``\\[[`` is not a link, ``\\#`` is not a tag);
6. math: ``$$ ... $$`` and ``$...$`` (the rules of markdown-it's dollarmath
   plugin with pandoc's space and digit rules; ``\\$`` is no delimiter),
   opaque as code is;
7. links; then tags, headings and block ids in what is left.

Passes 3 and 6 blank what Obsidian's own parser makes one token of: tags
inside were observed missing from Obsidian 1.13.7's metadata cache, and
links, headings and block ids are not read inside a token either.

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
# that starts a list item or heading, also inside a quote ("a `b\n- c`" and "> a `b\n> - c`"
# have no code span), or a quote
# after unquoted text (``_quote_starts``).
_PARAGRAPH_END = re.compile(
    r"\n(?=[ \t>]*(?:\n|$)|[ \t>]*(?:[-*+](?:[ \t]|\n|$)|\d{1,9}[.)](?:[ \t]|\n|$)|#{1,6}(?:[ \t]|\n|$)))"
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
# HTML blocks (CommonMark 0.31.2, as markdown-it-py's html_block rule reads them).
_HTML_LINE = re.compile(r"\n {0,3}<")
_HTML_FIRST_LINE = re.compile(r" {0,3}<")
_HTML_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_HTML_ATTRIBUTE = (
    r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*"
    r"(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
# (start of the line after its indent, end marker or None for "up to a blank line",
# may it interrupt a paragraph); type 2, "<!--", is a comment of _block_spans
_HTML_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, bool], ...] = (
    (
        re.compile(r"<(?a:script|pre|style|textarea)(?=\s|>|$)", re.IGNORECASE),
        re.compile(r"</(?a:script|pre|style|textarea)>", re.IGNORECASE),
        True,
    ),
    (re.compile(r"<\?"), re.compile(r"\?>"), True),
    (re.compile(r"<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile(rf"</?(?a:{_HTML_BLOCK_NAMES})(?=\s|/?>|$)", re.IGNORECASE), None, True),
    (
        re.compile(
            rf"(?:<[A-Za-z][A-Za-z0-9\-]*{_HTML_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9\-]*\s*>)"
            r"\s*$"
        ),
        None,
        False,
    ),
)
_EMPTY_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*$")
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n|$)")
_THEMATIC_BREAK = re.compile(
    r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$"
)
# What may stand before a "$$" that opens a math block: indents, quotes, and
# list markers (group 1: a list item's first line starts a block).
_CONTAINERS = re.compile(r"[ \t>]*((?:(?:[-*+]|\d{1,9}[.)])[ \t][ \t>]*)*)")
_MATH_BLOCK_END = re.compile(r"\$\$[ \t]*(?=\n|$)")


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
    html: list[tuple[int, int]] = field(default_factory=list)
    """Offsets ``(start, end)`` of every HTML block blanked out."""
    math: list[tuple[int, int]] = field(default_factory=list)
    """Offsets ``(start, end)`` of every math region blanked out, ``$`` included."""


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
    # a note's first line has no "\n" before it. A tab there is left as text:
    # Obsidian 1.13.7 read a tag in a note "\t#pf" (docs/model.md, "Tags")
    if "\n    " in masked or "\n\t" in masked or masked.startswith("    "):
        # a fence or HTML comment at the margin ends any list above it (its
        # lines are blank by now, so the line walk cannot see it)
        margin = {start for start, _ in result.code if text[start : start + 1] in ("`", "~")}
        margin |= {
            start
            for start, body, _ in result.comments
            if body.startswith("<!--") and (start == 0 or text[start - 1] == "\n")
        }
        masked = blank(masked, _indented_spans(masked, body_start, result, margin, text))
    if "<" in masked and (_HTML_LINE.search(masked) or _HTML_FIRST_LINE.match(masked)):
        result.html = _html_blocks(text, masked)
        masked = blank(masked, result.html)
    if "`" in masked:
        spans = _code_spans(masked)
        result.code += spans
        masked = blank(masked, spans)
    if "\\" in masked:
        masked = _ESCAPE.sub("  ", masked)
    if "$" in masked:
        result.math = _math_spans(masked)
        masked = blank(masked, result.math)
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
    masked: str,
    start: int,
    result: Scan,
    margin: set[int] | frozenset[int] = frozenset(),
    text: str | None = None,
) -> list[tuple[int, int]]:
    """Indented code blocks: 4 spaces or a tab after a blank line, outside lists.

    One pass over the lines: a list item opens a list context that lasts
    through its indented continuation lines and ends at a blank line followed
    by an unindented paragraph, as CommonMark does. An indent must be in
    ``text`` too: a comment blanked at a line start (``%% x %% [[B]]``) is no
    indent.
    """
    text = masked if text is None else text
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
        elif _is_indented(line, text, offset):
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


def _html_blocks(text: str, masked: str) -> list[tuple[int, int]]:
    """HTML blocks: a line starting with ``<`` (indented 0-3 spaces) of one of
    CommonMark's seven kinds, up to its end marker or the next blank line.

    ``masked`` finds the starts (a ``<div>`` in a fence is code); ``text``
    finds the ends, as markdown-it-py reads the block's lines as they are.
    Only blocks at the margin or in a list item's first indent are seen: a
    ``> <div>`` in a quote is left as text.
    """
    spans: list[tuple[int, int]] = []
    starts = [m.start() for m in _HTML_LINE.finditer(masked)]  # the "\n" before each line
    if _HTML_FIRST_LINE.match(masked):
        starts.insert(0, -1)
    resume = -2
    for before in starts:
        start = before + 1
        if start < resume:
            continue
        line_end = _line_end(masked, start)
        line = masked[start:line_end].lstrip(" ")
        for opening, closing, interrupts in _HTML_KINDS:
            if opening.match(line):
                if interrupts or before == resume or _ends_a_block(masked, before):
                    resume = _html_block_end(text, start, line_end, closing)
                    spans.append((start, resume))
                break
    return spans


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return end if end >= 0 else len(text)


def _html_block_end(text: str, start: int, line_end: int, closing: re.Pattern[str] | None) -> int:
    """Where the HTML block opened on the line at ``start`` ends: after the line
    holding its end marker (kinds 1-5) or before the next blank line (6, 7);
    at the end of the note when there is none."""
    if closing is None:
        blank_line = _BLANK_LINE.search(text, line_end)
        return blank_line.start() if blank_line else len(text)
    found = closing.search(text, start)
    return _line_end(text, found.end()) if found else len(text)


def _ends_a_block(masked: str, before: int) -> bool:
    """Does the line above the one after ``before`` (its "\n") end a paragraph?

    An HTML block of kind 7 (any tag alone on its line) and a ``$$`` math block
    cannot interrupt a paragraph, so they start a block only after a blank line,
    a heading, a thematic break, an empty list item or a region already blanked
    (frontmatter, code, comment).
    """
    if before < 0:
        return True
    above = masked[masked.rfind("\n", 0, before) + 1 : before]
    if not above.strip(" \t>"):
        return True  # blank (also in a quote), or blanked: frontmatter, a fence, a comment
    return any(pattern.match(above) for pattern in (_ATX_LINE, _THEMATIC_BREAK, _EMPTY_ITEM))


def _math_spans(masked: str) -> list[tuple[int, int]]:
    """Math regions, left to right, as markdown-it's dollarmath plugin finds them
    with ``allow_space=False, allow_digits=False, double_inline=True`` (pandoc's
    rule, so prices such as "$5 and $10" stay text). Runs after code and
    escapes are blanked: a ``$`` in code or written ``\\$`` opens nothing."""
    spans: list[tuple[int, int]] = []
    paragraphs = _Paragraphs(masked)
    searched = [0, 0]  # a range where no line ends with "$$": searched once only
    block_end = -1
    links = [m.span() for m in _WIKILINK.finditer(masked)] if "[[" in masked else []
    pos = masked.find("$")
    while pos >= 0:
        link = bisect_right(links, (pos, len(masked))) - 1
        if link >= 0 and pos < links[link][1]:
            # a wikilink opened first: [[Price $5|$5 plan]] is a link (as a code span
            # opened first is code); $[[x]]$ is math
            pos = masked.find("$", links[link][1])
            continue
        end = -1
        if masked.startswith("$$", pos):
            end = _display_block_end(masked, pos, block_end, searched)
            block_end = max(end, block_end)
        if end < 0:
            end = _inline_math_end(masked, pos, paragraphs)
        if end > 0:
            spans.append((pos, end))
            pos = masked.find("$", end)
        else:
            pos = masked.find("$", pos + 1)
    return spans


def _display_block_end(masked: str, pos: int, block_end: int, searched: list[int]) -> int:
    """End of the ``$$`` block opened at ``pos``, or -1 when ``pos`` opens none
    (not at a line start, right under a paragraph line, ``$$a$$ b``, or no later
    line of its quote or note closes it). ``block_end``: where the last block
    ended; ``searched``: the last range found without a closing line."""
    line_start = masked.rfind("\n", 0, pos) + 1
    prefix = _CONTAINERS.fullmatch(masked, line_start, pos)
    if prefix is None:
        return -1  # "$$" inside a line: inline display math at most
    if not (
        prefix.group(1)
        or line_start - 1 == block_end
        or _opens_a_block(masked, line_start, prefix.group())
    ):
        return -1  # it cannot interrupt a paragraph: "$$" in it is inline
    line_end = _line_end(masked, pos)
    line = masked[pos:line_end].strip()
    if len(line) > 3:
        if line.endswith("$$"):
            return line_end  # $$ x $$ alone on its line
        if "$$" in line[2:]:
            return -1
    if searched[0] <= line_end < searched[1]:
        return -1  # a search from before this line to the end of its quote (or note) failed
    # closed inside its quote, or not at all
    limit = _quote_end(masked, line_end) if ">" in prefix.group() else len(masked)
    closing = _MATH_BLOCK_END.search(masked, line_end, limit)
    if closing is None:
        searched[:] = [line_end, limit]
        return -1
    return closing.end()


def _opens_a_block(masked: str, line_start: int, prefix: str) -> bool:
    """Does the line at ``line_start`` start a block, not continue a paragraph?
    It does after a paragraph end, and when it opens a deeper quote."""
    above_start = masked.rfind("\n", 0, max(line_start - 1, 0)) + 1
    above = masked[above_start : max(line_start - 1, 0)]
    depth = len(above) - len(above.lstrip(" \t>"))
    return prefix.count(">") > above[:depth].count(">") or _ends_a_block(masked, line_start - 1)


def _inline_math_end(masked: str, pos: int, paragraphs: _Paragraphs) -> int:
    """End of ``$...$`` or ``$$...$$`` opened at ``pos`` in its paragraph, or -1.

    The opening ``$`` is not followed by whitespace nor preceded by a digit; the
    first ``$`` (``$$``) after it closes, or nothing does: a closing ``$`` after
    whitespace or before a digit is no closing, and the opening fails.
    """
    double = masked.startswith("$$", pos)
    after = pos + (2 if double else 1)
    if after >= len(masked) or masked[pos + 1].isspace():
        return -1
    if pos > 0 and (masked[pos - 1].isdigit() or masked[pos - 1] == "\\"):
        return -1
    close = _closing_dollar(masked, after, double)
    if close < 0 or close == after:
        return -1  # no closing, or nothing between
    end = close + (2 if double else 1)
    if masked[end - 2].isspace() or (end < len(masked) and masked[end].isdigit()):
        return -1
    return end if paragraphs.joined(pos, close) else -1


def _closing_dollar(masked: str, start: int, double: bool) -> int:
    """The first ``$`` (or ``$$``) from ``start`` not written ``\\$``, or -1.
    A backslash left before a ``$`` escapes it: the escape pass has blanked
    every ``\\\\`` pair already."""
    while True:
        found = masked.find("$", start)
        if found < 0:
            return -1
        if masked[found - 1] == "\\":
            start = found + 1
        elif double and not masked.startswith("$$", found):
            if found + 1 >= len(masked):
                return -1
            start = found + 1
        else:
            return found


class _Paragraphs:
    """Are two offsets in one paragraph? Lists the paragraph breaks only when a
    range with a "\n" or "|" in it is first asked about (``_may_break``)."""

    def __init__(self, text: str):
        self.text = text
        self.breaks: list[int] | None = None

    def joined(self, start: int, end: int) -> bool:
        if self.breaks is None:
            if not _may_break(self.text, start, end):
                return True
            self.breaks = _paragraph_breaks(self.text)
        return bisect_left(self.breaks, start) == bisect_left(self.breaks, end)


def _is_indented(line: str, text: str, offset: int) -> bool:
    """A tab or 4 spaces that are in the note, not left by a blanked comment."""
    indent = "\t" if line[0] == "\t" else "    "
    return line.startswith(indent) and text.startswith(indent, offset)


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
    """Inline tags where Obsidian 1.13.7 reads them (docs/model.md, "Tags")."""
    tag_end = -1
    for match in _TAG.finditer(masked):
        start = match.start()
        name = match.group(1)
        if start > 0 and start != tag_end:  # #a#b: a tag may start where one ends
            before = masked[start - 1]
            if before == "_":
                name = _without_emphasis(masked, start, name)
            elif not (before.isspace() or before == "|"):
                continue  # foo#bar, url#fragment, [[#heading]], (#x), "#x", .#x
        if name.strip("0123456789") == "":
            continue  # #1984 is not a tag
        tag_end = match.end()
        line, column = where(start)
        result.tags.append(Tag(name, line, column, "inline"))


def _without_emphasis(masked: str, start: int, name: str) -> str:
    """``_#tag_`` is emphasis around ``#tag``: the underscores after the name
    close the run before the ``#`` when that run can open emphasis (it follows
    a line start, whitespace or punctuation, not a letter: ``snake_#tag_``)."""
    if not name.endswith("_"):
        return name
    first = start - 1
    while first > 0 and masked[first - 1] == "_":
        first -= 1
    if first > 0 and masked[first - 1].isalnum():
        return name
    opening = start - first
    closing = len(name) - len(name.rstrip("_"))
    return name[: len(name) - min(opening, closing)]


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
