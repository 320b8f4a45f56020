"""Build the hostile fixture vault in a temporary folder: every kind of bad input at once.

Nothing here is committed as a blob: each file is written from a recipe, so
the vault is the same on every run and the recipes are the documentation.
Each recipe is a ``Case`` saying what a correct load reports for that file
(its problem kind and line), so the tests are one loop over ``CASES``.

``build(root)`` returns the cases it wrote (symlink and permission cases are
left out where the platform cannot make them). ``CLEAN`` notes link to each
other and are the proof that the rest of the vault is still processed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

BIG_NOTE_BYTES = 50_000_000
"""Over ``LoadOptions.max_note_bytes`` (20 MB): must be skipped unread."""
LINKS_IN_ONE_NOTE = 100_000
DEEP_FOLDERS = 40


@dataclass(frozen=True)
class Case:
    """One hostile file and what loading the vault must report for it."""

    path: str
    """Vault-relative path written (for vault-level problems, the path reported)."""
    what: str
    """What is hostile about it, in the words of issue 7."""
    kind: str | None
    """Problem kind expected on the note (or on the vault); None: loads cleanly."""
    line: int | None = None
    """Expected problem line, when the problem has one."""
    scope: str = "note"
    """``note``: in ``vault.notes[path].problems``; ``vault``: in ``vault.problems``;
    ``hidden``: not part of the vault at all (Obsidian ignores it too)."""
    links: int | None = None
    """Links the note must still yield (bad frontmatter never hides the body)."""


def _fm(body: str, note: str = "See [[Clean A]].\n") -> bytes:
    return f"---\n{body}\n---\n{note}".encode()


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return _fm("\n".join(lines))


def _ten_mb_frontmatter() -> bytes:
    row = "key{}: " + "x" * 90 + "\n"
    body = "".join(row.format(i) for i in range(110_000))  # ~10.6 MB
    return b"---\n" + body.encode() + b"---\nBody still read: [[Clean A]]\n"


def _hundred_k_links() -> bytes:
    rows = (
        f"- [[Clean A]] [[Clean B#Part]] ![[pic.png]] [md](Clean%20A.md) {i}\n"
        for i in range(0, LINKS_IN_ONE_NOTE, 4)
    )
    return "".join(rows).encode()


def _one_line(size: int = 5_000_000) -> bytes:
    unit = "word [[Clean B]] #tag `code [[not a link]]` %%c%% "
    return (unit * (size // len(unit))).encode()


# Text recipes: path -> (bytes, Case fields). Lines are note lines (1-based).
def _text_cases() -> list[tuple[Case, Callable[[], bytes]]]:
    nfc, nfd = "Caf\u00e9", "Cafe\u0301"
    return [
        # -- frontmatter ------------------------------------------------------
        (
            Case("yaml/unclosed-bracket.md", "unclosed bracket", "yaml", 3, links=1),
            lambda: _fm("tags: [a, b\ntitle: x"),
        ),
        (
            Case("yaml/unclosed-quote.md", "unclosed quote", "yaml", 4, links=1),
            lambda: _fm('title: "never closed\nx: 1'),
        ),
        (
            Case("yaml/tab-indent.md", "tab indentation", "yaml", 3, links=1),
            lambda: _fm("title: x\n\tnested: y"),
        ),
        (
            Case("yaml/duplicate-key.md", "duplicate keys", "duplicate-key", 3, links=1),
            lambda: _fm("tags: [a]\ntags: [b]"),
        ),
        (
            Case(
                "yaml/is-a-list.md",
                "frontmatter that is a list",
                "frontmatter-not-mapping",
                2,
                links=1,
            ),
            lambda: _fm("- a\n- b"),
        ),
        (
            Case(
                "yaml/is-a-scalar.md",
                "frontmatter that is a scalar",
                "frontmatter-not-mapping",
                2,
                links=1,
            ),
            lambda: _fm("just some words"),
        ),
        (
            Case("yaml/unterminated.md", "an unterminated --- block", "yaml", 1, links=1),
            lambda: b"---\ntitle: x\nSee [[Clean A]].\n",
        ),
        (
            Case("yaml/alias-bomb.md", "a billion-laughs alias bomb", "yaml", 2, links=1),
            _alias_bomb,
        ),
        (
            Case("yaml/deep-flow.md", "50,000 nested [ ] (crashed libyaml)", "yaml", 2, links=1),
            lambda: _fm("a: " + "[" * 50_000 + "]" * 50_000),
        ),
        (
            Case("yaml/deep-block.md", "50,000 nested block lists", "yaml", 2, links=1),
            lambda: _fm("a:\n" + "- " * 50_000 + "x"),
        ),
        (
            Case("yaml/ten-mb.md", "a 10 MB frontmatter", "too-large", 2, links=1),
            _ten_mb_frontmatter,
        ),
        (
            Case("yaml/python-tag.md", "!!python/object tag (code execution)", "yaml", 2, links=1),
            lambda: _fm("x: !!python/object/apply:os.system ['touch PWNED']"),
        ),
        (
            Case(
                "yaml/bad-date.md",
                "a date that does not exist (text, as in Obsidian)",
                None,
                links=1,
            ),
            lambda: _fm("created: 2023-13-45"),
        ),
        (
            Case(
                "yaml/huge-number.md",
                "an integer of 5,000 digits (over Python's limit)",
                "yaml",
                2,
                links=1,
            ),
            lambda: _fm("n: " + "9" * 5000),
        ),
        (
            Case("yaml/object-key.md", "a template placeholder as a key", None, links=1),
            lambda: _fm("{{date}}: x"),
        ),
        # -- bytes and encodings ---------------------------------------------
        (
            Case("enc/latin-1.md", "non-UTF-8 bytes", "encoding", 2, links=1),
            lambda: b"# Caf\xc3\xa9\ncaf\xe9 [[Clean A]]\n",
        ),
        (
            Case("enc/utf-16.md", "UTF-16 with BOM", "encoding", links=1),
            lambda: "---\ntags: [u16]\n---\n[[Clean A]]\n".encode("utf-16"),
        ),
        (
            Case("enc/utf-8-bom.md", "UTF-8 BOM", None, links=1),
            lambda: b"\xef\xbb\xbf---\ntags: [bom]\n---\n[[Clean A]]\n",
        ),
        (
            Case("enc/nul-byte.md", "a NUL byte", "encoding", 2, links=1),
            lambda: b"fine\nbad\0byte [[Clean A]]\n",
        ),
        (
            Case("enc/png-renamed.md", "a PNG renamed .md", "binary", links=0),
            lambda: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 64,
        ),
        (
            Case("enc/crlf.md", "CRLF line endings", None, links=1),
            lambda: b"---\r\ntags: [crlf]\r\n---\r\n# Head\r\n[[Clean A]]\r\n",
        ),
        (
            Case("enc/lone-cr.md", "lone CR line endings", None, links=1),
            lambda: b"---\rtags: [cr]\r---\r# Head\r[[Clean A]]\r",
        ),
        (Case("enc/empty.md", "an empty file", None, links=0), lambda: b""),
        # -- size -------------------------------------------------------------
        (Case("size/one-line-5mb.md", "one 5 MB line", None, links=100_000), _one_line),
        (
            Case("size/100k-links.md", "100,000 links in one note", None, links=LINKS_IN_ONE_NOTE),
            _hundred_k_links,
        ),
        (
            Case(
                "size/fence-then-spaces.md",
                "200,000 spaces after a fence (regex blow-up)",
                None,
                links=1,
            ),
            lambda: b"```\n```\n" + b" " * 200_000 + b"x\n[[Clean A]]\n",
        ),
        (
            Case("size/heading-spaces.md", "a heading with 200,000 inner spaces", None, links=1),
            lambda: b"# a" + b" " * 200_000 + b"x\n[[Clean A]]\n",
        ),
        (
            Case("size/link-spaces.md", "a Markdown link with 200,000 spaces", None, links=1),
            lambda: b"[a](" + b" " * 200_000 + b"x\n[[Clean A]]\n",
        ),
        (
            Case("size/many-comments.md", "300,000 %% on one line", None, links=1),
            lambda: b"%%" * 300_000 + b"\n[[Clean A]]\n",
        ),
        # -- names ------------------------------------------------------------
        (Case(f"names/{nfc}.md", "a Unicode name in NFC", None, links=1), lambda: b"[[Clean A]]\n"),
        (
            Case(f"names/sub/{nfd}.md", "the same name in NFD", None, links=1),
            lambda: b"[[Clean A]]\n",
        ),
        (Case("names/\U0001f98a Fox \u2728.md", "emoji", None, links=1), lambda: b"[[Clean A]]\n"),
        (
            Case("names/Case.md", "names differing only in case", None, links=1),
            lambda: b"[[case]]\n",
        ),
        (
            Case("names/case.md", "names differing only in case", None, links=1),
            lambda: b"[[Case]]\n",
        ),
        (Case("names/C# and F#.md", "a # in the name", None, links=1), lambda: b"[[Clean A]]\n"),
        (Case("names/x^y.md", "a ^ in the name", None, links=1), lambda: b"[[Clean A]]\n"),
        (Case("names/a|b.md", "a | in the name", None, links=1), lambda: b"[[Clean A]]\n"),
        (Case("names/[draft.md", "a [ in the name", None, links=1), lambda: b"[[Clean A]]\n"),
        (
            Case(
                "names/.leading-dot.md",
                "a leading dot (hidden, as in Obsidian)",
                None,
                scope="hidden",
            ),
            lambda: b"[[Clean A]]\n",
        ),
        (
            Case("names/" + "n" * 252 + ".md", "a 255-byte name", None, links=1),
            lambda: b"[[Clean A]]\n",
        ),
        (
            Case(
                "names/" + "\u00e9" * 126 + ".md",
                "a 255-byte name of 2-byte characters",
                None,
                links=1,
            ),
            lambda: b"[[Clean A]]\n",
        ),
        (
            Case(
                "/".join(["deep"] * DEEP_FOLDERS) + "/Bottom.md",
                "deeply nested folders",
                None,
                links=1,
            ),
            lambda: b"[[Clean A]]\n",
        ),
    ]


CLEAN = {
    "clean/Clean A.md": "---\ntags: [clean]\naliases: [First]\n---\n# Clean A\n\nLinks to [[Clean B#Part]] and ![[pic.png]].\n",
    "clean/Clean B.md": "# Clean B\n\n## Part\n\nBack to [[Clean A]] ^blk\n",
}


HEAVY = {
    "yaml/ten-mb.md",
    "size/one-line-5mb.md",
    "size/100k-links.md",
    "size/fence-then-spaces.md",
    "size/heading-spaces.md",
    "size/link-spaces.md",
    "size/many-comments.md",
}
"""Cases that take seconds to parse: left out (``heavy=False``) where every
command is run on the vault, since the model tests already cover them."""


def build(root: Path, outside: Path, *, heavy: bool = True) -> list[Case]:
    """Write the hostile vault at ``root`` (``outside`` is a folder beside it)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".obsidian").mkdir(exist_ok=True)
    (root / ".obsidian" / "app.json").write_text("{ not json", encoding="utf-8")
    (root / ".obsidian" / "daily-notes.json").write_bytes(b"\xff\xfe\0garbage")
    for rel, text in CLEAN.items():
        _write(root, rel, text.encode())
    _write(root, "clean/pic.png", b"\x89PNG\r\n\x1a\n")
    cases = []
    for case, make in _text_cases():
        if not heavy and case.path in HEAVY:
            continue
        _write(root, case.path, make())
        cases.append(case)
    _write(root, BIG_NOTE.path, b"")
    with open(root / BIG_NOTE.path, "r+b") as handle:
        handle.truncate(BIG_NOTE_BYTES)  # sparse: costs no disk, and if read it is all NULs
    cases.append(BIG_NOTE)
    cases += _symlinks(root, outside)
    cases += _unreadable(root)
    return cases


