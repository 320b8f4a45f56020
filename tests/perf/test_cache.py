"""Guard tests for the parse cache: count work instead of timing it.

A cached run with nothing changed must parse no note, one changed note must
be parsed alone, and whatever changes parsing (vaultkit version, load
options, the cache file itself) must invalidate what it must. Every cached
result must equal what a fresh parse gives.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vaultkit
from vaultkit import Vault
from vaultkit.model import cache as cache_module
from vaultkit.model.cache import CACHE_DIR, CACHE_FILE, NoteCache
from vaultkit.model.vault import LoadOptions

REPO = Path(__file__).resolve().parents[2]
PAST = time.time() - 3600  # older than the racy window: mtimes are trusted

NOTES = {
    "Home.md": '---\ntags: [home]\nrelated: "[[Alpha]]"\n---\n# Home\nSee [[Alpha]] and [[Beta#Part]].\n',
    "1-Projects/Alpha.md": "# Alpha\n## Part\nLinks to [[Missing]] and ![[doc.pdf#page=3]] #work\n",
    "1-Projects/Beta.md": "## Part\nText ^blk1\n%% [[Hidden]] %%\n```\n[[In Code]]\n```\n",
    "2-Areas/Gamma.md": "[[Beta#^blk1]] [md](../1-Projects/Alpha.md) #area/x\n",
}


def write_vault(root: Path, notes: dict[str, str] = NOTES) -> Path:
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for rel, text in notes.items():
        write(root, rel, text)
    write(root, "doc.pdf", "%PDF-1.4\n")
    return root


def write(root: Path, rel: str, text: str, mtime: float = PAST) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


def snapshot(vault: Vault) -> tuple:
    """Everything a consumer sees, comparable with ==."""
    return (
        vault.notes,
        vault.attachments,
        [(link.source, link.raw) for link in vault.unresolved],
        vault.tags,
        {p: [(link.source, link.raw) for link in vault.backlinks(p)] for p in vault.notes},
    )


@pytest.fixture
def vault_root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault")


def test_nothing_changed_parses_nothing(vault_root: Path) -> None:
    cold = Vault.load(vault_root, cache=True)
    assert (cold.stats.parsed, cold.stats.cached) == (4, 0)
    warm = Vault.load(vault_root, cache=True)
    assert (warm.stats.parsed, warm.stats.cached) == (0, 4)
    assert snapshot(warm) == snapshot(Vault.load(vault_root))


def test_one_changed_note_is_parsed_alone(vault_root: Path) -> None:
    Vault.load(vault_root, cache=True)
    write(vault_root, "2-Areas/Gamma.md", "Now [[Home]] only #new\n", mtime=PAST + 60)
    vault = Vault.load(vault_root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (1, 3)
    assert [link.resolved for link in vault.notes["2-Areas/Gamma.md"].links] == ["Home.md"]
    assert "new" in vault.tags and "area/x" not in vault.tags
    assert snapshot(vault) == snapshot(Vault.load(vault_root))
    # and the cache now holds the new version
    again = Vault.load(vault_root, cache=True)
    assert (again.stats.parsed, again.stats.cached) == (0, 4)


def test_same_size_and_mtime_change_is_not_seen_but_mtime_change_is(vault_root: Path) -> None:
    """The contract is size + mtime_ns, as documented; a touch is enough to refresh."""
    Vault.load(vault_root, cache=True)
    path = vault_root / "1-Projects/Beta.md"
    path.write_text(path.read_text().replace("Text", "Txet"))
    os.utime(path, (PAST, PAST))
    assert Vault.load(vault_root, cache=True).stats.parsed == 0
    os.utime(path, (PAST + 1, PAST + 1))
    vault = Vault.load(vault_root, cache=True)
    assert vault.stats.parsed == 1


def test_added_file_re_resolves_cached_links(vault_root: Path) -> None:
    before = Vault.load(vault_root, cache=True)
    assert [link.target for link in before.unresolved] == ["Missing"]
    write(vault_root, "3-Resources/Missing.md", "now here\n")
    vault = Vault.load(vault_root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (1, 4)
    assert vault.unresolved == []
    assert [link.source for link in vault.backlinks("3-Resources/Missing.md")] == [
        "1-Projects/Alpha.md"
    ]
    assert snapshot(vault) == snapshot(Vault.load(vault_root))


def test_added_file_re_resolves_only_the_notes_that_name_it(vault_root: Path, monkeypatch) -> None:
    """The guard for adds and renames: links are resolved again only where the name is used."""
    Vault.load(vault_root, cache=True)
    resolved: list[str] = []
    original = Vault._resolve_link

    def counting(self, link, source):
        resolved.append(source)
        return original(self, link, source)

    monkeypatch.setattr(Vault, "_resolve_link", counting)
    write(vault_root, "3-Resources/Missing.md", "now here\n")
    vault = Vault.load(vault_root, cache=True)
    # Alpha's links (it links to [[Missing]]) and the new note's (none)
    assert set(resolved) == {"1-Projects/Alpha.md"}
    assert snapshot(vault) == snapshot(Vault.load(vault_root))
    resolved.clear()
    (vault_root / "1-Projects/Beta.md").rename(vault_root / "1-Projects/Beta2.md")
    vault = Vault.load(vault_root, cache=True)
    # Home ([[Beta#Part]]) and Gamma ([[Beta#^blk1]]) name Beta; Beta2 is parsed anew
    # (its only links are in a comment and in code, so it has none to resolve)
    assert set(resolved) == {"Home.md", "2-Areas/Gamma.md"}
    assert (vault.stats.parsed, vault.stats.cached) == (1, 4)
    assert snapshot(vault) == snapshot(Vault.load(vault_root))


def test_deleted_attachment_gives_back_the_parsed_heading(vault_root: Path) -> None:
    """Resolving ``![[doc.pdf#page=3]]`` drops its heading; a cached note must not keep that."""
    Vault.load(vault_root, cache=True)
    (vault_root / "doc.pdf").unlink()
    vault = Vault.load(vault_root, cache=True)
    fresh = Vault.load(vault_root)
    assert snapshot(vault) == snapshot(fresh)
    pdf_link = next(
        link for link in vault.notes["1-Projects/Alpha.md"].links if "pdf" in link.target
    )
    assert pdf_link.resolved is None


def test_deleted_note_unresolves_links_to_it(vault_root: Path) -> None:
    Vault.load(vault_root, cache=True)
    (vault_root / "1-Projects/Alpha.md").unlink()
    vault = Vault.load(vault_root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (0, 3)
    assert sorted(link.target for link in vault.unresolved) == [
        "../1-Projects/Alpha.md",
        "Alpha",
        "Alpha",
    ]
    assert snapshot(vault) == snapshot(Vault.load(vault_root))


def test_new_vaultkit_version_invalidates_everything(vault_root: Path, monkeypatch) -> None:
    Vault.load(vault_root, cache=True)
    monkeypatch.setattr(vaultkit, "__version__", "999.0")
    vault = Vault.load(vault_root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (4, 0)
    assert Vault.load(vault_root, cache=True).stats.parsed == 0


def test_other_load_options_invalidate_everything(vault_root: Path) -> None:
    Vault.load(vault_root, cache=True)
    options = LoadOptions(index_comments=True)
    vault = Vault.load(vault_root, options, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (4, 0)
    assert "Hidden" in {link.target for link in vault.links()}
    # and going back to the default options does not reuse the comment-indexed notes
    default = Vault.load(vault_root, cache=True)
    assert default.stats.parsed == 4
    assert "Hidden" not in {link.target for link in default.links()}


def test_parser_source_change_invalidates(vault_root: Path, monkeypatch) -> None:
    """In a checkout the version stays the same while the parser changes."""
    Vault.load(vault_root, cache=True)
    monkeypatch.setattr(cache_module, "_PARSER_MODULES", ("markdown", "no_such_module"))
    assert Vault.load(vault_root, cache=True).stats.parsed == 4


def cache_file(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # one bit flipped in the payload
        lambda data: b"",  # empty
        lambda data: b"garbage" * 10,  # not ours
        lambda data: data[:10],  # cut inside the header
    ],
    ids=["truncated", "flipped", "empty", "garbage", "cut-header"],
)
def test_damaged_cache_is_discarded_and_rebuilt(vault_root: Path, damage) -> None:
    Vault.load(vault_root, cache=True)
    path = cache_file(vault_root)
    path.write_bytes(damage(path.read_bytes()))
    vault = Vault.load(vault_root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (4, 0)
    assert snapshot(vault) == snapshot(Vault.load(vault_root))
    assert Vault.load(vault_root, cache=True).stats.parsed == 0  # rebuilt


def test_status_says_why_a_cache_was_discarded(vault_root: Path) -> None:
    Vault.load(vault_root, cache=True)
    path = cache_file(vault_root)
    path.write_bytes(path.read_bytes()[:-5])
    files = [p.relative_to(vault_root).as_posix() for p in vault_root.rglob("*") if p.is_file()]
    store = NoteCache.open(vault_root, LoadOptions(), files)
    assert store.status == "discarded: truncated"


def test_a_planted_pickle_cannot_run_code(vault_root: Path, tmp_path: Path) -> None:
    """A cache file committed to a shared vault must not execute anything when read."""
    Vault.load(vault_root, cache=True)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    key = cache_module.cache_key(LoadOptions())
    st = (vault_root / "Home.md").stat()
    # a valid header and checksum around a note entry that matches Home.md on disk
    entries = {"Home.md": (st.st_size, st.st_mtime_ns, pickle.dumps(Evil()))}
    files = sorted(p.relative_to(vault_root).as_posix() for p in vault_root.rglob("*.*"))
    cache_file(vault_root).write_bytes(cache_module._encode_file(entries, files, key))
    vault = Vault.load(vault_root, cache=True)
    assert not marker.exists()
    assert vault.stats.parsed == 4
    # the same trick in the payload around the entries is refused too
    cache_file(vault_root).write_bytes(cache_module._encode_file({}, [Evil()], key))
    vault = Vault.load(vault_root, cache=True)
    assert not marker.exists()
    assert vault.stats.parsed == 4


def test_recent_notes_are_not_trusted_next_time(tmp_path: Path) -> None:
    """A note written just now may change again within the same mtime tick."""
    root = write_vault(tmp_path / "vault")
    write(root, "Fresh.md", "just written\n", mtime=time.time())
    Vault.load(root, cache=True)
    vault = Vault.load(root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (1, 4)


def test_cache_elsewhere_and_unwritable_cache(vault_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    Vault.load(vault_root, cache=elsewhere)
    assert (elsewhere / CACHE_FILE).is_file()
    assert not (vault_root / ".vaultkit").exists()
    assert Vault.load(vault_root, cache=elsewhere).stats.parsed == 0
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    vault = Vault.load(vault_root, cache=blocked / "cache")  # cannot be created: no error
    assert vault.stats.parsed == 4
    assert Vault.load(vault_root, cache=False).stats.cached == 0


def test_cache_folder_is_hidden_and_gitignored(vault_root: Path) -> None:
    vault = Vault.load(vault_root, cache=True)
    folder = vault_root / CACHE_DIR
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    again = Vault.load(vault_root, cache=True)
    assert set(again.attachments) == set(vault.attachments) == {"doc.pdf"}


def test_concurrent_runs_leave_a_whole_cache(vault_root: Path) -> None:
    """Two processes loading at once each replace the file atomically."""
    code = "import sys; from vaultkit import Vault; Vault.load(sys.argv[1], cache=True)"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(vault_root)]) for _ in range(3)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]
    vault = Vault.load(vault_root, cache=True)
    assert (vault.stats.parsed, vault.stats.cached) == (0, 4)
    leftovers = [p.name for p in (vault_root / CACHE_DIR).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_cached_load_equals_fresh_load_on_a_generated_vault(tmp_path: Path) -> None:
    """Every syntax the benchmark generator writes survives the cache unchanged."""
    generate = load_generator()
    root = tmp_path / "gen"
    expected = generate.generate(root, notes=120, seed=7)
    for path in root.rglob("*"):
        os.utime(path, (PAST, PAST))
    fresh = Vault.load(root)
    Vault.load(root, cache=True)
    cached = Vault.load(root, cache=True)
    assert (cached.stats.parsed, cached.stats.cached) == (0, expected["notes"])
    assert snapshot(cached) == snapshot(fresh)
    assert len(cached.unresolved) == expected["unresolved_links"]
