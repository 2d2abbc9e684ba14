"""Article dates as users write them: YYYY-MM-DD, YYYY-MM, an ISO date-time, or D.M.YYYY.

    parse_date("2020-01")             -> (date(2020, 1, 1), "month")
    parse_any_date("08.01.2020")      -> (date(2020, 1, 8), "day")
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DATE_VALUE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?$")
DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]")


def parse_date(value: str) -> tuple[date | None, str | None]:
    """``"2020-01"`` -> (2020-01-01, "month"); ``"2020-01-08"`` -> (that day, "day"); else (None, None)."""
    match = DATE_VALUE.match(value.strip())
    if not match:
        return None, None
    year, month, day = match["year"], match["month"], match["day"]
    try:
        return date(int(year), int(month), int(day or 1)), ("day" if day else "month")
    except ValueError:
        return None, None


def parse_any_date(value) -> tuple[date | None, str | None]:
    """YYYY-MM-DD, YYYY-MM, an ISO date-time, or D.M.YYYY (also with - or /); else (None, None)."""
    if not isinstance(value, str):
        return None, None
    value = value.strip()
    if match := ISO_DATETIME.match(value):
        value = match[1]
    if match := DAY_FIRST.match(value):
        value = f"{match[3]}-{match[2]}-{match[1]}"
    return parse_date(value)


EARLIEST_PLAUSIBLE = date(1800, 1, 1)


def implausible(day: date, today: date | None = None) -> str | None:
    """Why an article's date is unlikely ("before 1800", "in the future"), or None. A day's slack for time zones."""
    today = today or date.today()
    if day < EARLIEST_PLAUSIBLE:
        return "before 1800"
    if day > today + timedelta(days=1):
        return "in the future"
    return None