BIG_NOTE = Case("size/fifty-mb.md", "a 50 MB note (over the 20 MB limit)", "too-large", links=0)
SYMLINK_CASES = [
    Case("links/to-file.md", "a symlink to a file inside", None, links=2),
    Case("links/to-folder", "a symlink to a folder inside", "symlink", scope="vault"),
    Case("links/loop-a", "a symlink loop", "symlink", scope="vault"),
    Case("links/self", "a symlink to its own folder", "symlink", scope="vault"),
    Case("links/outside.md", "a symlink to a file outside", "symlink", scope="vault"),
    Case("links/outside-folder", "a symlink to a folder outside", "symlink", scope="vault"),
    Case("links/dangling.md", "a dangling symlink", "symlink", scope="vault"),
]
UNREADABLE_FILE = "perm/locked.md"
UNREADABLE_FOLDER = "perm/locked-folder"
UNREADABLE_CASES = [
    Case(UNREADABLE_FILE, "an unreadable file (chmod 000)", "unreadable", links=0),
    Case(UNREADABLE_FOLDER, "an unreadable folder (chmod 000)", "unreadable", scope="vault"),
]


def all_cases() -> list[Case]:
    """Every case ``build`` may write, for test parametrisation."""
    return [case for case, _ in _text_cases()] + [BIG_NOTE, *SYMLINK_CASES, *UNREADABLE_CASES]


