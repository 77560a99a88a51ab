from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts.models import Appointment

pytestmark = pytest.mark.django_db


def test_signed_out_home_shows_the_sign_in_form(client):
    body = client.get("/").content.decode()
    assert "Sign in" in body and 'name="username"' in body and 'name="password"' in body
    assert reverse("safety:need_help") in body


def test_every_page_links_to_need_help(personas, as_user):
    for user, url in [(personas.client, "/"), (personas.therapist, "/"), (None, "/accounts/login/"), (None, "/nope/")]:
        body = as_user(user).get(url).content.decode()
        assert 'href="/help/"' in body, url


def test_need_help_shows_the_clients_country(personas, as_user):
    body = as_user(personas.client).get(reverse("safety:need_help")).content.decode()
    assert "116 123" in body and "999" in body  # GB
    body = as_user(None).get(reverse("safety:need_help") + "?country=AU").content.decode()
    assert "13 11 14" in body and "000" in body
    body = as_user(None).get(reverse("safety:need_help") + "?country=XX").content.decode()
    assert "112" in body


def test_therapist_records_a_session_and_both_see_it(personas, as_user):
    starts = (timezone.now() + timedelta(days=3)).astimezone(personas.therapist.tzinfo)
    c = as_user(personas.therapist)
    response = c.post(
        reverse("care:add_appointment", args=[personas.client.pk]),
        {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 50},
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.therapist == personas.therapist and appointment.client == personas.client
    assert "next-session" in as_user(personas.client).get("/").content.decode()
    assert personas.client.name in as_user(personas.therapist).get("/").content.decode()


def test_a_bad_session_date_is_refused_and_kept(personas, as_user):
    c = as_user(personas.therapist)
    response = c.post(
        reverse("care:add_appointment", args=[personas.client.pk]),
        {"starts_at": "tomorrow-ish", "duration_minutes": 50},
    )
    assert response.status_code == 200
    assert "tomorrow-ish" in response.content.decode()
    assert not Appointment.objects.exists()


def test_other_therapists_cannot_add_sessions(personas, as_user):
    for user in (personas.other_therapist, personas.other_clinic_therapist):
        response = as_user(user).post(
            reverse("care:add_appointment", args=[personas.client.pk]),
            {"starts_at": "2030-01-01T10:00", "duration_minutes": 50},
        )
        assert response.status_code == 404
    assert not Appointment.objects.exists()


def test_a_second_therapist_never_sees_the_first_therapists_clients(personas, as_user):
    c = as_user(personas.other_therapist)
    body = c.get("/").content.decode()
    assert personas.client.name not in body
    assert c.get(reverse("care:client", args=[personas.client.pk])).status_code == 404


@pytest.mark.parametrize("show", ["", "alerts", "deteriorating", "inactive", "overdue"])
def test_caseload_queries_are_the_same_for_5_and_200_clients(personas, as_user, django_assert_max_num_queries, show):
    from conftest import connect
    from selfkind.accounts.models import User
    from selfkind.care.models import Homework
    from selfkind.measures.models import MeasureSchedule

    def add(n, start):
        users = User.objects.bulk_create(
            [
                User(email=f"c{i}@test.example", name=f"Client {i:03d}", role="client", clinic=personas.clinic)
                for i in range(start, start + n)
            ]
        )
        for user in users:
            connect(personas.therapist, user)
            Homework.objects.create(
                therapist=personas.therapist,
                client=user,
                kind="thought_record",
                frequency="daily",
                starts_on=timezone.localdate(),
            )
            MeasureSchedule.objects.create(client=user, instrument="gad7", starts_on=timezone.localdate())

    c = as_user(personas.therapist)
    add(4, 0)  # with the persona's own client: 5
    c.get("/")
    with django_assert_max_num_queries(40) as five:
        c.get(f"/?show={show}")
    add(195, 4)
    with django_assert_max_num_queries(40) as two_hundred:
        body = c.get(f"/?show={show}").content.decode()
    assert len(two_hundred.captured_queries) == len(five.captured_queries)
    if not show:
        assert "Page 1 of 4" in body  # 200 rows, 50 a page


def test_healthz_reports_database_and_migrations(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok" and data["checks"]["database"] == "ok" and data["checks"]["migrations"] == "ok"
    assert data["checks"]["worker"] in ("ok", "stale")


def test_theme_switch_works_without_javascript(client):
    response = client.post(reverse("care:theme"), {"theme": "dark", "next": "/help/"})
    assert response.status_code == 302 and response["Location"] == "/help/"
    assert 'data-theme="dark"' in client.get("/help/").content.decode()
    response = client.post(reverse("care:theme"), {"theme": "dark", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_therapist_cannot_touch_another_therapists_session_through_their_own_client(personas, as_user):
    theirs = Appointment.objects.create(
        therapist=personas.therapist, client=personas.client, starts_at=timezone.now() + timedelta(days=1)
    )
    c = as_user(personas.other_therapist)
    url = reverse("care:appointment_status", args=[personas.other_client.pk, theirs.pk])
    assert c.post(url, {"status": "cancelled"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "scheduled"


def test_the_caseload_shows_latest_scores_and_overdue_measures_in_constant_queries(
    personas, as_user, django_assert_max_num_queries
):
    from conftest import connect, make_user
    from selfkind.measures import services as measures
    from selfkind.measures.models import MeasureSchedule

    def client_with_history(n):
        client = make_user(f"h{n}@test.example", "client", personas.clinic, f"Hist {n:03d}")
        connect(personas.therapist, client)
        MeasureSchedule.objects.create(
            client=client, instrument="phq9", frequency="weekly", starts_on=timezone.now().date() - timedelta(days=20)
        )
        for value in (2, 1):
            adm = measures.start(client=client, key="phq9")
            for item in range(1, 10):
                measures.save_answer(administration=adm, client=client, item=item, value=value if item < 9 else 0)
            measures.submit(administration=adm, client=client)
        return client

    c = as_user(personas.therapist)
    client_with_history(0)
    c.get("/")
    with django_assert_max_num_queries(25) as few:
        body = c.get("/").content.decode()
    assert "PHQ-9 8" in body and "Mild" in body and "better than last time" in body
    for n in range(1, 8):
        client_with_history(n)
    with django_assert_max_num_queries(25) as many:
        c.get("/")
    assert len(many.captured_queries) == len(few.captured_queries)
