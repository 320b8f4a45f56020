"""``vaultkit lint --fix``: apply the fixes that cannot change what a note means.

Two rules have such fixes (their ``fix`` functions compute the edits):
``deprecated-property`` moves a value to the list key Obsidian 1.9+ reads,
``ambiguous-link`` writes the path of the file the link opens now. A rule's
``fix(vault, note, diagnostic, text)`` returns the edits for one diagnostic
against the note's current text, or None when the fix is not certain.

Why the edits are computed again here, against the text about to be
replaced, instead of trusting the ones stored with the diagnostic: a note
may have been saved since it was linted. And why every fixed note is parsed
again before it is written: the fix must leave every other property equal
and every link opening the same file, or the note is left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.errors import ConflictError, VaultError
from vaultkit.lint.diagnostic import Diagnostic, Edit
from vaultkit.text_edit import line_starts, offset, replace_spans

FIXABLE = ("ambiguous-link", "deprecated-property")
"""The rules whose findings ``--fix`` rewrites."""


@dataclass
class NoteFix:
    """What fixing one note does: its text before and after, and which findings."""

    path: str
    before: str
    after: str
    fixed: list[Diagnostic] = field(default_factory=list)
    refused: str | None = None
    """Why the note is left as it is (changed on disk, not UTF-8...), if it is."""

    def diff(self) -> str:
        """A unified diff of the change (``a/`` and ``b/`` paths, as git and ruff show)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.path}",
            f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass
class FixReport:
    """What ``fix_vault`` did (or, with ``write=False``, would do)."""

    notes: list[NoteFix] = field(default_factory=list)

    @property
    def changed(self) -> list[NoteFix]:
        return [n for n in self.notes if n.refused is None and n.after != n.before]

    @property
    def refused(self) -> list[NoteFix]:
        return [n for n in self.notes if n.refused is not None]

    @property
    def fixed_count(self) -> int:
        return sum(len(n.fixed) for n in self.changed)


def read_text(vault: Any, note: Any) -> str | None:
    """The note's text as it was parsed (``\\n`` line ends), or None (see ``_read``)."""
    return _read(vault, note)[0]


def _read(vault: Any, note: Any) -> tuple[str | None, str]:
    """``(text, "")``, or ``(None, why)`` when no fix may be computed from the file.

    Refused: a file that cannot be read, is not UTF-8, has mixed line endings
    (writing it back would change them all), or no longer has the size the
    note was parsed at (edits from the parse could land in the wrong place).
    """
    from vaultkit.safe_write import TextStyle

    try:
        data = (Path(vault.root) / note.path).read_bytes()
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if len(data) != note.size:
        return None, "changed on disk since it was linted; run again"
    style = TextStyle.sniff(data)
    try:
        text = style.decode(data, note.path)
    except VaultError as exc:
        return None, exc.message
    if style.encode(text) != data:
        return None, "mixed line endings; writing it would change them all"
    return text, ""


