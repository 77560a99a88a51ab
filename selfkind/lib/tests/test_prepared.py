"""Prepared reads and saves: their SQL is built once, and they do what the ORM does."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, connection
from django.db.models import F, signals
from django.db.models.sql.compiler import SQLCompiler, SQLUpdateCompiler
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts.backends import EmailBackend
from selfkind.accounts.models import Clinic, Session, User
from selfkind.journal.models import Note, ThoughtRecord
from selfkind.lib.crypto import PREFIX
from selfkind.lib.prepared import PreparedRead, create_row, save_fields
from selfkind.practices.models import PracticeSession

pytestmark = pytest.mark.django_db


def _notes_of(client_id):
    return Note.objects.filter(client_id=client_id).order_by("pk").values_list("pk", "text", "created_at")


def test_a_prepared_read_returns_what_the_queryset_returns_with_converters(personas):
    Note.objects.create(client=personas.client, text="a quiet walk helped")
    Note.objects.create(client=personas.client, text="slept badly, went gently")
    Note.objects.create(client=personas.other_client, text="someone else's words")
    read = PreparedRead(_notes_of)
    for user in (personas.client, personas.other_client, personas.therapist):
        rows = read.rows(user.pk)
        assert rows == list(_notes_of(user.pk))
    # Encrypted text decrypts and dates are datetimes (SQLite stores both as text): the converters ran.
    body, created = read.rows(personas.client.pk)[0][1:]
    assert body == "a quiet walk helped"
    assert created.tzinfo is not None


def test_the_sql_is_built_once(personas):
    read = PreparedRead(_notes_of)
    read.rows(personas.client.pk)
    with mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("SQL built again")):
        assert read.rows(personas.other_client.pk) == []


@pytest.mark.parametrize(
    "build",
    [
        lambda v: Note.objects.values_list("pk"),  # the value is not in the SQL
        lambda v: Note.objects.filter(client_id=v, pk__gte=v).values_list("pk"),  # twice
    ],
)
def test_a_read_whose_value_is_not_in_the_sql_exactly_once_is_refused(personas, build):
    with pytest.raises(ValueError, match="exactly once"):
        PreparedRead(build).rows(personas.client.pk)


def test_the_signed_in_user_is_the_user_the_orm_would_load(personas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Clinic.objects.filter(pk=personas.clinic.pk).update(private_risk_notices_off_reason="")
    TOTPDevice.objects.create(user=personas.therapist, name="Phone", confirmed=True)
    TOTPDevice.objects.create(user=personas.client, name="Not yet", confirmed=False)
    backend = EmailBackend()
    for expected, has_totp in ((personas.therapist, True), (personas.client, False)):
        user = backend.get_user(expected.pk)
        fresh = User.objects.get(pk=expected.pk)
        for field in User._meta.concrete_fields:
            assert getattr(user, field.attname) == getattr(fresh, field.attname), field.name
        assert user._has_totp is has_totp
        clinic = user.__dict__["_state"].fields_cache["clinic"]  # cached, as select_related leaves it
        assert clinic.pk == fresh.clinic_id and clinic.name == fresh.clinic.name
        # The clinic's encrypted reason is deferred: never decrypted on every request.
        assert "private_risk_notices_off_reason" in clinic.get_deferred_fields()


def test_a_user_without_a_clinic_an_inactive_one_or_an_unknown_id_is_not_loaded(personas):
    backend = EmailBackend()
    loner = User.objects.create_user(email="loner@test.example", password="x" * 12, name="Lo", role="client")
    assert backend.get_user(loner.pk).clinic is None
    User.objects.filter(pk=loner.pk).update(is_active=False)
    assert backend.get_user(loner.pk) is None
    assert backend.get_user(10**9) is None
    assert backend.get_user("not a number") is None


def test_an_expired_session_signs_nobody_in(personas, as_user):
    c = as_user(personas.client)
    assert c.get(reverse("care:today")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = c.get(reverse("care:today"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_signed_in_request_builds_no_sql_for_its_session_user_or_consent_state(personas, as_user):
    """The three reads every client page makes run with SQL built once per process."""
    c = as_user(personas.client)
    assert c.get(reverse("practices:index")).status_code == 200  # warm: each read prepared once
    built: list[str] = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        built.append(self.query.model._meta.db_table if self.query.model else "")
        return original(self, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", counting):
        response = c.get(reverse("practices:index"))
    assert response.status_code == 200
    assert not {"accounts_session", "accounts_user", "accounts_carerelationship"} & set(built)
    assert get_user(response.wsgi_request).pk == personas.client.pk


def _prepared_statements() -> list[str]:
    """The statements PostgreSQL holds prepared on this connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements on the server")