def _write(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _symlinks(root: Path, outside: Path) -> list[Case]:
    if not hasattr(os, "symlink") or sys.platform == "win32":
        return []
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "Secret.md").write_text("outside the vault [[Clean A]]\n", encoding="utf-8")
    links = root / "links"
    links.mkdir()
    os.symlink("../clean/Clean A.md", links / "to-file.md")
    os.symlink("../clean", links / "to-folder")
    os.symlink("loop-b", links / "loop-a")
    os.symlink("loop-a", links / "loop-b")
    os.symlink(".", links / "self")
    os.symlink(outside / "Secret.md", links / "outside.md")
    os.symlink(outside, links / "outside-folder")
    os.symlink("missing.md", links / "dangling.md")
    return list(SYMLINK_CASES)


def _unreadable(root: Path) -> list[Case]:
    _write(root, UNREADABLE_FILE, b"secret [[Clean A]]\n")
    _write(root, UNREADABLE_FOLDER + "/Inside.md", b"[[Clean A]]\n")
    os.chmod(root / UNREADABLE_FILE, 0)
    os.chmod(root / UNREADABLE_FOLDER, 0)
    return list(UNREADABLE_CASES)


def restore_permissions(root: Path) -> None:
    """Let pytest's tmp cleanup delete the chmod-000 files."""
    for rel in (UNREADABLE_FILE, UNREADABLE_FOLDER):
        with contextlib.suppress(OSError):
            os.chmod(root / rel, 0o755)


