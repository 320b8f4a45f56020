"""Parsing one note: links, tags, headings, blocks, frontmatter and positions."""

from __future__ import annotations

import pytest

from vaultkit.model.vault import LoadOptions, parse_note


def links(text: str, **options) -> list[tuple[str, str, int, int]]:
    note = parse_note("N.md", text.encode(), LoadOptions(**options))
    return [(link.kind, link.target, link.line, link.column) for link in note.links]


def tags(text: str) -> list[str]:
    return [tag.name for tag in parse_note("N.md", text.encode()).tags]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[A]]", [("wikilink", "A", 1, 1)]),
        ("x ![[A.png]]", [("embed", "A.png", 1, 3)]),
        ("\\![[A]]", [("wikilink", "A", 1, 3)]),
        ("[[A|b]] [[C#h|d]]", [("wikilink", "A", 1, 1), ("wikilink", "C", 1, 9)]),
        ("[t](A%20B.md)", [("markdown", "A B.md", 1, 1)]),
        ("![i](a.png)", [("markdown", "a.png", 1, 1)]),
        ("[t](<A B.md> 'x')", [("markdown", "A B.md", 1, 1)]),
        ("[t](a_(b).md)", [("markdown", "a_(b).md", 1, 1)]),
        ("[t](http://x) [m](mailto:a@b) [o](obsidian://x) [f](file:///x)", []),
        ("[[]]", []),
        ("`[[A]]` ``[[B]]`` ```[[C]]```", []),
        ("``a ` [[B]]``", []),
        ("`unclosed [[A]]", [("wikilink", "A", 1, 11)]),
        ("```\n[[A]]\n```\n[[B]]", [("wikilink", "B", 4, 1)]),
        ("````\n```\n[[A]]\n````\n[[B]]", [("wikilink", "B", 5, 1)]),
        ("~~~\n[[A]]\n~~~\n[[B]]", [("wikilink", "B", 4, 1)]),
        ("```\n[[A]]", []),
        ("```js```\n[[B]]", [("wikilink", "B", 2, 1)]),
        ("- item\n  ```\n  [[A]]\n  ```\n[[B]]", [("wikilink", "B", 5, 1)]),
        ("> ```\n> [[A]]\n> ```\n[[B]]", [("wikilink", "B", 4, 1)]),
        ("para\n\n    [[A]]\n\n[[B]]", [("wikilink", "B", 5, 1)]),
        ("para\n    [[A]]", [("wikilink", "A", 2, 5)]),
        ("- item\n\n    [[A]]", [("wikilink", "A", 3, 5)]),
        ("- item\n\tsub [[A]]", [("wikilink", "A", 2, 6)]),
        ("%% [[A]] %% [[B]]", [("wikilink", "B", 1, 13)]),
        ("%%\n[[A]]\n%%\n[[B]]", [("wikilink", "B", 4, 1)]),
        ("%% unclosed\n[[A]]", []),
        ("`%%` [[A]] `%%`", [("wikilink", "A", 1, 6)]),
        ("```\n%%\n```\n[[A]]", [("wikilink", "A", 4, 1)]),
        ("<!-- [[A]] -->[[B]]", [("wikilink", "B", 1, 15)]),
        ("\\[\\[A]]", []),
        ("\\\\[[A]]", [("wikilink", "A", 1, 3)]),
        ("| [[A\\|b]] |", [("wikilink", "A", 1, 3)]),
        ("\r\n[[A]]\r\n", [("wikilink", "A", 2, 1)]),
        ("\r[[A]]", [("wikilink", "A", 2, 1)]),
        ("---\nx: 1\n---\n[[A]]", [("wikilink", "A", 4, 1)]),
        ("é [[A]]", [("wikilink", "A", 1, 3)]),
    ],
)
def test_links_and_positions(text: str, expected: list) -> None:
    assert links(text) == expected


def test_comments_can_be_indexed_when_asked() -> None:
    assert links("%% [[A]] %%", index_comments=True) == [("wikilink", "A", 1, 4)]


def test_link_parts() -> None:
    note = parse_note("N.md", b"[[Note#H1#H2|shown]] [[Note#^blk]] ![[a.png|100x145]]")
    first, second, third = note.links
    assert (first.target, first.heading, first.display, first.block) == (
        "Note",
        ("H1", "H2"),
        "shown",
        None,
    )
    assert (second.target, second.heading, second.block) == ("Note", (), "blk")
    assert (third.embed, third.display) == (True, "100x145")
    assert first.raw == "[[Note#H1#H2|shown]]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#tag", ["tag"]),
        ("a #tag, #b/c and #d-e_f", ["tag", "b/c", "d-e_f"]),
        ("#1984 #y1984 #19/84", ["y1984", "19/84"]),
        ("foo#bar http://x.y/#frag [[N#h]] [t](#h)", []),
        ("# Heading\n## Two", []),
        ("#日本語 #émoji🙂", ["日本語", "émoji🙂"]),
        ("`#code` \\#escaped", []),
        ("# Heading #intitle", ["intitle"]),
    ],
)
def test_inline_tags(text: str, expected: list[str]) -> None:
    assert tags(text) == expected


