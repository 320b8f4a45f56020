"""The career-growth guide's GTD system on an Obsidian vault.

Library functions first; ``vaultkit.cli.gtd`` and the guide's own command
names (``vaultkit.cli.seed``) are thin shells over them::

    from vaultkit.gtd import add_log_entry, create_project
    create_project("~/Vault", "Speak at SREcon 2025", area="Work & Career")
    add_log_entry("~/Vault", "Accepted talk at KubeCon (Work & Career)")
"""

from __future__ import annotations

from vaultkit.gtd.areas import create_area, ensure_area, find_area
from vaultkit.gtd.daily_log import LogEntry, add_log_entry, daily_note_path, read_log
from vaultkit.gtd.dates import first_due, format_date, parse_date, recurrence_rule
from vaultkit.gtd.impact import ImpactReport, format_impact, impact_report, write_impact
from vaultkit.gtd.notefiles import Outcome
from vaultkit.gtd.notes import create_brain_note
from vaultkit.gtd.projects import Project, create_project, list_projects
from vaultkit.gtd.review import AreaReview, format_review, review_area, write_review
from vaultkit.gtd.settings import GtdSettings
from vaultkit.gtd.tasks import Task, add_task, parse_task

__all__ = [
    "AreaReview",
    "GtdSettings",
    "ImpactReport",
    "LogEntry",
    "Outcome",
    "Project",
    "Task",
    "add_log_entry",
    "add_task",
    "create_area",
    "create_brain_note",
    "create_project",
    "daily_note_path",
    "ensure_area",
    "find_area",
    "first_due",
    "format_date",
    "format_impact",
    "format_review",
    "impact_report",
    "list_projects",
    "parse_date",
    "parse_task",
    "read_log",
    "recurrence_rule",
    "review_area",
    "write_impact",
    "write_review",
]
