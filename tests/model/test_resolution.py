"""Obsidian's link semantics, one fixture line per case.

In the fixture vault, every list item ``- <link> => <path>`` states the file
Obsidian opens for that link (``NONE`` when the link is unresolved). A new
edge case is a new line in a fixture note, not a new test function.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from vaultkit import Vault

FIXTURE = Path(__file__).parent / "fixtures" / "semantics"
CASE = re.compile(r"^\s*-\s+(?P<text>.*?)\s+=>\s+(?P<expected>\S.*?)\s*$")


@pytest.fixture(scope="module")
def vault() -> Vault:
    return Vault.load(FIXTURE)


def cases() -> list[tuple[str, int, str, str]]:
    found = []
    for path in sorted(FIXTURE.rglob("*.md")):
        rel = path.relative_to(FIXTURE).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = CASE.match(line)
            if match:
                found.append((rel, number, match.group("text"), match.group("expected")))
    return found


@pytest.mark.parametrize(("source", "line", "text", "expected"), cases())
def test_link_resolves_as_obsidian_does(
    vault: Vault, source: str, line: int, text: str, expected: str
):
    links = [link for link in vault.notes[source].links if link.line == line]
    assert len(links) == 1, f"{source}:{line}: expected one link in {text!r}, found {links}"
    wanted = None if expected == "NONE" else expected
    assert links[0].resolved == wanted, f"{source}:{line}: {text}"


def test_fixture_has_many_cases():
    assert len(cases()) >= 40


def test_hidden_folders_are_not_part_of_the_vault(vault: Vault):
    assert ".trash/Trashed.md" not in vault.notes
    assert not any(p.startswith(".obsidian") for p in vault.attachments)


def test_attachments_are_every_non_markdown_file(vault: Vault):
    assert set(vault.attachments) == {"Board.canvas", "img.png", "doc.pdf"}


def test_property_links_are_links_but_text_mentions_are_not(vault: Vault):
    props = [link for link in vault.notes["Links.md"].links if link.kind == "property"]
    assert [(link.property_name, link.resolved) for link in props] == [
        ("related", "Log.md"),
        ("up", "Note.md"),
    ]
    assert props[0].line == 2 and props[1].line == 4


def test_aliases_do_not_resolve_but_are_indexed(vault: Vault):
    assert vault.resolve("Alias Name") is None
    assert vault.aliases["alias name"] == {"Log.md"}


def test_nothing_in_code_comments_or_escapes_is_a_link_or_tag(vault: Vault):
    note = vault.notes["NotLinks.md"]
    assert note.links == []
    assert note.tags == []
    assert len(note.comments) == 3


def test_headings_and_blocks(vault: Vault):
    assert vault.find_heading("Headings.md", ("second",)).line == 3
    assert vault.find_heading("Headings.md", ("Top", "Second", "Third: part one")).line == 5
    # Chains must follow nesting: "Other" has its own "Third" but not under "Second".
    assert vault.find_heading("Headings.md", ("Other", "Third: part one")).line == 9
    assert vault.find_heading("Headings.md", ("Second", "Other")) is None
    assert vault.find_heading("Headings.md", ("Nope",)) is None
    assert vault.has_block("Headings.md", "intro")
    assert vault.has_block("Headings.md", "^own-line")
    assert not vault.has_block("Headings.md", "missing")


def test_pdf_page_and_image_size_are_not_headings(vault: Vault):
    by_raw = {link.raw: link for link in vault.notes["Links.md"].links}
    assert by_raw["![[doc.pdf#page=3]]"].heading == ()
    assert by_raw["![[doc.pdf#page=3]]"].subpath == "page=3"
    assert by_raw["![[img.png|100x145]]"].display == "100x145"
    assert by_raw["![[img.png|100x145]]"].embed


def test_ambiguous_names_list_their_candidates(vault: Vault):
    path, candidates = vault.resolve_candidates("Dup", "Links.md")
    assert path == "Beta/Dup.md"  # the shortest path wins
    assert candidates == ("Alpha/Dup.md", "Beta/Deeper/Dup.md", "Beta/Dup.md")
    assert vault.resolve_candidates("Log", "Links.md") == ("Log.md", ())


def test_resolve_accepts_subpaths_and_display(vault: Vault):
    assert vault.resolve("Log#Heading|shown") == "Log.md"


def test_backlinks_exclude_self_links(vault: Vault):
    sources = {link.source for link in vault.backlinks("Links.md")}
    assert "Links.md" not in sources
    assert {link.source for link in vault.backlinks("Log.md")} >= {"Links.md", "Folder/Rel.md"}


def test_graph_has_a_node_per_file_and_an_edge_per_resolved_pair(vault: Vault):
    graph = vault.graph
    assert graph.nodes["img.png"]["kind"] == "attachment"
    assert graph.nodes["Log.md"]["kind"] == "note"
    assert set(graph.nodes) == set(vault.notes) | set(vault.attachments)
    edge = graph.edges["Links.md", "Log.md"]
    assert len(edge["links"]) == 9  # every form of link to Log in Links.md
    resolved_pairs = {(k.source, k.resolved) for k in vault.links() if k.resolved}
    assert set(graph.edges) == resolved_pairs


def test_tags_from_frontmatter_and_inline(vault: Vault):
    assert vault.tags["log"] == {"Log.md"}


def test_settings_are_read(vault: Vault):
    assert vault.settings.daily_folder == "Daily"
    assert vault.settings.templates_folder == "Templates"
    assert vault.settings.attachment_folder == "Attachments"


def test_unicode_normalisation_insensitive(tmp_path: Path):
    nfd = unicodedata.normalize("NFD", "Café")
    (tmp_path / f"{nfd}.md").write_text("# x\n", encoding="utf-8")
    nfc = unicodedata.normalize("NFC", "Café")
    (tmp_path / "Source.md").write_text(f"[[{nfc}]] [[CAFÉ]]\n", encoding="utf-8")
    vault = Vault.load(tmp_path)
    assert [link.resolved for link in vault.notes["Source.md"].links] == [f"{nfd}.md"] * 2


def test_exact_vault_path_beats_a_closer_name(tmp_path: Path):
    for name in ("A/Note.md", "B/A/Note.md", "B/Source.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(
            "[[A/Note]]\n" if "Source" in name else "x\n", encoding="utf-8"
        )
    vault = Vault.load(tmp_path)
    assert vault.notes["B/Source.md"].links[0].resolved == "A/Note.md"


def test_unresolved_links_carry_source_and_position(vault: Vault):
    missing = [link for link in vault.unresolved if link.target == "Missing note"]
    assert len(missing) == 1
    assert missing[0].source == "Links.md"
    assert missing[0].line > 1 and missing[0].column == 3


def test_model_options_come_from_vaultkit_toml(tmp_path: Path):
    (tmp_path / ".vaultkit.toml").write_text("[model]\nindex_comments = true\n", encoding="utf-8")
    (tmp_path / "A.md").write_text("%% [[B]] %%\n", encoding="utf-8")
    assert [link.target for link in Vault.load(tmp_path).notes["A.md"].links] == ["B"]


@pytest.mark.parametrize(
    "body", ["[model]\nindex_comment = true\n", "[model]\nindex_comments = 1\n"]
)
def test_bad_model_options_are_a_clear_error(tmp_path: Path, body: str):
    from vaultkit.errors import VaultError

    (tmp_path / ".vaultkit.toml").write_text(body, encoding="utf-8")
    with pytest.raises(VaultError, match=r"\[model\]"):
        Vault.load(tmp_path)


def test_parsing_on_several_processes_gives_the_same_vault(monkeypatch: pytest.MonkeyPatch):
    import vaultkit.model.vault as vault_module

    monkeypatch.setattr(vault_module, "PARALLEL_MIN_BYTES", 0)
    if vault_module._jobs(3) != 3:
        pytest.skip("parallel parsing needs Linux and a single-threaded process")
    one = Vault.load(FIXTURE, jobs=1)
    several = Vault.load(FIXTURE, jobs=3)
    assert list(several.notes) == list(one.notes)
    assert all(several.notes[path] == one.notes[path] for path in one.notes)
    assert [link.raw for link in several.unresolved] == [link.raw for link in one.unresolved]


def test_shares_keep_order_and_balance_bytes():
    from vaultkit.model.vault import _shares
    from vaultkit.model.walk import FileEntry

    entries = [FileEntry(f"{i:03}.md", "", size, 0) for i, size in enumerate([5, 1, 1, 1, 1, 1])]
    shares = _shares(entries, 2, own_weight=1.0)
    assert [e for share in shares for e in share] == entries
    assert [sum(e.size for e in share) for share in shares] == [5, 5]
    many = [FileEntry(f"{i:03}.md", "", 10, 0) for i in range(100)]
    shares = _shares(many, 3, own_weight=2.0)  # this process takes twice a worker's share
    assert [e for share in shares for e in share] == many
    assert [len(share) for share in shares] == [25, 25, 50]


def test_progress_reports_every_note_read_in_order():
    calls: list[tuple[int, int]] = []
    vault = Vault.load(FIXTURE, progress=lambda done, total: calls.append((done, total)))
    total = len(vault.notes)
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_background_save_writes_a_cache_the_next_load_uses(tmp_path, monkeypatch):
    import os
    import shutil
    import time

    import vaultkit.model.vault as vault_module

    if vault_module._jobs(2) < 2:
        pytest.skip("background saving needs Linux, two CPUs and a single-threaded process")
    monkeypatch.setattr(vault_module, "PARALLEL_MIN_BYTES", 0)
    root = tmp_path / "vault"
    shutil.copytree(FIXTURE, root)
    past = time.time() - 60  # too-recent files are never trusted from a cache
    for path in root.rglob("*"):
        os.utime(path, (past, past))
    first = Vault.load(root, cache=True, jobs=2, background_save=True)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the detached writer left no zombie behind
    from vaultkit.model.processes import wait_for_detached

    cache_file = root / ".vaultkit" / "cache" / "notes.bin"
    assert wait_for_detached(cache_file.parent / "detached.lock")  # written by the detached process
    assert cache_file.exists()
    again = Vault.load(root, cache=True)
    assert again.stats.parsed == 0
    assert all(again.notes[path] == first.notes[path] for path in first.notes)


def test_a_detached_writer_can_be_waited_for(tmp_path):
    import time

    from vaultkit.model.processes import can_fork, run_detached, wait_for_detached

    if not can_fork():
        pytest.skip("detached writers need Linux and a single-threaded process")
    lock, done = tmp_path / "detached.lock", tmp_path / "done"
    run_detached(lambda: (time.sleep(0.5), done.write_text("x")), lock)
    assert not done.exists()  # still running: this process did not wait for it
    assert wait_for_detached(lock)
    assert done.read_text() == "x"


def test_a_deferred_cache_is_written_only_when_asked(tmp_path):
    import os
    import shutil
    import time

    root = tmp_path / "vault"
    shutil.copytree(FIXTURE, root)
    past = time.time() - 60  # too-recent files are never trusted from a cache
    for path in root.rglob("*"):
        os.utime(path, (past, past))
    vault = Vault.load(root, cache=True, defer_save=True)
    assert not (root / ".vaultkit" / "cache" / "notes.bin").exists()
    vault.save_cache()
    vault.save_cache()  # a second call has nothing left to write
    assert Vault.load(root, cache=True).stats.parsed == 0
