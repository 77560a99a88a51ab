"""The client's "today" is kept rendered, and a change by anyone shows at once (selfkind/care/today_cache.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts.models import ClientStamp
from selfkind.care import today_cache

pytestmark = pytest.mark.django_db

TODAY = "/today/"


def _normalised(html: str) -> str:
    """The page without what differs on every request by design (form tokens, script nonces)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="-"', html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": "-"', html)
    return re.sub(r'nonce="[^"]+"', 'nonce="-"', html)


def _fresh(c: Client) -> str:
    caches[today_cache.CACHE_ALIAS].clear()
    response = c.get(TODAY)
    assert response.status_code == 200
    return _normalised(response.content.decode())


def _served(c: Client) -> str:
    response = c.get(TODAY)
    assert response.status_code == 200
    return _normalised(response.content.decode())


def _tables(queries: list[dict]) -> set[str]:
    return {name for q in queries for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"])}


def test_a_second_visit_is_served_from_the_kept_copy(personas, as_user):
    from selfkind.journal.models import Affirmation

    Affirmation.objects.create(client=personas.client, text="I can go gently.", status="active")
    c = as_user(personas.client)
    first = c.get(TODAY)
    with CaptureQueriesContext(connection) as queries:
        second = c.get(TODAY)
    assert _normalised(second.content.decode()) == _normalised(first.content.decode())
    assert "I can go gently." in second.content.decode()
    # One query: the session with its user, their clinic, their stamp and the consent gate's relationships.
    assert len(queries.captured_queries) == 1
    assert _tables(queries.captured_queries) == {
        "accounts_session",
        "accounts_user",
        "accounts_clinic",
        "accounts_carerelationship",
        "accounts_consent",
        "accounts_consentversion",
        "otp_totp_totpdevice",
        "accounts_clientstamp",
    }


def test_a_change_made_earlier_in_the_same_request_is_not_hidden_by_the_token_read_with_the_session(
    personas, as_user, monkeypatch
):
    """The stamp read with the session is used only while this process has touched no stamp since."""
    from selfkind.care import views
    from selfkind.journal.models import Affirmation

    c = as_user(personas.client)
    assert c.get(TODAY).status_code == 200  # a kept copy now exists under the current token
    original = views.active_relationship_for_request

    def write_first(request):  # a watched change, after the session was read and before the copy's key
        Affirmation.objects.create(client=personas.client, text="Written mid-request.", status="active")
        return original(request)

    monkeypatch.setattr(views, "active_relationship_for_request", write_first)
    assert "Written mid-request." in c.get(TODAY).content.decode()


def test_a_kept_copy_carries_this_requests_form_token(personas):
    """The forms on a kept copy work: each request gets its own token, never one kept from another request."""
    from conftest import sign_in
    from selfkind.journal.models import Affirmation

    affirmation = Affirmation.objects.create(client=personas.client, text="I can go gently.", status="active")
    c = Client(enforce_csrf_checks=True)
    sign_in(c, personas.client)
    c.get(TODAY)
    kept = c.get(TODAY).content.decode()
    url = reverse("journal:affirmation_action", args=[affirmation.pk, "helps"])
    form = re.search(rf'action="{re.escape(url)}".*?name="csrfmiddlewaretoken" value="([^"]+)"', kept, re.S)
    assert form is not None
    token = form.group(1)
    assert not token.startswith("csrf-")  # the mark never reaches the page
    response = c.post(url, {"csrfmiddlewaretoken": token, "back": "home"})
    assert response.status_code == 302
    affirmation.refresh_from_db()
    assert affirmation.helps_count == 1


def test_another_clients_copy_is_never_served(personas, as_user):
    c = as_user(personas.client)
    mine = c.get(TODAY).content.decode()
    c = as_user(personas.other_client)
    theirs = c.get(TODAY).content.decode()
    assert personas.client.name in mine and personas.client.name not in theirs
    assert personas.other_client.name in theirs


def test_every_table_today_reads_is_watched_or_in_the_key(personas, as_user):
    """A read added to "today" must be watched (its writes retire the copies) before this passes."""
    from selfkind.accounts import services as account_services
    from selfkind.care import services as care_services
    from selfkind.journal import affirmations, thoughts
    from selfkind.measures import services as measure_services

    day = timezone.localdate()
    for kind, target, frequency in (
        ("practice", "body-scan", "daily"),
        ("lesson", "backdraft", "daily"),
        ("measure", "phq9", "weekly_n"),
    ):
        care_services.assign_homework(
            therapist=personas.therapist,
            client=personas.client,
            kind=kind,
            target=target,
            frequency=frequency,
            starts_on=day,
        )
    measure_services.set_schedule(
        client=personas.client, key="gad7", frequency="weekly", starts_on=day, ends_on=None, set_by=personas.therapist
    )
    account_services.schedule_appointment(
        therapist=personas.therapist, client=personas.client, starts_at=timezone.now() + timedelta(days=2)
    )
    affirmations.create(client=personas.client, text="I am allowed to rest.")
    record = thoughts.start_record(client=personas.client)
    thoughts.save_step(record=record, client=personas.client, step="thought", data={"thought": "I never get it right"})
    c = as_user(personas.client)
    c.get(TODAY)
    caches[today_cache.CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as queries:
        assert c.get(TODAY).status_code == 200
    by_table = {m._meta.db_table: m for m in apps.get_models()}
    read = {by_table[t] for t in _tables(queries.captured_queries) if t in by_table}
    known = (
        set(today_cache.WATCHED_CLIENT_MODELS)
        | set(today_cache.WATCHED_CLINIC_MODELS)
        | set(today_cache.IN_THE_KEY)
        | {ClientStamp}
        # Read by every signed-in request before the page (the session, the second-factor flag, the consent
        # gate); what of them "today" shows is in the key through the user and the relationship.
        | {apps.get_model(label) for label in ("accounts.Session", "otp_totp.TOTPDevice")}
        | {apps.get_model(label) for label in ("accounts.Consent", "accounts.ConsentVersion")}
    )
    assert read - known == set()
    # The page did read its sections (so this test can fail): homework, measures, the next session, drafts.
    assert {m._meta.label for m in read} >= {
        "care.Homework",
        "measures.MeasureSchedule",
        "accounts.Appointment",
        "journal.ThoughtRecord",
        "journal.Affirmation",
    }


def test_what_anyone_changes_shows_at_once(personas, as_user):
    """After each change by the client or their therapist, the page served is the page rendered afresh (and the
    change is on it). A clinic's own content retires every client's copy: the test after this one."""
    from selfkind.accounts import services as account_services
    from selfkind.accounts.models import Appointment
    from selfkind.care import services as care_services
    from selfkind.care.models import Homework
    from selfkind.journal import affirmations, reflections, thoughts
    from selfkind.measures import services as measure_services
    from selfkind.practices import services as practice_services
    from selfkind.practices.content import library
    from selfkind.reminders import services as reminder_services

    client, therapist = personas.client, personas.therapist
    day = timezone.localdate()
    state: dict = {}

    def assign():
        state["homework"] = care_services.assign_homework(
            therapist=therapist, client=client, kind="practice", target="body-scan", frequency="daily", starts_on=day
        )

    def practise():
        practice = library()["body-scan"]
        session = practice_services.start_session(client=client, practice=practice, variant=practice.variants[0].key)
        practice_services.finish_session(session=session, client=client)

    def affirm():
        state["affirmation"], _ = affirmations.create(client=client, text="I am allowed to rest.")

    def helps():
        affirmations.helps(affirmation=state["affirmation"], client=client)

    def not_today():
        affirmations.not_today(affirmation=state["affirmation"], client=client, day=day)

    def schedule():
        measure_services.set_schedule(
            client=client, key="phq9", frequency="weekly", starts_on=day, ends_on=None, set_by=therapist
        )

    def answer_and_submit():
        administration = measure_services.start(client=client, key="phq9")
        for item in range(1, 10):
            measure_services.save_answer(administration=administration, client=client, item=item, value=0)
        measure_services.submit(administration=administration, client=client)

    def book():
        state["appointment"] = account_services.schedule_appointment(
            therapist=therapist, client=client, starts_at=timezone.now() + timedelta(days=3)
        )

    def cancel():
        appointment = state["appointment"]
        appointment.status = Appointment.Status.CANCELLED
        appointment.save()

    def nudge():
        reminder_services.send_nudge(therapist=therapist, client=client, text="Thinking of you this week.")

    def nudge_seen():
        reminder_services.mark_nudges_seen(client=client)

    def draft():
        state["record"] = thoughts.start_record(client=client)
        thoughts.save_step(record=state["record"], client=client, step="thought", data={"thought": "I ruin things"})

    def finish():
        thoughts.finish(record=state["record"], client=client)

    def reflect():
        from selfkind.practices.lessons import course

        first = next(iter(course()))
        reflections.save_reflection(client=client, lesson=first, text="It helped to read.", private=False)

    def rename():
        client.name = "Cara Renamed"
        client.save()

    def next_stage():
        relationship = client.therapist_relationships.get(status="active")
        relationship.stage = "compassion"
        relationship.save()

    def stop():
        care_services.stop_homework(homework=Homework.objects.get(pk=state["homework"].pk), therapist=therapist)

    c = as_user(client)
    before = _fresh(c)
    for change in (
        assign,
        practise,
        affirm,
        helps,
        not_today,
        schedule,
        answer_and_submit,
        book,
        cancel,
        nudge,
        nudge_seen,
        draft,
        finish,
        reflect,
        rename,
        next_stage,
        stop,
    ):
        _served(c)  # a copy is kept
        change()
        served = _served(c)
        fresh = _fresh(c)
        assert served == fresh, f"a stale copy after {change.__name__}"
        if change is not helps:  # the count is not shown on "today"; the copy is still retired (below)
            assert fresh != before, f"{change.__name__} changed nothing on the page, so it proves nothing"
        before = fresh


def test_a_clinics_own_practice_retires_every_clients_copies(personas):
    from selfkind.accounts import stamps
    from selfkind.practices.models import CustomPractice

    stamps.touch([personas.client.pk, personas.other_client.pk])
    before = {s.client_id: s.token for s in ClientStamp.objects.all()}
    CustomPractice.objects.create(
        clinic=personas.clinic, created_by=personas.therapist, slug="custom-x", definition={"slug": "custom-x"}
    )
    after = {s.client_id: s.token for s in ClientStamp.objects.all()}
    assert after[personas.client.pk] != before[personas.client.pk]
    assert after[personas.other_client.pk] != before[personas.other_client.pk]
    # Staff have no "today": no stamp for them.
    assert personas.therapist.pk not in after


def test_an_update_that_sends_no_signal_still_retires_the_copy(personas):
    from selfkind.journal import affirmations

    affirmation, _ = affirmations.create(client=personas.client, text="I am allowed to rest.")
    before = ClientStamp.objects.get(client=personas.client).token
    affirmations.helps(affirmation=affirmation, client=personas.client)
    assert ClientStamp.objects.get(client=personas.client).token != before


def test_deleting_an_account_leaves_no_stamp_behind(personas):
    from selfkind.journal import thoughts

    thoughts.start_record(client=personas.client)
    assert ClientStamp.objects.filter(client=personas.client).exists()
    personas.client.delete()
    assert not ClientStamp.objects.filter(client_id=personas.client.pk).exists()


def test_copies_live_at_most_a_minute_and_stay_in_the_process():
    from django.conf import settings

    assert today_cache.TTL <= 60
    assert settings.CACHES[today_cache.CACHE_ALIAS]["BACKEND"].endswith("LocMemCache")


def test_thought_record_steps_that_change_nothing_on_today_keep_the_copy(personas, as_user):
    """Most steps write what "today" never shows: they keep the copy, and the copy stays true. The thought step,
    finishing and deleting show, and retire it."""
    from selfkind.journal import thoughts

    client = personas.client
    c = as_user(client)
    record = thoughts.start_record(client=client)
    steps = {
        "situation": {"situation": "The meeting ran late", "private": True},
        "emotions": {"emotions": [{"name": "shame", "before": "70"}]},
        "belief": {"belief": "80"},
        "traps": {"traps": ["labeling"]},
        "evidence": {"evidence_for": "I stumbled", "evidence_against": "They nodded"},
        "friend": {"friend_response": "You did fine"},
        "compassion": {"kindness": "Rest", "common_humanity": "Everyone stumbles", "mindfulness": "Tired"},
        "rerate": {"belief": "40", "after": {"0": "30"}},
    }
    for step, data in steps.items():
        _served(c)
        token = ClientStamp.objects.get(client=client).token
        thoughts.save_step(record=record, client=client, step=step, data=data)
        assert ClientStamp.objects.get(client=client).token == token, f"{step} retired the copy"
        assert _served(c) == _fresh(c), f"a stale copy after the {step} step"
    for change in (
        lambda: thoughts.save_step(record=record, client=client, step="thought", data={"thought": "I ruin things"}),
        lambda: thoughts.finish(record=record, client=client),
        lambda: thoughts.start_record(client=client),
        lambda: record.delete(),
    ):
        _served(c)
        token = ClientStamp.objects.get(client=client).token
        change()
        assert ClientStamp.objects.get(client=client).token != token
        assert _served(c) == _fresh(c)


def test_writers_are_told_which_saves_touch_a_stamp():
    """`stamps.save_touches` (what a writer asks to know whether its save is two writes) agrees with what this
    page watches: every watched model, and for a thought record only the fields the page shows."""
    from selfkind.accounts import stamps
    from selfkind.journal.models import ThoughtRecord
    from selfkind.safety.models import Alert

    for model in today_cache.WATCHED_CLIENT_MODELS + today_cache.WATCHED_CLINIC_MODELS:
        assert stamps.save_touches(model, None), model
    assert not stamps.save_touches(Alert, None)  # not read by the page
    assert stamps.save_touches(ThoughtRecord, ["thought", "updated_at"])
    assert not stamps.save_touches(ThoughtRecord, ["situation", "last_step", "updated_at"])
    assert stamps.save_touches(ThoughtRecord, None)


def test_todays_drafts_read_only_the_fields_it_watches(personas, as_user):
    """The drafts load only SHOWN_FIELDS; were the page to show another field (a deferred one), each draft would
    cost a query of its own and this would fail, before a stale copy could."""
    from selfkind.journal import thoughts
    from selfkind.journal.models import ThoughtRecord

    for words in ("I ruin things", "Nobody listens", ""):
        record = thoughts.start_record(client=personas.client)
        thoughts.save_step(record=record, client=personas.client, step="thought", data={"thought": words})
    c = as_user(personas.client)
    caches[today_cache.CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as queries:
        page = c.get(TODAY).content.decode()
    assert "I ruin things" in page and "Nobody listens" in page
    table = ThoughtRecord._meta.db_table
    assert len([q for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]) == 1


def test_a_draft_on_today_carries_on_where_the_client_left_off(personas, as_user):
    from selfkind.journal import thoughts

    record = thoughts.start_record(client=personas.client)
    thoughts.save_step(record=record, client=personas.client, step="belief", data={"belief": "60"})
    c = as_user(personas.client)
    link = reverse("journal:thought_resume", args=[record.pk])
    assert link in c.get(TODAY).content.decode()
    assert c.get(link)["Location"] == reverse("journal:thought_step", args=[record.pk, "belief"])
    thoughts.save_step(record=record, client=personas.client, step="thought", data={"thought": "It was fine"})
    thoughts.finish(record=record, client=personas.client)
    assert c.get(link)["Location"] == reverse("journal:thought", args=[record.pk])
    assert as_user(personas.other_client).get(link).status_code == 404
