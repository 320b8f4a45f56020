"""``Vault.load`` on the hostile vault: every bad file is a problem naming it, nothing raises.

The vault is loaded once (module fixture) with the chmod-000 paths denied by
an audit hook, because the tests run as root in CI where permission bits do
not stop reads. A hang guard (SIGALRM) turns a regex blow-up into a failure
instead of a stuck run; it is not a speed test (the benchmark measures speed).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from tests.hostile import hostile_vault
from tests.hostile.conftest import HostileVault
from vaultkit import Vault
from vaultkit.model.vault import LoadOptions, parse_note

HANG_GUARD_SECONDS = 240
"""Loading takes a few seconds; the quadratic regexes fixed in issue 7 took hours."""


@contextmanager
def hang_guard(seconds: int = HANG_GUARD_SECONDS) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds}s: unbounded work on hostile input")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Loaded:
    vault: Vault
    opened: list[str]
    by_path: dict[str, hostile_vault.Case]


@pytest.fixture(scope="module")
def loaded(hostile: HostileVault) -> Loaded:
    with hang_guard(), hostile_vault.denied(hostile.root), hostile_vault.watch_opens() as opened:
        vault = Vault.load(hostile.root)
    return Loaded(vault, list(opened), {c.path: c for c in hostile.cases})


def _case(loaded: Loaded, path: str) -> hostile_vault.Case:
    case = loaded.by_path.get(path)
    if case is None:
        pytest.skip(f"{path}: this platform cannot make that file (no symlinks)")
    return case


NOTE_CASES = [c for c in hostile_vault.all_cases() if c.scope == "note"]
VAULT_CASES = [c for c in hostile_vault.all_cases() if c.scope == "vault"]


@pytest.mark.parametrize("path", [c.path for c in NOTE_CASES], ids=[c.what for c in NOTE_CASES])
def test_each_bad_note_is_one_problem_naming_it(loaded: Loaded, path: str) -> None:
    case = _case(loaded, path)
    note = loaded.vault.notes[path]
    found = [(p.kind, p.line) for p in note.problems]
    if case.kind is None:
        assert found == []
    else:
        assert found == [(case.kind, case.line)]
        assert all(p.path == path and p.message for p in note.problems)


@pytest.mark.parametrize("path", [c.path for c in NOTE_CASES], ids=[c.what for c in NOTE_CASES])
def test_bad_frontmatter_never_hides_the_body(loaded: Loaded, path: str) -> None:
    case = _case(loaded, path)
    note = loaded.vault.notes[path]
    if case.links is not None:
        assert len(note.links) == case.links
    lines = note.line_count or 1
    for item in [*note.links, *note.tags, *note.problems]:
        assert item.line is None or 1 <= item.line <= lines, item


@pytest.mark.parametrize("path", [c.path for c in VAULT_CASES], ids=[c.what for c in VAULT_CASES])
def test_bad_folders_and_symlinks_are_vault_problems(loaded: Loaded, path: str) -> None:
    case = _case(loaded, path)
    kinds = [p.kind for p in loaded.vault.problems if p.path == path]
    assert kinds == [case.kind]
    assert path not in loaded.vault.notes


def test_every_problem_names_a_file_that_exists(loaded: Loaded, hostile: HostileVault) -> None:
    problems = list(loaded.vault.problems)
    for note in loaded.vault.notes.values():
        problems += note.problems
    assert len(problems) >= 25
    for problem in problems:
        assert problem.path, problem
        assert os.path.lexists(hostile.root / problem.path), problem


def test_the_rest_of_the_vault_is_still_processed(loaded: Loaded) -> None:
    vault = loaded.vault
    assert vault.resolve("Clean B", "clean/Clean A.md") == "clean/Clean B.md"
    assert vault.find_heading("clean/Clean B.md", ("Part",)) is not None
    assert vault.has_block("clean/Clean B.md", "blk")
    assert "clean" in vault.tags
    for tag in ("bom", "crlf", "cr", "u16"):  # read from frontmatter despite the encoding
        assert tag in vault.tags, tag
    linking = {link.source for link in vault.backlinks("clean/Clean A.md")}
    expected = {c.path for c in loaded.by_path.values() if c.scope == "note" and c.links}
    # these link to Clean B or to each other
    expected -= {"size/one-line-5mb.md", "links/to-file.md", "names/Case.md", "names/case.md"}
    assert expected <= linking


def test_the_50_mb_note_is_never_opened(loaded: Loaded) -> None:
    big = loaded.vault.notes[hostile_vault.BIG_NOTE.path]
    assert big.size == hostile_vault.BIG_NOTE_BYTES
    assert not [p for p in loaded.opened if p.endswith(hostile_vault.BIG_NOTE.path)]
    assert "20,000,000-byte limit" in big.problems[0].message


def test_the_size_limit_is_configurable(hostile: HostileVault, tmp_path) -> None:
    path = tmp_path / "v"
    (path / "sub").mkdir(parents=True)
    (path / "sub" / "Small.md").write_text("[[Big]]\n", encoding="utf-8")
    (path / "sub" / "Big.md").write_text("x" * 5000, encoding="utf-8")
    vault = Vault.load(path, LoadOptions(max_note_bytes=1000))
    assert [p.kind for p in vault.notes["sub/Big.md"].problems] == ["too-large"]
    assert vault.resolve("Big") == "sub/Big.md"  # still a link target


def test_100k_links_are_all_found_and_resolved(loaded: Loaded) -> None:
    links = loaded.vault.notes["size/100k-links.md"].links
    assert len(links) == hostile_vault.LINKS_IN_ONE_NOTE
    assert {link.resolved for link in links} == {
        "clean/Clean A.md",
        "clean/Clean B.md",
        "clean/pic.png",
    }
    one_line = loaded.vault.notes["size/one-line-5mb.md"]
    assert {link.line for link in one_line.links} == {1}
    assert not [t for t in one_line.tags if t.name != "tag"]


def test_unicode_and_case_names_resolve_deterministically(loaded: Loaded) -> None:
    vault = loaded.vault
    nfc, nfd = "names/Caf\u00e9.md", "names/sub/Cafe\u0301.md"
    for spelling in ("Caf\u00e9", "Cafe\u0301", "CAF\u00c9"):
        found, candidates = vault.resolve_candidates(spelling, "clean/Clean A.md")
        assert found == nfc  # the shorter path wins; NFC and NFD are one name
        assert set(candidates) == {nfc, nfd}
    assert vault.resolve("Cafe\u0301", "names/sub/X.md") == nfd  # own folder first
    found, candidates = vault.resolve_candidates("CASE", "clean/Clean A.md")
    assert set(candidates) == {"names/Case.md", "names/case.md"}
    assert vault.resolve("\U0001f98a Fox \u2728") == "names/\U0001f98a Fox \u2728.md"
    assert vault.resolve("n" * 252) == "names/" + "n" * 252 + ".md"
    assert vault.resolve("\u00e9" * 126) == "names/" + "\u00e9" * 126 + ".md"
    assert vault.resolve("Bottom") == "/".join(["deep"] * hostile_vault.DEEP_FOLDERS) + "/Bottom.md"
    assert vault.resolve("C# and F#") is None  # '#' starts a heading: Obsidian cannot link it
    assert vault.resolve("x^y") == "names/x^y.md"


def test_hidden_names_are_not_part_of_the_vault(loaded: Loaded) -> None:
    assert not [p for p in loaded.vault.notes if "/." in p or p.startswith(".")]
    assert "names/.leading-dot.md" not in loaded.vault.notes


def test_symlinks_never_lead_out_of_the_vault(loaded: Loaded, hostile: HostileVault) -> None:
    if "links/to-file.md" not in loaded.by_path:
        pytest.skip("no symlinks on this platform")
    outside = os.path.realpath(hostile.root.parent / "outside")
    assert not [p for p in loaded.opened if os.path.realpath(p).startswith(outside)]
    assert "links/to-file.md" in loaded.vault.notes  # inside: a note of its own
    assert not [p for p in loaded.vault.notes if p.startswith(("links/to-folder/", "links/self/"))]


def test_following_outside_links_is_opt_in(hostile: HostileVault) -> None:
    if "links/outside.md" not in loaded_paths(hostile):
        pytest.skip("no symlinks on this platform")
    with hostile_vault.denied(hostile.root):
        vault = Vault.load(hostile.root, LoadOptions(follow_symlinks_outside=True))
    assert "links/outside.md" in vault.notes
    assert "links/outside-folder/Secret.md" in vault.notes


def loaded_paths(hostile: HostileVault) -> set[str]:
    return {c.path for c in hostile.cases}


@pytest.mark.skipif(hostile_vault.PERMISSIONS_BITE, reason="only meaningful as root")
def test_as_root_the_audit_hook_is_what_denies_reads(hostile: HostileVault) -> None:
    """Documents why the hook exists: root reads chmod-000 files regardless."""
    vault = Vault.load(hostile.root)
    assert vault.notes[hostile_vault.UNREADABLE_FILE].problems == []


def test_unreadable_paths_without_the_hook_where_permissions_bite(hostile: HostileVault) -> None:
    if not hostile_vault.PERMISSIONS_BITE:
        pytest.skip("running as root: chmod 000 does not stop reads (simulated by the audit hook)")
    vault = Vault.load(hostile.root)
    assert [p.kind for p in vault.notes[hostile_vault.UNREADABLE_FILE].problems] == ["unreadable"]


def test_parse_note_on_each_case_alone_never_raises() -> None:
    for case, make in hostile_vault._text_cases():
        note = parse_note(case.path, make())
        assert note.path == case.path
        assert [p.kind for p in note.problems] == ([case.kind] if case.kind else []), case.path


def test_python_yaml_tags_are_never_executed(loaded: Loaded, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    note = parse_note("x.md", b"---\nx: !!python/object/apply:os.system ['touch PWNED']\n---\n")
    assert not (tmp_path / "PWNED").exists()
    assert note.properties == {}
    assert "python/object" in note.problems[0].message
