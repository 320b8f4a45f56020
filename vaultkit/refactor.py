"""Move or rename a note or attachment and rewrite every link to it, as Obsidian does.

``plan_move(vault, old, new)`` works out everything without writing: the
rename and, per note, each link's text before and after (with its line and
column). ``apply_move(plan)`` writes it. The rules (docs/refactor.md):

- every link that opened OLD opens NEW afterwards, and **no other link
  changes the file it opens**: a move can make a bare ``[[Name]]`` elsewhere
  ambiguous or send it to another file (the same-folder tie-break), so every
  link of the vault is resolved again against the file list after the move,
  and each one that would change is rewritten to a form that keeps its
  target (or the move is refused when no form can);
- a rewritten link keeps its kind, ``#heading``/``#^block``, ``|display``,
  the ``!`` of an embed and, for Markdown links, its encoding (``%20`` or
  ``<...>``) and whether it was relative or a vault path; wikilinks are
  written in Obsidian's ``newLinkFormat`` (``shortest`` by default);
- the moved note's own relative links are rewritten to still reach the same
  files from its new folder.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.errors import ConflictError, UnsafePathError, VaultError
from vaultkit.model.resolve import Resolver, folder_of, key
from vaultkit.model.types import Link
from vaultkit.model.vault import Vault, parse_note
from vaultkit.safe_write import TextStyle, safe_join, update_note
from vaultkit.text_edit import line_starts, offset, replace_spans

LINK_FORMATS = ("shortest", "relative", "absolute")
"""Obsidian's ``newLinkFormat`` values (Settings > Files and links > New link format)."""
# Obsidian refuses these in file names because links could not name such a file.
_UNLINKABLE = set("#^[]|\\")
# What a Markdown destination without <...> cannot hold as it is (Obsidian writes %20).
_ENCODE = set(" %()<>[]\\^`{|}#?\"'")
_UNREAD = ("too-large", "unreadable", "binary")
"""Problems that leave a note's links unknown (docs/model.md, "Bad input")."""
_BARE_DESTINATION = re.compile(r"(?:[^\s()]|\([^\s()]*\))+")


class MoveRefused(VaultError):
    """The move cannot be done without breaking or redirecting a link; nothing was written."""


