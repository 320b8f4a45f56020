"""Maps of Content that stay current.

A MOC built from a query (``--tag`` or ``--folder``) keeps its generated list
between two Obsidian comments, which do not show in reading view::

    %% vaultkit:begin moc tag=career %%
    - [[Speak at SREcon 2026]]
    %% vaultkit:end moc %%

Refreshing rewrites only what is between the markers; everything the user
wrote around them is kept byte for byte. ``update_mocs`` refreshes every such
block in the vault.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultkit.errors import VaultError
from vaultkit.generate.names import wikilink
from vaultkit.generate.notes import NoteResult, render_note, write_note
from vaultkit.safe_write import update_note

if TYPE_CHECKING:  # pragma: no cover
    from vaultkit.model.vault import Vault

_BLOCK = re.compile(
    r"^(?P<begin>[ \t]*%%[ \t]*vaultkit:begin[ \t]+moc(?P<args>[^\n%]*)%%[ \t]*)\n"
    r"(?P<body>.*?)"
    r"^(?P<end>[ \t]*%%[ \t]*vaultkit:end(?:[ \t]+moc)?[ \t]*%%[ \t]*)$",
    re.MULTILINE | re.DOTALL,
)
MARKER = "vaultkit:begin moc"


@dataclass(frozen=True)
class MocQuery:
    """Which notes a generated MOC lists: those with ``tag`` and/or under ``folder``."""

    tag: str | None = None
    folder: str | None = None

    def __post_init__(self) -> None:
        if not self.tag and not self.folder:
            raise VaultError("a generated MOC needs --tag TAG or --folder PATH")

    @classmethod
    def parse(cls, args: str, where: str = "") -> MocQuery:
        """Read ``tag=career folder="1-Projects"`` from a begin marker."""
        try:
            words = shlex.split(args)
        except ValueError as exc:
            raise VaultError(
                f"cannot read MOC marker arguments {args!r}: {exc}", path=where
            ) from None
        values: dict[str, str] = {}
        for word in words:
            key, sep, value = word.partition("=")
            if not sep or key not in ("tag", "folder"):
                raise VaultError(
                    f"unknown MOC marker argument {word!r}; use tag=... or folder=...", path=where
                )
            values[key] = value
        return cls(tag=values.get("tag"), folder=values.get("folder"))

    def marker_args(self) -> str:
        parts = []
        for key in ("tag", "folder"):
            value = getattr(self, key)
            if value:
                quoted = (
                    value
                    if re.fullmatch(r"[\w/.\-]+", value)
                    else json.dumps(value, ensure_ascii=False)
                )
                parts.append(f"{key}={quoted}")
        return " ".join(parts)


def select_notes(vault: Vault, query: MocQuery, exclude: str = "") -> list[str]:
    """Paths of the notes the query matches, by name, without the MOC itself."""
    paths = set(vault.notes)
    if query.tag:
        paths &= set(vault.notes_with_tag(query.tag.lstrip("#"), nested=True))
    if query.folder:
        prefix = query.folder.strip("/") + "/"
        paths = {p for p in paths if p.startswith(prefix)}
    paths.discard(exclude)
    templates = (vault.settings.templates_folder or "").strip("/")
    if templates:  # templates are blueprints, not notes to navigate to
        paths = {p for p in paths if not p.startswith(templates + "/")}
    return sorted(paths, key=lambda p: (vault.notes[p].name.casefold(), p))


def moc_lines(vault: Vault, paths: list[str]) -> str:
    """A ``- [[link]]`` line per note, linking by path when the name is ambiguous."""
    lines = []
    for path in paths:
        note = vault.notes[path]
        target = note.name if vault.resolve(note.name) == path else path[:-3]
        title = note.properties.get("title")
        shown = title if isinstance(title, str) and title.strip() else note.name
        lines.append(f"- {wikilink(shown, target)}")
    return "\n".join(lines)


def refresh(text: str, vault: Vault, moc_path: str) -> str:
    """``text`` with every generated MOC block listing what its query matches now."""

    def replace(match: re.Match[str]) -> str:
        query = MocQuery.parse(match.group("args"), moc_path)
        body = moc_lines(vault, select_notes(vault, query, exclude=moc_path))
        body = body + "\n" if body else ""
        return f"{match.group('begin')}\n{body}{match.group('end')}"

    return _BLOCK.sub(replace, text)


def create_moc(
    vault_root: Path | str,
    title: str,
    *,
    description: str = "",
    sections: list[dict[str, Any]] | None = None,
    folder: str | None = None,
    force: bool = False,
    now: datetime | date | None = None,
) -> NoteResult:
    """Render the MOC template into the MOCs folder (``vaultkit moc create``).

    ``sections`` is a list of ``{"heading": ..., "notes": [titles]}``. An
    existing MOC is left untouched (status ``exists``) unless ``force``.
    """
    variables = {"description": description, "sections": sections or []}
    note = render_note("moc", title, variables, vault_root, folder=folder, now=now)
    return write_note(vault_root, note, force=force)


def build_moc(
    vault_root: Path | str,
    title: str,
    *,
    tag: str | None = None,
    folder: str | None = None,
    moc_folder: str | None = None,
    now: datetime | date | None = None,
) -> NoteResult:
    """Write or refresh a MOC listing the notes with ``tag`` / under ``folder``.

    A new MOC is rendered from the MOC template; an existing one keeps all
    its text and gets its generated block refreshed (or added at the end).
    Status: ``create``, ``update`` or ``identical``.
    """
    from vaultkit.model.vault import Vault

    query = MocQuery(tag=tag.lstrip("#") if tag else None, folder=folder)
    vault = Vault.load(vault_root)
    note = render_note(
        "moc", title, {"query": query.marker_args()}, vault_root, folder=moc_folder, now=now
    )
    existed = (Path(vault_root) / note.path).exists()

    def change(text: str) -> str:
        queries = [MocQuery.parse(m.group("args"), note.path) for m in _BLOCK.finditer(text)]
        if query not in queries:  # a hand-written MOC: add the generated list at the end
            block = f"%% {MARKER} {query.marker_args()} %%\n%% vaultkit:end moc %%"
            text = text.rstrip("\n") + f"\n\n## Notes\n{block}\n"
        return refresh(text, vault, note.path)

    # A new MOC starts as the rendered template; its list is filled like any refresh.
    changed = update_note(vault_root, note.path, change, create=note.text)
    status = "update" if changed else "identical"
    return NoteResult(note.path, status if existed else "create")


def update_mocs(vault_root: Path | str) -> list[NoteResult]:
    """Refresh every generated MOC block in the vault (``vaultkit moc update``)."""
    from vaultkit.model.vault import Vault

    vault = Vault.load(vault_root)
    results = []
    for path in sorted(vault.notes):
        try:
            data = (Path(vault_root) / path).read_bytes()
        except OSError:
            continue  # unreadable notes are the linter's to report
        if MARKER.encode() not in data:
            continue
        changed = update_note(vault_root, path, lambda text, p=path: refresh(text, vault, p))
        results.append(NoteResult(path, "update" if changed else "identical"))
    return results
