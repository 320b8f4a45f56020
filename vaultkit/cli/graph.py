"""``vaultkit graph`` (export the link graph) and ``vaultkit stats`` (vault figures)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vaultkit.cli.common import find_vault_root, handle_errors, vault_option
from vaultkit.cli.completion import complete_folders, complete_notes, complete_tags
from vaultkit.errors import VaultError

if TYPE_CHECKING:  # pragma: no cover
    from vaultkit.model.vault import Vault

GRAPH_FORMATS = ("graphml", "gexf", "json", "dot", "mermaid")
# -o report.gexf should not also need --format gexf.
SUFFIX_FORMATS = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".md": "mermaid",
}
MERMAID_EDGE_LIMIT = 500
"""Mermaid refuses to draw more edges than this by default (its ``maxEdges``)."""


def vault_argument(func: Any) -> Any:
    """``[VAULT]``: the vault folder, else ``--vault``/``$VAULTKIT_VAULT``/the cwd's vault."""
    func = click.argument(
        "vault",
        required=False,
        type=click.Path(file_okay=False, path_type=Path),
    )(func)
    return vault_option(func)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def load_vault(vault: Path | None, vault_path: Path | None, label: str = "Reading vault") -> Vault:
    """Find and load the vault, with a progress bar on stderr when it is a terminal."""
    from vaultkit.model.vault import Vault

    root = find_vault_root(vault or vault_path)
    if not stderr_is_tty():
        return Vault.load(root)
    with click.progressbar(length=1, label=label, file=sys.stderr, show_eta=False) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        return Vault.load(root, progress=progress)


def write_output(text: str, output: Path, vault_root: Path, force: bool) -> None:
    """Write an export or report file; inside the vault, through the safe-write module.

    Inside the vault an existing *note* is only replaced with ``--force``,
    while a previous export (``graph.json``, ``report.html``) is simply
    refreshed, which is what re-running a command is for.
    """
    from vaultkit.safe_write import atomic_write_bytes, create_note

    if output.is_dir():
        raise VaultError("is a folder; give a file name to write to", path=str(output))
    # Decide "inside the vault" on the path as written, not resolved, so that
    # a symlink in the vault pointing elsewhere is refused by safe_join
    # instead of silently followed.
    written = Path(os.path.abspath(output))
    for root in dict.fromkeys((Path(os.path.abspath(vault_root)), vault_root.resolve())):
        if root in written.parents:
            rel = written.relative_to(root).as_posix()
            create_note(root, rel, text, overwrite=force or not rel.lower().endswith(".md"))
            return
    try:
        atomic_write_bytes(output, text.encode("utf-8"))
    except OSError as exc:
        raise VaultError(f"cannot write: {exc.strerror}", path=str(output)) from exc


