"""The hot pages keep their query counts: each fix found by profiling (make bench) is held here."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_rendered_afresh(settings):
    """These tests count the reads of "today" rendered afresh; its kept copies are test_today_cache.py's."""
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _tables(queries: list[dict], table: str) -> int:
    return sum(1 for q in queries if f'FROM "{table}"' in q["sql"])


def test_today_asks_the_consent_question_once_per_request(personas, as_user):
    c = as_user(personas.client)
    c.get(reverse("care:today"))  # warm: session and caches
    with CaptureQueriesContext(connection) as queries:
        response = c.get(reverse("care:today"))
    assert response.status_code == 200
    # The consent gate and the page share one answer: one read of the consents (with the session), not two.
    assert _tables(queries.captured_queries, "accounts_consent") == 1
    assert len(queries.captured_queries) <= 26


def _assign(personas, kind: str, target: str) -> None:
    """Set the client daily homework of `kind` from their therapist, starting today."""
    from django.utils import timezone

    from selfkind.care.models import Homework

    Homework.objects.create(
        therapist=personas.therapist,
        client=personas.client,
        kind=kind,
        target=target,
        frequency="daily",
        starts_on=timezone.localdate(),
    )


def _today_queries(c) -> int:
    c.get(reverse("care:today"))
    with CaptureQueriesContext(connection) as queries:
        assert c.get(reverse("care:today")).status_code == 200
    return len(queries.captured_queries)


def test_today_reads_the_practices_and_lessons_once_however_much_homework(personas, as_user):
    c = as_user(personas.client)
    _assign(personas, "practice", "body-scan")
    _assign(personas, "lesson", "backdraft")
    with_two = _today_queries(c)
    for practice in ("compassionate-friend", "compassionate-letter", "friend-reflection"):
        _assign(personas, "practice", practice)
    _assign(personas, "lesson", "common-humanity")
    assert _today_queries(c) == with_two
    from selfkind.practices.services import practices_for

    body = c.get(reverse("care:today")).content.decode()
    assert practices_for(personas.client)["compassionate-letter"].title in body  # labels from the single read


def _joined(queries: list[dict], table: str) -> int:
    return sum(1 for q in queries if f'"{table}"' in q["sql"])


def test_the_consent_gate_reads_the_relationships_with_the_session(personas, as_user):
    c = as_user(personas.client)
    c.get(reverse("practices:index"))
    with CaptureQueriesContext(connection) as queries:
        assert c.get(reverse("practices:index")).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if '"accounts_carerelationship"' in q["sql"]]
    assert len(reads) == 1 and 'FROM "accounts_session"' in reads[0]


_WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN", "SAVEPOINT")


@pytest.mark.parametrize("page", ["today", "thought_step", "practices_index", "practice_detail", "practices_log"])
def test_a_second_get_of_a_hot_page_writes_nothing(personas, as_user, page):
    """A plain GET reads only: no session save, no last-seen or audit row, no lock taken (SQLite's IMMEDIATE)."""

    from conftest import connect
    from selfkind.journal.models import ThoughtRecord

    connect(personas.therapist, personas.client)
    _assign(personas, "practice", "body-scan")
    record = ThoughtRecord.objects.create(client=personas.client)
    url = {
        "today": reverse("care:today"),
        "thought_step": reverse("journal:thought_step", args=[record.pk, "situation"]),
        "practices_index": reverse("practices:index"),
        "practice_detail": reverse("practices:detail", args=["body-scan"]),
        "practices_log": reverse("practices:log"),
    }[page]
    c = as_user(personas.client)
    assert c.get(url).status_code == 200  # the first page after signing in may note the time once
    with CaptureQueriesContext(connection) as queries:
        assert c.get(url).status_code == 200
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(_WRITES)]
    assert writes == []
    assert _tables(queries.captured_queries, "accounts_session") == 1  # read once (with the user), never saved


