from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from selfkind.care import services as care
from selfkind.journal import affirmations, reflections, thoughts
from selfkind.journal import services as journal
from selfkind.measures import services as measures
from selfkind.practices import services as practices
from selfkind.practices.services import practices_for
from selfkind.safety.models import Alert
from selfkind.safety.services import acknowledge

WORDS = SimpleNamespace(
    note="the heron on the canal made me smile today",
    situation="presentation at the quarterly review",
    thought="you always freeze when it matters",
    friend="freezing once does not define you",
    reflection="common humanity felt true during the lesson",
    affirmation="i can be a beginner and still be worthy",
    letter="dear me, you carried a lot this winter",
    risky="i keep wishing i could just not exist for a while",
    session_note="client practised the soothing touch exercise",
    ack_note="called the client, safety plan reviewed",
)


def fill_history(client, therapist) -> SimpleNamespace:
    """Give the client one of nearly everything, written through the services the views use."""
    note, _ = journal.save_note(client=client, text=WORDS.note, private=False)
    risky, _ = journal.save_note(client=client, text=WORDS.risky, private=False)
    record = thoughts.start_record(client=client)
    thoughts.save_step(record=record, client=client, step="situation", data={"situation": WORDS.situation})
    thoughts.save_step(record=record, client=client, step="thought", data={"thought": WORDS.thought})
    thoughts.save_step(record=record, client=client, step="friend", data={"friend_response": WORDS.friend})
    reflection, _ = reflections.save_reflection(
        client=client, lesson="three-components", text=WORDS.reflection, private=False
    )
    affirmation, _ = affirmations.create(client=client, text=WORDS.affirmation)
    affirmations.not_today(affirmation=affirmation, client=client, day=date(2026, 11, 1))
    letter = next(p for p in practices_for(client).values() if p.slug == "compassionate-letter")
    session = practices.start_session(client=client, practice=letter, variant=letter.variants[0].key, distress=6)
    practices.save_writing(session=session, client=client, step=0, text=WORDS.letter)
    phq9 = measures.start(client=client, key="phq9")
    for item in range(1, 10):
        measures.save_answer(administration=phq9, client=client, item=item, value=1 if item < 9 else 0)
    phq9 = measures.submit(administration=phq9, client=client)
    correction = measures.correct(administration=phq9, client=client)
    homework = care.assign_homework(
        therapist=therapist,
        client=client,
        kind="practice",
        target="body-scan",
        frequency="weekly",
        starts_on=date(2026, 11, 1),
        note="try it after work",
    )
    session_note = care.write_note(
        therapist=therapist, client=client, session_date=date(2026, 11, 20), sections={"data": WORDS.session_note}
    )
    alert = Alert.objects.get(client=client, source_id=str(risky.pk))
    acknowledge(alert=alert, by=therapist, note=WORDS.ack_note)
    return SimpleNamespace(
        note=note,
        record=record,
        reflection=reflection,
        affirmation=affirmation,
        session=session,
        phq9=phq9,
        correction=correction,
        homework=homework,
        session_note=session_note,
        alert=alert,
    )


@pytest.fixture
def history(personas):
    return fill_history(personas.client, personas.therapist)
