"""Properties of ``parse_note`` on generated Obsidian Markdown and on raw bytes.

- it never raises, whatever the bytes;
- every position it reports (links, tags, headings, block ids, comments,
  problems) is inside the decoded text;
- no link it reports sits in code, as markdown-it-py (CommonMark + tables)
  tokenises the same body: fenced and indented code blocks and code spans.
"""

from __future__ import annotations

import re

from hypothesis import assume, example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.fuzz import strategies as gen
from vaultkit.model.reader import decode
from vaultkit.model.vault import LoadOptions, parse_note

_MD = MarkdownIt("commonmark").enable("table")
_MARKER = re.compile(r"L\d+")


def _positions(note) -> list[tuple[str, int | None, int | None]]:
    found = [("link", link.line, link.column) for link in note.links]
    found += [("tag", tag.line, tag.column) for tag in note.tags]
    found += [("heading", heading.line, 1) for heading in note.headings]
    found += [("block", block.line, block.column) for block in note.blocks]
    found += [("comment", line, column) for line, column, _ in note.comments]
    found += [("problem", p.line, p.column) for p in note.problems]
    return found


def _assert_inside(data: bytes, note) -> None:
    text, _ = decode(data)
    lines = text.split("\n")
    for what, line, column in _positions(note):
        if line is None:
            continue
        assert 1 <= line <= len(lines), (what, line, len(lines))
        if column is not None:
            assert 1 <= column <= len(lines[line - 1]) + 1, (what, line, column)


@given(gen.note_bytes())
@example(b"---\n" + b"[" * 60_000 + b"\n---\n")
@example(b"```\n```\n" + b" " * 5_000 + b"x")
@example("\ufeff---\ntags: [a]\n---\n[[x]]".encode("utf-16"))
def test_parse_never_raises_and_positions_are_inside_the_text(data: bytes) -> None:
    note = parse_note("Fuzz.md", data)
    assert note.size == len(data)
    _assert_inside(data, note)
    for problem in note.problems:
        assert problem.path == "Fuzz.md" and problem.message


@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    note = parse_note("Noise.md", data, LoadOptions(index_comments=True))
    _assert_inside(data, note)


def _without_comments(text: str, note) -> str:
    """``text`` with each ``%% %%`` comment turned to spaces, line breaks kept."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    chars = list(text)
    for line, column, body in note.comments:
        if not body.startswith("%%"):
            continue  # <!-- --> is an HTML block to markdown-it too
        begin = starts[line - 1] + column - 1
        for i in range(begin, begin + len(body)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _markers_in_code(body: str) -> set[str]:
    found: set[str] = set()
    for token in _MD.parse(body):
        if token.type in ("fence", "code_block"):
            found |= set(_MARKER.findall(token.content))
        for child in token.children or ():
            if child.type == "code_inline":
                found |= set(_MARKER.findall(child.content))
    return found


@given(gen.note_text(separators=("\n\n",)))
@example("\n`\n- \n  - `[[Alpha L1]]`")  # a list item ends the paragraph: no span across
@example("---\na: 1\n---\n```\n[[Alpha L2]]\n```")  # a fence right after frontmatter
@example("# H\n    [[Alpha L3]]")  # indented code right after a heading
@example("```\n\n> ```\n> [[Alpha L4]]\n> ```")  # "> ```" does not close "```"
@example("| a | b |\n| --- | --- |\n| ` | `[[Alpha L5]]` |")  # no code span across cells
@example("# `\n`[[Alpha L6]]`")  # a heading is one line: no code span out of it
@example("text\n\n> [!note] `\n> - `[[Alpha L0]]`")  # a list item in a quote starts a block
def test_no_reported_link_is_inside_code(text: str) -> None:
    """Blocks are separated by blank lines here: CommonMark's rules for blocks
    that butt against each other (a table then an indented line) are followed
    only as far as Obsidian notes need (see docs/reliability.md)."""
    note = parse_note("Fuzz.md", text.encode())
    # Obsidian drops %% comments before rendering: markdown-it sees them blanked
    body = "\n".join(_without_comments(text, note).split("\n")[note.frontmatter_end :])
    in_code = _markers_in_code(body)
    for link in note.links:
        if link.kind == "property":
            continue
        markers = set(_MARKER.findall(link.raw))
        assert not markers & in_code, (link.raw, link.line)


@given(gen.note_text())
def test_line_endings_and_bom_do_not_change_what_is_found(text: str) -> None:
    plain = parse_note("A.md", text.encode())
    for variant in (
        text.replace("\n", "\r\n").encode(),
        text.replace("\n", "\r").encode(),
        b"\xef\xbb\xbf" + text.encode(),
    ):
        other = parse_note("A.md", variant)
        assert [(link.raw, link.line, link.column) for link in other.links] == [
            (link.raw, link.line, link.column) for link in plain.links
        ]
        assert [(t.name, t.line) for t in other.tags] == [(t.name, t.line) for t in plain.tags]
        assert other.properties == plain.properties


@given(gen.frontmatter(), gen.block())
def test_the_first_line_after_frontmatter_is_read_like_any_other(fm: str, block: str) -> None:
    """A heading, fence or link right after the closing ``---`` counts (854 of the
    1,485 real notes start their body with a heading there)."""
    # an unterminated block would be closed by a later "---" line: not this property
    assume(fm.count("---\n") != 1)
    alone = parse_note("A.md", f"# Title\n{block}".encode())
    note = parse_note("A.md", f"{fm}# Title\n{block}".encode())
    shift = fm.count("\n")  # an unterminated block is body text, and still shifts lines
    assert note.headings and note.headings[0].text == "Title"
    assert note.headings[0].line == shift + 1
    assert [(h.text, h.line) for h in note.headings] == [
        (h.text, h.line + shift) for h in alone.headings
    ]
    body_links = [link for link in note.links if link.kind != "property"]
    assert [(link.raw, link.line) for link in body_links] == [
        (link.raw, link.line + shift) for link in alone.links
    ]
