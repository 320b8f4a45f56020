"""The area review: what a person needs to act on for one area of responsibility.

Active projects with their status and last activity, stale projects (no
activity for N days), open and overdue tasks, recurring tasks coming due,
recent log entries for the area, and the area's notes that lint flags.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultkit.errors import VaultError
from vaultkit.generate.names import wikilink
from vaultkit.gtd.areas import area_title, find_area
from vaultkit.gtd.daily_log import LogEntry, read_log
from vaultkit.gtd.dates import parse_date
from vaultkit.gtd.markers import replace_section
from vaultkit.gtd.notefiles import Outcome, stem, update_with_retry
from vaultkit.gtd.projects import Project, is_active, list_projects
from vaultkit.gtd.settings import GtdSettings
from vaultkit.gtd.tasks import Task, read_tasks

if TYPE_CHECKING:  # loading the model (networkx) only when a review runs
    from vaultkit.model.vault import Vault

SECTION = "review"
DUE_SOON_DAYS = 7


@dataclass
class ProjectActivity:
    """A project of the area and when anything last happened to it."""

    title: str
    path: str
    status: str
    last_activity: date | None
    source: str
    """What the date comes from: ``log`` (a daily note links to it) or ``modified``."""
    stale: bool


@dataclass
class LintFinding:
    path: str
    line: int
    rule: str
    severity: str
    message: str


@dataclass
class AreaReview:
    """Everything ``area review`` reports; ``to_dict`` is the ``--format json`` contract."""

    area: str
    path: str
    today: date
    stale_days: int
    projects: list[ProjectActivity] = field(default_factory=list)
    open_tasks: list[Task] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    lint: list[LintFinding] | None = None
    """None when the linter is not available (then ``lint_note`` says why)."""
    lint_note: str = ""

    @property
    def active_projects(self) -> list[ProjectActivity]:
        return [p for p in self.projects if is_active(p.status)]

    @property
    def stale_projects(self) -> list[ProjectActivity]:
        return [p for p in self.active_projects if p.stale]

    @property
    def overdue_tasks(self) -> list[Task]:
        return [t for t in self.open_tasks if t.overdue(self.today)]

    @property
    def recurring_due(self) -> list[Task]:
        """Recurring tasks due within a week (or already due)."""
        soon = self.today + timedelta(days=DUE_SOON_DAYS)
        return [t for t in self.open_tasks if t.recurrence and t.due and t.due <= soon]

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(
            {
                "area": self.area,
                "path": self.path,
                "today": self.today,
                "stale_days": self.stale_days,
                "active_projects": [asdict(p) for p in self.active_projects],
                "stale_projects": [p.title for p in self.stale_projects],
                "open_tasks": [asdict(t) for t in self.open_tasks],
                "overdue_tasks": [t.description for t in self.overdue_tasks],
                "recurring_due": [t.description for t in self.recurring_due],
                "recent_log": [asdict(e) for e in self.log],
                "lint": None if self.lint is None else [asdict(f) for f in self.lint],
                "lint_note": self.lint_note,
            }
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def review_area(
    vault_root: Path | str,
    name: str,
    *,
    stale_days: int = 30,
    recent_days: int = 30,
    today: date | None = None,
    lint: bool = True,
) -> AreaReview:
    """Review the area called ``name`` (an area note must exist)."""
    settings = GtdSettings.load(vault_root)
    today = today or date.today()
    if stale_days < 1 or recent_days < 1:
        raise VaultError("--stale-days and --recent-days must be at least 1")
    path = find_area(settings, name)
    if path is None:
        raise VaultError(
            f"no area note named {name!r} in {settings.folders.areas}/; "
            f'create it with: vaultkit area create "{name}"'
        )
    review = AreaReview(area_title(settings, path), path, today, stale_days)
    projects = list_projects(settings, path)
    review.log = [
        e
        for e in read_log(settings, since=today - timedelta(days=recent_days), until=today)
        if e.mentions(stem(path)) or e.mentions(review.area)
    ]
    from vaultkit.model.vault import Vault

    vault = Vault.load(settings.root)
    review.projects = _activity(vault, settings, projects, today, stale_days)
    for rel in [path, *(p.path for p in projects if p.active)]:
        review.open_tasks.extend(t for t in read_tasks(settings, rel) if t.is_open)
    if lint:
        _add_lint(review, vault, [path, *(p.path for p in projects)])
    else:
        review.lint_note = "lint skipped"
    return review


def _activity(
    vault: Vault, settings: GtdSettings, projects: list[Project], today: date, stale_days: int
) -> list[ProjectActivity]:
    """Last activity per project: the newest daily note linking to it, or its mtime."""
    result = []
    for project in projects:
        days = [_daily_date(settings, link.source) for link in vault.backlinks(project.path)]
        logged = max((d for d in days if d), default=None)
        note = vault.notes.get(project.path)
        modified = datetime.fromtimestamp(note.mtime_ns / 1e9).date() if note else None
        if logged and (modified is None or logged >= modified):
            last, source = logged, "log"
        else:
            last, source = modified, "modified"
        stale = last is None or (today - last).days > stale_days
        result.append(
            ProjectActivity(project.title, project.path, project.status, last, source, stale)
        )
    return result


def _daily_date(settings: GtdSettings, path: str) -> date | None:
    """The day a note is the daily note of, or None for other notes."""
    folder = settings.daily.folder
    if folder and not path.startswith(folder + "/"):
        return None
    return parse_date(path[len(folder) + 1 if folder else 0 : -3], settings.daily.format)


def _add_lint(review: AreaReview, vault: Vault, paths: list[str]) -> None:
    """The lint findings (errors and warnings) of the area's notes, if vaultkit.lint exists."""
    try:
        from vaultkit.lint import lint_vault
    except ImportError:
        review.lint_note = "lint not available in this vaultkit; section skipped"
        return
    findings = lint_vault(vault, paths=[p for p in paths if p in vault.notes])
    review.lint = [
        LintFinding(d.path, d.line, d.rule, d.severity, d.message)
        for d in findings
        if d.severity in ("error", "warning")
    ]