@dataclass
class LinkEdit:
    """One link's text before and after the move, where it is written."""

    path: str
    """The note the link is written in (its path before the move)."""
    line: int
    column: int
    old: str
    new: str
    reason: str
    """``moved`` (it opens the moved file), ``kept`` (rewritten so that it keeps
    opening the file it opened), ``relative`` (a relative link of the moved note)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
        }


@dataclass
class NoteEdit:
    """A note whose links change: its text as planned, before and after."""

    path: str
    before: str
    after: str
    links: list[LinkEdit] = field(default_factory=list)


@dataclass
class MovePlan:
    """Everything ``apply_move`` will do; nothing has been written yet."""

    root: Path
    old: str
    new: str
    notes: list[NoteEdit] = field(default_factory=list)
    """Notes whose links change, the moved note (if it has edits) last."""
    now_resolved: list[Link] = field(default_factory=list)
    """Links that opened nothing and will open NEW (written as its new name)."""
    unchecked: list[str] = field(default_factory=list)
    """Notes whose links are unknown (too large, unreadable, binary): not updated."""

    @property
    def edits(self) -> list[LinkEdit]:
        return [edit for note in self.notes for edit in note.links]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "edits": [edit.to_dict() for edit in self.edits],
            "now_resolved": [
                {"path": link.source, "line": link.line, "column": link.column, "link": link.raw}
                for link in self.now_resolved
            ],
            "unchecked": self.unchecked,
        }


@dataclass
class MoveResult:
    """What ``apply_move`` did."""

    plan: MovePlan
    moved: bool = False
    updated: list[str] = field(default_factory=list)
    """Notes rewritten, in the order written."""
    not_updated: list[str] = field(default_factory=list)
    """Notes left as they were because of ``error``."""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.plan.to_dict(),
            "moved": self.moved,
            "updated": self.updated,
            "not_updated": self.not_updated,
            "error": self.error,
        }


# -- the paths -------------------------------------------------------------


def vault_paths(vault: Vault, old: str, new: str, cwd: Path | None = None) -> tuple[str, str]:
    """OLD and NEW as typed -> vault-relative POSIX paths (NEW a file path, not checked).

    Absolute paths are filesystem paths. A relative OLD is vault-relative,
    unless no such file is in the vault but one is at ``cwd`` (the shell's
    folder): then OLD and NEW are both taken relative to ``cwd``, as ``mv``
    would. NEW naming a folder (existing, or written with a final ``/``)
    keeps OLD's name; a note gets ``.md`` when NEW does not end in it.
    """
    root = Path(os.path.abspath(vault.root))
    base = root
    if not os.path.isabs(old) and not (root / old).exists() and cwd is not None:
        if (cwd / old).exists():
            base = Path(os.path.abspath(cwd))
    old_path = _inside(root, base, old)
    new_path = _inside(root, base, new)
    name = old_path.rsplit("/", 1)[-1]
    if new.endswith(("/", "\\")) or not new_path or (root / new_path).is_dir():
        new_path = f"{new_path}/{name}".lstrip("/")
    if old_path in vault.notes and not new_path.lower().endswith(".md"):
        new_path += ".md"
    return old_path, new_path


def _inside(root: Path, base: Path, given: str) -> str:
    """``given`` (absolute, or relative to ``base``) as a path relative to the vault root."""
    text = str(given).replace("\\", "/")
    if base == root and not os.path.isabs(text):
        parts = [p for p in text.split("/") if p not in ("", ".")]
        if ".." not in parts:
            return "/".join(parts)
    absolute = Path(os.path.normpath(os.path.join(base, text)))
    for top in dict.fromkeys((root, root.resolve())):
        if absolute == top or top in absolute.parents:
            relative = absolute.relative_to(top).as_posix()
            return "" if relative == "." else relative
    raise UnsafePathError("is outside the vault; give a path inside it", path=str(given))


def _check_paths(vault: Vault, old: str, new: str) -> None:
    """Refuse (VaultError, nothing written) what ``mv`` must not do."""
    if old not in vault.notes and old not in vault.attachments:
        why = "no such file" if not (Path(vault.root) / old).exists() else "not a file of the vault"
        raise VaultError(f"{why}; give the path of a note or attachment to move", path=old)
    safe_join(vault.root, new)  # UnsafePathError: outside the vault or through a symlink out
    parts = new.split("/")
    if any(part.startswith(".") for part in parts):
        raise VaultError(
            "hidden files and folders (.obsidian, .trash...) are not part of the vault; "
            "links could not reach the file there",
            path=new,
        )
    bad = sorted(set(parts[-1]) & _UNLINKABLE)
    if bad:
        raise VaultError(
            f"a file name with {' '.join(bad)} cannot be linked to (Obsidian refuses it too)",
            path=new,
        )
    if (old in vault.notes) != new.lower().endswith(".md"):
        raise VaultError("a move cannot turn a note into an attachment or back", path=new)
    if new == old:
        raise VaultError("is already there; nothing to move", path=new)
    old_abs, new_abs = Path(vault.root) / old, Path(vault.root) / new
    if new_abs.exists() and not _same_file(old_abs, new_abs):
        raise VaultError("already exists; vaultkit mv never overwrites", path=new)
    folder = new_abs.parent
    while not folder.exists() and folder != Path(vault.root):
        folder = folder.parent
    if not folder.is_dir():
        raise VaultError(f"{folder.name} is a file, not a folder", path=new)
    for path in (*vault.notes, *vault.attachments):
        if path != old and key(path) == key(new):
            raise VaultError(
                f"{path} differs only in case; Obsidian would take them for one file", path=new
            )


def _same_file(a: Path, b: Path) -> bool:
    """True for ``Note.md`` and ``note.md`` on a case-insensitive disk (a rename)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# -- the plan --------------------------------------------------------------