def test_on_postgresql_a_prepared_read_is_prepared_once_per_connection_and_django_s_own_queries_are_not(personas):
    """Parsed and planned once (the session read's planning cost more than running it); every other query
    stays as Django sends it, bound on the client, so nothing else changes."""

    Note.objects.create(client=personas.client, text="a quiet walk helped")
    read = PreparedRead(_notes_of)
    before = [s for s in _prepared_statements() if '"journal_note"' in s]
    for user in (personas.client, personas.other_client, personas.client):
        assert read.rows(user.pk) == list(_notes_of(user.pk))
    notes = [s for s in _prepared_statements() if '"journal_note"' in s]
    assert len(notes) == len(before) + 1  # one statement, however many reads and values
    assert list(Note.objects.filter(client=personas.client).values_list("text", flat=True)) == ["a quiet walk helped"]
    assert not [s for s in _prepared_statements() if '"journal_note"' in s and s not in notes]


# ---- save_fields: the hot write -------------------------------------------------------------------

_STEP_FIELDS = ["situation", "thought", "emotions_data", "belief_before", "traps_confirmed", "private", "updated_at"]


def _answer(record: ThoughtRecord) -> None:
    record.situation = "The meeting ran late and I snapped at a colleague"
    record.thought = "I always ruin everything"
    record.emotions = [{"name": "shame", "before": 80}]
    record.belief_before = 75
    record.traps_confirmed = ["all_or_nothing"]
    record.private = True
    record.updated_at = timezone.now() - timedelta(minutes=3)


def _stored(pk: int) -> dict:
    return ThoughtRecord.objects.filter(pk=pk).values(*_STEP_FIELDS, "last_step", "evidence_for").get()


def test_save_fields_stores_what_the_orm_s_save_stores(personas):
    by_orm = ThoughtRecord.objects.create(client=personas.client, evidence_for="kept as it was")
    by_us = ThoughtRecord.objects.create(client=personas.client, evidence_for="kept as it was")
    for record in (by_orm, by_us):
        _answer(record)
        record.updated_at = by_orm.updated_at
        record.evidence_for = "changed in memory, not in the fields saved"
    by_orm.save(update_fields=_STEP_FIELDS)
    save_fields(by_us, _STEP_FIELDS)
    assert _stored(by_us.pk) == _stored(by_orm.pk)
    assert _stored(by_us.pk)["evidence_for"] == "kept as it was"  # only the fields named are written
    assert _stored(by_us.pk)["situation"] == "The meeting ran late and I snapped at a colleague"
    # At rest the words are encrypted, as the field always writes them.
    with connection.cursor() as cursor:
        cursor.execute("SELECT situation FROM journal_thoughtrecord WHERE id = %s", [by_us.pk])
        assert cursor.fetchone()[0].startswith(PREFIX)
    # A value set to None is written as NULL.
    by_us.belief_before = None
    save_fields(by_us, ["belief_before"])
    assert _stored(by_us.pk)["belief_before"] is None


