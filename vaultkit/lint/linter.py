"""Run the rules over a vault: selection, severity, per-path ignores, suppression.

Rules only find problems; everything about which ones are reported, and how
loudly, is decided here once.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from vaultkit.lint.config import LintConfig, lint_config_from
from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.globs import matches_any
from vaultkit.lint.index import LintIndex, forget_index, index_for
from vaultkit.lint.rules import RULES
from vaultkit.lint.suppression import Suppressions
from vaultkit.model.processes import ChildFailed, Forked, cpu_jobs

# Findings about a note as a whole rather than a place in it.
WHOLE_NOTE_RULES = {"orphan-note", "missing-tags", "unreadable-note"}
# A note of these kinds could not be read: only unreadable-note speaks about it.
UNREAD = {"binary", "too-large", "unreadable"}

ActiveRule = tuple[ModuleType, Mapping[str, Any], str]


def lint_vault(
    vault: Any,
    config: LintConfig | Mapping[str, Any] | None = None,
    paths: Iterable[str | os.PathLike[str]] | None = None,
) -> list[Diagnostic]:
    """Lint ``vault`` and return the diagnostics, sorted by path and position.

    ``config``: a LintConfig, the vaultkit config dict (as ``load_config``
    returns), or None to read the vault's own ``.vaultkit.toml``.
    ``paths``: report only these notes (vault-relative or absolute paths);
    the whole vault is still used to resolve links and find orphans.
    """
    cfg = _as_config(vault, config)
    index = index_for(vault, cfg.template_folders)
    wanted = None if paths is None else {_vault_path(vault, p) for p in paths}
    active = active_rules(cfg)
    found: list[Diagnostic] = []
    try:
        notes = [n for path, n in vault.notes.items() if wanted is None or path in wanted]
        for findings in lint_notes(vault, notes, active, cfg, index):
            found.extend(findings)
        found.extend(lint_vault_files(vault, active, cfg, wanted))
    finally:
        forget_index()  # the tables hold the vault: free both once the run is over
    return sorted(found, key=lambda d: d.sort_key)


def active_rules(cfg: LintConfig) -> list[ActiveRule]:
    """The selected rules, each with its options and severity, in registry order."""
    return [
        (RULES[name], cfg.options_of(name), cfg.severity_of(name))
        for name in RULES
        if name in cfg.select
    ]


def lint_notes(
    vault: Any,
    notes: list[Any],
    active: list[ActiveRule],
    cfg: LintConfig,
    index: LintIndex,
    jobs: int | None = None,
) -> list[list[Diagnostic]]:
    """Each note's findings, in order; on several CPUs for a large vault.

    Forked children lint a share of the notes each with the vault they
    inherit (nothing is copied to them) and send back their findings as
    tuples; a child that fails has its share linted here. Their near-miss
    answers are merged into ``index.suggestions``.
    """
    jobs = cpu_jobs(jobs)
    if jobs < 2 or len(notes) < PARALLEL_MIN_NOTES:
        return [lint_note(vault, note, active, cfg, index) for note in notes]
    size = -(-len(notes) // jobs)
    shares = [notes[start : start + size] for start in range(0, len(notes), size)]
    children: list[Forked | None] = []
    for share in shares[:-1]:
        try:
            children.append(Forked(_lint_share, vault, share, active, cfg, index))
        except OSError:
            children.append(None)
    own = [lint_note(vault, note, active, cfg, index) for note in shares[-1]]
    found: list[list[Diagnostic]] = []
    for share, child in zip(shares[:-1], children, strict=True):
        try:
            if child is None:
                raise ChildFailed("no worker process could be started")
            rows, suggestions = child.result()
            found += [[Diagnostic(*row) for row in note_rows] for note_rows in rows]
            index.suggestions.update(suggestions)
        except Exception:  # a child that died or failed: lint its share here
            found += [lint_note(vault, note, active, cfg, index) for note in share]
    return found + own


# Below this many notes, starting a process costs more than it saves.
PARALLEL_MIN_NOTES = 4000
_AS_TUPLE = operator.attrgetter(*(f.name for f in fields(Diagnostic)))


def _lint_share(
    vault: Any, notes: list[Any], active: list[ActiveRule], cfg: LintConfig, index: LintIndex
) -> tuple[list[list[tuple]], dict[str, str | None]]:
    rows = [list(map(_AS_TUPLE, lint_note(vault, note, active, cfg, index))) for note in notes]
    return rows, index.suggestions


def lint_note(
    vault: Any, note: Any, active: list[ActiveRule], cfg: LintConfig, index: LintIndex
) -> list[Diagnostic]:
    """One note's findings, after exclusion, per-path ignores and suppression."""
    if matches_any(note.path, cfg.exclude):
        return []
    return list(_lint_note(vault, note, active, cfg, index))


def _lint_note(
    vault: Any, note: Any, active: list[ActiveRule], cfg: LintConfig, index: LintIndex
) -> Iterator[Diagnostic]:
    ignored = _ignored_rules(note.path, cfg)
    template = index.in_templates(note.path)
    unread = any(p.kind in UNREAD for p in note.problems)
    suppressions: Suppressions | None = None
    for rule, options, severity in active:
        if rule.NAME in ignored or (template and not options.get("include-templates", True)):
            continue
        if unread and rule.NAME != "unreadable-note":
            continue
        for diagnostic in _run(rule, vault, note, options):
            if suppressions is None:
                suppressions = Suppressions.of(note)
            whole = rule.NAME in WHOLE_NOTE_RULES
            if not suppressions.hides(rule.NAME, diagnostic.line, whole):
                yield replace(diagnostic, rule=rule.NAME, code=rule.CODE, severity=severity)


def lint_vault_files(
    vault: Any, active: list[ActiveRule], cfg: LintConfig, wanted: set[str] | None
) -> Iterator[Diagnostic]:
    """Findings about files that are not notes (broken symlinks, unlistable folders)."""
    for rule, options, severity in active:
        if not hasattr(rule, "check_vault"):
            continue
        for diagnostic in rule.check_vault(vault, options):
            path = diagnostic.path
            if wanted is not None and path not in wanted:
                continue
            if matches_any(path, cfg.exclude) or rule.NAME in _ignored_rules(path, cfg):
                continue
            yield replace(diagnostic, rule=rule.NAME, code=rule.CODE, severity=severity)


def _run(
    rule: ModuleType, vault: Any, note: Any, options: Mapping[str, Any]
) -> Iterator[Diagnostic]:
    """The rule's findings; a crash names the rule and note instead of a bare traceback."""
    try:
        yield from rule.check(vault, note, options)
    except Exception as exc:
        raise RuntimeError(
            f"rule {rule.NAME} failed on {note.path}: {type(exc).__name__}: {exc}"
        ) from exc


def _ignored_rules(path: str, cfg: LintConfig) -> set[str]:
    ignored: set[str] = set()
    for glob, rules in cfg.per_path_ignores.items():
        if matches_any(path, [glob]):
            ignored |= rules
    return ignored


def _as_config(vault: Any, config: LintConfig | Mapping[str, Any] | None) -> LintConfig:
    if isinstance(config, LintConfig):
        return config
    if config is None:
        from vaultkit.config import load_config

        config = load_config(vault.root)
    return lint_config_from(config)


def _vault_path(vault: Any, path: str | os.PathLike[str]) -> str:
    """A vault-relative POSIX path for an absolute or relative path."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(Path(vault.root).resolve()).as_posix()
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix().removeprefix("./")
