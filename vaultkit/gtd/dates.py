"""Dates as Obsidian writes them: moment.js file-name formats and Tasks recurrence.

Daily notes are named with a moment.js format (``YYYY-MM-DD`` by default,
``YYYY/MM/YYYY-MM-DD`` makes folders). ``format_date`` writes a name (with
the generator's moment formatter) and ``parse_date`` reads one back, so the
log can be found again for reviews and reports. Recurring tasks use the Tasks plugin's ``every ...`` rules; a
recurring task without a due date never recurs, so ``first_due`` always
gives one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from vaultkit.errors import VaultError
from vaultkit.generate.moment import add_months, format_moment

_TOKEN = re.compile(
    r"\[[^\]]*\]|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DDDD|DDD|DD|D|dddd|ddd|dd|d|E|WW|W|ww|w|GGGG|gggg|."
)
_MONTHS = list(calendar.month_name)[1:]
_DAYS = list(calendar.day_name)  # Monday first, as date.weekday() counts


def format_date(d: date, fmt: str = "YYYY-MM-DD") -> str:
    """``d`` written with a moment.js format, e.g. ``format_date(d, "YYYY/MM/DD")``."""
    return format_moment(d, fmt)


# token -> (regex, group name or None); groups named once, repeats must agree
_PARSE = {
    "YYYY": (r"\d{4}", "year"),
    "YY": (r"\d{2}", "yy"),
    "MMMM": ("|".join(_MONTHS), "month_name"),
    "MMM": ("|".join(m[:3] for m in _MONTHS), "month_abbr"),
    "MM": (r"\d{2}", "month"),
    "M": (r"\d{1,2}", "month"),
    "Do": (r"\d{1,2}(?:st|nd|rd|th)", "day_ordinal"),
    "DD": (r"\d{2}", "day"),
    "D": (r"\d{1,2}", "day"),
}


def date_pattern(fmt: str) -> re.Pattern[str] | None:
    """A regex matching names written with ``fmt``, or None if they hold no full date."""
    parts, seen = [], set()
    for token in _TOKEN.findall(fmt):
        if token.startswith("["):
            parts.append(re.escape(token[1:-1]))
        elif token in _PARSE:
            regex, group = _PARSE[token]
            parts.append(f"(?P<{group}>{regex})" if group not in seen else f"(?:{regex})")
            seen.add(group)
        elif len(token) > 1 or token.isalpha():
            parts.append(r"[^/]+?")  # weekday names, week numbers: present but not needed
        else:
            parts.append(re.escape(token))
    has_year = {"year", "yy"} & seen
    has_month = {"month", "month_name", "month_abbr"} & seen
    has_day = {"day", "day_ordinal"} & seen
    if not (has_year and has_month and has_day):
        return None
    return re.compile("".join(parts) + r"$", re.IGNORECASE)


def parse_date(name: str, fmt: str = "YYYY-MM-DD") -> date | None:
    """The date a daily-note name (vault path under the daily folder, no ``.md``) stands for."""
    pattern = date_pattern(fmt)
    match = pattern.match(name) if pattern else None
    if not match:
        return None
    g = match.groupdict()
    year = int(g["year"]) if g.get("year") else 2000 + int(g["yy"])
    if g.get("month"):
        month = int(g["month"])
    else:
        names = [m.casefold() for m in _MONTHS]
        word = (g.get("month_name") or g.get("month_abbr") or "").casefold()
        month = next(i + 1 for i, m in enumerate(names) if m.startswith(word))
    day = int(g["day"]) if g.get("day") else int(g["day_ordinal"][:-2])
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    # A name must round-trip: "2025-1-5" is not a note written with YYYY-MM-DD.
    return d if format_date(d, fmt).casefold() == name.casefold() else None


def parse_iso_date(text: str, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` date from the command line, or a VaultError saying what is wrong."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise VaultError(f"invalid {what} {text!r}: use YYYY-MM-DD, e.g. 2025-03-31") from None


# --- Tasks plugin recurrence ------------------------------------------------

SHORTCUTS = {
    "daily": "every day",
    "weekdays": "every weekday",
    "weekly": "every week",
    "biweekly": "every 2 weeks",
    "fortnightly": "every 2 weeks",
    "monthly": "every month",
    "quarterly": "every 3 months",
    "yearly": "every year",
    "annually": "every year",
}
_UNIT = r"(?P<unit>day|week|month|year)s?"
_DAY_NAMES = "|".join(d.lower() for d in _DAYS)
_RULE = re.compile(
    rf"^every(?: (?P<n>\d+))? (?:{_UNIT}|(?P<weekday>weekday)|(?P<days>(?:{_DAY_NAMES})"
    rf"(?:(?:,| and|, and) (?:{_DAY_NAMES}))*))(?: on (?P<on>.+?))?(?P<done> when done)?$",
    re.IGNORECASE,
)


def recurrence_rule(spec: str) -> str:
    """The Tasks ``every ...`` rule for ``spec`` (``monthly`` -> ``every month``).

    Accepts the shortcuts daily, weekly, monthly, quarterly (every 3 months),
    yearly and the Tasks plugin's own phrases (``every 2 weeks on Friday``,
    ``every month on the 1st``, ``every weekday``, ``... when done``).
    """
    text = " ".join(spec.strip().split())
    rule = SHORTCUTS.get(text.casefold(), text)
    if not _RULE.match(rule):
        raise VaultError(
            f"unknown recurrence {spec!r}: use daily, weekly, monthly, quarterly, yearly "
            "or a Tasks phrase such as 'every 2 weeks' or 'every month on the 1st'"
        )
    return rule[0].lower() + rule[1:]


def _next_weekday(after: date, weekdays: set[int]) -> date:
    d = after + timedelta(days=1)
    while d.weekday() not in weekdays:
        d += timedelta(days=1)
    return d


def _weekdays_in(text: str) -> set[int]:
    words = re.findall(r"[a-z]+", text.lower())
    return {i for i, name in enumerate(_DAYS) if name.lower() in words}


def _month_day(on: str) -> int | None:
    """Day of month from ``the 1st`` / ``the 15th`` / ``the last``."""
    m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)?", on.strip().lower())
    if m:
        return int(m.group(1))
    return 31 if on.strip().lower() == "the last" else None


def first_due(rule: str, today: date) -> date:
    """When a new recurring task is first due: the rule's next occurrence after ``today``.

    ``every month`` -> a month from today; ``every week on Friday`` / ``every
    Friday`` -> next Friday; ``every month on the 1st`` -> the next 1st;
    phrases this does not model fall back to one interval from today.
    """
    m = _RULE.match(rule)
    if not m:
        raise VaultError(f"unknown recurrence {rule!r}")
    n = int(m.group("n") or 1)
    on = m.group("on") or ""
    if m.group("weekday"):
        return _next_weekday(today, {0, 1, 2, 3, 4})
    if m.group("days"):
        return _next_weekday(today, _weekdays_in(m.group("days")))
    unit = m.group("unit").lower()
    if unit == "week" and _weekdays_in(on):
        return _next_weekday(today, _weekdays_in(on))
    if unit == "month" and _month_day(on):
        return _next_month_day(today, _month_day(on) or 1)
    if unit == "day":
        return today + timedelta(days=n)
    if unit == "week":
        return today + timedelta(weeks=n)
    return add_months(today, n * (12 if unit == "year" else 1))


def _next_month_day(today: date, day: int) -> date:
    for step in range(2):
        month_start = add_months(today.replace(day=1), step)
        last = calendar.monthrange(month_start.year, month_start.month)[1]
        d = month_start.replace(day=min(day, last))
        if d > today:
            return d
    raise AssertionError("unreachable: a later month always has the day")  # pragma: no cover