def fixable(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of the rules that have a fix (whether this one can be fixed is
    decided against the note's text)."""
    return [d for d in diagnostics if d.rule in FIXABLE]


def plan_note(vault: Any, note: Any, diagnostics: Sequence[Diagnostic], text: str) -> NoteFix:
    """The note's text with every certain fix applied, checked by parsing it again.

    Each diagnostic's edits are computed afresh from ``text``; one whose fix
    is no longer certain, or overlaps an earlier one, is left unfixed. If the
    fixed note does not read back the same (properties, links), nothing is
    changed.
    """
    from vaultkit.lint.rules import get_rule

    planned: list[tuple[Diagnostic, tuple[Edit, ...]]] = []
    for diagnostic in sorted(diagnostics, key=lambda d: d.sort_key):
        edits = get_rule(diagnostic.rule).fix(vault, note, diagnostic, text)
        if edits and not _overlaps(edits, [e for _, done in planned for e in done]):
            planned.append((diagnostic, edits))
    after = apply_edits(text, [e for _, edits in planned for e in edits])
    result = NoteFix(note.path, text, after, [d for d, _ in planned])
    if planned and not reads_the_same(vault, note.path, text, after):
        result.after, result.fixed = text, []
        result.refused = "the fixed note would not read back the same; left unchanged"
    return result


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` (which must not overlap) applied."""
    starts = line_starts(text)
    return replace_spans(
        text,
        (
            (offset(starts, e.line, e.column), offset(starts, e.end_line, e.end_column), e.content)
            for e in edits
        ),
    )


def _overlaps(edits: Sequence[Edit], others: Sequence[Edit]) -> bool:
    def span(e: Edit) -> tuple[tuple[int, int], tuple[int, int]]:
        return (e.line, e.column), (e.end_line, e.end_column)

    return any(span(a)[0] < span(b)[1] and span(b)[0] < span(a)[1] for a in edits for b in others)


def reads_the_same(vault: Any, path: str, before: str, after: str) -> bool:
    """Whether ``after`` means what ``before`` meant, as vaultkit reads notes.

    Properties: equal, except that a deprecated key's value moved to the list
    key (``tag: a`` -> ``tags: [a]``; each rule's fix checks the values).
    Links: the same links in the same order, each opening the same file,
    heading and block, with the same text shown; a link the fix qualified is
    no longer ambiguous. Headings, block ids and inline tags: the same (a
    link written in a heading is part of what ``[[Note#Heading]]`` matches).
    """
    from vaultkit.model.vault import parse_note

    old = parse_note(path, before.encode("utf-8"), vault.options)
    new = parse_note(path, after.encode("utf-8"), vault.options)
    if len(new.problems) > len(old.problems) or not _same_properties(old, new):
        return False
    if _outline(old) != _outline(new):  # what other notes link to: headings, blocks, tags
        return False
    if len(old.links) != len(new.links):
        return False
    return all(_same_link(vault, path, a, b) for a, b in zip(old.links, new.links, strict=True))


def _outline(note: Any) -> tuple:
    return (
        [(h.level, h.text) for h in note.headings],
        [b.id for b in note.blocks],
        [t.name for t in note.tags if t.source == "inline"],
    )


def _same_properties(old: Any, new: Any) -> bool:
    from vaultkit.lint.rules.deprecated_property import list_key, meant_items

    moved = {p.key for p in old.deprecated} - {p.key for p in new.deprecated}
    target = {key: key if key in new.properties else list_key(key) for key in moved}
    keys = (set(old.properties) | set(new.properties)) - moved - set(target.values())
    if any(old.properties.get(k) != new.properties.get(k) for k in keys):
        return False
    return all(key not in new.properties or key == target[key] for key in moved) and all(
        target[key] in new.properties
        and new.properties[target[key]] == meant_items(old.properties[key])
        for key in moved
    )


def _same_link(vault: Any, path: str, old: Any, new: Any) -> bool:
    if (old.kind, old.embed, old.heading, old.block) != (
        new.kind,
        new.embed,
        new.heading,
        new.block,
    ):
        return False
    if old.display != new.display and not (old.display is None and new.display == old.target):
        return False
    before, _ = vault.resolve_candidates(old.target, path) if old.target else (path, ())
    after, candidates = vault.resolve_candidates(new.target, path) if new.target else (path, ())
    if before != after:
        return False
    return old.raw == new.raw or len(candidates) < 2


def fix_vault(vault: Any, diagnostics: Iterable[Diagnostic], *, write: bool = True) -> FixReport:
    """Fix the fixable ``diagnostics`` (as ``lint_vault`` returned them) in their notes.

    Each changed note is written once through ``safe_write.update_note``
    (atomic, locked); a note saved by someone else meanwhile is not
    overwritten but reported as refused. With ``write=False`` nothing is
    written (``--diff``).
    """
    by_note: dict[str, list[Diagnostic]] = {}
    for d in fixable(diagnostics):
        by_note.setdefault(d.path, []).append(d)
    report = FixReport()
    for path in sorted(by_note):
        note = vault.notes.get(path)
        if note is None:
            continue
        report.notes.append(_fix_note(vault, note, by_note[path], write))
    return report


def _fix_note(vault: Any, note: Any, diagnostics: list[Diagnostic], write: bool) -> NoteFix:
    text, why = _read(vault, note)
    if text is None:
        return NoteFix(note.path, "", "", refused=f"{why}; left unchanged")
    planned = plan_note(vault, note, diagnostics, text)
    if not write or planned.refused or planned.after == text:
        return planned
    from vaultkit.safe_write import update_note

    def change(current: str) -> str:
        if current != text:  # saved between our read and this one: recompute next run
            raise ConflictError("changed on disk since it was linted; run again", path=note.path)
        return planned.after

    try:
        update_note(vault.root, note.path, change)
    except VaultError as exc:  # ConflictError included: the user's save is kept
        planned.after, planned.fixed, planned.refused = text, [], exc.message
    except OSError as exc:  # removed or made unwritable meanwhile
        planned.after, planned.fixed, planned.refused = text, [], exc.strerror or str(exc)
    return planned