@click.command()
@vault_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS),
    help="graphml (yEd, Gephi), gexf (Gephi), json (node-link, d3), dot (Graphviz), "
    "mermaid (paste into a note). Default: from the -o suffix, else json.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output). A .md file gets a ```mermaid block.",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    shell_complete=complete_tags,
    help="Only notes with this tag (nested tags included); repeat for any of several.",
)
@click.option(
    "--folder",
    "folders",
    multiple=True,
    metavar="FOLDER",
    shell_complete=complete_folders,
    help="Only files inside this vault folder; repeat for any of several.",
)
@click.option(
    "--include-attachments",
    is_flag=True,
    help="Also export images, PDFs, canvases (default: notes only).",
)
@click.option(
    "--from",
    "from_note",
    metavar="NOTE",
    shell_complete=complete_notes,
    help="Only the notes within --depth links of NOTE (written as you would link to it).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Links away from --from.",
)
@click.option("--force", is_flag=True, help="Allow -o to replace an existing note in the vault.")
@handle_errors
def graph(
    vault: Path | None,
    vault_path: Path | None,
    fmt: str | None,
    output: Path | None,
    tags: tuple[str, ...],
    folders: tuple[str, ...],
    include_attachments: bool,
    from_note: str | None,
    depth: int,
    force: bool,
) -> None:
    """Export the vault's link graph for Gephi, yEd, Graphviz, d3 or Mermaid.

    Nodes carry kind, folder (top-level), tags, in/out degree; edges carry
    the number of links and their kinds.

    \b
    Examples:
      vaultkit graph -o vault.gexf                  # open in Gephi
      vaultkit graph --format dot | dot -Tsvg > graph.svg
      vaultkit graph --tag project --format mermaid
      vaultkit graph --from "Home" --depth 2 -o Home-graph.md
    """
    from vaultkit.report.export import GraphFilter, export_graph, vault_graph

    if depth != 1 and from_note is None:
        raise VaultError("--depth needs --from NOTE (the note to start from)")
    fmt = fmt or _format_from_suffix(output)
    loaded = load_vault(vault, vault_path)
    flt = GraphFilter(
        tags=tags,
        folders=folders,
        include_attachments=include_attachments,
        from_note=from_note,
        depth=depth,
    )
    exported = vault_graph(loaded, flt)
    if fmt == "mermaid" and exported.number_of_edges() > MERMAID_EDGE_LIMIT:
        click.echo(
            f"vaultkit: warning: {exported.number_of_edges()} links; Mermaid draws at most "
            f"{MERMAID_EDGE_LIMIT} by default: narrow with --tag, --folder or --from",
            err=True,
        )
    text = export_graph(exported, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    if fmt == "mermaid" and output.suffix.lower() == ".md":
        text = f"```mermaid\n{text}```\n"
    write_output(text, output, loaded.root, force)
    click.echo(
        f"wrote {output} ({exported.number_of_nodes()} nodes, {exported.number_of_edges()} edges)",
        err=True,
    )


def _format_from_suffix(output: Path | None) -> str:
    if output is None:
        return "json"
    return SUFFIX_FORMATS.get(output.suffix.lower(), "json")


@click.command()
@vault_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: every figure and the full orphan/dead-end lists, for scripts.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many tags and hubs.",
)
@handle_errors
def stats(vault: Path | None, vault_path: Path | None, fmt: str, top: int) -> None:
    """Figures about the vault: notes, links, orphans, dead ends, tags, hubs, components.

    \b
    Examples:
      vaultkit stats
      vaultkit stats --top 20 ~/Vault
      vaultkit stats --format json | jq .orphans
    """
    from vaultkit.report.stats import compute_stats

    figures = compute_stats(load_vault(vault, vault_path), top=top)
    if fmt == "json":
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
        return
    styled = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(format_stats(figures.to_dict(), styled=styled))


def format_stats(data: dict[str, Any], styled: bool = False) -> str:
    """The stats as aligned text; headings in bold when ``styled`` (a terminal)."""

    def heading(text: str) -> str:
        return click.style(text, bold=True) if styled else text

    links = data["links"]
    by_kind = ", ".join(f"{k} {links[k]}" for k in ("wikilink", "embed", "markdown", "property"))
    share = f"{data['largest_component_share']:.0%}"
    rows = [
        ("Vault", data["vault"]),
        ("Notes", data["notes"]),
        ("Attachments", data["attachments"]),
        ("Links", f"{links['total']} ({by_kind})"),
        ("Unresolved links", data["unresolved_links"]),
        ("Orphans", len(data["orphans"])),
        ("Dead ends", len(data["dead_ends"])),
        ("Tags", data["tag_count"]),
        (
            "Components",
            f"{data['components']} (largest: {data['largest_component']} notes, {share})",
        ),
    ]
    lines = [f"{heading(f'{label:<18}')}{printable(value)}" for label, value in rows]
    sections = [
        ("Top tags", [(f"#{t['tag']}", t["notes"]) for t in data["top_tags"]]),
        ("Hubs by backlinks", [(h["note"], h["backlinks"]) for h in data["hubs_by_links"]]),
        (
            "Hubs by PageRank",
            [(h["note"], f"{h['pagerank']:.4f}") for h in data["hubs_by_pagerank"]],
        ),
    ]
    for title, items in sections:
        if items:
            lines.extend(["", heading(title)])
            lines.extend(_aligned(items))
    return "\n".join(lines)


def _aligned(items: list[tuple[str, Any]]) -> list[str]:
    width = max(len(printable(name)) for name, _ in items)
    return [f"  {printable(name):<{width}}  {value:>8}" for name, value in items]


def printable(value: Any) -> str:
    """A note name made harmless for a terminal: control characters (escape codes) become "?"."""
    return "".join("?" if ord(ch) < 32 or ord(ch) == 127 else ch for ch in str(value))
