from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from selfkind.measures import selectors, services
from selfkind.measures.instruments import engine
from selfkind.measures.models import Administration, MeasureSchedule
from selfkind.safety.models import Alert

pytestmark = pytest.mark.django_db


def _answer_all(c, adm, values):
    for n, value in enumerate(values, start=1):
        c.post(reverse("measures:question", args=[adm.pk, n]), {"answer": value, "go": "next"})


def test_a_client_answers_one_question_at_a_time_and_sees_plain_words(personas, as_user):
    c = as_user(personas.client)
    response = c.post(reverse("measures:start", args=["phq9"]))
    adm = Administration.objects.get()
    assert response["Location"] == reverse("measures:question", args=[adm.pk, 1])
    page = c.get(response["Location"]).content.decode()
    assert "Question 1 of 9" in page and "Little interest or pleasure" in page and "Several days" in page
    _answer_all(c, adm, [2, 2, 2, 2, 2, 2, 2, 1, 0])
    response = c.post(reverse("measures:review", args=[adm.pk]), {"difficulty": "2"})
    assert response["Location"] == reverse("measures:result", args=[adm.pk])
    adm.refresh_from_db()
    assert adm.is_submitted and int(adm.total) == 15 and adm.band == "moderately_severe" and adm.difficulty == 2
    assert "phq2_positive" in adm.flags and "nhs_caseness" in adm.flags
    result = c.get(reverse("measures:result", args=[adm.pk])).content.decode().lower()
    assert "difficulties with mood" in result and "high" in result
    for word in ("depression", "caseness", "severe", "disorder"):
        assert word not in result, word


def test_item_9_raises_the_alert_on_the_draft_save_itself(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("measures:start", args=["phq9"]))
    adm = Administration.objects.get()
    response = c.post(reverse("measures:question", args=[adm.pk, 9]), {"answer": "1", "go": "next"})
    alert = Alert.objects.get()
    assert alert.level == "concern" and alert.source_type == "measure:phq9" and alert.routed_to == personas.therapist
    assert response["Location"].startswith(reverse("safety:crisis") + f"?alert={alert.pk}")
    assert "next=" in response["Location"]
    adm.refresh_from_db()
    assert not adm.is_submitted and adm.answers == {"9": 1}  # a draft, answer kept
    # Later answers do not bring the crisis screen back; changing the answer never withdraws the alert.
    response = c.post(reverse("measures:question", args=[adm.pk, 1]), {"answer": "1", "go": "next"})
    assert response["Location"] == reverse("measures:question", args=[adm.pk, 2])
    c.post(reverse("measures:question", args=[adm.pk, 9]), {"answer": "0", "go": "next"})
    alert.refresh_from_db()
    assert alert.is_open


def test_submitting_with_answers_missing_points_to_them_kindly_and_keeps_the_rest(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("measures:start", args=["gad7"]))
    adm = Administration.objects.get()
    for n in (1, 2, 3, 5, 6, 7):
        c.post(reverse("measures:question", args=[adm.pk, n]), {"answer": "1"})
    response = c.post(reverse("measures:review", args=[adm.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Answer question 4" in body and "Everything else is saved" in body
    adm.refresh_from_db()
    assert not adm.is_submitted and len(adm.answers) == 6


@pytest.mark.parametrize("bad", ["", "9", "-1", "1.0", "true", "one"])
def test_an_answer_outside_the_scale_is_refused_kindly(personas, as_user, bad):
    c = as_user(personas.client)
    c.post(reverse("measures:start", args=["gad7"]))
    adm = Administration.objects.get()
    c.post(reverse("measures:question", args=[adm.pk, 1]), {"answer": "2"})
    response = c.post(reverse("measures:question", args=[adm.pk, 2]), {"answer": bad})
    assert response.status_code == 200 and "Please choose one of the answers" in response.content.decode()
    adm.refresh_from_db()
    assert adm.answers == {"1": 2}


def test_submitted_answers_are_immutable_and_a_correction_references_the_old(personas):
    adm = services.start(client=personas.client, key="gad7")
    for n in range(1, 8):
        services.save_answer(administration=adm, client=personas.client, item=n, value=2)
    services.submit(administration=adm, client=personas.client)
    with pytest.raises(PermissionError):
        services.save_answer(administration=adm, client=personas.client, item=1, value=0)
    fix = services.correct(administration=adm, client=personas.client)
    assert fix.corrects == adm and fix.answers == adm.answers and not fix.is_submitted
    services.save_answer(administration=fix, client=personas.client, item=1, value=0)
    services.submit(administration=fix, client=personas.client)
    adm.refresh_from_db()
    assert int(adm.total) == 14 and int(fix.total) == 12
    assert [a.pk for a in selectors.submitted(personas.client, "gad7")] == [fix.pk]  # the correction replaces it


def test_a_draft_survives_closing_the_browser(personas, client, as_user):
    c = as_user(personas.client)
    c.post(reverse("measures:start", args=["phq9"]))
    adm = Administration.objects.get()
    c.post(reverse("measures:question", args=[adm.pk, 1]), {"answer": "3", "go": "later"})
    c.logout()
    c = as_user(personas.client)
    response = c.post(reverse("measures:start", args=["phq9"]))
    assert response["Location"] == reverse("measures:question", args=[adm.pk, 2])  # carries on where it stopped
    assert Administration.objects.count() == 1


def test_the_score_engine_refuses_incomplete_answers(personas):
    adm = services.start(client=personas.client, key="who5")
    services.save_answer(administration=adm, client=personas.client, item=1, value=5)
    with pytest.raises(engine.ResponseError):
        services.submit(administration=adm, client=personas.client)


def test_due_today_follows_the_clients_time_zone_and_the_clinic_grace(personas):
    personas.client.time_zone = "Australia/Sydney"
    personas.client.save()
    MeasureSchedule.objects.create(
        client=personas.client, instrument="phq9", frequency="weekly", starts_on=date(2026, 3, 2)
    )
    # 2026-03-01 14:00 UTC is already Monday 2 March in Sydney.
    with time_machine.travel(datetime(2026, 3, 1, 14, 0, tzinfo=ZoneInfo("UTC"))):
        due = selectors.due_for(personas.client)
        assert [d.instrument.key for d in due] == ["phq9"] and not due[0].overdue
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=ZoneInfo("UTC"))):
        assert selectors.due_for(personas.client)[0].overdue  # grace of 2 days has passed
    with time_machine.travel(datetime(2026, 3, 3, 2, 0, tzinfo=ZoneInfo("UTC"))):
        adm = services.start(client=personas.client, key="phq9")
        for n in range(1, 10):
            services.save_answer(administration=adm, client=personas.client, item=n, value=0)
        services.submit(administration=adm, client=personas.client)
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=ZoneInfo("UTC"))):
        assert selectors.due_for(personas.client) == []