@contextlib.contextmanager
def _heard(model, on_pre_save=None):
    """Record the pre_save and post_save signals sent for `model` inside the block."""
    heard: list[tuple] = []

    def pre(sender, instance, raw, using, update_fields, **kwargs):
        heard.append(("pre", sender, instance.pk, raw, using, update_fields))
        if on_pre_save:
            on_pre_save(instance)

    def post(sender, instance, created, raw, using, update_fields, **kwargs):
        heard.append(("post", sender, instance.pk, raw, using, update_fields, created))

    signals.pre_save.connect(pre, sender=model)
    signals.post_save.connect(post, sender=model)
    try:
        yield heard
    finally:
        signals.pre_save.disconnect(pre, sender=model)
        signals.post_save.disconnect(post, sender=model)


def test_save_fields_sends_the_signals_the_orm_sends(personas):
    record = ThoughtRecord.objects.create(client=personas.client)

    def receiver_sets(instance):
        instance.thought = "set by a pre_save receiver"  # read after the signal, as the ORM reads it

    with _heard(ThoughtRecord, receiver_sets) as heard:
        save_fields(record, ["thought", "last_step"])
    names = frozenset({"thought", "last_step"})
    assert heard == [
        ("pre", ThoughtRecord, record.pk, False, "default", names),
        ("post", ThoughtRecord, record.pk, False, "default", names, False),
    ]
    assert ThoughtRecord.objects.get(pk=record.pk).thought == "set by a pre_save receiver"


def test_each_field_s_pre_save_gives_the_value_written(personas):
    """As in the ORM's save: a field may decide its value when saved (an `auto_now` date does)."""
    record = ThoughtRecord.objects.create(client=personas.client)
    field = ThoughtRecord._meta.get_field("updated_at")
    decided = timezone.now() - timedelta(days=2)
    with mock.patch.object(field, "pre_save", return_value=decided) as pre_save:
        save_fields(record, ["updated_at"])
    pre_save.assert_called_once_with(record, False)
    assert ThoughtRecord.objects.get(pk=record.pk).updated_at == decided


def test_a_row_that_is_gone_raises_as_the_orm_does_and_writes_nothing(personas):
    record = ThoughtRecord.objects.create(client=personas.client)
    ThoughtRecord.objects.filter(pk=record.pk).delete()
    record.situation = "typed after the record was deleted elsewhere"
    with pytest.raises(DatabaseError, match="did not affect any rows"):
        save_fields(record, ["situation"])
    assert not ThoughtRecord.objects.filter(client=personas.client).exists()


def test_the_update_is_written_once_and_is_one_query(personas, django_assert_num_queries):
    first = ThoughtRecord.objects.create(client=personas.client)
    second = ThoughtRecord.objects.create(client=personas.client)
    first.situation = "first"
    save_fields(first, ["situation", "last_step"])
    second.situation = "second"
    with (
        mock.patch("selfkind.lib.prepared._update_statement", side_effect=AssertionError("written again")),
        mock.patch.object(SQLUpdateCompiler, "as_sql", side_effect=AssertionError("compiled by the ORM")),
        django_assert_num_queries(1),
    ):
        save_fields(second, ["situation", "last_step"])
    assert [r.situation for r in ThoughtRecord.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")] == [
        "first",
        "second",
    ]


def test_an_expression_is_saved_by_the_orm(personas):
    record = ThoughtRecord.objects.create(client=personas.client, belief_before=40)
    record.belief_before = F("belief_before") + 5
    save_fields(record, ["belief_before"])
    assert ThoughtRecord.objects.get(pk=record.pk).belief_before == 45


def test_names_that_are_not_saveable_fields_are_refused(personas):
    record = ThoughtRecord.objects.create(client=personas.client)
    with pytest.raises(FieldDoesNotExist):
        save_fields(record, ["no_such_field"])
    with pytest.raises(ValueError, match="not a concrete field"):
        save_fields(record, ["id"])
    save_fields(record, [])  # nothing to save: no query, no error


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements on the server")
def test_on_postgresql_the_update_is_prepared_once_per_connection(personas):
    def updates() -> list[str]:
        return [s for s in _prepared_statements() if s.startswith('UPDATE "journal_thoughtrecord"')]

    before = updates()
    for text in ("one", "two", "three"):
        record = ThoughtRecord.objects.create(client=personas.client)
        record.thought = text
        save_fields(record, ["thought", "last_step", "updated_at"])
    assert len(updates()) == len(before) + 1


