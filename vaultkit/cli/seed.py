"""The guide's own command names, installed as console scripts.

The career-growth guide runs ``gtd-project create "..." --area="..."``,
``gtd-brain create "..." Resources``, ``gtd-brain-moc create "..."``,
``gtd-area review "..."``, ``gtd-task add "..." --recurring=monthly`` and
``addInfoToDailyLog "..."``. Each is the matching ``vaultkit`` command under
the guide's name, so the guide can be followed literally.
"""

from __future__ import annotations

import click

from vaultkit.cli.gtd import area_create, area_review, log, note_create, project_create, task_add
from vaultkit.cli.moc import moc_create

SETTINGS = {"help_option_names": ["-h", "--help"]}


def _group(name: str, doc: str, **commands: click.Command) -> click.Group:
    return click.Group(name, commands=commands, help=doc, context_settings=SETTINGS)


gtd_project = _group("gtd-project", "Projects (same as `vaultkit project`).", create=project_create)
gtd_brain = _group("gtd-brain", "Second-brain notes (same as `vaultkit note`).", create=note_create)
gtd_brain_moc = _group(
    "gtd-brain-moc", "Maps of Content (same as `vaultkit moc create`).", create=moc_create
)
gtd_area = _group(
    "gtd-area", "Areas (same as `vaultkit area`).", create=area_create, review=area_review
)
gtd_task = _group("gtd-task", "Tasks (same as `vaultkit task`).", add=task_add)


def gtd_project_main() -> None:
    gtd_project(prog_name="gtd-project")


def gtd_brain_main() -> None:
    gtd_brain(prog_name="gtd-brain")


def gtd_brain_moc_main() -> None:
    gtd_brain_moc(prog_name="gtd-brain-moc")


def gtd_area_main() -> None:
    gtd_area(prog_name="gtd-area")


def gtd_task_main() -> None:
    gtd_task(prog_name="gtd-task")


def add_info_to_daily_log_main() -> None:
    log(prog_name="addInfoToDailyLog")