def test_the_therapist_sets_a_schedule_and_sees_charts_with_clinical_words(personas, as_user):
    c = as_user(personas.therapist)
    url = reverse("care:client_measures", args=[personas.client.pk])
    response = c.post(url, {"instrument": "gad7", "frequency": "weekly", "starts_on": "2026-01-05"})
    assert response.status_code == 302
    assert MeasureSchedule.objects.get().set_by == personas.therapist
    for values in ([3, 3, 3, 2, 2, 2, 2], [1, 1, 1, 1, 1, 0, 0]):
        adm = services.start(client=personas.client, key="gad7")
        for n, v in enumerate(values, start=1):
            services.save_answer(administration=adm, client=personas.client, item=n, value=v)
        services.submit(administration=adm, client=personas.client)
    body = c.get(url).content.decode()
    assert "<svg" in body and "Severe" in body and "reliable improvement" in body
    assert "recovery yes" in body  # 17 → 5: at caseness at start, not now, reliably improved


def test_other_therapists_cannot_schedule(personas, as_user):
    url = reverse("care:client_measures", args=[personas.client.pk])
    for user in (personas.other_therapist, personas.other_clinic_therapist):
        assert (
            as_user(user)
            .post(url, {"instrument": "gad7", "frequency": "weekly", "starts_on": "2026-01-05"})
            .status_code
            == 404
        )
    assert not MeasureSchedule.objects.exists()


def test_a_switched_off_instrument_cannot_be_started(personas, as_user):
    c = as_user(personas.client)
    assert c.post(reverse("measures:start", args=["brs"])).status_code == 404  # BRS is off by default
    services.set_instrument_enabled(clinic=personas.clinic, key="brs", enabled=True)
    assert c.post(reverse("measures:start", args=["brs"])).status_code == 302
    with pytest.raises(ValueError):
        services.set_instrument_enabled(clinic=personas.clinic, key="phq9", enabled=False)


def test_the_progress_page_queries_do_not_grow_with_history(personas, as_user, django_assert_max_num_queries):
    c = as_user(personas.client)

    def add(n):
        for _ in range(n):
            adm = services.start(client=personas.client, key="gad7")
            for i in range(1, 8):
                services.save_answer(administration=adm, client=personas.client, item=i, value=1)
            services.submit(administration=adm, client=personas.client)

    add(2)
    c.get(reverse("care:progress"))  # the first request also writes the session
    with django_assert_max_num_queries(15) as few:
        c.get(reverse("care:progress"))
    add(10)
    with django_assert_max_num_queries(15) as many:
        c.get(reverse("care:progress"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_clinic_admin_switches_questionnaires(personas, as_user):
    c = as_user(personas.clinic_admin)
    body = c.get(reverse("measures:clinic_instruments")).content.decode()
    assert "Brief Resilience Scale" in body and "always offered" in body
    c.post(reverse("measures:clinic_instruments"), {"enabled": ["brs", "who5"]})
    keys = [i.key for i in services.enabled_instruments(personas.clinic)]
    assert "brs" in keys and "who5" in keys and "phq9" in keys
    c.post(reverse("measures:clinic_instruments"), {"enabled": []})
    keys = [i.key for i in services.enabled_instruments(personas.clinic)]
    assert "brs" not in keys and "who5" not in keys and "phq9" in keys
    other = [i.key for i in services.enabled_instruments(personas.other_clinic)]
    assert "who5" in other and "brs" not in other  # another clinic keeps the defaults


def test_due_measures_show_on_today(personas, as_user):
    from django.utils import timezone

    MeasureSchedule.objects.create(
        client=personas.client,
        instrument="gad7",
        frequency="weekly",
        starts_on=timezone.localtime(timezone.now(), personas.client.tzinfo).date(),
    )
    body = as_user(personas.client).get("/").content.decode()
    assert 'data-testid="today-measures"' in body and "difficulties with worry" in body


def test_a_started_check_in_is_handed_on_as_the_draft_to_carry_on(personas):
    MeasureSchedule.objects.create(
        client=personas.client, instrument="phq9", frequency="weekly", starts_on=date(2026, 3, 2)
    )
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=ZoneInfo("UTC"))):
        adm = services.start(client=personas.client, key="phq9")
        services.save_answer(administration=adm, client=personas.client, item=1, value=2)
        (due,) = selectors.due_for(personas.client)
    assert due.draft is not None and due.draft.pk == adm.pk and due.draft.instrument == "phq9"
