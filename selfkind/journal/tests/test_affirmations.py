from datetime import date, timedelta

import pytest
from django.urls import reverse

from selfkind.journal import affirmations
from selfkind.journal.models import Affirmation, ThoughtRecord

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 2)


def _make(client, *texts):
    return [affirmations.create(client=client, text=t)[0] for t in texts]


def test_the_rotation_is_steady_within_a_day_and_moves_each_day(personas):
    a, b, c = _make(personas.client, "one", "two", "three")
    seen = [affirmations.of_the_day(personas.client, DAY + timedelta(days=n)) for n in range(6)]
    assert seen[0] == affirmations.of_the_day(personas.client, DAY)  # same day, same one
    assert {x.pk for x in seen[:3]} == {a.pk, b.pk, c.pk}  # all three come round in three days
    assert seen[:3] == seen[3:]


def test_starred_ones_come_round_twice_as_often(personas):
    a, b = _make(personas.client, "plain", "starred")
    affirmations.set_star(affirmation=b, client=personas.client, starred=True)
    shown = [affirmations.of_the_day(personas.client, DAY + timedelta(days=n)).pk for n in range(30)]
    assert shown.count(b.pk) == 20 and shown.count(a.pk) == 10


def test_not_today_moves_on_for_that_day_only(personas):
    _make(personas.client, "one", "two")
    first = affirmations.of_the_day(personas.client, DAY)
    affirmations.not_today(affirmation=first, client=personas.client, day=DAY)
    assert affirmations.of_the_day(personas.client, DAY) != first
    second = affirmations.of_the_day(personas.client, DAY)
    affirmations.not_today(affirmation=second, client=personas.client, day=DAY)
    assert affirmations.of_the_day(personas.client, DAY) is None  # all set aside today: fine
    assert affirmations.of_the_day(personas.client, DAY + timedelta(days=2)) == first


def test_archived_proposed_and_declined_are_not_shown(personas):
    (a,) = _make(personas.client, "active one")
    affirmations.propose(therapist=personas.therapist, client=personas.client, text="a suggestion")
    (b,) = _make(personas.client, "put away")
    affirmations.set_status(affirmation=b, client=personas.client, status="archived")
    assert {affirmations.of_the_day(personas.client, DAY + timedelta(days=n)).pk for n in range(4)} == {a.pk}


def test_a_kind_answer_becomes_an_affirmation_in_one_tap(personas, as_user):
    record = ThoughtRecord.objects.create(
        client=personas.client, thought="I'm useless", kindness="You're doing your best", completed_at=DAY
    )
    response = as_user(personas.client).post(reverse("journal:affirmation_from_record", args=[record.pk]))
    assert response.status_code == 302
    affirmation = Affirmation.objects.get()
    assert affirmation.text == "You're doing your best" and affirmation.answers == record


def test_the_therapist_proposes_and_the_client_accepts_edits_or_declines(personas, as_user):
    t = as_user(personas.therapist)
    t.post(reverse("care:propose_affirmation", args=[personas.client.pk]), {"text": "I am allowed to rest"})
    t.post(reverse("care:propose_affirmation", args=[personas.client.pk]), {"text": "Mistakes are how I learn"})
    first, second = Affirmation.objects.order_by("pk")
    assert first.status == "proposed" and first.proposed_by == personas.therapist
    c = as_user(personas.client)
    assert "Suggested by your therapist" in c.get(reverse("journal:affirmations")).content.decode()
    c.post(reverse("journal:edit_affirmation", args=[first.pk]), {"text": "I'm allowed to rest, even on busy days"})
    c.post(reverse("journal:affirmation_action", args=[second.pk, "decline"]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.text) == ("active", "I'm allowed to rest, even on busy days")
    assert second.status == "declined"
    # Other therapists cannot suggest.
    assert (
        as_user(personas.other_therapist)
        .post(reverse("care:propose_affirmation", args=[personas.client.pk]), {"text": "x"})
        .status_code
        == 404
    )


def test_the_day_s_affirmation_is_on_today_with_helps_and_not_today(personas, as_user):
    (a,) = _make(personas.client, "I can take this one step at a time")
    c = as_user(personas.client)
    body = c.get("/").content.decode()
    assert 'data-testid="affirmation-of-the-day"' in body and "one step at a time" in body
    c.post(reverse("journal:affirmation_action", args=[a.pk, "helps"]), {"back": "home"})
    a.refresh_from_db()
    assert a.helps_count == 1
    response = c.post(reverse("journal:affirmation_action", args=[a.pk, "not-today"]), {"back": "home"})
    assert response["Location"] == "/"
    assert 'data-testid="affirmation-of-the-day"' not in c.get("/").content.decode()


def test_nobody_else_touches_an_affirmation(personas, as_user):
    (a,) = _make(personas.client, "mine")
    other = as_user(personas.other_client)
    assert other.post(reverse("journal:affirmation_action", args=[a.pk, "archive"])).status_code == 404
    assert other.get(reverse("journal:edit_affirmation", args=[a.pk])).status_code == 404
    a.refresh_from_db()
    assert a.status == "active"
