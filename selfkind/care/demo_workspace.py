"""Demo workspace: homework with varied adherence, notes for past sessions, and an acknowledged alert."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import Appointment, User
from selfkind.care.models import Homework, SessionNote
from selfkind.safety.models import Alert

NOTES = [
    (
        "Reviewed the week's thought records; the critic is loudest after work meetings.",
        "Engaged; beginning to notice the critic's voice rather than merge with it.",
        "Continue paced breathing daily; two thought records this week.",
    ),
    (
        "Discussed a difficult visit to family and the shame that followed.",
        "Shame high but more able to name it; PHQ-9 trend encouraging.",
        "Self-compassion break when shame rises; read the lesson on the inner critic.",
    ),
    (
        "Talked through the week's practices and what helped most.",
        "Practice adherence improving; kinder language in the records.",
        "Keep the daily practice; try the compassionate letter before next session.",
    ),
]


def build(client: User, therapist: User, trajectory: str, rng: random.Random) -> None:
    """Add homework, session notes and (for the deteriorating client) one acknowledged alert (idempotent)."""
    if Homework.objects.filter(client=client).exists():
        return
    today = timezone.localtime(timezone.now(), client.tzinfo).date()
    Homework.objects.create(
        therapist=therapist,
        client=client,
        kind="practice",
        target="paced-breathing",
        frequency="daily",
        starts_on=today - timedelta(days=20),
        note="A few minutes before bed is plenty.",
    )
    Homework.objects.create(
        therapist=therapist,
        client=client,
        kind="thought_record",
        frequency="weekly_n",
        per_week=2,
        starts_on=today - timedelta(days=20),
    )
    Homework.objects.create(
        therapist=therapist,
        client=client,
        kind="lesson",
        target="the-inner-critic",
        frequency="once",
        starts_on=today - timedelta(days=10),
    )
    past = Appointment.objects.filter(client=client, therapist=therapist, status="completed").order_by("-starts_at")[:3]
    for appointment, (data, assessment, plan) in zip(past, NOTES, strict=False):
        note = SessionNote(
            therapist=therapist,
            client=client,
            appointment=appointment,
            session_date=timezone.localtime(appointment.starts_at, therapist.tzinfo).date(),
            format="dap",
        )
        note.sections = {"data": data, "assessment": assessment, "plan": plan}
        note.save()
    if trajectory == "deteriorating":
        earliest = Alert.objects.filter(client=client).order_by("created_at").first()
        if earliest is not None:
            earliest.acknowledged_at = earliest.created_at + timedelta(hours=2)
            earliest.acknowledged_by = therapist
            earliest.acknowledgement_note = "Phoned; agreed a safety plan and an earlier session."
            earliest.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])
