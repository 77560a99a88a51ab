"""Demo practice history: weeks of sessions with before-and-after ratings that differ by practice."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.practices.content import library
from selfkind.practices.models import PracticeSession

# Per practice: typical fall in distress and rise in self-kindness (a story for "what helps me").
EFFECTS = {
    "paced-breathing": (3, 1),
    "self-compassion-break": (2, 3),
    "body-scan": (2, 1),
    "loving-kindness": (1, 3),
    "mindful-breathing": (2, 1),
    "progressive-muscle-relaxation": (3, 1),
}
NOTES = ["", "", "", "Felt restless at first, then settled.", "Hard to focus today.", "Calmer afterwards."]


def build(client: User, trajectory: str, rng: random.Random, *, weeks: int = 10) -> None:
    """Add weeks of practice sessions (idempotent)."""
    if PracticeSession.objects.filter(client=client).exists():
        return
    practices = library()
    favourites = [slug for slug in EFFECTS if slug in practices]
    if not favourites:
        return
    per_week = {"improving": 4, "plateau": 3, "deteriorating": 1, "varied": 2}[trajectory]
    now = timezone.now()
    sessions = []
    for week in range(weeks):
        for _ in range(max(0, per_week + rng.choice([-1, 0, 0, 1]))):
            slug = rng.choice(favourites)
            practice = practices[slug]
            variant = practice.variants[0]
            started = now - timedelta(weeks=weeks - week, days=rng.randrange(0, 7), hours=rng.randrange(7, 21))
            fall, rise = EFFECTS[slug]
            before_d = rng.randint(4, 8)
            before_k = rng.randint(2, 5)
            sessions.append(
                PracticeSession(
                    client=client,
                    practice=slug,
                    variant=variant.key,
                    started_at=started,
                    completed_at=started + timedelta(seconds=variant.seconds + rng.randrange(0, 60)),
                    duration_seconds=variant.seconds + rng.randrange(-20, 40),
                    distress_before=before_d,
                    distress_after=max(0, before_d - fall + rng.choice([-1, 0, 1])),
                    kindness_before=before_k,
                    kindness_after=min(10, before_k + rise + rng.choice([-1, 0, 1])),
                    note=rng.choice(NOTES),
                )
            )
    PracticeSession.objects.bulk_create(sessions)
