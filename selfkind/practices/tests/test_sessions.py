import pytest
from django.urls import reverse

from selfkind.practices.models import CustomPractice, PracticeSession
from selfkind.safety.models import Alert

pytestmark = pytest.mark.django_db


def test_a_practice_is_started_with_ratings_and_finished_into_the_log(personas, as_user):
    c = as_user(personas.client)
    response = c.post(
        reverse("practices:detail", args=["paced-breathing"]), {"variant": "box", "distress": "7", "kindness": "3"}
    )
    session = PracticeSession.objects.get()
    assert response["Location"] == reverse("practices:play", args=[session.pk])
    page = c.get(response["Location"]).content.decode()
    assert 'data-inhale="4"' in page and "about" in page and "player.js" in page
    c.post(
        reverse("practices:finish", args=[session.pk]),
        {"distress": "4", "kindness": "6", "duration": "200", "note": "calmer"},
    )
    session.refresh_from_db()
    assert session.is_complete and session.distress_change == -3 and session.kindness_change == 3
    assert session.duration_seconds is not None and session.duration_seconds <= 200
    log = c.get(reverse("practices:log")).content.decode()
    assert "7 → 4" in log and "3 → 6" in log and "calmer" in log
    therapist = (
        as_user(personas.therapist).get(reverse("care:client_practices", args=[personas.client.pk])).content.decode()
    )
    assert "7 → 4" in therapist and "calmer" in therapist


def test_ratings_are_optional_but_bounded(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("practices:detail", args=["mindful-breathing"]), {})
    assert PracticeSession.objects.get().distress_before is None
    response = c.post(reverse("practices:detail", args=["mindful-breathing"]), {"distress": "11"})
    assert response.status_code == 200 and "0 to 10" in response.content.decode()
    assert PracticeSession.objects.count() == 1


def test_writing_is_saved_as_it_goes_encrypted_and_screened(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("practices:detail", args=["two-chair-dialogue"]), {})
    session = PracticeSession.objects.get()
    c.post(reverse("practices:write", args=[session.pk, 1]), {"text": "You always get it wrong"})
    session.refresh_from_db()
    assert session.writing == {"1": "You always get it wrong"}
    response = c.post(
        reverse("practices:write", args=[session.pk, 2]),
        {"text": "the critic says the world would be lighter without me"},
    )
    assert response["Location"].startswith(reverse("safety:crisis"))
    assert Alert.objects.get().source_type == "practice"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT writing_data FROM practices_practicesession")
        assert "wrong" not in cursor.fetchone()[0]


