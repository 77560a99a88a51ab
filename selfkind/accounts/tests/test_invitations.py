from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from selfkind.accounts import services
from selfkind.accounts.models import CareRelationship, Invitation, User

pytestmark = pytest.mark.django_db


def _signup_data(**overrides):
    data = {
        "name": "New Client",
        "email": "new@test.example",
        "password": "quiet morning river stone",
        "country": "GB",
        "time_zone": "Europe/London",
        "adult": "on",
    }
    data.update(overrides)
    return data


def test_it_emails_a_single_use_link(personas, as_user, django_capture_on_commit_callbacks):
    c = as_user(personas.therapist)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("accounts:invitations"), {"name": "New Client", "email": "New@Test.example"})
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.email == "new@test.example"
    assert len(mail.outbox) == 1
    link = response.context["new_link"]
    assert link in mail.outbox[0].body
    # Only the hash is stored: the token in the link is not in the database.
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in invitation.token_hash


def test_it_signs_up_then_asks_for_consent_before_sharing(personas, client):
    _inv, link = services.invite_client(therapist=personas.therapist, name="New Client", email="new@test.example")
    path = link.replace("http://127.0.0.1:8000", "")
    response = client.post(path, _signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:consent")
    new = User.objects.get(email="new@test.example")
    assert new.role == "client" and new.adult_confirmed_at is not None and new.country == "GB"
    rel = CareRelationship.objects.get(client=new)
    assert rel.status == "pending"
    # The therapist sees nothing yet.
    from django.http import Http404

    from selfkind.accounts.access import decide_access

    personas.therapist.is_verified = lambda: True
    with pytest.raises(Http404):
        decide_access(personas.therapist, new.pk)
    # Any page sends the client to the consent question first.
    assert client.get(reverse("care:home"))["Location"] == reverse("accounts:consent")
    response = client.post(reverse("accounts:consent"), {"agree": "yes", "decision": "agree"})
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == "active"
    consent = rel.consents.get()
    assert consent.version == services.current_consent_version() and "thought_records" in consent.scope
    assert decide_access(personas.therapist, new.pk).sees_client_content


def test_it_refuses_an_expired_invitation_kindly(personas, client):
    _inv, link = services.invite_client(therapist=personas.therapist, name="Late", email="late@test.example")
    path = link.replace("http://127.0.0.1:8000", "")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(path)
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        assert "ask your therapist" in response.content.decode().lower()
        response = client.post(path, _signup_data(email="late@test.example"))
        assert response.status_code == 410
    assert not User.objects.filter(email="late@test.example").exists()


def test_it_refuses_a_used_invitation(personas, client):
    _inv, link = services.invite_client(therapist=personas.therapist, name="Once", email="once@test.example")
    path = link.replace("http://127.0.0.1:8000", "")
    assert client.post(path, _signup_data(email="once@test.example")).status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_it_refuses_an_unknown_or_cancelled_invitation(personas, client):
    invitation, link = services.invite_client(therapist=personas.therapist, name="X", email="x@test.example")
    services.cancel_invitation(invitation=invitation)
    assert client.get(link.replace("http://127.0.0.1:8000", "")).status_code == 410
    assert client.get("/invite/not-a-real-token/").status_code == 410


def test_it_keeps_what_was_typed_on_a_duplicate_email(personas, client):
    _inv, link = services.invite_client(therapist=personas.therapist, name="Dup", email="dup@test.example")
    response = client.post(
        link.replace("http://127.0.0.1:8000", ""), _signup_data(email=personas.client.email, name="Dee Dup")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "already an account with this email" in body
    assert 'value="Dee Dup"' in body
    assert 'value="quiet morning river stone"' in body  # the password is kept too, nothing to retype


def test_it_requires_the_adult_confirmation(personas, client):
    _inv, link = services.invite_client(therapist=personas.therapist, name="Kid", email="kid@test.example")
    data = _signup_data(email="kid@test.example")
    del data["adult"]
    response = client.post(link.replace("http://127.0.0.1:8000", ""), data)
    assert response.status_code == 200
    assert "18 or older" in response.content.decode()
    assert not User.objects.filter(email="kid@test.example").exists()


def test_it_rejects_a_weak_password_kindly(personas, client):
    _inv, link = services.invite_client(therapist=personas.therapist, name="W", email="w@test.example")
    response = client.post(
        link.replace("http://127.0.0.1:8000", ""), _signup_data(email="w@test.example", password="123")
    )
    assert response.status_code == 200
    assert "Nothing you typed has been lost" in response.content.decode()


def test_only_therapists_invite(personas, as_user):
    for user in (personas.client, personas.clinic_admin):
        assert as_user(user).get(reverse("accounts:invitations")).status_code == 404
    assert as_user(None).get(reverse("accounts:invitations")).status_code == 302


def test_a_therapist_cannot_cancel_another_therapists_invitation(personas, as_user):
    invitation, _link = services.invite_client(therapist=personas.therapist, name="Y", email="y@test.example")
    c = as_user(personas.other_therapist)
    assert c.post(reverse("accounts:cancel_invitation", args=[invitation.pk])).status_code == 404
    assert c.get(reverse("accounts:cancel_invitation", args=[invitation.pk])).status_code in (404, 405)
    invitation.refresh_from_db()
    assert invitation.status == "open"


def test_signing_in_is_by_email_any_case(personas, client):
    response = client.post(reverse("accounts:login"), {"username": "CLIENT@test.example", "password": PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_gets_a_kind_message_and_keeps_the_email(personas, client):
    response = client.post(reverse("accounts:login"), {"username": "client@test.example", "password": "nope"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "don&#x27;t match an account" in body or "don't match an account" in body
    assert 'value="client@test.example"' in body
