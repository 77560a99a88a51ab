"""The private iCalendar feeds: no health details in any event, ever.

A client's feed holds homework and check-in due days ("Something waiting in Selfkind") and sessions
("Session"); a therapist's feed holds upcoming sessions naming clients by initials only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from selfkind.accounts.models import Appointment, User
from selfkind.care.models import Homework
from selfkind.measures import schedule as sched
from selfkind.measures.models import MeasureSchedule

WAITING = "Something waiting in Selfkind"
SESSION = "Session"
HORIZON = timedelta(days=62)
PAST = timedelta(days=14)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Selfkind//Reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")
    return cal


def _event(uid: str, summary: str, start: date | datetime, end: date | datetime, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@selfkind")
    event.add("dtstamp", now)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("url", settings.SITE_URL + "/")
    return event


def client_feed(client: User, *, now: datetime | None = None) -> bytes:
    """Return the client's calendar: due days and sessions, in neutral words only."""
    now = now or timezone.now()
    today = timezone.localtime(now, client.tzinfo).date()
    cal = _calendar("Selfkind")
    sessions = list(
        Appointment.objects.filter(
            client=client, status=Appointment.Status.SCHEDULED, starts_at__gte=now - PAST, starts_at__lt=now + HORIZON
        )
    )
    for a in sessions:
        cal.add_component(_event(f"session-{a.pk}", SESSION, a.starts_at, a.ends_at, now))
    due_days: set[date] = set()
    session_days = [timezone.localtime(a.starts_at, client.tzinfo).date() for a in sessions]
    for s in MeasureSchedule.objects.filter(client=client, active=True):
        due_days.update(
            d
            for d in sched.due_days(
                s.frequency, starts_on=s.starts_on, ends_on=s.ends_on, until=today + HORIZON, session_days=session_days
            )
            if d >= today - PAST
        )
    for h in Homework.objects.filter(client=client, active=True).exclude(kind=Homework.Kind.MEASURE):
        if h.frequency == Homework.Frequency.ONCE:
            due_days.add(h.ends_on or h.starts_on)
        elif h.ends_on:
            due_days.add(h.ends_on)
    for day in sorted(due_days):
        cal.add_component(_event(f"due-{client.pk}-{day.isoformat()}", WAITING, day, day + timedelta(days=1), now))
    return cal.to_ical()


def therapist_feed(therapist: User, *, now: datetime | None = None) -> bytes:
    """Return the therapist's upcoming sessions, each named "Session with" the client's initials."""
    now = now or timezone.now()
    cal = _calendar("Selfkind sessions")
    sessions = Appointment.objects.filter(
        therapist=therapist,
        status=Appointment.Status.SCHEDULED,
        starts_at__gte=now - PAST,
        starts_at__lt=now + HORIZON,
    ).select_related("client")
    for a in sessions:
        cal.add_component(_event(f"session-{a.pk}", f"{SESSION} with {a.client.initials}", a.starts_at, a.ends_at, now))
    return cal.to_ical()
