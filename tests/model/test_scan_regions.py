"""Where inline code spans may run: pinned cases for the scanner's line-start patterns.

A code span stops at a heading line and at a table cell's pipe; these cases
pin the exact spans and pipe offsets, so rewriting a pattern for speed (a
``\\n`` prefix instead of ``^`` with MULTILINE) cannot move one by a character.
"""

from __future__ import annotations

import pytest

from vaultkit.model import markdown


@pytest.mark.parametrize(
    ("text", "spans", "targets"),
    [
        # consecutive heading lines each end a paragraph
        ("# a `b\n# c `d\ne` [[X]] f`\n", ["` [[X]] f`"], []),
        ("## one\n## two `x\n`y` [[Y]]\n", ["`y`"], ["Y"]),
        # a code span never crosses a table cell
        ("| `a | b` | [[T]] |\n| x `y` | z |\n", ["`y`"], ["T"]),
        ("> | `a | [[Q]] ` |\n", [], ["Q"]),
        ("text\n|a|`b|c`|\n", [], []),
        ("``a`` `` ``b``\n`` [[Z]]\n", ["``a``", "`` ``", "``\n``"], ["Z"]),
    ],
)
def test_code_spans_stop_at_headings_and_cells(text: str, spans: list[str], targets: list[str]):
    assert [text[s:e] for s, e in markdown._code_spans(text)] == spans
    assert [link.target for link in markdown.scan(text).links] == targets


def test_table_pipes_are_text_offsets() -> None:
    text = "| a | b |\n  > | c \\| d |\nno | pipe\n|x"
    assert markdown._table_pipes(text) == [0, 4, 8, 14, 23, 35]
    assert [text[i] for i in markdown._table_pipes(text)] == ["|"] * 6
    assert markdown._table_pipes("|") == [0]


def test_links_of_both_kinds_come_in_text_order() -> None:
    text = "[a](A.md) [[B]]\n[[C]] ![d](D.png)\n[e](E.md)\n"
    links = markdown.scan(text).links
    assert [(x.target, x.line, x.column) for x in links] == [
        ("A.md", 1, 1),
        ("B", 1, 11),
        ("C", 2, 1),
        ("D.png", 2, 7),
        ("E.md", 3, 1),
    ]


def test_positions_after_blanked_multi_line_regions() -> None:
    text = "---\na: 1\n---\n```\ncode [[No]]\n  more\n```\n%% x\n[[No]] %%\n# H #\n[[Yes]] #t\n"
    found = markdown.scan(text, len("---\na: 1\n---\n"))
    assert [(x.target, x.line, x.column) for x in found.links] == [("Yes", 11, 1)]
    assert [(t.name, t.line, t.column) for t in found.tags] == [("t", 11, 9)]
    assert [(h.text, h.line) for h in found.headings] == [("H", 10)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a `b` c `d`", ["`b`", "`d`"]),  # one line, no cell: no break to look for
        ("`a\nb`", ["`a\nb`"]),  # a line break inside a paragraph is fine
        ("`a\n\nb`", []),  # a blank line is not
        ("`a` `b\n- c`", ["`a`"]),  # a list item starts a new block
        ("`a` | `b | c`\n", ["`a`", "`b | c`"]),  # a pipe only splits cells in a table row
        ("| `a` | `b | c` |\n", ["`a`"]),
    ],
)
def test_code_spans_across_lines_and_pipes(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in markdown._code_spans(text)] == spans


def test_markdown_links_after_stray_brackets_on_earlier_lines() -> None:
    text = "[a\n[b] [c [d]](C.md)\n[[W]](X.md) [e](E.md)\n"
    links = markdown.scan(text).links
    assert [(x.kind, x.target, x.display, x.line, x.column) for x in links] == [
        ("markdown", "C.md", "c [d]", 2, 5),
        ("wikilink", "W", None, 3, 1),
        ("markdown", "X.md", "[W]", 3, 1),
        ("markdown", "E.md", "e", 3, 13),
    ]
