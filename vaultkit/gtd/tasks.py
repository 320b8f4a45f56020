"""Obsidian Tasks lines: ``- [ ] Title 🔁 every month 📅 2026-02-05``.

Tasks added to an area go under its ``## Tasks`` heading; without an area
they go to today's daily note. A recurring task always gets a due date:
the Tasks plugin cannot compute the next occurrence without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from vaultkit.errors import VaultError
from vaultkit.gtd.areas import ensure_area
from vaultkit.gtd.daily_log import append_to_section, daily_note_path, new_daily_note_text
from vaultkit.gtd.dates import first_due, recurrence_rule
from vaultkit.gtd.notefiles import Outcome, read_text, update_with_retry
from vaultkit.gtd.settings import GtdSettings

TASKS_HEADING = "## Tasks"
_TASK = re.compile(r"^\s*[-*+] \[(?P<status>.)\] (?P<body>.*)$")
# The Tasks plugin's field signifiers; the description ends at the first one.
_FIELDS = "📅⏳🛫➕✅❌🔁⏫🔼🔽🔺⏬🆔⛔"
_FIELD = re.compile(rf"([{_FIELDS}])\uFE0F?\s*([^{_FIELDS}]*)")


@dataclass
class Task:
    """One task line in a note."""

    path: str
    line: int
    status: str
    """Between the brackets: space open, ``x`` done, ``-`` cancelled, ``/`` in progress."""
    description: str
    due: date | None = None
    scheduled: date | None = None
    recurrence: str | None = None
    done: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status in (" ", "/")

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today


def parse_task(text: str, path: str = "", line: int = 0) -> Task | None:
    """The task on a line of Markdown, or None when the line is not a task."""
    match = _TASK.match(text)
    if not match:
        return None
    body = match.group("body")
    cut = min((body.find(ch) for ch in _FIELDS if ch in body), default=len(body))
    task = Task(path, line, match.group("status"), body[:cut].strip())
    for signifier, value in _FIELD.findall(body[cut:]):
        value = value.strip()
        if signifier == "🔁":
            task.recurrence = value
        elif signifier in "📅⏳✅":
            day = _iso(value)
            attr = {"📅": "due", "⏳": "scheduled", "✅": "done"}[signifier]
            setattr(task, attr, day)
    return task


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def read_tasks(settings: GtdSettings, rel_path: str) -> list[Task]:
    """Every task line in one note."""
    text = read_text(settings.root / rel_path)
    tasks = []
    for number, line in enumerate(text.split("\n"), start=1):
        task = parse_task(line, rel_path, number)
        if task:
            tasks.append(task)
    return tasks


def format_task(title: str, recurrence: str | None = None, due: date | None = None) -> str:
    """The Tasks line for a new task (recurrence before due, as Tasks writes it)."""
    parts = [f"- [ ] {title}"]
    if recurrence:
        parts.append(f"🔁 {recurrence}")
    if due:
        parts.append(f"📅 {due.isoformat()}")
    return " ".join(parts)


def add_task(
    vault_root: Path | str,
    title: str,
    *,
    area: str | None = None,
    recurring: str | None = None,
    due: date | None = None,
    today: date | None = None,
) -> Outcome:
    """Add a task under the area's ``## Tasks`` (area created if new), else in today's daily note.

    ``recurring``: daily, weekly, monthly, quarterly, yearly or a Tasks
    ``every ...`` phrase; its first due date is the next occurrence after
    today unless ``due`` is given. An open task with the same description in
    that note is left as it is.
    """
    settings = GtdSettings.load(vault_root)
    today = today or date.today()
    title = " ".join(str(title).split())
    if not title:
        raise VaultError(
            'a task needs a description, e.g. vaultkit task add "Book the SREcon trip"'
        )
    rule = recurrence_rule(recurring) if recurring else None
    if rule and due is None:
        due = first_due(rule, today)
    also: list[Outcome] = []
    if area:
        area_outcome = ensure_area(settings, area, today)
        also.append(area_outcome)
        rel, create = area_outcome.path, None
    else:
        rel = daily_note_path(settings, today)
        create = new_daily_note_text(settings, today, datetime.now())
    line = format_task(title, rule, due)
    if any(
        t.is_open and t.description.casefold() == title.casefold()
        for t in read_tasks(settings, rel)
    ):
        return Outcome(path=rel, action="exists", title=title, kind="task", also=also)
    update_with_retry(settings.root, rel, lambda text: _add_line(text, title, line), create=create)
    return Outcome(path=rel, action="created", title=title, line=line, kind="task", also=also)


def _add_line(text: str, title: str, line: str) -> str:
    """Append the task unless another writer added the same one meanwhile."""
    for existing in text.split("\n"):
        task = parse_task(existing)
        if task and task.is_open and task.description.casefold() == title.casefold():
            return text
    return append_to_section(text, TASKS_HEADING, line)
