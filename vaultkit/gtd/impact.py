"""The impact report: log entries counted by the guide's metric categories.

``vaultkit report impact`` reads the daily log, puts each entry in every
category whose words or tags it contains (an entry can count for mentoring
and writing at once), counts them per month or quarter, and writes a table
and a Mermaid pie chart into the "Senior SRE Impact Metrics" note, between
``%% vaultkit:begin impact %%`` markers, keeping the rest of the note.

Categories are configurable in ``.vaultkit.toml``::

    [impact]
    note = "Senior SRE Impact Metrics"
    categories = { Mentoring = ["mentor*", "coach*"], Speaking = ["talk", "#speaking"] }

A word ending in ``*`` matches any word starting with it; ``#tag`` matches
the tag (and its nested tags); words match whole words, ignoring case.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vaultkit.errors import VaultError
from vaultkit.gtd.areas import area_title, find_area
from vaultkit.gtd.daily_log import LogEntry, read_log
from vaultkit.gtd.markers import replace_section
from vaultkit.gtd.notefiles import Outcome, find_note, stem, update_with_retry
from vaultkit.gtd.settings import GtdSettings

SECTION = "impact"
DEFAULT_NOTE = "Senior SRE Impact Metrics"
# The guide's "What to Track" metrics, with the words people log them with.
DEFAULT_CATEGORIES: dict[str, list[str]] = {
    "Mentoring": ["mentor*", "coach*", "#mentoring"],
    "Teaching": ["workshop*", "training", "taught", "teach*", "brown bag*", "onboard*", "#teaching"],
    "Speaking": ["talk*", "speak*", "spoke", "conference*", "keynote*", "meetup*", "srecon",
                 "kubecon", "#speaking"],
    "Writing": ["article*", "blog*", "publish*", "wrote", "writ*", "paper*", "#writing"],
    "Open source": ["open source", "open-source", "oss", "upstream", "maintainer*", "#opensource"],
    "Standards": ["standard*", "best practice*", "guideline*", "#standards"],
    "Architecture decisions": ["architect*", "design*", "adr", "adrs", "#architecture"],
    "Cost savings": ["cost*", "saving*", "saved", "budget*", "#cost"],
    "Reliability & incidents": ["incident*", "outage*", "post-mortem*", "postmortem*", "slo",
                                "slos", "reliability", "chaos", "#reliability"],
    "Platforms & tooling": ["platform*", "tooling", "tool", "tools", "automat*", "#platform"],
    "Leadership & strategy": ["led", "lead*", "strateg*", "cto", "executive*", "leadership",
                              "org-wide", "organization-wide", "cross-functional", "#leadership"],
    "Hiring": ["hiring", "hired", "interview*", "#hiring"],
}  # fmt: skip
PERIODS = ("month", "quarter", "year")


@dataclass
class ImpactReport:
    """Counts of log entries per category and period; ``to_dict`` is the JSON contract."""

    by: str
    periods: list[str]
    categories: list[str]
    counts: dict[str, dict[str, int]]
    """category -> period -> entries."""
    entries: int
    uncategorised: int
    area: str | None = None
    since: date | None = None
    until: date | None = None
    per_period: dict[str, int] = field(default_factory=dict)
    """period -> all entries (each counted once)."""

    def total(self, category: str) -> int:
        return sum(self.counts[category].values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "area": self.area,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "periods": self.periods,
            "entries": self.entries,
            "uncategorised": self.uncategorised,
            "per_period": self.per_period,
            "categories": {c: {"total": self.total(c), **self.counts[c]} for c in self.categories},
        }


def period_of(day: date, by: str) -> str:
    """``2026-03`` (month), ``2026-Q1`` (quarter) or ``2026`` (year)."""
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}" if by == "year" else f"{day.year}-{day.month:02d}"


def compile_categories(config: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """One regex per category from ``[impact] categories`` (or the defaults)."""
    raw = config.get("categories", DEFAULT_CATEGORIES)
    where = config.get("_path")
    if not isinstance(raw, dict) or not raw:
        raise VaultError("[impact] categories must be a table of name = [words]", path=where)
    compiled = {}
    for name, words in raw.items():
        if isinstance(words, str):
            words = [words]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise VaultError(f"[impact] categories.{name} must be a list of words", path=where)
        compiled[str(name)] = re.compile("|".join(_word_regex(w) for w in words), re.IGNORECASE)
    return compiled


def _word_regex(word: str) -> str:
    word = word.strip()
    if word.startswith("#"):
        return rf"(?<![\w/])#{re.escape(word[1:])}(?![\w-])"
    prefix = word.endswith("*")
    body = r"\s+".join(re.escape(part) for part in word.rstrip("*").split())
    return rf"(?<![\w#]){body}" + (r"[\w-]*" if prefix else r"(?![\w-])")


def _plain(text: str) -> str:
    """Entry text with wikilinks reduced to what they show."""
    return re.sub(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", lambda m: m.group(2) or m.group(1), text)


def impact_report(
    vault_root: Path | str,
    *,
    area: str | None = None,
    since: date | None = None,
    until: date | None = None,
    by: str = "month",
) -> ImpactReport:
    """Count the daily-log entries (of ``area`` if given) by category and period."""
    if by not in PERIODS:
        raise VaultError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    if since and until and since > until:
        raise VaultError(f"--since {since} is after --until {until}")
    settings = GtdSettings.load(vault_root)
    categories = compile_categories(settings.section("impact") | _path(settings))
    entries = read_log(settings, since, until)
    if area:
        entries = [e for e in entries if any(e.mentions(n) for n in _area_names(settings, area))]
    return _count(entries, categories, by, area, since, until)


def _path(settings: GtdSettings) -> dict[str, Any]:
    return {"_path": settings.config["_path"]} if "_path" in settings.config else {}


def _area_names(settings: GtdSettings, area: str) -> set[str]:
    found = find_area(settings, area)
    return {area} if found is None else {area, stem(found), area_title(settings, found)}


def _count(
    entries: list[LogEntry],
    categories: dict[str, re.Pattern[str]],
    by: str,
    area: str | None,
    since: date | None,
    until: date | None,
) -> ImpactReport:
    periods = sorted({period_of(e.day, by) for e in entries})
    counts = {name: dict.fromkeys(periods, 0) for name in categories}
    per_period = dict.fromkeys(periods, 0)
    uncategorised = 0
    for entry in entries:
        period, text = period_of(entry.day, by), _plain(entry.text)
        per_period[period] += 1
        matched = [name for name, pattern in categories.items() if pattern.search(text)]
        for name in matched:
            counts[name][period] += 1
        uncategorised += not matched
    return ImpactReport(
        by, periods, list(categories), counts, len(entries), uncategorised, area, since, until,
        per_period,
    )  # fmt: skip


def format_impact(report: ImpactReport) -> str:
    """The report as Markdown: a table (categories x periods) and a Mermaid pie chart."""
    scope = [f"area {report.area}"] if report.area else []
    if report.since or report.until:
        scope.append(f"{report.since or 'start'} to {report.until or 'today'}")
    heading = f"Log entries by category and {report.by}" + (
        f" ({', '.join(scope)})" if scope else ""
    )
    if not report.entries:
        return f"{heading}: no log entries found.\n"
    cols = report.periods
    lines = [heading, "", "| Category | " + " | ".join(cols) + " | Total |"]
    lines.append("|---|" + "---:|" * (len(cols) + 1))
    for name in report.categories:
        row = [str(report.counts[name][p]) for p in cols]
        lines.append(f"| {name} | " + " | ".join(row) + f" | {report.total(name)} |")
    all_row = [str(report.per_period[p]) for p in cols]
    lines.append("| **All entries** | " + " | ".join(all_row) + f" | {report.entries} |")
    lines += ["", f"Uncategorised entries: {report.uncategorised}", ""]
    return "\n".join(lines + _pie(report)) + "\n"


def _pie(report: ImpactReport) -> list[str]:
    slices = [(name, report.total(name)) for name in report.categories if report.total(name)]
    if not slices:
        return []
    lines = ["```mermaid", "pie showData", "    title Log entries by category"]
    lines += [f'    "{name.replace(chr(34), "")}" : {count}' for name, count in slices]
    return lines + ["```"]


def write_impact(vault_root: Path | str, report: ImpactReport) -> Outcome:
    """Write the report into the impact note (``[impact] note``), creating the note if missing.

    Only the part between the impact markers changes; the rest of the note
    is the user's and is kept.
    """
    from vaultkit.generate import render_note
    from vaultkit.generate.notes import write_note

    settings = GtdSettings.load(vault_root)
    title = str(settings.section("impact").get("note") or DEFAULT_NOTE)
    body = format_impact(report)
    heading = "## Impact report"
    rel = find_note(settings.root, settings.folders.resources, title) or find_note(
        settings.root, "", title
    )
    if rel is None:
        folder = settings.folders.resources
        note = render_note("resource", title, None, settings.root, folder=folder)
        text = replace_section(note.text, SECTION, body, heading=heading)
        result = write_note(settings.root, dataclasses.replace(note, text=text))
        return Outcome(path=result.path, action="created", title=title, kind="impact report")
    changed = update_with_retry(
        settings.root, rel, lambda t: replace_section(t, SECTION, body, heading=heading)
    )
    return Outcome(
        path=rel, action="updated" if changed else "unchanged", title=title, kind="impact report"
    )
