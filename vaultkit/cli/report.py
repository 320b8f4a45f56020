"""``vaultkit report``: reports written into the vault (``impact``) or exported (``html``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from vaultkit.cli import LazyGroup
from vaultkit.cli.common import find_vault_root, handle_errors, vault_option


# ``html`` lives in its own module (another part of vaultkit); it appears
# here when that module is installed, and is imported only when used.
@click.group(cls=LazyGroup, lazy_commands={"html": "vaultkit.cli.report_html:html"})
def report() -> None:
    """Reports on a vault."""


@report.command("impact")
@click.option("--area", help="Count only entries linked to this area.")
@click.option("--since", help="First day counted, YYYY-MM-DD.")
@click.option("--until", help="Last day counted, YYYY-MM-DD.")
@click.option(
    "--by",
    type=click.Choice(["month", "quarter", "year"]),
    default="month",
    show_default=True,
    help="Period of each column.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--no-write", is_flag=True, help="Print only; leave the metrics note alone.")
@vault_option
@handle_errors
def impact(
    area: str | None,
    since: str | None,
    until: str | None,
    by: str,
    fmt: str,
    no_write: bool,
    vault_path: Path | None,
) -> None:
    """Count daily-log entries by impact category (mentoring, speaking,
    writing, open source, standards, architecture, cost savings...) per
    period, and write the table and a Mermaid chart into the "Senior SRE
    Impact Metrics" note between %% vaultkit:begin impact %% markers.

    Categories and their words are set in .vaultkit.toml [impact] categories.

    \b
    Examples:
      vaultkit report impact --by quarter
      vaultkit report impact --area "Work & Career" --since 2025-01-01 --format json
    """
    from vaultkit.gtd import format_impact, impact_report, write_impact
    from vaultkit.gtd.dates import parse_iso_date

    root = find_vault_root(vault_path)
    result = impact_report(
        root,
        area=area,
        since=parse_iso_date(since, "--since") if since else None,
        until=parse_iso_date(until, "--until") if until else None,
        by=by,
    )
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_impact(result), nl=False)
    if not no_write:
        outcome = write_impact(root, result)
        click.echo(f"{outcome.action} impact report: {outcome.path}", err=fmt == "json")
