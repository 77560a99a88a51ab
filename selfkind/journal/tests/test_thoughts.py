import pytest
from django.urls import reverse

from selfkind.journal import thoughts
from selfkind.journal.models import ThoughtRecord
from selfkind.safety.models import Alert

pytestmark = pytest.mark.django_db

THOUGHT = "You are useless, you always ruin everything at work"


def _walk(
    c,
    record,
    *,
    thought=THOUGHT,
    belief_before=90,
    belief_after=40,
    traps=("overgeneralizing", "labeling"),
    private=False,
):
    situation = {"situation": "Missed a deadline on the report"} | ({"private": "on"} if private else {})
    steps = [
        ("situation", situation),
        ("thought", {"thought": thought}),
        ("emotions", {"emotion-0": "shame", "intensity-0": "80", "emotion-1": "fear", "intensity-1": "60"}),
        ("belief", {"belief": str(belief_before)}),
        ("traps", {"traps": list(traps)}),
        ("evidence", {"evidence_for": "I was late", "evidence_against": "I delivered the last ten on time"}),
        ("friend", {"friend_response": "One late report doesn't make you useless"}),
        (
            "compassion",
            {
                "kindness": "It's OK to be tired",
                "common_humanity": "Everyone misses deadlines",
                "mindfulness": "This is shame, and it will pass",
            },
        ),
        ("rerate", {"after-0": "40", "after-1": "30", "belief": str(belief_after)}),
    ]
    for step, data in steps:
        response = c.post(reverse("journal:thought_step", args=[record.pk, step]), {**data, "go": "next"})
        assert response.status_code == 302, (step, response.content.decode()[:500])
    return c.post(reverse("journal:thought_finish", args=[record.pk]))


def _new(c):
    c.post(reverse("journal:new_thought"))
    return ThoughtRecord.objects.latest("pk")


def test_a_record_end_to_end_keeps_the_thought_in_view_and_is_encrypted(personas, as_user):
    c = as_user(personas.client)
    record = _new(c)
    c.post(reverse("journal:thought_step", args=[record.pk, "situation"]), {"situation": "At work", "go": "next"})
    c.post(reverse("journal:thought_step", args=[record.pk, "thought"]), {"thought": THOUGHT, "go": "next"})
    page = c.get(reverse("journal:thought_step", args=[record.pk, "emotions"])).content.decode()
    assert 'data-testid="pinned-thought"' in page and "you always ruin everything" in page
    assert "Step 3 of 9" in page
    _walk(c, record)
    record.refresh_from_db()
    assert not record.is_draft and record.belief_before == 90 and record.belief_after == 40
    assert record.emotions == [
        {"name": "shame", "before": 80, "after": 40},
        {"name": "fear", "before": 60, "after": 30},
    ]
    assert record.traps_confirmed == ["overgeneralizing", "labeling"]
    assert "Everyone misses deadlines" in record.compassionate_response
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT thought, emotions_data, kindness FROM journal_thoughtrecord")
        raw = " ".join(cursor.fetchone())
    assert "useless" not in raw and "shame" not in raw and "tired" not in raw


def test_every_step_keeps_every_answer(personas, as_user):
    c = as_user(personas.client)
    record = _new(c)
    _walk(c, record, private=True)
    record.refresh_from_db()
    assert record.private and record.last_step == "rerate"
    assert record.situation == "Missed a deadline on the report" and record.thought == THOUGHT
    assert record.traps_suggested  # the detector's suggestions for the thought, kept apart from the choice
    assert (record.evidence_for, record.evidence_against) == ("I was late", "I delivered the last ten on time")
    assert record.friend_response == "One late report doesn't make you useless"
    assert (record.kindness, record.common_humanity, record.mindfulness) == (
        "It's OK to be tired",
        "Everyone misses deadlines",
        "This is shame, and it will pass",
    )


def test_a_step_saved_from_another_tab_keeps_the_other_tabs_answers(personas):
    """Each step writes only what it changes: an older copy of the record saving one step loses nothing."""
    client = personas.client
    record = thoughts.start_record(client=client)
    first_tab = ThoughtRecord.objects.get(pk=record.pk)
    second_tab = ThoughtRecord.objects.get(pk=record.pk)
    thoughts.save_step(record=first_tab, client=client, step="situation", data={"situation": "At the station"})
    thoughts.save_step(record=first_tab, client=client, step="thought", data={"thought": "I always mess up"})
    thoughts.save_step(record=second_tab, client=client, step="friend", data={"friend_response": "Be gentle"})
    record.refresh_from_db()
    assert (record.situation, record.thought, record.friend_response) == (
        "At the station",
        "I always mess up",
        "Be gentle",
    )
    assert record.last_step == "friend"


def test_every_step_is_screened(personas, as_user):
    c = as_user(personas.client)
    record = _new(c)
    response = c.post(
        reverse("journal:thought_step", args=[record.pk, "evidence"]),
        {"evidence_for": "i keep wishing i could just not exist for a while", "go": "next"},
    )
    alert = Alert.objects.get()
    assert alert.source_type == "thought_record" and alert.source_id == str(record.pk)
    assert response["Location"].startswith(reverse("safety:crisis"))
    record.refresh_from_db()
    assert "not exist" in record.evidence_for  # saved, never blocked


