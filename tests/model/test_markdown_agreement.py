"""The fast scanner agrees with markdown-it-py on what is code, HTML and math.

markdown-it-py is the reference for block structure: the scanner must never
report a link inside a code block (fenced or indented), must find every plain
wikilink outside them, and must blank exactly the HTML blocks markdown-it-py
reads (``html_block`` tokens; ``<!--`` comments are the scanner's comments).
For math the reference is mdit-py-plugins' dollarmath with pandoc's rule
(``allow_space=False, allow_digits=False``), ``$$`` inside a paragraph, no
equation labels, and GFM tables on (Obsidian splits table cells first).

Deliberate differences, each pinned in ``test_scan_opaque_regions.py``: HTML
blocks in a quote (``> <div>``) or on a list item's first line (``- <div>``)
are left as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from vaultkit.model import markdown
from vaultkit.model.vault import parse_note

pytest.importorskip("mdit_py_plugins")
from markdown_references import reference_math, scanned_math  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared" / "vaults"  # /work/shared/vaults beside the checkout
WIKILINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
md = MarkdownIt("commonmark")  # html on: html_block tokens


def corpus() -> list[Path]:
    files = sorted((HERE / "fixtures").rglob("*.md"))
    if SHARED.is_dir():
        files += sorted(SHARED.rglob("*.md"))
    return files


def code_lines(text: str, body_start_line: int) -> set[int]:
    """1-based lines markdown-it-py puts in fenced or indented code blocks."""
    lines: set[int] = set()
    body = "\n".join(text.split("\n")[body_start_line:])
    for token in md.parse(body):
        if token.type in ("fence", "code_block") and token.map:
            start, end = token.map
            lines.update(range(start + 1 + body_start_line, end + 1 + body_start_line))
    return lines


@pytest.fixture(scope="module")
def notes() -> list[tuple[str, str]]:
    found = []
    for path in corpus():
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
        found.append((str(path), text))
    return found


def test_corpus_is_not_trivial(notes) -> None:
    assert len(notes) >= 10


def test_no_link_is_reported_inside_a_code_block(notes) -> None:
    wrong = []
    for path, text in notes:
        note = parse_note("N.md", text.encode())
        code = code_lines(text, note.frontmatter_end)
        wrong += [(path, link.line, link.raw) for link in note.links if link.line in code]
    assert wrong == []


def test_every_plain_wikilink_outside_code_is_found(notes) -> None:
    """On notes without comments, escapes or code spans, nothing is missed."""
    missed = []
    for path, text in notes:
        if any(marker in text for marker in ("%%", "<!--", "\\", "`")):
            continue
        note = parse_note("N.md", text.encode())
        code = code_lines(text, note.frontmatter_end)
        found = {(link.line, link.raw.lstrip("!")) for link in note.links}
        for number, line in enumerate(text.split("\n"), 1):
            if number <= note.frontmatter_end or number in code:
                continue
            for match in WIKILINK.finditer(line):
                if (number, match.group()) not in found:
                    missed.append((path, number, match.group()))
    assert missed == []


def _body(text: str, body_start_line: int) -> tuple[str, int]:
    """The note's body (what markdown-it-py reads) and its offset in ``text``."""
    lines = text.split("\n")
    return "\n".join(lines[body_start_line:]), sum(len(x) + 1 for x in lines[:body_start_line])


def _lines(text: str, spans: list[tuple[int, int]]) -> set[int]:
    where = markdown._Positions(text)
    found: set[int] = set()
    for start, end in spans:
        found.update(range(where(start)[0], where(max(start, end - 1))[0] + 1))
    return found


def test_html_blocks_are_the_ones_markdown_it_reads(notes) -> None:
    """Every line the scanner blanks as HTML is in an html_block; every html_block
    outside a quote or a list item's first line is blanked. Blank lines do not count."""
    extra, missed = [], []
    for path, text in notes:
        note = parse_note("N.md", text.encode())
        body, offset = _body(text, note.frontmatter_end)
        reference, top_level = set(), set()
        for token in md.parse(body):
            if token.type == "html_block" and not token.content.lstrip().startswith("<!--"):
                lines = {n + 1 + note.frontmatter_end for n in range(*token.map)}
                reference |= lines
                if token.level == 0:
                    top_level |= lines
        found = _lines(text, markdown.scan(text, offset).html)
        blank = {n for n, line in enumerate(text.split("\n"), 1) if not line.strip()}
        extra += [(path, n) for n in sorted(found - reference - blank)]
        missed += [(path, n) for n in sorted(top_level - found - blank)]
    assert (extra, missed) == ([], [])


def test_math_regions_are_the_ones_dollarmath_reads(notes) -> None:
    with_math = [(path, text) for path, text in notes if "$" in text]
    assert any(path.endswith("math.md") for path, _ in with_math)
    wrong = []
    for path, text in with_math:
        note = parse_note("N.md", text.encode())
        body, offset = _body(text, note.frontmatter_end)
        if scanned_math(text, offset) != reference_math(body):
            wrong.append((path, scanned_math(text, offset), reference_math(body)))
    assert wrong == []
