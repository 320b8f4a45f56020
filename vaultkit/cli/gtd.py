"""``vaultkit project|area|note|task|log``: the guide's GTD commands, thin over ``vaultkit.gtd``.

Nothing heavy is imported at module level: the library loads inside each
command, so ``vaultkit --help`` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.common import find_vault_root, handle_errors, vault_option

if TYPE_CHECKING:
    from datetime import date, datetime

    from vaultkit.gtd import Outcome


def echo_outcome(outcome: Outcome) -> None:
    """One line per note touched: ``created``, ``exists, left untouched``, ``updated``."""
    for other in outcome.also:
        if other.action in ("created", "updated"):
            click.echo(f"{other.action} {other.kind}: {other.path}")
    if outcome.action == "exists":
        click.echo(f"exists, left untouched: {outcome.kind} {outcome.path}")
    else:
        click.echo(f"{outcome.action} {outcome.kind}: {outcome.path}")
    for warning in [*outcome.warnings, *(w for other in outcome.also for w in other.warnings)]:
        click.echo(f"vaultkit: warning: {warning}", err=True)


def _date(value: str | None, what: str) -> date | None:
    from vaultkit.gtd.dates import parse_iso_date

    return parse_iso_date(value, what) if value else None


# --- project -----------------------------------------------------------------


@click.group()
def project() -> None:
    """Project notes (PARA "Projects")."""


@project.command("create")
@click.argument("title")
@click.option("--area", help='Area the project serves (default "Work & Career"); created if new.')
@click.option("--status", default="active", show_default=True, help="The project's status.")
@click.option("--focus", default="", help='Focus area it serves, e.g. "Strategic Impact".')
@vault_option
@handle_errors
def project_create(
    title: str, area: str | None, status: str, focus: str, vault_path: Path | None
) -> None:
    """Create a project note linked to its area.

    \b
    Examples:
      vaultkit project create "Speak at SREcon 2025" --area "Work & Career"
      vaultkit project create "Q1: Build Internal Influence"   # file: Q1 - Build Internal Influence.md
    """
    from vaultkit.gtd import create_project

    root = find_vault_root(vault_path)
    echo_outcome(create_project(root, title, area, status=status, focus=focus))


# --- area --------------------------------------------------------------------


@click.group()
def area() -> None:
    """Area notes (PARA "Areas") and their reviews."""


@area.command("create")
@click.argument("name")
@vault_option
@handle_errors
def area_create(name: str, vault_path: Path | None) -> None:
    """Create an area note (with its generated project list and ## Tasks).

    \b
    Example:
      vaultkit area create "Work & Career"
    """
    from vaultkit.gtd import create_area

    echo_outcome(create_area(find_vault_root(vault_path), name))


@area.command("review")
@click.argument("name")
@click.option(
    "--stale-days",
    default=30,
    show_default=True,
    type=int,
    help="Days without activity before a project is stale.",
)
@click.option(
    "--recent-days",
    default=30,
    show_default=True,
    type=int,
    help="How far back the log section looks.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--write", is_flag=True, help='Also save it as the note "<Area> Review <date>".')
@click.option("--no-lint", is_flag=True, help="Skip the lint section (faster on large vaults).")
@click.option("--today", "today_text", hidden=True, help="Pretend today is YYYY-MM-DD (for tests).")
@vault_option
@handle_errors
def area_review(
    name: str,
    stale_days: int,
    recent_days: int,
    fmt: str,
    write: bool,
    no_lint: bool,
    today_text: str | None,
    vault_path: Path | None,
) -> None:
    """Review an area: projects and their last activity, stale projects, open,
    overdue and recurring tasks, recent log entries, and lint findings.

    \b
    Examples:
      vaultkit area review "Work & Career"
      vaultkit area review "Work & Career" --stale-days 14 --write
      vaultkit area review "Work & Career" --format json | jq .overdue_tasks
    """
    from vaultkit.gtd import format_review, review_area, write_review

    root = find_vault_root(vault_path)
    review = review_area(
        root,
        name,
        stale_days=stale_days,
        recent_days=recent_days,
        today=_date(today_text, "--today"),
        lint=not no_lint,
    )
    if fmt == "json":
        click.echo(json.dumps(review.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(f"# {review.area} review ({review.today.isoformat()})\n")
        click.echo(format_review(review), nl=False)
    if write:
        outcome = write_review(root, review)
        click.echo(f"{outcome.action} review note: {outcome.path}", err=fmt == "json")


# --- note ----------------------------------------------------------------------


@click.group()
def note() -> None:
    """Second-brain notes filed by PARA folder."""


@note.command("create")
@click.argument("title")
@click.argument("category", default="Resources", metavar="[Projects|Areas|Resources|Archives]")
@vault_option
@handle_errors
def note_create(title: str, category: str, vault_path: Path | None) -> None:
    """Create a note in a PARA folder (default Resources).

    \b
    Examples:
      vaultkit note create "Senior SRE Impact Metrics" Resources
      vaultkit note create "Incident review: 2024 outage" Archives
    """
    from vaultkit.gtd import create_brain_note

    echo_outcome(create_brain_note(find_vault_root(vault_path), title, category))


# --- task ----------------------------------------------------------------------


@click.group()
def task() -> None:
    """Obsidian Tasks lines in area notes (or today's daily note)."""


@task.command("add")
@click.argument("title")
@click.option(
    "--area",
    help="Area whose ## Tasks gets the task (created if new); default: today's daily note.",
)
@click.option(
    "--recurring", help="daily, weekly, monthly, quarterly, yearly or a Tasks 'every ...' phrase."
)
@click.option("--due", help="Due date YYYY-MM-DD (recurring tasks default to the next occurrence).")
@vault_option
@handle_errors
def task_add(
    title: str, area: str | None, recurring: str | None, due: str | None, vault_path: Path | None
) -> None:
    """Add a task: `- [ ] Title 🔁 every month 📅 YYYY-MM-DD`.

    \b
    Examples:
      vaultkit task add "Monthly career growth review" --area "Work & Career" --recurring monthly
      vaultkit task add "Submit SREcon CFP" --area "Work & Career" --due 2025-03-01
      vaultkit task add "1:1 prep" --recurring "every week on Monday"
    """
    from vaultkit.gtd import add_task

    outcome = add_task(
        find_vault_root(vault_path), title, area=area, recurring=recurring, due=_date(due, "--due")
    )
    echo_outcome(outcome)
    if outcome.line:
        click.echo(outcome.line)


# --- log -----------------------------------------------------------------------


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("text", nargs=-1, required=True)
@click.option("--date", "day", help="Back-fill the daily note of YYYY-MM-DD instead of today's.")
@click.option("--time", "time_text", help="Entry time HH:MM (default: now).")
@click.option("--area", help="Link the entry to this area (instead of a trailing '(Area)').")
@vault_option
@handle_errors
def log(
    text: tuple[str, ...],
    day: str | None,
    time_text: str | None,
    area: str | None,
    vault_path: Path | None,
) -> None:
    """Append a timestamped entry to the daily note's ## Log.

    A trailing "(Area)" links the entry to that area note.

    \b
    Examples:
      vaultkit log "Led architecture review affecting 5 teams (Work & Career)"
      vaultkit log --date 2025-03-14 "Delivered workshop to 50 engineers (Work & Career)"
    """
    from vaultkit.gtd import add_log_entry

    outcome = add_log_entry(
        find_vault_root(vault_path),
        " ".join(text),
        day=_date(day, "--date"),
        when=_when(time_text),
        area=area,
    )
    for warning in outcome.warnings:
        click.echo(f"vaultkit: warning: {warning}", err=True)
    click.echo(f"logged in {outcome.path}: {outcome.line}")


def _when(time_text: str | None) -> datetime | None:
    from datetime import datetime

    from vaultkit.errors import VaultError

    if not time_text:
        return None
    try:
        clock = datetime.strptime(time_text.strip(), "%H:%M").time()
    except ValueError:
        raise VaultError(f"invalid --time {time_text!r}: use HH:MM, e.g. 14:30") from None
    return datetime.combine(datetime.now().date(), clock)
