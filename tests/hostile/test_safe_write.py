"""``vaultkit.safe_write``: no escape from the vault, no torn notes, no stale overwrite.

The crash test kills a writing process with SIGKILL at random moments and
checks that every note is then exactly the old or the new text. A control
run of a naive writer (``open(path, "w")``) under the same kills shows torn
notes, so the test can tell the difference.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from vaultkit import Vault
from vaultkit.errors import ConflictError, UnsafePathError, VaultError
from vaultkit.safe_write import (
    TextStyle,
    atomic_write_bytes,
    create_note,
    safe_join,
    update_note,
    vault_lock,
)

KILLS = 24
"""SIGKILLs sent to the safe writer (faults injected; docs/reliability.md quotes it)."""
NOTES_PER_WRITER = 4
APPENDERS, APPENDS_EACH = 6, 20

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and symlinks")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / "Note.md").write_text("hello\n", encoding="utf-8")
    return root


# -- no escape ---------------------------------------------------------------

ESCAPES = [
    "../outside.md",
    "a/../../outside.md",
    "a/../b.md",
    "..\\outside.md",
    "/etc/passwd",
    "\\\\server\\share\\x.md",
    "C:/Windows/x.md",
    "c:x.md",
    "D:\\x.md",
    "a\0b.md",
    "",
]


@pytest.mark.parametrize("rel", ESCAPES, ids=repr)
def test_safe_join_refuses_paths_out_of_the_vault(vault: Path, rel: str) -> None:
    with pytest.raises(UnsafePathError):
        safe_join(vault, rel)
    with pytest.raises(UnsafePathError):
        create_note(vault, rel, "x")
    assert not (vault.parent / "outside.md").exists()


@pytest.mark.parametrize("rel", ["Note.md", "./Note.md", "a/b/c.md", "Café.md", "x..y.md"])
def test_safe_join_accepts_ordinary_paths(vault: Path, rel: str) -> None:
    path = safe_join(vault, rel)
    assert vault.resolve() in path.parents


@needs_posix
def test_symlinks_out_of_the_vault_are_refused(vault: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Target.md").write_text("theirs\n", encoding="utf-8")
    os.symlink(outside, vault / "out-folder")
    os.symlink(outside / "Target.md", vault / "out-file.md")
    os.symlink(outside / "Missing.md", vault / "out-dangling.md")
    for rel in ("out-folder/Target.md", "out-folder/New.md", "out-file.md", "out-dangling.md"):
        with pytest.raises(UnsafePathError, match="symlink"):
            safe_join(vault, rel)
        with pytest.raises(UnsafePathError):
            update_note(vault, rel, lambda t: t + "x", create="")
    assert sorted(p.name for p in outside.iterdir()) == ["Target.md"]
    assert (outside / "Target.md").read_text(encoding="utf-8") == "theirs\n"


@needs_posix
def test_a_lock_folder_symlinked_out_is_refused(vault: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, vault / ".vaultkit")
    with pytest.raises(UnsafePathError):
        update_note(vault, "Note.md", lambda t: t + "more\n")
    assert list(outside.iterdir()) == []
    assert (vault / "Note.md").read_text(encoding="utf-8") == "hello\n"


@needs_posix
def test_a_symlink_inside_is_written_through(vault: Path) -> None:
    (vault / "Real.md").write_text("one\n", encoding="utf-8")
    os.symlink("Real.md", vault / "Alias.md")
    assert update_note(vault, "Alias.md", lambda t: t + "two\n")
    assert (vault / "Alias.md").is_symlink()
    assert (vault / "Real.md").read_text(encoding="utf-8") == "one\ntwo\n"


# -- the note's own bytes are kept ---------------------------------------------

STYLES = {
    "lf": b"---\ntags: [a]\n---\nline one\nline two\n",
    "crlf": b"---\r\ntags: [a]\r\n---\r\nline one\r\nline two\r\n",
    "lone-cr": b"line one\rline two\r",
    "bom": b"\xef\xbb\xbfline one\nline two\n",
    "bom-crlf": b"\xef\xbb\xbfline one\r\nline two\r\n",
    "no-final-newline": b"line one\nline two",
    "unicode": "caf\u00e9 \U0001f98a\nline two\n".encode(),
}


@pytest.mark.parametrize("name", STYLES)
def test_update_keeps_line_endings_bom_and_final_newline(vault: Path, name: str) -> None:
    original = STYLES[name]
    (vault / "S.md").write_bytes(original)
    assert update_note(vault, "S.md", lambda t: t.replace("line two", "line 2"))
    style = TextStyle.sniff(original)
    expected = original.replace(b"line two", b"line 2")
    assert (vault / "S.md").read_bytes() == expected
    assert style.encode(style.decode(original)) == original  # round trip is exact


def test_an_unchanged_note_is_not_rewritten(vault: Path) -> None:
    before = (vault / "Note.md").stat()
    assert update_note(vault, "Note.md", lambda t: t) is False
    after = (vault / "Note.md").stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


@pytest.mark.parametrize(
    "data",
    [b"caf\xe9\n", "\ufeffhello\n".encode("utf-16"), b"\x89PNG\r\n\x1a\n\0\0\0\0\0\0IHDR"],
    ids=["latin-1", "utf-16", "png"],
)
def test_notes_that_are_not_utf8_are_never_rewritten(vault: Path, data: bytes) -> None:
    (vault / "Odd.md").write_bytes(data)
    with pytest.raises(VaultError, match="Odd.md.*not UTF-8"):
        update_note(vault, "Odd.md", lambda t: t + "more\n")
    assert (vault / "Odd.md").read_bytes() == data


def test_a_folder_named_like_a_note_is_a_user_error(vault: Path) -> None:
    (vault / "Dir.md").mkdir()
    with pytest.raises(VaultError, match="folder"):
        update_note(vault, "Dir.md", lambda t: t)
    with pytest.raises(VaultError, match="folder"):
        create_note(vault, "Dir.md", "x")


# -- no stale overwrite -----------------------------------------------------


def test_a_note_saved_between_read_and_write_is_not_overwritten(vault: Path) -> None:
    def editor_saves_meanwhile(text: str) -> str:
        (vault / "Note.md").write_text("saved by Obsidian\n", encoding="utf-8")
        return text + "from vaultkit\n"

    with pytest.raises(ConflictError, match="Note.md: changed on disk"):
        update_note(vault, "Note.md", editor_saves_meanwhile)
    assert (vault / "Note.md").read_text(encoding="utf-8") == "saved by Obsidian\n"


def test_a_same_size_save_in_the_same_clock_tick_is_still_caught(vault: Path) -> None:
    path = vault / "Note.md"
    stat = path.stat()

    def sneaky_save(text: str) -> str:
        path.write_text("HELLO\n", encoding="utf-8")  # same size, written in place
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
        return text + "from vaultkit\n"

    with pytest.raises(ConflictError):
        update_note(vault, "Note.md", sneaky_save)
    assert path.read_text(encoding="utf-8") == "HELLO\n"


def test_a_note_created_meanwhile_is_not_replaced(vault: Path) -> None:
    def someone_creates_it(text: str) -> str:
        (vault / "New.md").write_text("theirs\n", encoding="utf-8")
        return text + "ours\n"

    with pytest.raises(ConflictError):
        update_note(vault, "New.md", someone_creates_it, create="# New\n")
    assert (vault / "New.md").read_text(encoding="utf-8") == "theirs\n"
    with pytest.raises(ConflictError):
        atomic_write_bytes(vault / "New.md", b"ours\n", exclusive=True)
    assert (vault / "New.md").read_text(encoding="utf-8") == "theirs\n"


def test_create_never_overwrites_unless_asked(vault: Path) -> None:
    assert create_note(vault, "Note.md", "hello\n") == "identical"
    with pytest.raises(ConflictError, match="--force"):
        create_note(vault, "Note.md", "other\n")
    assert (vault / "Note.md").read_text(encoding="utf-8") == "hello\n"
    assert create_note(vault, "Note.md", "other\n", overwrite=True) == "overwrite"
    assert create_note(vault, "Sub/Fresh.md", "new\n") == "create"
    assert (vault / "Sub" / "Fresh.md").read_text(encoding="utf-8") == "new\n"


def test_case_and_unicode_variants_of_a_name_share_one_lock(vault: Path) -> None:
    with vault_lock(vault, "Caf\u00e9.md"):
        pass
    with vault_lock(vault, "cafe\u0301.MD"):
        pass
    assert len(list((vault / ".vaultkit" / "locks").iterdir())) == 1


# -- crash safety and concurrency -----------------------------------------------

WRITER = textwrap.dedent(
    """
    import os, sys
    from vaultkit.safe_write import update_note
    root, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    old, new = open(os.path.join(root, "old.txt")).read(), open(os.path.join(root, "new.txt")).read()

    def naive(rel, text):  # what a careless tool does: truncate, then write in pieces
        with open(os.path.join(root, rel), "w") as handle:
            for start in range(0, len(text), 4096):
                handle.write(text[start : start + 4096])
                handle.flush()
                os.fsync(handle.fileno())

    print("ready", flush=True)
    while True:
        for k in range(n):
            rel = f"Notes/N{k}.md"
            if mode == "safe":
                update_note(root, rel, lambda t: new if t == old else old)
            else:
                with open(os.path.join(root, rel)) as handle:
                    current = handle.read()
                naive(rel, new if current == old else old)
    """
)


def _kill_writer_repeatedly(root: Path, mode: str, kills: int, seed: int) -> list[str]:
    """Start the writer, SIGKILL it at a random moment, ``kills`` times; return torn notes."""
    old = "".join(f"- [ ] old task {i} [[Link {i}]]\n" for i in range(6000))
    new = "".join(f"- [x] new task {i} #done\n" for i in range(7000))
    (root / "old.txt").write_text(old, encoding="utf-8")
    (root / "new.txt").write_text(new, encoding="utf-8")
    for k in range(NOTES_PER_WRITER):
        (root / "Notes").mkdir(exist_ok=True)
        (root / "Notes" / f"N{k}.md").write_text(old, encoding="utf-8")
    script = root.parent / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(seed)
    torn = []
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, str(script), str(root), mode, str(NOTES_PER_WRITER)],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        try:
            child.wait(timeout=rng.uniform(0.005, 0.12))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL  # it was still writing, never crashed
        for k in range(NOTES_PER_WRITER):
            text = (root / "Notes" / f"N{k}.md").read_text(encoding="utf-8")
            if text not in (old, new):
                torn.append(f"N{k}.md: {len(text)} chars")
    return torn


@needs_posix
def test_sigkill_mid_write_leaves_every_note_old_or_new(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    root.mkdir()
    torn = _kill_writer_repeatedly(root, "safe", KILLS, seed=7)
    assert torn == []
    # leftovers of killed writes are hidden temp files, which no reader lists
    notes = Vault.load(root).notes
    assert sorted(notes) == [f"Notes/N{k}.md" for k in range(NOTES_PER_WRITER)]
    leftovers = [p.name for p in (root / "Notes").iterdir() if not p.name.startswith("N")]
    assert all(name.startswith(".vaultkit-") for name in leftovers), leftovers
    assert leftovers, "no kill landed inside a write: the test proved nothing"


@needs_posix
def test_control_the_same_kills_tear_a_naive_writer(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    root.mkdir()
    torn = _kill_writer_repeatedly(root, "naive", 8, seed=11)
    assert torn, "the kill loop never caught a write in progress: the crash test proves nothing"


APPENDER = textwrap.dedent(
    """
    import sys
    from vaultkit.safe_write import update_note
    root, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for i in range(count):
        update_note(root, "Log.md", lambda t: t + f"- {who} entry {i}\\n", create="# Log\\n")
    """
)


@needs_posix
def test_parallel_appends_lose_no_entry(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    root.mkdir()
    script = tmp_path / "appender.py"
    script.write_text(APPENDER, encoding="utf-8")
    children = [
        subprocess.Popen([sys.executable, str(script), str(root), f"p{n}", str(APPENDS_EACH)])
        for n in range(APPENDERS)
    ]
    assert [child.wait(timeout=120) for child in children] == [0] * APPENDERS
    lines = (root / "Log.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Log"
    entries = lines[1:]
    assert sorted(entries) == sorted(
        f"- p{n} entry {i}" for n in range(APPENDERS) for i in range(APPENDS_EACH)
    )