PERMISSIONS_BITE = not (hasattr(os, "geteuid") and os.geteuid() == 0)
"""False when running as root, where chmod 000 does not stop reads."""


@contextlib.contextmanager
def denied(root: Path) -> Iterator[None]:
    """Make the chmod-000 paths fail with EACCES even for root.

    An audit hook sees every ``open`` and ``os.scandir`` whatever module does
    it, and raising from the hook fails that call: the same PermissionError a
    normal user would get. Audit hooks cannot be removed, so it is switched
    taken out of the forwarding list when the block ends.
    """
    blocked = {os.path.realpath(root / UNREADABLE_FILE), os.path.realpath(root / UNREADABLE_FOLDER)}

    def hook(event: str, args: tuple) -> None:
        if event in ("open", "os.scandir", "os.listdir") and args and args[0] is not None:
            target = args[0]
            if isinstance(target, (str, bytes, os.PathLike)) and not isinstance(target, int):
                if os.path.realpath(os.fsdecode(target)) in blocked:
                    raise PermissionError(13, "Permission denied", os.fsdecode(target))

    with _hooked(hook):
        yield


_HOOKS: list[Callable[[str, tuple], None]] = []


def _forward(event: str, args: tuple) -> None:
    for hook in list(_HOOKS):
        hook(event, args)


@contextlib.contextmanager
def _hooked(hook: Callable[[str, tuple], None]) -> Iterator[None]:
    # Audit hooks cannot be removed: one real hook per process forwards to the live ones.
    if not getattr(sys, "_vaultkit_hostile_hook", False):
        sys.addaudithook(_forward)
        sys._vaultkit_hostile_hook = True  # type: ignore[attr-defined]
    _HOOKS.append(hook)
    try:
        yield
    finally:
        _HOOKS.remove(hook)


@contextlib.contextmanager
def watch_opens() -> Iterator[list[str]]:
    """Record every path opened (by any module, any API) inside the block."""
    opened: list[str] = []

    def hook(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            opened.append(os.fsdecode(args[0]))

    with _hooked(hook):
        yield opened
