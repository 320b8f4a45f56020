"""``vaultkit scaffold`` and ``vaultkit new``: thin over ``vaultkit.generate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vaultkit.cli.common import EXIT_PROBLEMS, find_vault_root, handle_errors, vault_option
from vaultkit.cli.completion import complete_folders, complete_kits
from vaultkit.errors import VaultError


def parse_vars(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``("name=Alex", 'tasks=["a","b"]')`` -> variables; JSON lists/objects are decoded."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise VaultError(f"--var expects KEY=VALUE, got {pair!r}")
        if value.lstrip().startswith(("[", "{")):
            try:
                value = json.loads(value)
            except ValueError:
                pass  # not JSON: keep the text as typed
        out[key.strip()] = value
    return out


var_option = click.option(
    "--var",
    "variables",
    multiple=True,
    metavar="KEY=VALUE",
    help='Set a template variable (repeatable); a JSON list like \'["a","b"]\' is a list.',
)


@click.command()
@click.argument("kit", required=False, shell_complete=complete_kits)
@click.argument("dest", required=False, default=".", type=click.Path(path_type=Path))
@var_option
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option(
    "--force", is_flag=True, help="Overwrite files that differ from the kit (never deletes)."
)
@click.option(
    "--list", "list_kits", is_flag=True, help="List the bundled kits and their variables."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@handle_errors
def scaffold(
    kit: str | None,
    dest: Path,
    variables: tuple[str, ...],
    dry_run: bool,
    force: bool,
    list_kits: bool,
    fmt: str,
) -> None:
    """Generate a vault from a kit into DEST (default: the current folder).

    KIT is a bundled kit name (see --list) or the path of a kit folder with a
    kit.toml; kits from outside vaultkit render in Jinja's sandbox.
    Existing files are never overwritten without --force and nothing is ever
    deleted: each file is reported as create, identical, skip (you edited it
    since vaultkit wrote it) or conflict (a file vaultkit did not write is in
    the way). Obsidian settings already in the vault (.obsidian/*.json) are
    merged: the kit's settings you lack are added, your values are kept
    (merge, keep). Exit 1 when conflicts were left alone, 2 on errors.

    \b
    Examples:
      vaultkit scaffold --list
      vaultkit scaffold senior-sre ~/Career --var name="Alex Example"
      vaultkit scaffold senior-sre . --dry-run
      vaultkit scaffold ./my-kit ~/Vault --var year=2027
    """
    from vaultkit.generate.kit import bundled_kits
    from vaultkit.generate.scaffold import scaffold as run_scaffold

    if list_kits:
        _echo_kits(bundled_kits(), fmt)
        return
    if not kit:
        raise click.UsageError("give a KIT (see --list) and a DEST folder")
    result = run_scaffold(kit, dest, parse_vars(variables), dry_run=dry_run, force=force)
    if fmt == "json":
        _echo_json_result(result)
    else:
        _echo_result(result)
    if result.conflicts:
        raise SystemExit(EXIT_PROBLEMS)


def _echo_kits(kits: list[Any], fmt: str) -> None:
    if fmt == "json":
        data = [
            {
                "name": k.name,
                "version": k.version,
                "description": k.description,
                "variables": {
                    v.name: {"default": v.default, "help": v.help, "type": v.type}
                    for v in k.variables.values()
                },
            }
            for k in kits
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for k in kits:
        click.echo(f"{k.name} {k.version}: {k.description}")
        for v in k.variables.values():
            shown = "" if "{" in v.default else f" (default: {v.default})"
            click.echo(f"  --var {v.name}=...  {v.help}{shown}")


def _echo_result(result: Any) -> None:
    verb = "would " if result.dry_run else ""
    for item in result.files:
        click.echo(f"{verb}{item.status:<10} {item.path}{_settings_note(item)}")
    counts = ", ".join(
        f"{result.count(s)} {s}"
        for s in ("create", "identical", "merge", "keep", "skip", "conflict", "overwrite")
        if result.count(s)
    )
    where = "(dry run, nothing written)" if result.dry_run else f"into {result.dest}"
    click.echo(f"{result.kit} {result.version} {where}: {counts}")
    if result.conflicts:
        click.echo(
            f"vaultkit: {len(result.conflicts)} file(s) not written because other files are in the way; "
            "use --force to overwrite them",
            err=True,
        )


def _file_json(item: Any) -> dict[str, Any]:
    data = {"path": item.path, "status": item.status}
    if item.status in ("merge", "keep"):
        data.update(added=list(item.added), kept=list(item.kept))
    return data


def _settings_note(item: Any) -> str:
    """What a merge of Obsidian settings added and which of the vault's values it kept."""
    parts = []
    if item.added:
        parts.append("added " + ", ".join(item.added))
    if item.kept:
        parts.append("kept yours: " + ", ".join(item.kept))
    return f"  ({'; '.join(parts)})" if parts else ""


def _echo_json_result(result: Any) -> None:
    data = {
        "kit": result.kit,
        "version": result.version,
        "dest": str(result.dest),
        "dry_run": result.dry_run,
        "variables": result.variables,
        "files": [_file_json(f) for f in result.files],
    }
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.command()
@click.argument("template", required=False)
@click.argument("title", required=False)
@var_option
@click.option(
    "--folder",
    shell_complete=complete_folders,
    help="Vault folder for the note (default: the template's PARA folder).",
)
@click.option("--force", is_flag=True, help="Overwrite the note if it exists.")
@click.option("--list", "list_templates", is_flag=True, help="List the templates you can use.")
@vault_option
@handle_errors
def new(
    template: str | None,
    title: str | None,
    variables: tuple[str, ...],
    folder: str | None,
    force: bool,
    list_templates: bool,
    vault_path: Path | None,
) -> None:
    """Create one note from TEMPLATE with TITLE.

    TEMPLATE is a note in the vault's templates folder (Obsidian's Templates
    setting; {{title}} and {{date}} are filled as Obsidian would), a .j2
    file, or a built-in: note, project, area, resource, moc, daily, review.
    An existing note is left untouched unless --force.

    \b
    Examples:
      vaultkit new project "Q1: Build Internal Influence" --var focus="Strategic Impact"
      vaultkit new resource "Incident Review Checklist" --folder 3-Resources/SRE
      vaultkit new Project "Write Technical Blog Series"   # Templates/Project.md
    """
    from vaultkit.generate import bundled_templates, new_note

    if list_templates:
        _echo_templates(vault_path, bundled_templates())
        return
    root = find_vault_root(vault_path)
    if not template or not title:
        raise click.UsageError('give a TEMPLATE and a "Title" (see --list)')
    result = new_note(root, template, title, parse_vars(variables), folder=folder, force=force)
    if result.status == "exists":
        click.echo(f"exists, left untouched: {result.path} (use --force to overwrite)")
    else:
        click.echo(f"{result.status} {result.path}")


def _echo_templates(vault_path: Path | None, builtins: list[str]) -> None:
    """The vault's own templates (when there is a vault here), then the built-ins."""
    from vaultkit.generate.notes import vault_templates_folder

    try:
        root = find_vault_root(vault_path)
    except VaultError:
        root = None  # outside a vault the built-ins are still worth listing
    if root is not None:
        folder = vault_templates_folder(root)
        if (root / folder).is_dir():
            for path in sorted((root / folder).iterdir()):
                if path.is_file() and path.suffix in (".md", ".j2"):
                    click.echo(f"{folder}/{path.name}")
    for name in builtins:
        click.echo(f"{name} (built-in)")
