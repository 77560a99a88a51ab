"""When a scheduled measure is due: pure date arithmetic over the client's own calendar days.

An occurrence is due on its day and stays "due" for the clinic's grace days, then is "overdue"
until the next occurrence starts. Any submission from the occurrence's day until the next
occurrence's day completes it. Dates are the client's local dates; callers convert.
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"
MONTHLY = "monthly"
BEFORE_SESSION = "before_session"
FREQUENCIES = (WEEKLY, FORTNIGHTLY, MONTHLY, BEFORE_SESSION)


@dataclass(frozen=True)
class Occurrence:
    due_on: date
    until: date  # the next occurrence's day (exclusive end of this one's window)
    status: str  # upcoming | due | overdue | done | missed


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_days(
    frequency: str, *, starts_on: date, ends_on: date | None, until: date, session_days: Sequence[date] = ()
) -> list[date]:
    """Return the due days from starts_on up to `until` (inclusive), stopping at ends_on."""
    last = min(until, ends_on) if ends_on else until
    if frequency == BEFORE_SESSION:
        # Due the day before each session, so the answers are there for the session itself.
        return sorted({d - timedelta(days=1) for d in session_days if starts_on <= d - timedelta(days=1) <= last})
    days: list[date] = []
    n = 0
    while True:
        if frequency == MONTHLY:
            day = _add_months(starts_on, n)
        else:
            day = starts_on + timedelta(weeks=n * (2 if frequency == FORTNIGHTLY else 1))
        if day > last:
            return days
        days.append(day)
        n += 1


def _days_to_horizon(
    frequency: str, starts_on: date, ends_on: date | None, today: date, session_days: Sequence[date], horizon_days: int
) -> list[date]:
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    return due_days(
        frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        until=today + timedelta(days=horizon_days),
        session_days=session_days,
    )


def occurrences(
    frequency: str,
    *,
    starts_on: date,
    ends_on: date | None,
    today: date,
    submitted_on: Iterable[date],
    grace_days: int,
    session_days: Sequence[date] = (),
    horizon_days: int = 62,
) -> list[Occurrence]:
    """Return every occurrence up to `horizon_days` ahead with its status on `today`."""
    days = _days_to_horizon(frequency, starts_on, ends_on, today, session_days, horizon_days)
    submissions = sorted(submitted_on)
    result = []
    for i, due in enumerate(days):
        end = days[i + 1] if i + 1 < len(days) else date.max
        first = bisect.bisect_left(submissions, due)  # the first submission on or after the due day
        done = first < len(submissions) and submissions[first] < end
        if done:
            status = "done"
        elif today < due:
            status = "upcoming"
        elif today <= due + timedelta(days=grace_days):
            status = "due"
        elif today < end:
            status = "overdue"
        else:
            status = "missed"
        result.append(Occurrence(due_on=due, until=end, status=status))
    return result


def current(occs: Sequence[Occurrence]) -> Occurrence | None:
    """Return the occurrence that needs doing now (due or overdue), if any."""
    for occ in occs:
        if occ.status in ("due", "overdue"):
            return occ
    return None


def current_occurrence(
    frequency: str,
    *,
    starts_on: date,
    ends_on: date | None,
    today: date,
    submitted_on: Iterable[date],
    grace_days: int,
    session_days: Sequence[date] = (),
    horizon_days: int = 62,
) -> Occurrence | None:
    """Return `current(occurrences(...))` without building the occurrences that cannot be current.

    A caseload asks this of every schedule of every client on the page; most of a schedule's occurrences are
    past (done or missed) or upcoming, and need neither a search of the submissions nor an object.
    """
    days = _days_to_horizon(frequency, starts_on, ends_on, today, session_days, horizon_days)
    submissions: list[date] | None = None
    for i, due in enumerate(days):
        if today < due:
            return None  # upcoming, and every later one too
        end = days[i + 1] if i + 1 < len(days) else date.max
        in_grace = today <= due + timedelta(days=grace_days)
        if not in_grace and today >= end:
            continue  # missed or done: not current either way
        if submissions is None:
            submissions = sorted(submitted_on)
        first = bisect.bisect_left(submissions, due)
        if first < len(submissions) and submissions[first] < end:
            continue  # done
        return Occurrence(due_on=due, until=end, status="due" if in_grace else "overdue")
    return None