def test_a_bad_number_is_refused_kindly_and_keeps_what_was_typed(personas, as_user):
    c = as_user(personas.client)
    record = _new(c)
    response = c.post(reverse("journal:thought_step", args=[record.pk, "belief"]), {"belief": "150", "go": "next"})
    body = response.content.decode()
    assert response.status_code == 200 and "0 to 100" in body and 'value="150"' in body
    assert "Nothing you typed has been lost" in body


def test_unfinished_drafts_are_listed_kindly(personas, as_user):
    c = as_user(personas.client)
    record = _new(c)
    c.post(reverse("journal:thought_step", args=[record.pk, "thought"]), {"thought": "I'm a mess", "go": "later"})
    body = c.get(reverse("journal:thoughts")).content.decode()
    assert "whenever you&#x27;re ready" in body or "whenever you're ready" in body
    assert reverse("journal:thought_step", args=[record.pk, "thought"]) in body


def test_private_records_are_invisible_to_the_therapist_everywhere(personas, as_user):
    c = as_user(personas.client)
    shared, private = _new(c), _new(c)
    _walk(c, shared, thought="I'm hopeless at cooking, everyone laughs")
    _walk(c, private, thought="My secret thought about my brother", belief_before=100, belief_after=0, private=True)
    private.refresh_from_db()
    assert private.private
    t = as_user(personas.therapist)
    page = t.get(reverse("care:client_thoughts", args=[personas.client.pk])).content.decode()
    assert "hopeless at cooking" in page and "secret thought" not in page
    assert "1 finished record" in page  # counts exclude it too
    assert "Belief in the critic&#x27;s thought usually fell by 50" in page or "usually fell by 50" in page
    assert "secret" not in t.get(reverse("care:client", args=[personas.client.pk])).content.decode()
    own = thoughts.trends(personas.client, include_private=True)
    assert own.finished == 2 and own.median_belief_drop == 75


def test_trends_arithmetic(personas, as_user):
    c = as_user(personas.client)
    for before, after in ((90, 40), (80, 60), (70, 70)):
        _walk(c, _new(c), belief_before=before, belief_after=after)
    result = thoughts.trends(personas.client, include_private=True)
    assert result.median_belief_drop == 20  # drops 50, 20, 0
    assert result.median_emotion_drop == 35  # shame 80→40 and fear 60→30, three times: 40, 30 … median 35
    assert dict(result.top_traps) == {"overgeneralizing": 3, "labeling": 3}
    assert ("useless", 3) in result.themes
    assert sum(n for _w, n in result.per_week) == 3


def test_earlier_compassion_is_offered_at_the_friend_step(personas, as_user):
    c = as_user(personas.client)
    _walk(c, _new(c))
    later = _new(c)
    c.post(reverse("journal:thought_step", args=[later.pk, "thought"]), {"thought": "useless again", "go": "next"})
    c.post(reverse("journal:thought_step", args=[later.pk, "traps"]), {"traps": ["labeling"], "go": "next"})
    page = c.get(reverse("journal:thought_step", args=[later.pk, "friend"])).content.decode()
    assert 'data-testid="earlier-compassion"' in page and "Everyone misses deadlines" in page


def test_flag_for_session(personas, as_user):
    c = as_user(personas.client)
    record = _new(c)
    _walk(c, record)
    c.post(reverse("journal:thought_flag", args=[record.pk]), {"flagged": "yes"})
    record.refresh_from_db()
    assert record.flagged_for_session
    page = as_user(personas.therapist).get(reverse("care:client_thoughts", args=[personas.client.pk])).content.decode()
    assert "would like to talk about this" in page


def test_nobody_else_reaches_a_record(personas, as_user):
    record = _new(as_user(personas.client))
    for user in (personas.other_client, personas.therapist):
        c = as_user(user)
        assert c.get(reverse("journal:thought_step", args=[record.pk, "thought"])).status_code == 404
        assert c.post(reverse("journal:thought_step", args=[record.pk, "thought"]), {"thought": "x"}).status_code == 404
    for user in (personas.other_therapist, personas.other_clinic_therapist, personas.clinic_admin):
        assert as_user(user).get(reverse("care:client_thoughts", args=[personas.client.pk])).status_code == 404


def _statements(run) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run()
    return [q["sql"].split(" ", 1)[0].upper() for q in queries.captured_queries]


def test_a_step_today_does_not_show_is_one_update_and_no_transaction(personas):
    """Most steps write only fields "today" does not show: one UPDATE, atomic by itself, with no transaction
    around it (on PostgreSQL a BEGIN and a COMMIT are two round trips of a six-trip request)."""
    client = personas.client
    record = thoughts.start_record(client=client)
    statements = _statements(
        lambda: thoughts.save_step(record=record, client=client, step="situation", data={"situation": "The bus"})
    )
    # The test itself runs in a transaction, so an atomic block here would show as a SAVEPOINT.
    assert statements == ["UPDATE"]
    record.refresh_from_db()
    assert record.situation == "The bus"


def test_a_step_today_shows_writes_the_row_and_the_stamp_in_one_transaction(personas):
    client = personas.client
    record = thoughts.start_record(client=client)
    statements = _statements(
        lambda: thoughts.save_step(record=record, client=client, step="thought", data={"thought": "I ruin it"})
    )
    assert statements[0] == "SAVEPOINT" and statements[-1] == "RELEASE"
    assert statements[1:-1] == ["UPDATE", "INSERT"]  # the row, then the client's stamp (an upsert)
