"""Homework adherence: how many of the expected times were done in a window. Pure date arithmetic.

Selfkind convention (documented for clinicians): a window counts whole days in the client's own
calendar, from the later of the window start and the assignment start, to the earlier of the window
end and the assignment end.
- once: expected 1 if the assignment started on or before the window's end; done if completed since it started.
- daily: expected one a day; a day counts once however many times it was done.
- n a week: expected n for every 7 days, pro rata, rounded down, at least 1; done counts every time.
- before each session: expected one per session in the window; done once per session (any completion
  since the previous session).
Done is capped at expected, so extra effort never shows as more than 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

ONCE, DAILY, WEEKLY_N, BEFORE_SESSION = "once", "daily", "weekly_n", "before_session"


@dataclass(frozen=True)
class Adherence:
    done: int
    expected: int

    @property
    def percent(self) -> int | None:
        return None if self.expected == 0 else round(100 * self.done / self.expected)


def adherence(
    frequency: str,
    *,
    per_week: int = 1,
    starts_on: date,
    ends_on: date | None,
    window_start: date,
    window_end: date,
    completed_on: Sequence[date],
    session_days: Sequence[date] = (),
) -> Adherence:
    """Return done and expected for one assignment over [window_start, window_end] (inclusive)."""
    first = max(starts_on, window_start)
    last = min(ends_on, window_end) if ends_on else window_end
    if last < first:
        return Adherence(0, 0)
    completions = sorted(d for d in completed_on if d >= starts_on)
    in_window = [d for d in completions if first <= d <= last]
    days = (last - first).days + 1
    if frequency == ONCE:
        if starts_on > window_end:
            return Adherence(0, 0)
        return Adherence(min(1, len(completions)), 1)
    if frequency == DAILY:
        return Adherence(min(len(set(in_window)), days), days)
    if frequency == WEEKLY_N:
        expected = max(1, per_week * days // 7)
        return Adherence(min(len(in_window), expected), expected)
    if frequency == BEFORE_SESSION:
        sessions = sorted(d for d in session_days if first <= d <= last)
        done = 0
        previous = starts_on - timedelta(days=1)
        for session in sessions:
            if any(previous < d <= session for d in completions):
                done += 1
            previous = session
        return Adherence(done, len(sessions))
    raise ValueError(f"unknown frequency {frequency!r}")


def overall(rows: Sequence[Adherence]) -> Adherence:
    """Return the sum of done over the sum of expected across assignments."""
    return Adherence(sum(r.done for r in rows), sum(r.expected for r in rows))
