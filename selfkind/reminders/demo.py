"""Demo reminders: settings, two weeks of delivered reminders, and a calendar feed for each client."""

from __future__ import annotations

import random
from datetime import time, timedelta

from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.reminders import services
from selfkind.reminders.models import ALL_DAYS, Delivery, DeliveryAttempt, Kind, local_to_utc


def build(client: User, therapist: User, rng: random.Random) -> None:
    """Give a demo client reminder settings, a history of reminders and a live calendar feed (idempotent)."""
    evening = rng.choice(["18:30", "19:00", "20:00"])
    services.save_preferences(
        client=client,
        time_zone="",
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
        choices=[
            services.KindChoice(Kind.PRACTICE, True, [time.fromisoformat(evening)], list(ALL_DAYS)),
            services.KindChoice(Kind.THOUGHT_RECORD, rng.random() < 0.6, [time(20, 30)], [0, 1, 2, 3, 4]),
            services.KindChoice(Kind.MEASURE, True, [time(9, 0)], list(ALL_DAYS)),
            services.KindChoice(Kind.SESSION, True, [time(18, 0)], list(ALL_DAYS)),
        ],
    )
    services.switch_on_feed(owner=client)
    services.switch_on_feed(owner=therapist)
    now = timezone.now()
    zone = client.tzinfo
    today = timezone.localtime(now, zone).date()
    for back in range(14, 0, -1):
        day = today - timedelta(days=back)
        due = local_to_utc(day, time.fromisoformat(evening), zone)
        key = f"{client.pk}:practice:{day}:{evening}"
        skipped = rng.random() < 0.1
        row, created = Delivery.objects.get_or_create(
            key=key,
            defaults={
                "client": client,
                "kind": Kind.PRACTICE,
                "due_at": due,
                "next_attempt_at": due,
                "state": Delivery.State.SKIPPED if skipped else Delivery.State.SENT,
                "reason": "nothing_due" if skipped else "",
                "attempts": 1,
                "sent_at": None if skipped else due + timedelta(seconds=rng.randint(2, 40)),
                "created_at": due - timedelta(days=1),
            },
        )
        if created:
            DeliveryAttempt.objects.create(
                delivery=row,
                at=row.sent_at or due,
                worker="demo",
                outcome="skipped" if skipped else "sent",
                error=row.reason,
            )
