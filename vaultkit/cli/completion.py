"""Shell completion for note names, folders, tags, rules and kits.

Used as click's ``shell_complete=`` on arguments and options. Completion runs
on every TAB press, so it never loads the vault model: it walks file names,
reads the start of each note for tags (bounded in files and bytes), and any
failure yields no suggestions rather than an error in the user's shell.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

MAX_FILES = 20000
"""Files looked at per completion: enough for big vaults, bounded for huge ones."""
TAG_SCAN_BYTES = 16384
"""Bytes of each note read when collecting tags (frontmatter and the first lines)."""


Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _tolerant(func: Completer) -> Completer:
    """Completion must never print a traceback into the user's shell."""

    @functools.wraps(func)
    def wrapper(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        try:
            return func(ctx, param, incomplete)
        except Exception:  # noqa: BLE001 - any failure means "no suggestions"
            return []

    return wrapper


def vault_for_completion(ctx: click.Context) -> Path | None:
    """The vault the command line being completed points at, else the one around the cwd."""
    from vaultkit.model.discover import find_vault

    for name in ("vault", "vault_path"):
        value = ctx.params.get(name)
        if value:
            return Path(value)
    # While an option waits for its value, click leaves earlier positionals
    # (``vaultkit graph ~/Vault --from <TAB>``) unparsed in ctx.args.
    for arg in ctx.args:
        if Path(arg).is_dir():
            return Path(arg)
    if os.environ.get("VAULTKIT_VAULT"):
        return Path(os.environ["VAULTKIT_VAULT"])
    return find_vault(Path.cwd())


def walk_notes(root: Path) -> Iterator[str]:
    """Vault paths of Markdown notes, skipping hidden folders (``.obsidian``, ``.trash``)."""
    seen = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            if name.lower().endswith(".md"):
                seen += 1
                if seen > MAX_FILES:
                    return
                yield name if rel == "." else f"{rel}/{name}"


def _matches(candidate: str, incomplete: str) -> bool:
    return candidate.casefold().startswith(incomplete.casefold())


@_tolerant
def complete_notes(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Note names as a link would write them; a path where two notes share a name."""
    root = vault_for_completion(ctx)
    if root is None:
        return []
    paths = list(walk_notes(root))
    names: dict[str, list[str]] = {}
    for path in paths:
        names.setdefault(path.rsplit("/", 1)[-1][:-3], []).append(path)
    items = []
    for name, where in sorted(names.items()):
        shown = [name] if len(where) == 1 else [p[:-3] for p in where]
        items.extend(CompletionItem(s, help=p) for s, p in zip(shown, where, strict=True))
    return [
        i
        for i in items
        if _matches(i.value, incomplete) or _matches(i.value.rsplit("/", 1)[-1], incomplete)
    ]


@_tolerant
def complete_folders(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    root = vault_for_completion(ctx)
    if root is None:
        return []
    folders = sorted({p.rsplit("/", 1)[0] for p in walk_notes(root) if "/" in p})
    return [CompletionItem(f) for f in folders if _matches(f, incomplete)]


def scan_tags(text: str) -> set[str]:
    """Tags of a note's text (case-folded), read by the vault model's own parser.

    Completion offers exactly the tags lint, stats and Obsidian see: not a
    ``tags: a, b`` text value, not ``#tags`` in code or comments.
    """
    from vaultkit.model.vault import parse_note

    return parse_note("", text.encode("utf-8", "surrogatepass")).tag_names


@_tolerant
def complete_tags(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    root = vault_for_completion(ctx)
    if root is None:
        return []
    tags: set[str] = set()
    for path in walk_notes(root):
        with open(root / path, encoding="utf-8", errors="replace") as handle:
            tags |= scan_tags(handle.read(TAG_SCAN_BYTES))
    prefix = incomplete.lstrip("#")
    return [CompletionItem(t) for t in sorted(tags) if _matches(t, prefix)]


@_tolerant
def complete_rules(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Lint rule names and codes; after a comma (``--select a,b``) the next one in the list."""
    from vaultkit.lint.rules import RULES, summary

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    items = []
    for name, module in RULES.items():
        items.append(CompletionItem(prefix + name, help=_safe_summary(summary, module)))
        items.append(CompletionItem(prefix + module.CODE, help=name))
    return [i for i in items if _matches(i.value[len(prefix) :], last)]


def _safe_summary(summary: Callable[[Any], str], module: Any) -> str:
    try:
        return summary(module)
    except Exception:  # noqa: BLE001
        return ""


@_tolerant
def complete_kits(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The kits bundled with vaultkit (folders holding a kit manifest)."""
    try:
        from vaultkit.generate.kit import MANIFEST, kits_dir

        names = sorted(p.parent.name for p in kits_dir().glob(f"*/{MANIFEST}"))
    except ImportError:  # a build without the generators: the folder names will do
        from vaultkit.templates_dir import templates_dir

        kits = templates_dir() / "kits"
        names = sorted(
            p.name for p in kits.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
        )
    return [CompletionItem(n) for n in names if _matches(n, incomplete)]