def plan_move(vault: Vault, old: str, new: str, *, cwd: Path | None = None) -> MovePlan:
    """The rename and every link edit it needs; VaultError/MoveRefused when it cannot be done."""
    old, new = vault_paths(vault, str(old), str(new), cwd)
    _check_paths(vault, old, new)
    files = [p for p in (*vault.notes, *vault.attachments) if p != old]
    planner = _Planner(vault, old, new, Resolver([*files, new]))
    plan = MovePlan(Path(vault.root), old, new)
    moved_note = None
    for note in vault.notes.values():
        edits = planner.note_edits(note)
        if edits is not None:
            if note.path == old:
                moved_note = edits
            else:
                plan.notes.append(edits)
    if moved_note is not None:
        plan.notes.append(moved_note)
    plan.now_resolved = planner.now_resolved
    plan.unchecked = [
        n.path for n in vault.notes.values() if any(p.kind in _UNREAD for p in n.problems)
    ]
    if planner.refused:
        raise MoveRefused(
            "not moved: these links could not be kept opening what they open:\n  "
            + "\n  ".join(planner.refused)
            + "\nnothing was written",
            path=old,
        )
    return plan


class _Planner:
    """Resolves each link against the files after the move and rewrites what must change."""

    def __init__(self, vault: Vault, old: str, new: str, after: Resolver):
        self.vault, self.old, self.new, self.after = vault, old, new, after
        link_format = str(vault.settings.app.get("newLinkFormat") or "shortest")
        self.link_format = link_format if link_format in LINK_FORMATS else "shortest"
        self.refused: list[str] = []
        self.now_resolved: list[Link] = []

    def moved(self, path: str | None) -> str | None:
        return self.new if path == self.old else path

    def note_edits(self, note: Any) -> NoteEdit | None:
        source = self.moved(note.path)
        wanted = [(link, self._rewrite(link, source)) for link in note.links]
        wanted = [(link, change) for link, change in wanted if change is not None]
        if not wanted:
            return None
        text = self._read(note.path)
        if text is None:
            return None
        starts = line_starts(text)
        edits = [e for link, c in wanted if (e := self._edit(note.path, text, starts, link, c))]
        if not edits:
            return None
        after = _apply(text, edits)
        self._check(note, source, after)
        return NoteEdit(note.path, text, after, edits)

    def _rewrite(self, link: Link, source: str) -> tuple[str, str] | None:
        """``(new target path, reason)`` when the link's text must change, else None."""
        if not link.target:
            return None  # [[#Heading]] opens the note it is in, wherever it goes
        expected = self.moved(link.resolved)
        after, candidates = self.after.resolve(link.target, source)
        if link.resolved is None:
            if after == self.new:
                self.now_resolved.append(link)
            elif after is not None:
                self.refused.append(f"{_where(link)}: {link.raw} would open {after}")
            return None
        if link.resolved == self.old:
            return expected, "moved"  # regenerated as Obsidian does, even if it still opens NEW
        if after != expected or (candidates and not link.candidates):
            return expected, "kept"
        if link.source == self.old and self._style(link) == "relative":
            return expected, "relative"
        return None

    def _read(self, path: str) -> str | None:
        try:
            data = (Path(self.vault.root) / path).read_bytes()
            style = TextStyle.sniff(data)
            text = style.decode(data, path)
        except (OSError, VaultError) as exc:
            self.refused.append(f"{path}: cannot be read to update its links ({exc})")
            return None
        if style.encode(text) != data:
            self.refused.append(f"{path}: mixed line endings; rewriting it would change them all")
            return None
        return text

    def _edit(
        self, path: str, text: str, starts: list[int], link: Link, change: tuple[str, str]
    ) -> LinkEdit | None:
        target, reason = change
        start = offset(starts, link.line, link.column)
        written = text[start : start + len(link.raw)] if start is not None else ""
        if not _same_link(written, link):
            self.refused.append(f"{_where(link)}: {link.raw} is not where it was read; run again")
            return None
        quote = text[start - 1] if link.kind == "property" and start else ""
        source = self.moved(path)
        for form in self._forms(link, target, source):
            new = _relink(link, written, form, quote)
            if new is None or not self._opens(form, source, target):
                continue
            if new == written:
                return None
            return LinkEdit(path, link.line, link.column, written, new, reason)
        self.refused.append(f"{_where(link)}: no link form opens {target} from {source}")
        return None

    def _opens(self, form: str, source: str, target: str) -> bool:
        resolved, candidates = self.after.resolve(form, source)
        return resolved == target and not candidates

    def _forms(self, link: Link, target: str, source: str) -> list[str]:
        """Link targets naming ``target`` from ``source``, best first (all checked later)."""
        # [[Note]] for a note unless the link wrote [[Note.md]]; an attachment keeps its extension
        keep_md = not target.lower().endswith(".md") or link.target.lower().endswith(".md")
        path = target if keep_md else target[:-3]
        name = path.rsplit("/", 1)[-1]
        relative = posixpath.relpath(path, folder_of(source) or ".")
        # "Sub/X" written in A/ would be read as a vault path first when Sub/X exists:
        # "./Sub/X" is then the relative form that still says what is meant
        relatives = [relative] if relative.startswith("../") else [relative, "./" + relative]
        style = self._style(link)
        if style == "relative":
            return [*relatives, path]
        if style == "absolute" and (link.kind == "markdown" or link.target.startswith("/")):
            return ["/" + path if link.target.startswith("/") else path, path]
        by_setting = {"shortest": [name], "relative": relatives, "absolute": []}
        return [*by_setting[self.link_format], path, "/" + path]

    def _style(self, link: Link) -> str:
        """``_style``; in a vault that writes relative links, a bare Markdown link to a
        file beside the note is a relative path too (as other Markdown tools read it)."""
        style = _style(link)
        if (
            style == "name"
            and link.kind == "markdown"
            and self.link_format == "relative"
            and link.resolved is not None
            and folder_of(link.resolved) == folder_of(link.source)
        ):
            return "relative"
        return style

    def _check(self, note: Any, source: str, after: str) -> None:
        """Parse the rewritten note: each link must open what the plan says, or refuse."""
        parsed = parse_note(source, after.encode("utf-8"), self.vault.options)
        if len(parsed.links) != len(note.links):
            self.refused.append(f"{note.path}: rewriting its links would change how it reads")
            return
        for old_link, new_link in zip(note.links, parsed.links, strict=True):
            if not new_link.target:
                continue
            got = self.after.resolve(new_link.target, source)[0]
            expected = self.moved(old_link.resolved)
            if got != expected and not (old_link.resolved is None and got == self.new):
                self.refused.append(f"{_where(old_link)}: {new_link.raw} would open {got}")


