"""What leaves Selfkind: reminder emails and calendar feeds carry no health information."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from selfkind.accounts.models import Appointment
from selfkind.care.models import Homework
from selfkind.journal.models import ThoughtRecord
from selfkind.measures import services as measures
from selfkind.measures.models import MeasureSchedule
from selfkind.reminders import services
from selfkind.reminders.models import ALL_DAYS, CalendarFeed, Delivery, Kind

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
THOUGHT = "I always ruin everything at work"
NUDGE = "Proud of how you stayed with the hard feelings this week"
HEALTH_WORDS = ["phq", "gad", "depress", "anxi", "score", "severe", "mood", "trap", "crisis", "clinic", "thea"]


@pytest.fixture
def busy_client(personas):
    """Cara with a questionnaire history, a thought record, homework, a schedule and a session tomorrow."""
    client = personas.client
    client.time_zone = "Europe/London"
    client.save(update_fields=["time_zone"])
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        adm = measures.start(client=client, key="phq9")
        for item in range(1, 10):
            measures.save_answer(administration=adm, client=client, item=item, value=3)
        measures.submit(administration=adm, client=client)
    ThoughtRecord.objects.create(client=client, thought=THOUGHT)
    MeasureSchedule.objects.create(client=client, instrument="phq9", frequency="weekly", starts_on=date(2026, 6, 1))
    for kind in (Homework.Kind.PRACTICE, Homework.Kind.THOUGHT_RECORD):
        Homework.objects.create(
            therapist=personas.therapist,
            client=client,
            kind=kind,
            target="paced-breathing" if kind == "practice" else "",
            frequency=Homework.Frequency.DAILY,
            starts_on=date(2026, 5, 1),
            ends_on=date(2026, 6, 20),
            note="Breathing for your panic and low mood",
        )
    Appointment.objects.create(
        therapist=personas.therapist, client=client, starts_at=datetime(2026, 6, 2, 13, 0, tzinfo=UTC)
    )
    return client


def test_every_kind_of_email_is_short_kind_and_free_of_health_information(busy_client, personas):
    with time_machine.travel(NOW, tick=False):
        services.save_preferences(
            client=busy_client,
            time_zone="",
            quiet_start=None,
            quiet_end=None,
            choices=[services.KindChoice(k, True, [time(7, 10)], list(ALL_DAYS)) for k in Kind if k != Kind.NUDGE],
        )
        services.send_nudge(therapist=personas.therapist, client=busy_client, text=NUDGE)
        services.plan_due(NOW)
    # Everything due in the next 36 hours: today's three reminders, tomorrow's, the session eve, the nudge.
    end = NOW + timedelta(hours=36)
    with time_machine.travel(NOW, tick=False) as traveller:
        moment = NOW
        while moment < end:
            traveller.move_to(moment)
            services.plan_due(moment)
            services.send_due(moment, worker="w")
            moment += timedelta(minutes=30)
    kinds = set(Delivery.objects.filter(state="sent").values_list("kind", flat=True))
    assert kinds == {"practice", "thought_record", "measure", "session", "nudge"}
    assert mail.outbox
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}".lower()
        for word in [*HEALTH_WORDS, THOUGHT.lower(), NUDGE.lower(), "breathing", "panic", "therapist"]:
            assert word not in text, (word, message.subject)
        assert len(message.body) < 600
        assert message.to == [busy_client.email]
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert unsubscribe.startswith("<http") and "/reminders/unsubscribe/" in unsubscribe
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe.strip("<>") in message.body
    session_mail = next(m for m in mail.outbox if m.subject == "A reminder for tomorrow")
    assert "14:00" in session_mail.body  # the session time, in the client's own time zone


def test_each_kind_has_its_own_unsubscribe_link(busy_client):
    practice = services.ensure_preference(busy_client, "practice")
    measure = services.ensure_preference(busy_client, "measure")
    assert practice.unsubscribe_token != measure.unsubscribe_token
    services.unsubscribe(token=practice.unsubscribe_token)
    practice.refresh_from_db()
    measure.refresh_from_db()
    assert practice.unsubscribed_at is not None and measure.unsubscribed_at is None


def _feed(client_http, token: str) -> tuple[Calendar, str]:
    response = client_http.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode()
    return Calendar.from_ical(raw), raw


def test_the_client_feed_parses_and_holds_no_health_details(busy_client, client):
    feed = services.switch_on_feed(owner=busy_client)
    with time_machine.travel(NOW, tick=False):
        cal, raw = _feed(client, feed.token)
    events = list(cal.walk("VEVENT"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert summaries == {"Session", "Something waiting in Selfkind"}
    session = next(e for e in events if str(e["SUMMARY"]) == "Session")
    assert session.decoded("DTSTART") == datetime(2026, 6, 2, 13, 0, tzinfo=UTC)
    due_days = sorted(e.decoded("DTSTART") for e in events if str(e["SUMMARY"]) != "Session")
    assert date(2026, 6, 8) in due_days and date(2026, 6, 20) in due_days  # the weekly check-in, homework end
    lowered = raw.lower()
    for word in [*HEALTH_WORDS, THOUGHT.lower(), "breathing", "panic", "cara", "therapist"]:
        assert word not in lowered, word
    words = " ".join(str(e.get(name, "")) for e in events for name in ("SUMMARY", "DESCRIPTION", "LOCATION"))
    assert "27" not in words  # the PHQ-9 total


def test_the_therapist_feed_names_clients_by_initials_only(busy_client, personas, client):
    feed = services.switch_on_feed(owner=personas.therapist)
    with time_machine.travel(NOW, tick=False):
        cal, raw = _feed(client, feed.token)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Session with CC"]
    for word in ["cara", "client@", "phq", "score", THOUGHT.lower()]:
        assert word not in raw.lower()


def test_a_revoked_feed_address_answers_404_and_a_renewed_one_works(busy_client, client):
    old = services.switch_on_feed(owner=busy_client)
    assert client.get(f"/calendar/{old.token}.ics").status_code == 200
    new = services.renew_feed(owner=busy_client)
    assert client.get(f"/calendar/{old.token}.ics").status_code == 404
    assert client.get(f"/calendar/{new.token}.ics").status_code == 200
    services.revoke_feed(owner=busy_client)
    assert client.get(f"/calendar/{new.token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_the_database_holds_only_a_hash_of_the_feed_address(busy_client):
    feed = services.switch_on_feed(owner=busy_client)
    stored = CalendarFeed.objects.filter(pk=feed.pk).values().get()
    assert feed.token not in str(stored)
    assert CalendarFeed.find(feed.token) == feed
