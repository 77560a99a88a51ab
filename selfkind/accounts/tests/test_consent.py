import pytest
from django.urls import reverse

from selfkind.accounts import services
from selfkind.accounts.models import CareRelationship, ConsentVersion

pytestmark = pytest.mark.django_db


def test_a_client_revokes_and_the_therapist_loses_the_content(personas, as_user):
    rel = CareRelationship.objects.get(client=personas.client, status="active")
    c = as_user(personas.client)
    response = c.post(reverse("accounts:revoke", args=[rel.pk]))  # without the confirmation box
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == "active"
    c.post(reverse("accounts:revoke", args=[rel.pk]), {"confirm": "yes"})
    rel.refresh_from_db()
    assert rel.status == "revoked" and rel.ended_at is not None
    page = as_user(personas.therapist).get(reverse("care:client", args=[personas.client.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="consent-withdrawn"' in body
    assert 'data-testid="client-content"' not in body
    caseload = as_user(personas.therapist).get(reverse("care:home")).content.decode()
    assert "consent withdrawn on" in caseload


def test_another_client_cannot_revoke_for_someone_else(personas, as_user):
    rel = CareRelationship.objects.get(client=personas.client, status="active")
    response = as_user(personas.other_client).post(reverse("accounts:revoke", args=[rel.pk]), {"confirm": "yes"})
    assert response.status_code == 404
    rel.refresh_from_db()
    assert rel.status == "active"


def test_a_new_consent_text_asks_the_client_again(personas, as_user):
    current = services.current_consent_version()
    # Simulate the current consent having been given under an older text.
    old = ConsentVersion.objects.create(version=0, text="older words", text_sha256="x")
    rel = CareRelationship.objects.get(client=personas.client, status="active")
    rel.consents.update(version=old)
    c = as_user(personas.client)
    response = c.get(reverse("care:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:consent")
    page = c.get(reverse("accounts:consent")).content.decode()
    assert "updated what sharing means" in page
    c.post(reverse("accounts:consent"), {"agree": "yes", "decision": "agree"})
    assert c.get(reverse("care:home")).status_code == 200
    assert rel.consents.filter(withdrawn_at__isnull=True).get().version == current


def test_consent_without_ticking_the_box_changes_nothing(personas, as_user):
    rel = CareRelationship.objects.create(therapist=personas.other_therapist, client=personas.client)
    c = as_user(personas.client)
    response = c.post(reverse("accounts:consent"), {"decision": "agree"})
    assert response.status_code == 200
    assert "tick the box" in response.content.decode()
    rel.refresh_from_db()
    assert rel.status == "pending"


def test_declining_shares_nothing(personas, as_user):
    rel = CareRelationship.objects.create(therapist=personas.other_therapist, client=personas.client)
    as_user(personas.client).post(reverse("accounts:consent"), {"decision": "decline"})
    rel.refresh_from_db()
    assert rel.status == "ended"
    assert CareRelationship.objects.get(client=personas.client, therapist=personas.therapist).status == "active"


def test_sign_out_everywhere_ends_other_sessions(personas, client):
    from django.test import Client

    other_device = Client()
    other_device.force_login(personas.client)
    client.force_login(personas.client)
    assert other_device.get(reverse("care:home")).status_code == 200
    client.post(reverse("accounts:logout_everywhere"))
    assert other_device.get(reverse("care:home")).status_code == 200  # home shows the sign-in form
    assert "Sign in" in other_device.get(reverse("care:home")).content.decode()
    assert other_device.get(reverse("accounts:sharing")).status_code == 302
