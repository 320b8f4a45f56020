"""``vaultkit moc create|build|update``: Maps of Content, thin over ``vaultkit.generate.moc``."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.common import find_vault_root, handle_errors, vault_option
from vaultkit.cli.completion import complete_folders, complete_tags


@click.group()
def moc() -> None:
    """Maps of Content: create one, or build and refresh generated ones."""


@moc.command("create")
@click.argument("title")
@click.option(
    "--folder",
    shell_complete=complete_folders,
    help="Vault folder for the MOC (default: [folders] mocs, MOCs).",
)
@click.option("--force", is_flag=True, help="Overwrite the MOC if it exists.")
@vault_option
@handle_errors
def moc_create(title: str, folder: str | None, force: bool, vault_path: Path | None) -> None:
    """Create a MOC note from the MOC template; an existing one is left untouched.

    \b
    Examples:
      vaultkit moc create "Technical Leadership"
    """
    from vaultkit.generate.moc import create_moc

    result = create_moc(find_vault_root(vault_path), title, folder=folder, force=force)
    _echo(result)


@moc.command("build")
@click.argument("title")
@click.option(
    "--tag",
    shell_complete=complete_tags,
    help="List the notes with this tag (nested tags included).",
)
@click.option(
    "--folder",
    "source_folder",
    shell_complete=complete_folders,
    help="List the notes under this vault folder.",
)
@click.option(
    "--moc-folder",
    shell_complete=complete_folders,
    help="Vault folder for the MOC (default: [folders] mocs, MOCs).",
)
@vault_option
@handle_errors
def moc_build(
    title: str,
    tag: str | None,
    source_folder: str | None,
    moc_folder: str | None,
    vault_path: Path | None,
) -> None:
    """Write a MOC listing notes by tag or folder, or refresh it.

    The list sits between %% vaultkit:begin moc ... %% and %% vaultkit:end moc %%;
    re-running rewrites only that part and keeps everything you wrote around it.

    \b
    Examples:
      vaultkit moc build "Career Notes" --tag career
      vaultkit moc build "All Projects" --folder 1-Projects
    """
    from vaultkit.generate.moc import build_moc

    if not tag and not source_folder:
        raise click.UsageError("give --tag TAG or --folder PATH")
    result = build_moc(
        find_vault_root(vault_path), title, tag=tag, folder=source_folder, moc_folder=moc_folder
    )
    _echo(result)


@moc.command("update")
@vault_option
@handle_errors
def moc_update(vault_path: Path | None) -> None:
    """Refresh every generated MOC list in the vault.

    \b
    Examples:
      vaultkit moc update --vault ~/Career
    """
    from vaultkit.generate.moc import update_mocs

    results = update_mocs(find_vault_root(vault_path))
    for result in results:
        _echo(result)
    changed = sum(1 for r in results if r.status == "update")
    click.echo(f"{len(results)} generated MOC(s), {changed} updated")


def _echo(result: object) -> None:
    status, path = result.status, result.path  # type: ignore[attr-defined]
    if status == "exists":
        click.echo(f"exists, left untouched: {path} (use --force to overwrite)")
    else:
        click.echo(f"{status} {path}")
