"""Demo notes: a few weeks of what clients jot down, one private, screened like real ones."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.journal.models import Note
from selfkind.journal.services import save_note
from selfkind.safety.models import Alert

NOTES = [
    "Rough morning. The critic was loud on the way to work: 'you always mess this up'. I tried the breathing.",
    "Had coffee with Sam. I noticed I apologised four times. Trying to be curious about that, not cross.",
    "Slept badly again. I'm tired and everything feels heavier, but I got the washing done.",
    "Work review went better than I feared. I keep waiting for the catch.",
    "Called my sister. It helped to hear she feels like this sometimes too.",
    "I snapped at my partner and then spent the evening telling myself I'm a terrible person. Writing it down helps.",
    "A small good thing: the walk by the river in the sun. I let myself enjoy it for five minutes.",
    "Anxious about Monday's meeting. Reminding myself that feeling anxious is not the same as failing.",
]
PRIVATE = "Something I'm not ready to talk about yet: I still think about what happened with Dad most nights."
# client3's deteriorating weeks: the kind of words that should reach her therapist.
RISK_NOTE = (
    "Week from hell. Lost the contract and couldn't face anyone. Lately I keep wishing I could just go to "
    "sleep and not wake up. I know that sounds dramatic. I'll talk about it on Thursday maybe."
)


def build(client: User, trajectory: str, rng: random.Random) -> None:
    """Add notes over the past weeks (idempotent: nothing is added twice)."""
    if Note.objects.filter(client=client).exists():
        return
    now = timezone.now()
    picks = rng.sample(NOTES, k=5)
    entries: list[tuple[int, str, bool]] = [(rng.randrange(3, 80), text, False) for text in picks]
    entries.append((rng.randrange(10, 40), PRIVATE, True))
    if trajectory == "deteriorating":
        entries.append((35, RISK_NOTE, False))  # week 7 of 12
    for days_ago, text, private in sorted(entries, reverse=True):
        note, outcome = save_note(client=client, text=text, private=private)
        when = now - timedelta(days=days_ago, hours=rng.randrange(0, 10))
        Note.objects.filter(pk=note.pk).update(created_at=when, updated_at=when)
        if outcome.alert is not None:
            Alert.objects.filter(pk=outcome.alert.pk).update(created_at=when)