def test_frontmatter_tags_aliases_and_deprecated_keys() -> None:
    text = "---\ntags:\n  - one\n  - '#two'\naliases: [Other]\ntag: old\nalias: old\n---\n#three\n"
    note = parse_note("N.md", text.encode())
    assert [(t.name, t.source, t.line) for t in note.tags] == [
        ("one", "frontmatter", 3),
        ("two", "frontmatter", 4),
        ("three", "inline", 9),
    ]
    assert note.aliases == ["Other"]
    assert [d.key for d in note.deprecated] == ["tag", "alias"]


def test_text_tags_and_aliases_are_not_read_but_recorded() -> None:
    note = parse_note("N.md", b"---\ntags: a, b\naliases: Other\n---\n")
    assert note.tags == [] and note.aliases == []
    assert [(d.key, d.line) for d in note.deprecated] == [("tags", 2), ("aliases", 3)]


def test_uppercase_keys_still_work() -> None:
    note = parse_note("N.md", b"---\nTAGS: [x]\nALIASES: [Y]\n---\n")
    assert [t.name for t in note.tags] == ["x"] and note.aliases == ["Y"]


def test_headings_atx_and_setext() -> None:
    text = "# One #\nText\n## Two `code`\nSetext\n===\nSub\n---\n- item\n---\n"
    note = parse_note("N.md", text.encode())
    assert [(h.level, h.text, h.line) for h in note.headings] == [
        (1, "One", 1),
        (2, "Two `code`", 3),
        (1, "Setext", 4),
        (2, "Sub", 6),
    ]


def test_block_ids() -> None:
    note = parse_note("N.md", b"Para ^abc-1\n\n^own\n\nnot^id\n`^code`\n")
    assert [(b.id, b.line) for b in note.blocks] == [("abc-1", 1), ("own", 3)]


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("---\na: [1, 2\n---\n", "yaml", 3),
        ("---\na: 1\na: 2\n---\n", "duplicate-key", 3),
        ("---\n- a\n- b\n---\n", "frontmatter-not-mapping", 2),
        ("---\njust text\n---\n", "frontmatter-not-mapping", 2),
        ("---\na: 1\n", "yaml", 1),
        ("---\n\ta: 1\n---\n", "yaml", 2),
        ("---\nx: !!python/object:os.system {}\n---\n", "yaml", 2),
    ],
)
def test_bad_frontmatter_is_a_problem_with_a_line(text: str, kind: str, line: int) -> None:
    note = parse_note("N.md", text.encode())
    assert note.properties == {}
    assert [(p.kind, p.line) for p in note.problems] == [(kind, line)]
    assert note.problems[0].path == "N.md"


def test_yaml_alias_bomb_is_bounded() -> None:
    bomb = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb.append(
            f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    bomb.append("---")
    note = parse_note("N.md", "\n".join(bomb).encode())
    # 9**12 values once expanded: refused with a problem, so nothing downstream
    # (lint, JSON export, templates) walks or serialises it
    assert note.properties == {}
    assert [(p.kind, p.line) for p in note.problems] == [("yaml", 2)]
    assert "alias bomb" in note.problems[0].message


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary"),
        (b"caf\xe9 [[A]]", "encoding"),
        ("[[A]]".encode("utf-16"), "encoding"),
        (b"\0" * 100 + b"[[A]]", "binary"),
    ],
)
def test_bad_bytes_are_problems_not_crashes(data: bytes, kind: str) -> None:
    note = parse_note("N.md", data)
    assert [p.kind for p in note.problems] == [kind]


def test_invalid_utf8_still_yields_links_and_names_the_line() -> None:
    note = parse_note("N.md", b"ok\ncaf\xe9 [[A]]")
    assert [link.target for link in note.links] == ["A"]
    assert note.problems[0].line == 2


def test_bom_is_not_part_of_the_text() -> None:
    note = parse_note("N.md", b"\xef\xbb\xbf---\ntags: [x]\n---\n[[A]]")
    assert note.problems == [] and [t.name for t in note.tags] == ["x"]
    assert note.links[0].line == 4


def test_impossible_dates_are_text_not_errors() -> None:
    note = parse_note("N.md", b"---\nk: 2026-13-45\nd: 2026-01-05\n---\n")
    assert note.problems == []
    assert note.properties["k"] == "2026-13-45"
    assert str(note.properties["d"]) == "2026-01-05"
