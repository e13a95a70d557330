"""Dates as the source prints them, and Moscow's offset on a given day."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

MOSCOW = ZoneInfo("Europe/Moscow")
MONTHS = (
    "January February March April May June July August September October "
    "November December"
).split()
DATE_SHAPE = re.compile(r"^([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})$")
TIME_SHAPE = re.compile(r"^(\d{1,2}):(\d{2})$")


class DateProblem(ValueError):
    """A line shaped like a date or time whose value is impossible."""


def looks_like_date(text: str) -> bool:
    return DATE_SHAPE.match(text) is not None


def looks_like_time(text: str) -> bool:
    return TIME_SHAPE.match(text) is not None


def parse_date(text: str) -> date:
    """'October 7, 2015' -> date(2015, 10, 7); DateProblem when impossible."""
    match = DATE_SHAPE.match(text)
    if match is None:
        raise DateProblem(f"'{text}' is not a date of the form 'October 7, 2015'")
    month_name, day, year = match.groups()
    if month_name not in MONTHS:
        raise DateProblem(f"unknown month '{month_name}' in date '{text}'")
    try:
        return date(int(year), MONTHS.index(month_name) + 1, int(day))
    except ValueError:
        raise DateProblem(f"impossible date '{text}'") from None


def parse_time(text: str) -> time:
    match = TIME_SHAPE.match(text)
    if match is None:
        raise DateProblem(f"'{text}' is not a time of the form '14:20'")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise DateProblem(f"impossible time '{text}'")
    return time(hour, minute)


def moscow_datetime(day: date, at: time | None) -> datetime:
    """The source prints Moscow local time; attach the offset in force then."""
    return datetime.combine(day, at or time(0, 0), tzinfo=MOSCOW)


def iso(moment: datetime) -> str:
    """'2015-10-07T14:20:00+03:00': seconds always, offset always."""
    return moment.isoformat(timespec="seconds")
