"""The reminder pages: settings, feeds, unsubscribe, nudges, suggested plans, system health, the banner."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from selfkind.accounts.models import AuditEvent
from selfkind.care.models import Homework
from selfkind.lib.heartbeat import Heartbeat, beat
from selfkind.reminders import services
from selfkind.reminders.models import Delivery, Nudge, PlanSuggestion, ReminderPreference

pytestmark = pytest.mark.django_db


def _form(**changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "time_zone": "",
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        "practice-enabled": "on",
        "practice-times": "08:00, 19:30",
        "practice-days": ["0", "1", "2", "3", "4"],
        "thought_record-times": "20:00",
        "thought_record-days": ["0"],
        "measure-enabled": "on",
        "measure-times": "09:00",
        "measure-days": ["0", "1", "2", "3", "4", "5", "6"],
        "session-enabled": "on",
        "session-times": "18:00",
    }
    data.update(changes)
    return data


def test_it_saves_times_days_and_quiet_hours_and_shows_what_is_coming(personas, as_user):
    client = personas.client
    Homework.objects.create(
        therapist=personas.therapist,
        client=client,
        kind="practice",
        target="x",
        frequency="daily",
        starts_on=date.today() - timedelta(days=1),
    )
    http = as_user(client)
    response = http.post("/reminders/", _form())
    assert response.status_code == 302
    practice = ReminderPreference.objects.get(client=client, kind="practice")
    assert (practice.times, practice.days, practice.enabled) == (["08:00", "19:30"], [0, 1, 2, 3, 4], True)
    assert not ReminderPreference.objects.get(client=client, kind="thought_record").enabled
    assert client.reminder_settings.quiet_start.hour == 22
    page = http.get("/reminders/")
    assert page.status_code == 200
    assert list(page.context["upcoming"]) == list(
        Delivery.objects.filter(client=client, state="planned").order_by("due_at")[:10]
    )
    assert "Make a calendar address" in page.content.decode()


def test_a_bad_time_is_explained_and_nothing_changes(personas, as_user):
    http = as_user(personas.client)
    response = http.post("/reminders/", _form(**{"practice-times": "half past eight"}))
    assert response.status_code == 200
    assert "Please write times like 08:00" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_one_end_of_quiet_hours_alone_is_refused(personas, as_user):
    response = as_user(personas.client).post("/reminders/", _form(quiet_end=""))
    assert "both ends of your quiet hours" in response.content.decode()


def test_the_client_switches_the_feed_on_sees_it_and_revokes_it(personas, as_user, client):
    http = as_user(personas.client)
    http.post("/reminders/calendar/", {"action": "on"})
    page = http.get("/reminders/").content.decode()
    feed = services.live_feed(personas.client)
    assert feed is not None and f"/calendar/{feed.token}.ics" in page
    http.post("/reminders/calendar/", {"action": "revoke"})
    assert services.live_feed(personas.client) is None
    http.logout()
    assert http.get(f"/calendar/{feed.token}.ics").status_code == 404


def test_unsubscribe_get_only_asks_and_post_unsubscribes(personas, client):
    pref = services.ensure_preference(personas.client, "measure")
    url = f"/reminders/unsubscribe/{pref.unsubscribe_token}/"
    page = client.get(url)
    assert page.status_code == 200 and "Stop these reminders" in page.content.decode()
    pref.refresh_from_db()
    assert pref.unsubscribed_at is None  # link scanners that follow GET change nothing
    assert client.post(url).status_code == 200
    pref.refresh_from_db()
    assert pref.unsubscribed_at is not None
    assert client.get("/reminders/unsubscribe/nope/").status_code == 404


def test_the_therapist_sends_a_nudge_audited_and_the_client_sees_it(personas, as_user):
    http = as_user(personas.therapist)
    page = http.get(f"/clients/{personas.client.pk}/").content.decode()
    assert "Send a note of encouragement" in page
    response = http.post(f"/clients/{personas.client.pk}/nudge/", {"text": "You're doing steady work."})
    assert response.status_code == 302
    nudge = Nudge.objects.get()
    assert (nudge.client, nudge.therapist, nudge.text) == (
        personas.client,
        personas.therapist,
        "You're doing steady work.",
    )
    assert AuditEvent.objects.filter(actor=personas.therapist, client=personas.client, action="change:nudge").exists()
    assert Delivery.objects.filter(kind="nudge", object_id=nudge.pk, state="planned").exists()

    http = as_user(personas.client)
    assert "note from your therapist waiting" in http.get("/today/").content.decode()
    notes = http.get("/reminders/notes/").content.decode()
    assert "doing steady work." in notes
    nudge.refresh_from_db()
    assert nudge.seen_at is not None
    assert "note from your therapist waiting" not in http.get("/today/").content.decode()


def test_another_therapist_cannot_nudge(personas, as_user):
    response = as_user(personas.other_therapist).post(f"/clients/{personas.client.pk}/nudge/", {"text": "hi"})
    assert response.status_code == 404
    assert not Nudge.objects.exists()


def test_a_suggested_plan_is_offered_and_used_only_when_the_client_chooses(personas, as_user):
    homework = Homework.objects.create(
        therapist=personas.therapist,
        client=personas.client,
        kind="thought_record",
        frequency="daily",
        starts_on=date.today(),
    )
    http = as_user(personas.therapist)
    assert "Suggest reminder times" in http.get(f"/clients/{personas.client.pk}/homework/").content.decode()
    http.post(
        f"/clients/{personas.client.pk}/homework/{homework.pk}/reminder-plan/", {f"hw{homework.pk}-times": "07:45"}
    )
    suggestion = PlanSuggestion.objects.get()
    assert (suggestion.kind, suggestion.times) == ("thought_record", ["07:45"])
    assert not ReminderPreference.objects.filter(kind="thought_record").exists()

    http = as_user(personas.client)
    assert "Your therapist suggests" in http.get("/reminders/").content.decode()
    http.post(f"/reminders/suggestions/{suggestion.pk}/", {"decision": "use"})
    pref = ReminderPreference.objects.get(client=personas.client, kind="thought_record")
    assert (pref.times, pref.enabled) == (["07:45"], True)
    assert "Your therapist suggests" not in http.get("/reminders/").content.decode()


def test_system_health_shows_heartbeat_counts_and_failures(personas, as_user):
    now = timezone.now()
    Heartbeat.objects.create(name="worker", beat_at=now - timedelta(minutes=1))
    for state in ("sent", "sent", "skipped", "failed"):
        Delivery.objects.create(
            client=personas.client,
            kind="practice",
            key=f"k-{state}-{Delivery.objects.count()}",
            due_at=now - timedelta(hours=1),
            next_attempt_at=now,
            state=state,
            last_error="SMTPServerDisconnected: gone" if state == "failed" else "",
        )
    Delivery.objects.create(  # another clinic's delivery is not counted here
        client=personas.other_client, kind="practice", key="far", due_at=now, next_attempt_at=now, state="sent"
    )
    personas.other_client.clinic = personas.other_clinic
    personas.other_client.save()
    DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={},
        task_path="selfkind.x.task",
        backend_name="default",
        run_after=now,
        finished_at=now,
        exception_class_path="builtins.ValueError",
        traceback="Traceback...\nValueError: bad input",
    )
    page = as_user(personas.clinic_admin).get("/clinic/system-health/")
    report = page.context["report"]
    assert report.worker_fresh and report.counts["sent"] == 2 and report.counts["failed"] == 1
    html = page.content.decode()
    assert "SMTPServerDisconnected: gone" in html and "ValueError: bad input" in html


def test_admins_see_a_banner_when_the_worker_is_stale_and_no_one_else_pays_for_it(personas, as_user):
    Heartbeat.objects.create(name="worker", beat_at=timezone.now() - timedelta(minutes=11))
    admin_page = as_user(personas.clinic_admin).get("/clinic/")
    assert 'data-testid="worker-banner"' in admin_page.content.decode()
    beat()
    assert 'data-testid="worker-banner"' not in as_user(personas.clinic_admin).get("/clinic/").content.decode()

    Heartbeat.objects.all().delete()
    http = as_user(personas.client)
    with CaptureQueriesContext(connection) as queries:
        page = http.get("/reminders/notes/")
    assert 'data-testid="worker-banner"' not in page.content.decode()
    assert not any("heartbeat" in q["sql"] for q in queries.captured_queries)
    http = as_user(personas.clinic_admin)
    with CaptureQueriesContext(connection) as queries:
        http.get("/clinic/")
    assert sum("heartbeat" in q["sql"] for q in queries.captured_queries) == 1


@pytest.mark.parametrize("path", ["/reminders/", "/clinic/system-health/"])
def test_reminder_pages_use_the_same_number_of_queries_for_few_or_many_rows(personas, as_user, path):
    user = personas.client if path == "/reminders/" else personas.clinic_admin
    now = timezone.now()

    def add(n: int) -> None:
        for i in range(n):
            for state, due in (("planned", now + timedelta(hours=i + 1)), ("sent", now - timedelta(hours=i + 1))):
                Delivery.objects.create(
                    client=personas.client,
                    kind="practice",
                    key=f"{state}-{Delivery.objects.count()}",
                    due_at=due,
                    next_attempt_at=due,
                    state=state,
                )

    def count() -> int:
        http = as_user(user)
        with CaptureQueriesContext(connection) as queries:
            assert http.get(path).status_code == 200
        return len(queries.captured_queries)

    add(2)
    few = count()
    add(15)
    assert count() == few
