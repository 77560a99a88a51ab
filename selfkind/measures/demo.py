"""Demo scores: twelve weeks per client following the trajectories of contracts.md.

Answers are generated to hit a target total on each instrument, then scored by the real engine
through the real services, so the demo's numbers obey the same rules as a client's.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.measures import services
from selfkind.measures.instruments import registry
from selfkind.measures.models import Administration, MeasureSchedule
from selfkind.safety.models import Alert

WEEKS = 12
# Severity on a 0–1 scale per week (1 = worst), by trajectory.
TRAJECTORIES = {
    "improving": [0.72 - 0.045 * w for w in range(WEEKS)],
    "plateau": [0.66 - 0.05 * min(w, 5) for w in range(WEEKS)],
    "deteriorating": [0.40 + 0.035 * w for w in range(WEEKS)],
    "varied": [0.5 + (0.12 if w % 3 == 0 else -0.08 if w % 3 == 1 else 0.02) for w in range(WEEKS)],
}
EVERY = {"phq9": 1, "gad7": 1, "who5": 2, "scs_sf": 2}


def _answers(key: str, severity: float, rng: random.Random) -> list[int]:
    """Return answers whose score sits near the severity (0 best … 1 worst), with a little noise."""
    instrument = registry.get(key)
    low, high = instrument.min_value, max(instrument.values)
    reverse = set(instrument.scoring.reverse_items)
    answers = []
    for item in instrument.items:
        badness = min(max(severity + rng.uniform(-0.15, 0.15), 0.0), 1.0)
        # "Bad" is high on PHQ/GAD, low on WHO-5, and low on SCS-SF's positive items.
        bad_is_high = not instrument.higher_is_better
        if item.number in reverse:
            bad_is_high = not bad_is_high
        value = low + badness * (high - low) if bad_is_high else high - badness * (high - low)
        answers.append(int(round(value)))
    return answers


def build(client: User, trajectory: str, rng: random.Random) -> None:
    """Add twelve weeks of measures and their schedules (idempotent)."""
    if Administration.objects.filter(client=client).exists():
        return
    now = timezone.now()
    start = now - timedelta(weeks=WEEKS, days=1)
    curve = TRAJECTORIES[trajectory]
    for key, every in EVERY.items():
        MeasureSchedule.objects.create(
            client=client,
            instrument=key,
            frequency="weekly" if every == 1 else "fortnightly",
            starts_on=start.date(),
        )
    for week in range(WEEKS):
        for key, every in EVERY.items():
            if week % every:
                continue
            if trajectory == "plateau" and week == WEEKS - 1 and key == "gad7":
                continue  # one measure left undone: it shows as due/overdue
            answers = _answers(key, curve[week], rng)
            if key == "phq9":
                answers[8] = 1 if (trajectory == "deteriorating" and week == 6) else 0  # item 9: week 7
            when = start + timedelta(weeks=week, hours=rng.randrange(8, 20))
            adm = services.start(client=client, key=key)
            adm.answers = {str(i + 1): v for i, v in enumerate(answers)}
            adm.save(update_fields=["answers"])
            outcome = services.check_risk(administration=adm)
            services.submit(administration=adm, client=client)
            Administration.objects.filter(pk=adm.pk).update(started_at=when, updated_at=when, submitted_at=when)
            if outcome.alert is not None:
                Alert.objects.filter(pk=outcome.alert.pk).update(created_at=when)
