"""``vaultkit report html``: one self-contained page about the vault."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import click

from vaultkit.cli.common import handle_errors
from vaultkit.cli.graph import load_vault, stderr_is_tty, vault_argument, write_output

STEPS = ("lint", "stats", "layout", "render", "write")


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A bar on stderr for a terminal, labelled with the step running; silent otherwise."""
    if not enabled:
        yield lambda _step: None
        return
    with click.progressbar(length=len(STEPS), label="Building report", file=sys.stderr) as bar:
        started: list[str] = []

        def advance(step: str) -> None:
            bar.label = f"Building report: {step}"
            if started:  # the previous step is done
                bar.update(1)
            else:
                bar.render_progress()
            started.append(step)

        yield advance
        bar.label = "Building report"
        bar.update(len(STEPS) - bar.pos)


@click.command()
@vault_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--no-lint", is_flag=True, help="Leave out the lint findings (faster).")
@click.option(
    "--top", type=click.IntRange(min=1), default=15, show_default=True, help="Hubs to list."
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1, max=5000),
    default=300,
    show_default=True,
    help="Most notes drawn in the graph picture "
    "(bigger vaults show the largest group or the top hubs).",
)
@click.option("--force", is_flag=True, help="Allow -o to replace an existing note in the vault.")
@handle_errors
def html(
    vault: Path | None,
    vault_path: Path | None,
    output: Path,
    no_lint: bool,
    top: int,
    max_nodes: int,
    force: bool,
) -> None:
    """Write an HTML report: summary, graph picture, hubs, tags, lint findings, orphans.

    One file, no network: open it in any browser or keep it as a CI artifact.
    Note links open the note in Obsidian (obsidian://open).

    \b
    Examples:
      vaultkit report html -o report.html
      vaultkit report html ~/Vault -o /tmp/vault.html --no-lint
    """
    from vaultkit.report.html import build_report, lint_findings

    loaded = load_vault(vault, vault_path)
    with _progress(stderr_is_tty()) as step:
        step("lint")
        findings, note = (None, "left out with --no-lint") if no_lint else lint_findings(loaded)
        page = build_report(
            loaded,
            findings,
            note,
            top=top,
            max_graph_nodes=max_nodes,
            generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            progress=step,
        )
        step("write")
        write_output(page, output, loaded.root, force)
    click.echo(f"wrote {output}", err=True)