def _where(link: Link) -> str:
    return f"{link.source}:{link.line}:{link.column}"


def _style(link: Link) -> str:
    """How the link names its file: ``relative``, ``absolute`` (vault path), ``name``, ``suffix``."""
    target = link.target.replace("\\", "/")
    if target.startswith(("./", "../")):
        return "relative"
    if target.startswith("/"):
        return "absolute"
    if "/" not in target or link.resolved is None:
        return "name"
    same = {key(link.resolved), key(link.resolved)[:-3]}
    if key(target) in same:
        return "absolute"
    joined = posixpath.normpath(posixpath.join(folder_of(link.source), target))
    return "relative" if key(joined) in same else "suffix"


def _apply(text: str, edits: list[LinkEdit]) -> str:
    """``text`` with each link's text replaced (edits never overlap: links do not)."""
    starts = line_starts(text)
    spans = []
    for edit in edits:
        start = offset(starts, edit.line, edit.column) or 0
        spans.append((start, start + len(edit.old), edit.new))
    return replace_spans(text, spans)


# -- rewriting one link's text ---------------------------------------------


def _same_link(written: str, link: Link) -> bool:
    """Is the link still written where it was read? (Code inside a link's text was read
    as spaces; a property link must match exactly, quotes and all.)"""
    if len(written) != len(link.raw) or "\n" in written or written[:1] not in ("[", "!"):
        return False
    if link.kind == "property":
        return written == link.raw
    return all(a == b or b == " " for a, b in zip(written, link.raw, strict=True))


def _relink(link: Link, written: str, form: str, quote: str = "") -> str | None:
    """The link as written with its file part replaced by ``form``; None if it cannot be."""
    if link.kind == "markdown":
        return _relink_markdown(link, written, form)
    bang = "!" if written.startswith("!") else ""
    if not (written.startswith(bang + "[[") and written.endswith("]]")):
        return None
    inner = written[len(bang) + 2 : -2]
    target_part, rest = inner, ""
    if "|" in inner:
        cut = inner.index("|")
        if inner[cut - 1 : cut] == "\\":  # [[Note\|shown]] in a table keeps its escape
            cut -= 1
        target_part, rest = inner[:cut], inner[cut:]
    file_part, hash_, subpath = target_part.partition("#")
    new = f"{bang}[[{form}{hash_}{subpath}{rest}]]"
    if link.kind == "property":
        return _yaml_quoted(new, quote)
    return new


