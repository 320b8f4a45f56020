"""The fast scanner agrees with markdown-it-py on what is code.

markdown-it-py is the reference for code blocks; the scanner must never
report a link inside one (fenced or indented), and must find every plain
wikilink outside them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from vaultkit.model.vault import parse_note

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / ".." / "shared" / "vaults"
WIKILINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
md = MarkdownIt("commonmark")


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