def format_review(review: AreaReview) -> str:
    """The review as Markdown: what ``area review`` prints and ``--write`` saves."""
    out = [f"## Active projects ({len(review.active_projects)})"]
    for p in review.active_projects:
        when = p.last_activity.isoformat() if p.last_activity else "never"
        flag = " ⚠ stale" if p.stale else ""
        out.append(
            f"- {wikilink(p.title, stem(p.path))}: {p.status}, last activity {when} ({p.source}){flag}"
        )
    out += ["", f"## Stale projects (no activity for {review.stale_days} days)"]
    out += [f"- {wikilink(p.title, stem(p.path))}" for p in review.stale_projects] or ["- none"]
    out += ["", f"## Open tasks ({len(review.open_tasks)})"]
    out += [_task_line(t, review.today) for t in review.open_tasks] or ["- none"]
    out += ["", "## Overdue tasks"]
    out += [_task_line(t, review.today) for t in review.overdue_tasks] or ["- none"]
    out += ["", f"## Recurring tasks due within {DUE_SOON_DAYS} days"]
    out += [_task_line(t, review.today) for t in review.recurring_due] or ["- none"]
    out += ["", "## Recent log"]
    out += [f"- {e.day.isoformat()} {e.time} {e.text}".replace("  ", " ") for e in review.log] or [
        "- none"
    ]
    out += ["", "## Lint"]
    if review.lint is None:
        out.append(f"- {review.lint_note}")
    else:
        out += [f"- {f.path}:{f.line} {f.severity} {f.rule}: {f.message}" for f in review.lint] or [
            "- no findings"
        ]
    return "\n".join(out) + "\n"


def _task_line(task: Task, today: date) -> str:
    due = (
        f" (due {task.due.isoformat()}{', overdue' if task.overdue(today) else ''})"
        if task.due
        else ""
    )
    repeat = f" 🔁 {task.recurrence}" if task.recurrence else ""
    return f"- {task.description}{repeat}{due} in {wikilink(stem(task.path))}"


def write_review(vault_root: Path | str, review: AreaReview) -> Outcome:
    """Save the review as "<Area> Review <date>" (the review template); a re-run refreshes it.

    Only the generated part between the review markers is replaced, so notes
    written into the review's reflection prompts are kept.
    """
    from vaultkit.generate import render_note
    from vaultkit.generate.notes import write_note

    settings = GtdSettings.load(vault_root)
    body = format_review(review).replace("\n## ", "\n### ").replace("## ", "### ", 1)
    title = f"{review.area} Review {review.today.isoformat()}"
    variables = {
        "area": review.area,
        "date": review.today.isoformat(),
        "summary": _block(body),
        "_names": {review.area: stem(review.path)},  # link to the area's real file
    }
    note = render_note("review", title, variables, settings.root, now=review.today)
    if not (settings.root / note.path).exists():
        result = write_note(settings.root, note)
        return Outcome(path=result.path, action="created", title=title, kind="review")
    changed = update_with_retry(
        settings.root, note.path, lambda t: replace_section(t, SECTION, body)
    )
    return Outcome(
        path=note.path, action="updated" if changed else "unchanged", title=title, kind="review"
    )


def _block(body: str) -> str:
    return replace_section("", SECTION, body).rstrip("\n")
