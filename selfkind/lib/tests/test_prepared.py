"""Prepared reads: the SQL of every-request reads is built once, and they return what the ORM returns."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts.backends import EmailBackend
from selfkind.accounts.models import Clinic, Session, User
from selfkind.journal.models import Note
from selfkind.lib.prepared import PreparedRead

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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements on the server")
def test_on_postgresql_a_prepared_read_is_prepared_once_per_connection_and_django_s_own_queries_are_not(personas):
    """Parsed and planned once (the session read's planning cost more than running it); every other query
    stays as Django sends it, bound on the client, so nothing else changes."""

    def prepared_statements() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall()]

    Note.objects.create(client=personas.client, text="a quiet walk helped")
    read = PreparedRead(_notes_of)
    before = [s for s in prepared_statements() if '"journal_note"' in s]
    for user in (personas.client, personas.other_client, personas.client):
        assert read.rows(user.pk) == list(_notes_of(user.pk))
    notes = [s for s in prepared_statements() if '"journal_note"' in s]
    assert len(notes) == len(before) + 1  # one statement, however many reads and values
    assert list(Note.objects.filter(client=personas.client).values_list("text", flat=True)) == ["a quiet walk helped"]
    assert not [s for s in prepared_statements() if '"journal_note"' in s and s not in notes]
