"""The daily log: timestamped entries under ``## Log`` in each day's daily note.

``vaultkit log "Led architecture review (Work & Career)"`` appends
``- 14:32 Led architecture review ([[Work & Career]])``: the trailing
``(Area)`` becomes a link, so the area's backlinks show the activity. Reviews
and the impact report read the entries back with ``read_log``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from vaultkit.errors import VaultError
from vaultkit.gtd.areas import area_link, find_area
from vaultkit.gtd.dates import format_date, parse_date
from vaultkit.gtd.notefiles import Outcome, markdown_files, read_text, update_with_retry
from vaultkit.gtd.settings import GtdSettings
from vaultkit.safe_write import safe_join

LOG_HEADING = "## Log"
_TRAILING_AREA = re.compile(r"^(?P<text>.*?)\s*\((?P<area>[^()\[\]]+)\)\s*$", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ENTRY = re.compile(r"^\s*[-*+]\s+(?:\[.\]\s+)?(?:(?P<time>\d{1,2}:\d{2})\s+)?(?P<text>\S.*)$")
_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")


@dataclass
class LogEntry:
    """One entry of the daily log."""

    day: date
    time: str
    """``HH:MM`` as written, ``""`` when the entry has no time."""
    text: str
    """The entry after the time, as written (links included)."""
    path: str
    line: int
    links: list[str] = field(default_factory=list)
    """Targets (file names) of the wikilinks in the entry."""

    def mentions(self, name: str) -> bool:
        """True when the entry links to the note ``name`` or ends with ``(name)``."""
        key = name.casefold()
        if any(link.casefold() == key for link in self.links):
            return True
        match = _TRAILING_AREA.match(self.text)
        return bool(match and match.group("area").strip().casefold() == key)


def daily_note_path(settings: GtdSettings, day: date) -> str:
    """Vault path of the daily note for ``day`` (folder and moment.js format from Obsidian)."""
    name = format_date(day, settings.daily.format).strip("/")
    folder = settings.daily.folder
    return f"{folder}/{name}.md" if folder else f"{name}.md"


def add_log_entry(
    vault_root: Path | str,
    text: str,
    *,
    day: date | None = None,
    when: datetime | None = None,
    area: str | None = None,
) -> Outcome:
    """Append ``- HH:MM text`` under ``## Log`` in the daily note of ``day`` (default today).

    A trailing ``(Area)`` in ``text`` (or ``area``) naming an area note links
    the entry to it; an unknown area is a warning and the text is logged as
    written, never lost. The daily note is created from the daily template if
    missing. Safe with many writers at once (per-note lock, conflict retry).
    """
    settings = GtdSettings.load(vault_root)
    when = when or datetime.now()
    day = day or when.date()
    entry_text, warnings = _link_area(settings, " ".join(text.split()), area)
    if not entry_text:
        raise VaultError(
            'nothing to log: give the text, e.g. vaultkit log "Shipped the SLO dashboard"'
        )
    line = f"- {when:%H:%M} {entry_text}"
    rel = daily_note_path(settings, day)
    initial = new_daily_note_text(settings, day, when)
    update_with_retry(
        settings.root, rel, lambda old: append_to_section(old, LOG_HEADING, line), create=initial
    )
    return Outcome(path=rel, action="updated", kind="log entry", line=line, warnings=warnings)


def _link_area(settings: GtdSettings, text: str, area: str | None) -> tuple[str, list[str]]:
    """The entry text with its area as a link, and warnings for areas not found."""
    if area is None:
        match = _TRAILING_AREA.match(text)
        if not match:
            return text, []
        body, name = match.group("text"), match.group("area").strip()
    else:
        body, name = text, area.strip()
    found = find_area(settings, name)
    if found is None:
        folder = settings.folders.areas
        hint = f'vaultkit area create "{name}"'
        warning = (
            f"no area note named {name!r} in {folder}/; logged as written (create it with: {hint})"
        )
        return (text if area is None else f"{text} ({name})").strip(), [warning]
    link = area_link(settings, found)
    return (f"{body} ({link})" if body else link), []


def new_daily_note_text(settings: GtdSettings, day: date, when: datetime) -> str:
    """A new daily note: Obsidian's daily template when set, else vaultkit's."""
    from vaultkit.generate.render import render_obsidian_template

    title = format_date(day, settings.daily.format).rsplit("/", 1)[-1]
    moment = datetime.combine(day, when.time())
    template = settings.daily.template
    if template:
        # the template path comes from a settings file: it must not lead out of the vault
        path = safe_join(settings.root, template if template.endswith(".md") else f"{template}.md")
        if path.is_file():
            return render_obsidian_template(read_text(path), title, moment, settings.daily.format)
    from vaultkit.generate import render_note

    variables = {"date": day.isoformat()}
    return render_note(
        "daily", title, variables, settings.root, folder=settings.daily.folder, now=moment
    ).text


def append_to_section(text: str, heading: str, line: str) -> str:
    """``text`` with ``line`` added at the end of the ``heading`` section.

    The section ends at the next heading of the same or a higher level; the
    line goes after its last non-blank line. A note without the heading gets
    it appended at the end.
    """
    lines = text.split("\n")
    level, title = len(heading) - len(heading.lstrip("#")), heading.lstrip("#").strip().casefold()
    start = _find_heading(lines, level, title)
    if start is None:
        base = text.rstrip("\n")
        return f"{base}\n\n{heading}\n{line}\n" if base else f"{heading}\n{line}\n"
    end = start + 1
    while end < len(lines) and not _ends_section(lines[end], level):
        end += 1
    insert = end
    while insert > start + 1 and not lines[insert - 1].strip():
        insert -= 1
    lines.insert(insert, line)
    if insert + 1 < len(lines) and _HEADING.match(lines[insert + 1]):
        lines.insert(insert + 1, "")  # keep a blank line before the next heading
    return "\n".join(lines)


def _find_heading(lines: list[str], level: int, title: str) -> int | None:
    for number, text in enumerate(lines):
        match = _HEADING.match(text)
        if match and len(match.group(1)) == level and match.group(2).casefold() == title:
            return number
    return None


def _ends_section(line: str, level: int) -> bool:
    match = _HEADING.match(line)
    return bool(match and len(match.group(1)) <= level)


def read_log(
    vault_root: Path | str | GtdSettings,
    since: date | None = None,
    until: date | None = None,
) -> list[LogEntry]:
    """Every entry under ``## Log`` in the daily notes dated ``since``..``until`` (inclusive)."""
    settings = vault_root if isinstance(vault_root, GtdSettings) else GtdSettings.load(vault_root)
    entries: list[LogEntry] = []
    folder = settings.daily.folder
    for rel in markdown_files(settings.root, folder):
        name = rel[len(folder) + 1 : -3] if folder else rel[:-3]
        day = parse_date(name, settings.daily.format)
        if day is None or (since and day < since) or (until and day > until):
            continue
        entries.extend(log_entries(read_text(settings.root / rel), day, rel))
    return sorted(entries, key=lambda e: (e.day, e.time.zfill(5)))  # "9:05" before "10:00"


def log_entries(text: str, day: date, path: str = "") -> list[LogEntry]:
    """The list items of a note's ``## Log`` section."""
    lines = text.split("\n")
    start = _find_heading(lines, 2, "log")
    if start is None:
        return []
    entries = []
    for number in range(start + 1, len(lines)):
        if _ends_section(lines[number], 2):
            break
        match = _ENTRY.match(lines[number])
        if match:
            body = match.group("text")
            links = [m.group(1).strip() for m in _WIKILINK.finditer(body)]
            entries.append(LogEntry(day, match.group("time") or "", body, path, number + 1, links))
    return entries