def _yaml_quoted(new: str, quote: str) -> str | None:
    """A property link sits in a YAML string: escape what its quotes need (the rewritten
    note is parsed again, so a form YAML would read otherwise is refused, not written)."""
    if quote == "'":
        return new.replace("'", "''")
    if quote == '"':
        return new.replace("\\", "\\\\").replace('"', '\\"')
    return None if any(c in new for c in "'\"#") else new


def _relink_markdown(link: Link, written: str, form: str) -> str | None:
    bang = "!" if link.embed else ""
    opening = len(bang) + 1 + len(link.display or "") + 2
    if written[opening - 2 : opening] != "](":
        return None
    rest = written[opening:]
    body = rest.lstrip(" \t")
    at = opening + len(rest) - len(body)
    if body.startswith("<"):
        end = body.find(">")
        if end < 0 or "<" in form or ">" in form:
            return None
        destination = body[1:end]
        file_part, hash_, subpath = destination.partition("#")
        return f"{written[:at]}<{form}{hash_}{subpath}{body[end:]}"
    match = _BARE_DESTINATION.match(body)
    if not match:
        return None
    file_part, hash_, subpath = match.group(0).partition("#")
    return f"{written[:at]}{_encode(form)}{hash_}{subpath}{body[match.end() :]}"


def _encode(path: str) -> str:
    """Percent-encode what a bare Markdown destination cannot hold (Obsidian writes ``%20``)."""
    return "".join(
        "".join(f"%{b:02X}" for b in c.encode("utf-8"))
        if c in _ENCODE or c.isspace() or ord(c) < 32
        else c
        for c in path
    )


# -- applying it -------------------------------------------------------------


def apply_move(plan: MovePlan) -> MoveResult:
    """Rewrite the linking notes, then the moved note, then rename it.

    Why this order: every step is atomic, and if one fails (a note saved in
    Obsidian meanwhile: ConflictError) the run stops *before the rename*.
    The notes already rewritten link to NEW, which does not exist yet, and
    running the same ``mv`` again finishes the job: those links then count
    as links that will open NEW, and the rest are planned again. Renaming
    first would leave links to a file that is gone and no command to finish
    with. The moved note is rewritten last, just before its rename, because
    its relative links are written for its new folder.
    """
    result = MoveResult(plan)
    try:
        _make_room(plan, create=False)  # a rename that cannot happen stops before any write
    except (VaultError, OSError) as exc:
        result.not_updated = [n.path for n in plan.notes]
        result.error = f"{plan.new}: not moved: {getattr(exc, 'message', None) or exc}"
        return result
    for index, note in enumerate(plan.notes):
        try:
            update_note(plan.root, note.path, _expect(note))
        except (ConflictError, VaultError, OSError) as exc:
            result.not_updated = [n.path for n in plan.notes[index:]]
            result.error = f"{note.path}: {getattr(exc, 'message', exc)}"
            return result
        result.updated.append(note.path)
    try:
        _rename(plan)
    except (VaultError, OSError) as exc:
        result.error = f"{plan.old}: not moved: {getattr(exc, 'message', exc)}"
        return result
    result.moved = True
    return result


def _expect(note: NoteEdit) -> Any:
    def change(text: str) -> str:
        if text != note.before:
            raise ConflictError("changed on disk since the move was planned", path=note.path)
        return note.after

    return change


def _make_room(plan: MovePlan, *, create: bool = True) -> tuple[Path, Path]:
    """OLD and NEW as paths, NEW's folder made (or, without ``create``, checked to be
    makeable); ConflictError if NEW exists meanwhile."""
    source = safe_join(plan.root, plan.old)
    target = safe_join(plan.root, plan.new)
    if target.exists() and not _same_file(source, target):
        raise ConflictError("was created meanwhile; vaultkit mv never overwrites", path=plan.new)
    if create:
        target.parent.mkdir(parents=True, exist_ok=True)
        return source, target
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise VaultError(f"cannot write in {folder}", path=plan.new)
    return source, target


def _rename(plan: MovePlan) -> None:
    source, target = _make_room(plan)
    os.rename(source, target)


def move(vault: Vault, old: str, new: str, *, cwd: Path | None = None) -> MoveResult:
    """Plan and apply in one call."""
    return apply_move(plan_move(vault, old, new, cwd=cwd))