def test_today_reads_each_thing_once(personas, as_user, django_assert_max_num_queries):
    """The relationship, the practice history and the affirmation of the day: one query each."""

    from conftest import connect
    from selfkind.journal.models import Affirmation

    connect(personas.therapist, personas.client)
    _assign(personas, "practice", "body-scan")
    Affirmation.objects.create(client=personas.client, text="I can go gently.", status="active")
    c = as_user(personas.client)
    c.get(reverse("care:today"))
    with django_assert_max_num_queries(14) as queries:
        response = c.get(reverse("care:today"))
    assert response.status_code == 200
    assert "I can go gently." in response.content.decode()
    captured = queries.captured_queries
    assert _tables(captured, "accounts_clientstamp") == 1  # the key of the kept copy (test_today_cache.py)
    # The relationships came with the session for the consent gate, and that read serves the page.
    assert _joined(captured, "accounts_carerelationship") == 1
    assert _tables(captured, "accounts_clinic") == 0  # loaded with the signed-in user
    # Whether it was set aside today is asked inside the affirmation query, not by a query of its own.
    assert not [q for q in captured if q["sql"].startswith('SELECT "journal_affirmationskip"')]
    # Practice homework: its completions, and the history (last started, this week's count) in one more.
    assert _tables(captured, "practices_practicesession") == 2
    assert _tables(captured, "journal_thoughtrecord") == 1  # the drafts only: no thought-record homework


def test_the_second_factor_is_asked_on_every_request_inside_the_user_query(personas, as_user):
    """No query of its own for "has this client an authenticator?", yet one turned on elsewhere counts at once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    c = as_user(personas.client)
    c.get(reverse("care:today"))
    with CaptureQueriesContext(connection) as queries:
        assert c.get(reverse("care:today")).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT 1 AS "a" FROM "otp_totp')]
    TOTPDevice.objects.create(user=personas.client, name="Phone", confirmed=True)  # from another device
    response = c.get(reverse("care:today"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_healthz_builds_the_migration_graph_at_most_once_a_minute(client, monkeypatch):
    from selfkind.care import health

    built = []

    class CountingExecutor(health.MigrationExecutor):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    now = [1000.0]
    monkeypatch.setattr(health, "MigrationExecutor", CountingExecutor)
    monkeypatch.setattr(health, "_clock", lambda: now[0])
    health.forget_migrations_check()
    try:
        for _ in range(3):
            response = client.get("/healthz")
            assert response.status_code == 200
            assert response.json()["checks"]["migrations"] == "ok"
        assert len(built) == 1
        now[0] += health.MIGRATIONS_OK_FOR + 1
        assert client.get("/healthz").json()["checks"]["migrations"] == "ok"
        assert len(built) == 2
    finally:
        health.forget_migrations_check()


def test_healthz_never_keeps_a_missing_migration(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    from selfkind.care import health

    health.forget_migrations_check()
    missing = [("a migration", False)]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: missing)
    try:
        for _ in range(2):
            response = client.get("/healthz")
            assert response.status_code == 503
            assert response.json() == {"status": "error", "checks": {"database": "ok", "migrations": "missing"}}
        missing.clear()  # `selfkind migrate` has run: green at once
        assert client.get("/healthz").status_code == 200
    finally:
        health.forget_migrations_check()


def test_today_reads_the_reflections_once_for_lesson_homework_and_the_suggested_lesson(personas, as_user):
    from selfkind.journal.models import Reflection

    _assign(personas, "lesson", "backdraft")
    Reflection.objects.create(client=personas.client, lesson="backdraft", text="It felt worse before better.")
    c = as_user(personas.client)
    c.get(reverse("care:today"))
    with CaptureQueriesContext(connection) as queries:
        response = c.get(reverse("care:today"))
    assert _tables(queries.captured_queries, "journal_reflection") == 1
    row = next(r for r, _, _ in response.context["homework"] if r.homework.target == "backdraft")
    assert row.adherence.done == 1  # today's reflection counts, from the single read
    assert response.context["suggested_lesson"].slug != "backdraft"  # already reflected on