def test_htmx_autosave_answers_with_a_small_fragment(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("practices:detail", args=["compassionate-letter"]), {})
    session = PracticeSession.objects.get()
    response = c.post(reverse("practices:write", args=[session.pk, 0]), {"text": "Dear me"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.content.decode().strip() == "Saved."


def test_a_private_note_is_hidden_from_the_therapist(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("practices:detail", args=["soothing-touch"]), {})
    session = PracticeSession.objects.get()
    c.post(reverse("practices:finish", args=[session.pk]), {"note": "about my sister", "private": "on"})
    body = as_user(personas.therapist).get(reverse("care:client_practices", args=[personas.client.pk])).content.decode()
    assert "about my sister" not in body and "private" in body


def test_nobody_else_touches_a_session(personas, as_user):
    c = as_user(personas.client)
    c.post(reverse("practices:detail", args=["soothing-touch"]), {})
    session = PracticeSession.objects.get()
    other = as_user(personas.other_client)
    assert other.get(reverse("practices:play", args=[session.pk])).status_code == 404
    assert other.post(reverse("practices:finish", args=[session.pk]), {"distress": "1"}).status_code == 404
    session.refresh_from_db()
    assert not session.is_complete


def test_a_therapist_writes_a_practice_and_markdown_is_sanitised(personas, as_user):
    t = as_user(personas.therapist)
    data = {
        "title": "Kind morning",
        "summary": "Two minutes to start the day gently.",
        "stage": "resilience",
        "component": ["self_kindness"],
        "source": "Written by Thea for this clinic (2026).",
        "steps": "30 | Notice *one* kind thing <script>alert(1)</script>\n90 | [link](https://evil.example) Rest here.",
    }
    assert t.post(reverse("practices:custom"), data).status_code == 302
    custom = CustomPractice.objects.get()
    c = as_user(personas.client)
    assert "Kind morning" in c.get(reverse("practices:index")).content.decode()
    c.post(reverse("practices:detail", args=[f"custom-{custom.pk}"]), {})
    page = c.get(reverse("practices:play", args=[PracticeSession.objects.get().pk])).content.decode()
    assert "<em>one</em>" in page and "<script>alert" not in page and "evil.example" not in page
    # Another clinic's clients never see it.
    assert "Kind morning" not in as_user(personas.other_clinic_therapist).get("/").content.decode()


def test_a_bad_custom_practice_keeps_what_was_typed(personas, as_user):
    t = as_user(personas.therapist)
    data = {
        "title": "Oops",
        "summary": "x",
        "stage": "resilience",
        "component": ["mindfulness"],
        "source": "Me (2026) notes",
        "steps": "soon | Breathe",
    }
    response = t.post(reverse("practices:custom"), data)
    assert response.status_code == 200 and "Line 1 needs seconds" in response.content.decode()
    assert "soon | Breathe" in response.content.decode()
    assert not CustomPractice.objects.exists()


@pytest.mark.parametrize("moment", ["start", "finish"])
def test_a_practice_and_the_clients_stamp_are_written_in_one_transaction(personas, moment):
    """The row and the stamp that retires the client's kept "today" commit together (or not at all)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from selfkind.practices.content import library
    from selfkind.practices.services import finish_session, start_session

    practice = library()["compassionate-friend"]
    session = start_session(client=personas.client, practice=practice, variant=practice.variants[0].key)
    with CaptureQueriesContext(connection) as queries:
        if moment == "start":
            start_session(client=personas.client, practice=practice, variant=practice.variants[0].key, distress=5)
        else:
            finish_session(session=session, client=personas.client, kindness=7, note="a steadier evening")
    sql = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    writes = [i for i, verb in enumerate(sql) if verb in ("INSERT", "UPDATE")]
    assert len(writes) == 2, sql  # the practice row and the stamp
    # Inside the suite's own transaction an atomic block is a savepoint: both writes sit inside one.
    opened = max(i for i, verb in enumerate(sql) if verb == "SAVEPOINT" and i < writes[0])
    closed = min(i for i, verb in enumerate(sql) if verb == "RELEASE" and i > writes[-1])
    assert not any(verb in ("SAVEPOINT", "RELEASE") for verb in sql[opened + 1 : closed])


def _custom_practice(as_user, therapist, title):
    data = {
        "title": title,
        "summary": "Two minutes to start the day gently.",
        "stage": "resilience",
        "component": ["self_kindness"],
        "source": "Written for this clinic (2026).",
        "steps": "30 | Notice one kind thing\n90 | Rest here.",
    }
    assert as_user(therapist).post(reverse("practices:custom"), data).status_code == 302
    return CustomPractice.objects.order_by("-pk").first()


def test_one_practice_is_found_as_the_whole_list_would_find_it(personas, as_user):
    from selfkind.practices.services import practice_for, practices_for

    ours = _custom_practice(as_user, personas.therapist, "Kind morning")
    theirs = _custom_practice(as_user, personas.other_clinic_therapist, "Their evening")
    everything = practices_for(personas.client)
    slugs = [
        *everything,
        f"custom-{theirs.pk}",
        "custom-999999",
        "custom-" + "9" * 30,
        "custom-x",
        "no-such-practice",
        "",
    ]
    for slug in slugs:
        assert practice_for(personas.client, slug) == everything.get(slug), slug
    assert practice_for(personas.client, f"custom-{ours.pk}").title == "Kind morning"
    assert practice_for(personas.client, f"custom-{theirs.pk}") is None  # another clinic's own


def test_logging_a_shipped_practice_reads_none_of_the_clinics_own(personas, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _custom_practice(as_user, personas.therapist, "Kind morning")
    c = as_user(personas.client)
    with CaptureQueriesContext(connection) as queries:
        response = c.post(reverse("practices:detail", args=["compassionate-friend"]), {"distress": "6"})
    assert response.status_code == 302
    table = CustomPractice._meta.db_table
    assert not [q for q in queries.captured_queries if f'"{table}"' in q["sql"]]
