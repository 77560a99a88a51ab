"""Sessions read together with their user (selfkind/accounts/sessions.py): one query, and Django's checks intact."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib import auth
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session as DjangoSession
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selfkind.accounts.backends import EmailBackend, user_read_with_session
from selfkind.accounts.models import Session, User

PAGE = reverse("practices:index")
LOGIN = reverse("accounts:login")
_READS_USER_TABLE = re.compile(r'FROM\s+"accounts_user"', re.IGNORECASE)


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _user_reads(queries) -> list[str]:
    """The queries that read the user's table itself (not joined from another table)."""
    return [q["sql"] for q in queries.captured_queries if _READS_USER_TABLE.search(q["sql"])]


def test_a_signed_in_request_reads_its_session_and_user_in_one_query(personas, as_user):
    c = as_user(personas.client)
    assert c.get(PAGE).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = c.get(PAGE)
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == personas.client.pk
    session_reads = [q["sql"] for q in queries.captured_queries if '"accounts_session"' in q["sql"]]
    assert len(session_reads) == 1 and '"accounts_user"' in session_reads[0]
    assert _user_reads(queries) == []


def test_the_session_row_names_the_user_its_data_names(personas, client):
    session = client.session
    session["kept"] = "something before signing in"
    session.save()
    assert _session(client).user_id is None
    client.force_login(personas.client)
    assert _session(client).user_id == personas.client.pk
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_a_row_whose_user_column_disagrees_with_its_data_is_not_trusted(personas, as_user):
    c = as_user(personas.client)
    Session.objects.filter(session_key=c.session.session_key).update(user_id=personas.other_client.pk)
    with CaptureQueriesContext(connection) as queries:
        response = c.get(PAGE)
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == personas.client.pk  # the data's user, read on its own
    assert len(_user_reads(queries)) == 1


def test_a_row_naming_a_user_whose_data_names_nobody_signs_nobody_in(personas, client):
    session = client.session
    session["kept"] = "not signed in"
    session.save()
    Session.objects.filter(session_key=session.session_key).update(user_id=personas.client.pk)
    response = client.get(reverse("care:today"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"is_active": False}, id="deactivated"),
        pytest.param({"session_epoch": F("session_epoch") + 1}, id="signed-out-everywhere"),
        pytest.param({"password": "pbkdf2_sha256$1$salt$changed"}, id="password-changed"),
    ],
)
def test_djangos_checks_still_decide_on_the_user_read_with_the_session(personas, as_user, change):
    c = as_user(personas.client)
    assert c.get(reverse("care:today")).status_code == 200
    User.objects.filter(pk=personas.client.pk).update(**change)
    response = c.get(reverse("care:today"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not auth.get_user(response.wsgi_request).is_authenticated


def test_the_offered_user_is_used_only_for_its_own_id_and_only_inside_the_offer(personas, django_assert_num_queries):
    backend = EmailBackend()
    offered = backend.get_user(personas.client.pk)
    with user_read_with_session(offered):
        with django_assert_num_queries(0):
            assert backend.get_user(personas.client.pk) is offered
        with django_assert_num_queries(1):
            assert backend.get_user(personas.therapist.pk).pk == personas.therapist.pk
    with django_assert_num_queries(1):
        assert backend.get_user(personas.client.pk) is not offered


def test_a_users_sessions_go_with_their_account(personas, as_user):
    c = as_user(personas.client)
    key = c.session.session_key
    personas.client.delete()
    assert not Session.objects.filter(session_key=key).exists()


def test_the_upgrade_carries_djangos_sessions_over_with_their_users(personas):
    migration = __import__("selfkind.accounts.migrations.0011_session", fromlist=["move_sessions_in"])
    signed_in = DjangoSessionStore()
    signed_in.update({auth.SESSION_KEY: str(personas.client.pk), "theme": "calm"})
    signed_in.create()
    anonymous = DjangoSessionStore()
    anonymous["theme"] = "dark"
    anonymous.create()
    gone = DjangoSessionStore()
    gone[auth.SESSION_KEY] = "999999999"
    gone.create()

    migration.move_sessions_in(apps, None)

    assert not DjangoSession.objects.exists()
    moved = {s.session_key: s for s in Session.objects.all()}
    assert moved[signed_in.session_key].user_id == personas.client.pk
    assert moved[anonymous.session_key].user_id is None
    assert moved[gone.session_key].user_id is None
    # Still readable by Selfkind's store: nobody is signed out by the upgrade.
    assert Session.get_session_store_class()(signed_in.session_key)["theme"] == "calm"


def test_the_worker_deletes_expired_sessions_and_keeps_live_ones(personas, as_user):
    from datetime import timedelta

    from django.utils import timezone

    from selfkind.accounts.tasks import clear_expired_sessions
    from selfkind.lib.scheduler import REGISTRY

    live = as_user(personas.client).session.session_key
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(seconds=1))
    assert "selfkind.accounts.tasks.clear_expired_sessions" in REGISTRY
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]


