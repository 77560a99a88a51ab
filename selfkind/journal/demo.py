"""Demo notes: a few weeks of what clients jot down, one private, screened like real ones."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.journal.models import Note, ThoughtRecord
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


RECORDS = [
    (
        "Presented at the team meeting and stumbled over a slide.",
        "You're useless at this, everyone saw you fail",
        ["labeling", "mind_reading"],
        "shame",
    ),
    (
        "Forgot to call Mum back.",
        "You always let people down, you're a terrible daughter",
        ["overgeneralizing", "labeling"],
        "guilt",
    ),
    (
        "Friend didn't reply to my message all day.",
        "She's fed up with you, nobody really likes you",
        ["mind_reading", "overgeneralizing"],
        "loneliness",
    ),
    (
        "Got feedback on my report with three comments.",
        "If it isn't perfect it's worthless, you should be better by now",
        ["all_or_nothing", "should_statements"],
        "anxiety",
    ),
    (
        "Saw old classmates' photos online.",
        "Everyone else has their life together except you",
        ["comparing"],
        "sadness",
    ),
    ("Interview next week.", "You're going to mess it up like always", ["fortune_telling", "overgeneralizing"], "fear"),
]
KIND = (
    "I'm doing my best with a lot on my plate.",
    "Lots of people feel like this after a hard day.",
    "This is shame talking. I can notice it and let it be here without obeying it.",
)


def build_records(client: User, trajectory: str, rng: random.Random) -> None:
    """Add several weeks of thought records, with belief in the critic falling (idempotent)."""
    if ThoughtRecord.objects.filter(client=client).exists():
        return
    now = timezone.now()
    count = 7
    for n in range(count):
        situation, thought, traps, feeling = RECORDS[n % len(RECORDS)]
        days_ago = 70 - n * 10 + rng.randrange(0, 3)
        progress = n / (count - 1)
        before = 85 - int(10 * progress)
        drop = int(15 + 30 * progress) if trajectory != "deteriorating" else int(10 + 5 * progress)
        record = ThoughtRecord(client=client, situation=situation, thought=thought, traps_confirmed=traps)
        record.emotions = [{"name": feeling, "before": 80, "after": 80 - drop}]
        record.belief_before = before
        draft = n == count - 1 or (trajectory == "plateau" and n == 3)
        if not draft:
            record.belief_after = before - drop
            record.evidence_for = "It did go wrong today."
            record.evidence_against = "Most weeks I manage fine, and people have told me so."
            record.friend_response = "One hard moment doesn't define you."
            record.kindness, record.common_humanity, record.mindfulness = KIND
        record.private = n == 2
        record.flagged_for_session = n == count - 2
        when = now - timedelta(days=days_ago, hours=rng.randrange(0, 8))
        record.created_at = record.updated_at = when
        record.completed_at = None if draft else when + timedelta(minutes=20)
        record.last_step = "evidence" if draft else "rerate"
        record.save()


REFLECTIONS = {
    "what-self-compassion-is": (
        "I thought being kind to myself meant letting myself off the hook. "
        "Maybe it's more like how I'd treat my sister."
    ),
    "the-inner-critic": (
        "My critic sounds like my old PE teacher. I think it's trying to stop me being embarrassed again."
    ),
    "myths": "Honestly I still worry I'll get lazy. But the harsh voice hasn't made me work better either.",
}
AFFIRMATIONS = [
    "I'm allowed to make mistakes and still be a good person.",
    "Lots of people find this hard. I'm not alone in it.",
    "I can be tired and still be doing my best.",
]


def build_reflections_and_affirmations(client: User, therapist: User | None, rng: random.Random) -> None:
    """Add lesson reflections (one private) and affirmations, one from a thought record (idempotent)."""
    from selfkind.journal.models import Affirmation, Reflection

    if Reflection.objects.filter(client=client).exists():
        return
    for n, (lesson, text) in enumerate(REFLECTIONS.items()):
        Reflection.objects.create(client=client, lesson=lesson, text=text, private=n == 2)
    record = (
        ThoughtRecord.objects.filter(client=client, completed_at__isnull=False).exclude(kindness__isnull=True).first()
    )
    if record is not None and record.kindness:
        Affirmation.objects.create(client=client, text=record.kindness, answers=record, starred=True, helps_count=3)
    for text in rng.sample(AFFIRMATIONS, k=2):
        Affirmation.objects.create(client=client, text=text, helps_count=rng.randrange(0, 4))
    if therapist is not None:
        Affirmation.objects.create(
            client=client, text="My worth isn't measured by my productivity.", status="proposed", proposed_by=therapist
        )