# ---- create_row: the hot insert -------------------------------------------------------------------


def _session_row(pk: int) -> dict:
    return PracticeSession.objects.filter(pk=pk).values().get()


def test_create_row_creates_what_the_orm_s_create_creates(personas):
    values = {"client": personas.client, "practice": "body-scan", "variant": "short", "distress_before": 6}
    by_orm = PracticeSession.objects.create(**values)
    by_us = create_row(PracticeSession, **values)
    assert by_us.pk is not None and by_us.pk != by_orm.pk
    assert not by_us._state.adding and by_us._state.db == "default"
    ours, theirs = _session_row(by_us.pk), _session_row(by_orm.pk)
    for row in (ours, theirs):
        row.pop("id"), row.pop("started_at")  # the id is the database's; started_at is now() at creation
    assert ours == theirs
    assert ours["kindness_before"] is None and ours["private"] is False  # defaults as the model gives them
    assert PracticeSession.objects.get(pk=by_us.pk).started_at == by_us.started_at


def test_create_row_sends_the_signals_the_orm_sends_and_is_one_query(personas, django_assert_num_queries):
    create_row(PracticeSession, client=personas.client, practice="body-scan", variant="short")  # written once
    with (
        _heard(PracticeSession) as heard,
        mock.patch("selfkind.lib.prepared._insert_statement", side_effect=AssertionError("written again")),
        django_assert_num_queries(1 + 1),  # the row, and the client's stamp (a receiver of post_save)
    ):
        session = create_row(PracticeSession, client=personas.client, practice="body-scan", variant="short")
    assert heard == [
        ("pre", PracticeSession, None, False, "default", None),
        ("post", PracticeSession, session.pk, False, "default", None, True),
    ]


def test_create_row_refuses_an_unsaved_related_object_as_the_orm_does(personas):
    from selfkind.accounts.models import User

    unsaved = User(email="not-saved@example.com")
    with pytest.raises(ValueError, match="unsaved related object"):
        create_row(PracticeSession, client=unsaved, practice="body-scan", variant="short")
    assert not PracticeSession.objects.filter(practice="body-scan").exists()


def test_create_row_leaves_an_expression_or_a_given_id_to_the_orm(personas):
    from django.db.models import Value

    session = create_row(
        PracticeSession, client=personas.client, practice=Value("body-scan"), variant="short", distress_before=3
    )
    assert PracticeSession.objects.get(pk=session.pk).practice == "body-scan"
    given = create_row(PracticeSession, id=session.pk + 100, client=personas.client, practice="x", variant="y")
    assert given.pk == session.pk + 100 and PracticeSession.objects.filter(pk=session.pk + 100).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements on the server")
def test_on_postgresql_the_insert_is_prepared_once_per_connection(personas):
    def inserts() -> list[str]:
        return [s for s in _prepared_statements() if s.startswith('INSERT INTO "practices_practicesession"')]

    before = inserts()
    for rating in (1, 2, 3):
        create_row(
            PracticeSession, client=personas.client, practice="body-scan", variant="short", distress_before=rating
        )
    assert len(inserts()) == len(before) + 1
    assert sorted(PracticeSession.objects.values_list("distress_before", flat=True)) == [1, 2, 3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements on the server")
def test_on_postgresql_prepared_statements_are_recorded_as_sql_like_every_other_query(personas):
    """What DEBUG and the tests record reads the same whichever cursor ran the query."""
    from django.test.utils import CaptureQueriesContext

    record = ThoughtRecord.objects.create(client=personas.client)
    record.last_step = "thought"
    with CaptureQueriesContext(connection) as queries:
        save_fields(record, ["last_step"])
        PreparedRead(_notes_of).rows(personas.client.pk)
    assert [q["sql"].split(" ", 1)[0] for q in queries.captured_queries] == ["UPDATE", "SELECT"]
    assert "'thought'" in queries.captured_queries[0]["sql"]
