"""Property tests: the parser never raises, and any note name round-trips through a link."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit import Vault
from vaultkit.model.resolve import Resolver
from vaultkit.model.vault import parse_note

# Characters Obsidian refuses in file names or that links cannot carry.
FORBIDDEN = set('[]|#^\\/:*?"<>%') | {"\0"}
name_chars = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="".join(FORBIDDEN),
)
note_names = (
    st.text(name_chars, min_size=1, max_size=40)
    .map(str.strip)
    .filter(
        lambda n: (
            n and not n.startswith(".") and not n.endswith(".") and "`" not in n and "%%" not in n
        )
    )
)
display_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="[]\n`%\\"),
    max_size=30,
)
folders = st.lists(note_names, max_size=3).map(lambda parts: "/".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_parser_never_raises_on_any_text(text: str) -> None:
    note = parse_note("N.md", text.encode("utf-8", "surrogatepass"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for link in note.links:
        assert 1 <= link.line <= len(lines)
        assert 1 <= link.column <= len(lines[link.line - 1]) + 1


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_parser_never_raises_on_any_bytes(data: bytes) -> None:
    parse_note("N.md", data)


markdownish = st.lists(
    st.sampled_from(
        [
            "[[",
            "]]",
            "![[",
            "[",
            "](",
            ")",
            "`",
            "```",
            "~~~",
            "%%",
            "<!--",
            "-->",
            "#",
            "^",
            "|",
            "\\",
            "\n",
            "\n\n",
            "    ",
            "\t",
            "- ",
            "> ",
            "---\n",
            "a",
            "Note",
            " ",
            "é",
            "🙂",
            ":",
            "*",
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(markdownish)
def test_parser_never_raises_on_markdown_like_text(text: str) -> None:
    note = parse_note("N.md", text.encode())
    lines = text.split("\n")
    for item in [*note.links, *note.tags, *note.blocks]:
        assert 1 <= item.line <= len(lines)
        assert 1 <= item.column <= len(lines[item.line - 1]) + 1


@settings(max_examples=300, deadline=None)
@given(note_names, folders, display_texts)
def test_a_wikilink_to_any_name_resolves_back(name: str, folder: str, display: str) -> None:
    path = f"{folder}/{name}.md" if folder else f"{name}.md"
    suffix = f"|{display}" if display else ""
    note = parse_note("Source.md", f"See [[{name}{suffix}]] here".encode())
    assert len(note.links) == 1
    resolver = Resolver([path, "Source.md"])
    assert resolver.resolve(note.links[0].target, "Source.md")[0] == path


@settings(max_examples=300, deadline=None)
@given(note_names, folders, display_texts.filter(lambda d: "]" not in d and "[" not in d))
def test_a_markdown_link_to_any_name_resolves_back(name: str, folder: str, display: str) -> None:
    path = f"{folder}/{name}.md" if folder else f"{name}.md"
    note = parse_note("Source.md", f"See [{display}]({quote(path)}) here".encode())
    assert len(note.links) == 1
    assert Resolver([path, "Source.md"]).resolve(note.links[0].target, "Source.md")[0] == path


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(folders, note_names), min_size=1, max_size=12), st.randoms())
def test_resolution_does_not_depend_on_listing_order(entries, rnd: random.Random) -> None:
    paths = sorted({f"{f}/{n}.md" if f else f"{n}.md" for f, n in entries})
    shuffled = list(paths)
    rnd.shuffle(shuffled)
    first, second = Resolver(paths), Resolver(shuffled)
    for source in paths:
        for _, name in entries:
            assert first.resolve(name, source) == second.resolve(name, source)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note_names.filter(lambda n: len(n.encode()) < 200))
def test_round_trip_through_a_real_vault_on_disk(tmp_path: Path, name: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    try:
        (folder / f"{name}.md").write_text("# x\n", encoding="utf-8")
    except OSError:
        return  # a name this file system refuses
    (folder / "Source.md").write_text(f"[[{name}]]\n", encoding="utf-8")
    vault = Vault.load(folder)
    assert vault.unresolved == []
    assert vault.backlinks(next(p for p in vault.notes if p != "Source.md"))
