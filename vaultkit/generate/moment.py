"""Format dates with moment.js format strings, as Obsidian's settings write them.

Obsidian's daily notes and templates plugins store formats like
``YYYY-MM-DD`` or ``dddd, MMMM Do YYYY``; Python's strftime knows other codes.
Only the tokens people use in note names and templates are supported; any
other letter is copied as is, and ``[text]`` is literal text, as in moment.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_MONTHS = "January February March April May June July August September October November December"
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_TOKEN = re.compile(
    r"\[[^\]]*\]|YYYY|YY|Qo|Q|MMMM|MMM|MM|Mo|M|DDDD|DDD|DD|Do|D|dddd|ddd|dd|d|"
    r"GGGG|gggg|WW|W|ww|w|HH|H|hh|h|mm|m|ss|s|A|a|X|x"
)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _token(tok: str, dt: datetime) -> str:
    month, day = _MONTHS.split()[dt.month - 1], _DAYS.split()[dt.weekday()]
    hour12 = dt.hour % 12 or 12
    iso_year, iso_week, _ = dt.isocalendar()
    table = {
        "YYYY": f"{dt.year:04d}", "YY": f"{dt.year % 100:02d}",
        "Q": str((dt.month - 1) // 3 + 1), "Qo": _ordinal((dt.month - 1) // 3 + 1),
        "MMMM": month, "MMM": month[:3], "MM": f"{dt.month:02d}", "M": str(dt.month),
        "Mo": _ordinal(dt.month),
        "DDDD": f"{dt.timetuple().tm_yday:03d}", "DDD": str(dt.timetuple().tm_yday),
        "DD": f"{dt.day:02d}", "D": str(dt.day), "Do": _ordinal(dt.day),
        "dddd": day, "ddd": day[:3], "dd": day[:2], "d": str((dt.weekday() + 1) % 7),
        "GGGG": f"{iso_year:04d}", "gggg": f"{iso_year:04d}",
        "WW": f"{iso_week:02d}", "W": str(iso_week), "ww": f"{iso_week:02d}", "w": str(iso_week),
        "HH": f"{dt.hour:02d}", "H": str(dt.hour), "hh": f"{hour12:02d}", "h": str(hour12),
        "mm": f"{dt.minute:02d}", "m": str(dt.minute),
        "ss": f"{dt.second:02d}", "s": str(dt.second),
        "A": "AM" if dt.hour < 12 else "PM", "a": "am" if dt.hour < 12 else "pm",
        "X": str(int(dt.timestamp())), "x": str(int(dt.timestamp() * 1000)),
    }  # fmt: skip
    return table[tok]


def format_moment(when: date | datetime, fmt: str) -> str:
    """``when`` formatted with a moment.js format string (``YYYY-MM-DD``...)."""
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day)
    out = []
    pos = 0
    for match in _TOKEN.finditer(fmt):
        out.append(fmt[pos : match.start()])
        tok = match.group()
        out.append(tok[1:-1] if tok.startswith("[") else _token(tok, when))
        pos = match.end()
    out.append(fmt[pos:])
    return "".join(out)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's end (Jan 31 + 1 -> Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
