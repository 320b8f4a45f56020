"""``vaultkit mv``: move or rename a note or attachment and update every link to it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    find_vault_root,
    handle_errors,
    vault_option,
)

if TYPE_CHECKING:  # pragma: no cover
    from vaultkit.refactor import MovePlan, MoveResult


@click.command()
@click.argument("old")
@click.argument("new")
@vault_option
@click.option(
    "--dry-run", is_flag=True, help="Print the move and every link change; write nothing."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the plan (and with a move, what was done) as one JSON object.",
)
@handle_errors
def mv(old: str, new: str, vault_path: Path | None, dry_run: bool, fmt: str) -> None:
    """Move or rename OLD to NEW and rewrite every link to it, as Obsidian does.

    OLD is a note or attachment (a vault path, or a path from the current
    folder); NEW is its new path, or a folder to move it into. A note gets
    ".md" when NEW has none. No other link changes the file it opens: links
    the move would redirect are rewritten to a path. Exit 0 done, 1 when some
    notes could not be updated (changed on disk meanwhile), 2 when refused.

    \b
    Examples:
      vaultkit mv Inbox/Idea.md Projects/          # move into a folder
      vaultkit mv "Projects/Old name.md" "Projects/New name"
      vaultkit mv img.png Attachments/ --dry-run   # show the link changes
    """
    from vaultkit.model.vault import Vault
    from vaultkit.refactor import apply_move, plan_move

    root = find_vault_root(vault_path)
    plan = plan_move(Vault.load(root), old, new, cwd=Path.cwd())
    if plan.unchecked and fmt == "text":
        click.echo(
            f"vaultkit: warning: links in {len(plan.unchecked)} note(s) could not be read "
            f"and are not updated: {', '.join(plan.unchecked)}",
            err=True,
        )
    if dry_run:
        if fmt == "json":
            click.echo(json.dumps({**plan.to_dict(), "dry_run": True}, indent=2))
        else:
            _print_plan(plan, "would move")
        sys.exit(EXIT_OK)
    result = apply_move(plan)
    if fmt == "json":
        click.echo(json.dumps({**result.to_dict(), "dry_run": False}, indent=2))
    elif result.ok:
        _print_plan(plan, "moved")
    else:
        _print_failure(result)
    sys.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


def _print_plan(plan: MovePlan, verb: str) -> None:
    click.echo(f"{verb} {plan.old} -> {plan.new}")
    for edit in plan.edits:
        click.echo(f"{edit.path}:{edit.line}:{edit.column}: {edit.old} -> {edit.new}")
    notes = len(plan.notes)
    click.echo(f"{len(plan.edits)} link(s) in {notes} note(s)", err=True)


def _print_failure(result: MoveResult) -> None:
    click.echo(f"vaultkit: stopped: {result.error}", err=True)
    if result.updated:
        click.echo(f"  updated: {', '.join(result.updated)}", err=True)
    click.echo(f"  not updated: {', '.join(result.not_updated) or '(none)'}", err=True)
    state = "was moved" if result.moved else "was not moved"
    click.echo(f"  {result.plan.old} {state}; run the same command again to finish", err=True)
