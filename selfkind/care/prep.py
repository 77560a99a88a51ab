"""Session prep: everything the client shared since the last session, and what they flagged to talk about."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from selfkind.accounts.access import ClientAccess
from selfkind.accounts.models import Appointment
from selfkind.care import helps
from selfkind.journal.models import Reflection, ThoughtRecord
from selfkind.measures import selectors as measure_selectors
from selfkind.measures.instruments import registry
from selfkind.practices import services as practice_services
from selfkind.practices.lessons import course


def prepare(access: ClientAccess) -> dict[str, Any]:
    """Return the session-prep page's content for the consenting therapist (never private entries)."""
    client, therapist = access.client, access.viewer
    now = timezone.now()
    last = (
        Appointment.objects.filter(client=client, therapist=therapist, starts_at__lt=now, status="completed")
        .order_by("-starts_at")
        .first()
    )
    since: datetime = last.starts_at if last else now - timedelta(days=14)
    upcoming = (
        Appointment.objects.filter(client=client, therapist=therapist, starts_at__gte=now, status="scheduled")
        .order_by("starts_at")
        .first()
    )
    measures = []
    for key, points in measure_selectors.series_by_instrument(client).items():
        recent = [p for p in points if p.administration.submitted_at and p.administration.submitted_at >= since]
        if recent:
            before = [p for p in points if p not in recent]
            measures.append((registry.get(key), recent, before[-1] if before else None))
    practices = practice_services.practices_for(client)
    sessions = client.practice_sessions.filter(completed_at__gte=since)
    lessons = course()
    return {
        "client": client,
        "since": since,
        "last_session": last,
        "next_session": upcoming,
        "measures": measures,
        "practice_rows": [r for r in helps.effects(client, practices) if sessions.filter(practice=r.slug).exists()],
        "records": ThoughtRecord.objects.filter(client=client, private=False, updated_at__gte=since),
        "flagged": ThoughtRecord.objects.filter(client=client, private=False, flagged_for_session=True),
        "reflections": [
            (r, lessons.get(r.lesson))
            for r in Reflection.objects.filter(client=client, private=False, updated_at__gte=since)
        ],
    }