def test_the_stamp_read_with_the_session_is_used_until_this_process_touches_one(personas, django_assert_num_queries):
    from selfkind.accounts import stamps

    stamps.touch([personas.client.pk])
    current = stamps.token_for(personas.client.pk)
    read = stamps.TokenRead(personas.client.pk, current, stamps.touches())
    with django_assert_num_queries(0):
        assert stamps.token_for(personas.client.pk, read) == current
    with django_assert_num_queries(1):  # someone else's read is not used
        assert stamps.token_for(personas.other_client.pk, read) == ""
    stamps.touch([personas.other_client.pk])  # any touch in this process, whoever's
    with django_assert_num_queries(1):
        assert stamps.token_for(personas.client.pk, read) == current
    stamps.touch([personas.client.pk])
    assert stamps.token_for(personas.client.pk, read) not in ("", current)


def test_the_session_read_brings_the_users_stamp(personas, as_user):
    from selfkind.accounts import stamps

    stamps.touch([personas.client.pk])
    c = as_user(personas.client)
    user = c.get(PAGE).wsgi_request.user
    assert user.stamp_read.client_id == personas.client.pk
    assert user.stamp_read.token == stamps.token_for(personas.client.pk)


def test_current_user_is_the_user_itself_and_follows_a_sign_in_during_the_request(personas, as_user, rf):
    from django.contrib.auth import login
    from django.contrib.sessions.middleware import SessionMiddleware
    from django_otp.middleware import OTPMiddleware

    from selfkind.accounts.middleware import AuthenticationMiddleware, current_user

    c = as_user(personas.client)
    request = rf.get(PAGE)
    request.COOKIES.update({name: morsel.value for name, morsel in c.cookies.items()})
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    OTPMiddleware(lambda r: r)(request)  # wraps request.user in a stand-in of its own, as in every request
    user = current_user(request)
    assert type(user) is User and user.pk == personas.client.pk
    assert current_user(request) is user
    assert hasattr(user, "otp_device")  # django-otp's stand-in did its work on the user itself
    login(request, personas.other_client, backend="selfkind.accounts.backends.EmailBackend")
    assert current_user(request) is request.user and request.user.pk == personas.other_client.pk


def test_the_relationships_read_with_the_session_are_the_ones_the_gate_reads_itself(personas, as_user):
    """Every kind of relationship a client can have at once: the joined rows equal the gate's own query's."""
    from datetime import timedelta

    from django.utils import timezone

    from conftest import make_user
    from selfkind.accounts import selectors, services, sessions
    from selfkind.accounts.models import CareRelationship

    client = personas.client
    ended = CareRelationship.objects.create(therapist=personas.other_therapist, client=client)
    services.revoke_consent(client=client, relationship=ended)
    later = timezone.now() + timedelta(minutes=5)
    third = make_user("third-therapist@test.example", "therapist", personas.clinic, "Tia Third")
    CareRelationship.objects.create(therapist=personas.other_therapist, client=client)
    newest = CareRelationship.objects.create(therapist=third, client=client, started_at=later)
    c = as_user(client)
    key = c.session.session_key
    read = selectors.consent_rows_from(sessions._SESSION.rows(key), sessions._CONSENT_AT)
    own = selectors._CONSENT_STATE.rows(client.pk)
    assert len(own) == 3 and own[0][0] == newest.pk  # pending twice and active; the newest pending first
    assert read == own
    # And the page asks for the newest pending relationship's consent, as the gate's own read would.
    response = c.get(PAGE)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:consent")
    assert "Tia Third" in c.get(reverse("accounts:consent")).content.decode()


def test_a_user_with_no_relationships_is_read_with_their_session_in_one_row(personas, as_user):
    from selfkind.accounts import selectors, sessions

    c = as_user(personas.therapist)
    rows = sessions._SESSION.rows(c.session.session_key)
    assert len(rows) == 1 and rows[0][sessions._USER_ID_AT] == personas.therapist.pk
    assert selectors.consent_rows_from(rows, sessions._CONSENT_AT) == []
    assert c.get(reverse("care:home")).status_code == 200


def test_the_gate_reads_for_itself_when_the_user_was_not_read_with_a_session(personas, rf):
    from selfkind.accounts.models import CareRelationship
    from selfkind.accounts.selectors import active_relationship_for_request, consent_question_for_request

    pending = CareRelationship.objects.create(therapist=personas.other_therapist, client=personas.client)
    request = rf.get(PAGE)
    request.user = User.objects.get(pk=personas.client.pk)  # read by itself: no relationships came with it
    with CaptureQueriesContext(connection) as queries:
        assert consent_question_for_request(request) == pending
        assert active_relationship_for_request(request).therapist == personas.therapist
    assert len(queries.captured_queries) == 1
