"""Demo workspace: homework with varied adherence, notes for past sessions, and an acknowledged alert."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import Appointment, User
from selfkind.care.models import Homework, SessionNote
from selfkind.practices.content import library
from selfkind.practices.models import PracticeSession
from selfkind.safety.models import Alert

# How often each kind of client does the daily practice they were set (share of days): adherence that
# differs by trajectory, on every day the demo is built.
DAILY_PRACTICE_SHARE = {"improving": 0.8, "plateau": 0.6, "varied": 0.5, "deteriorating": 0.2}

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
    _do_daily_practice(client, "paced-breathing", days=20, share=DAILY_PRACTICE_SHARE.get(trajectory, 0.5), rng=rng)
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


def _do_daily_practice(client: User, slug: str, *, days: int, share: float, rng: random.Random) -> None:
    """Record the set practice on about `share` of the last `days` days, in the evening, client's time."""
    practice = library().get(slug)
    if practice is None:
        return
    variant = practice.variants[0]
    now = timezone.localtime(timezone.now(), client.tzinfo)
    sessions = []
    for back in range(days, 0, -1):
        if rng.random() >= share:
            continue
        started = (now - timedelta(days=back)).replace(hour=rng.randrange(19, 22), minute=rng.randrange(0, 60))
        before = rng.randint(4, 7)
        sessions.append(
            PracticeSession(
                client=client,
                practice=slug,
                variant=variant.key,
                started_at=started,
                completed_at=started + timedelta(seconds=variant.seconds),
                duration_seconds=variant.seconds,
                distress_before=before,
                distress_after=max(0, before - rng.randint(1, 3)),
                kindness_before=rng.randint(3, 5),
                kindness_after=rng.randint(5, 7),
            )
        )
    PracticeSession.objects.bulk_create(sessions)
