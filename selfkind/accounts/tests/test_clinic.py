import re

import pytest
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_changes_clinic_settings(personas, as_user):
    c = as_user(personas.clinic_admin)
    response = c.post(
        reverse("accounts:clinic_settings"),
        {
            "name": "Calm Clinic",
            "urgent_escalation_hours": 2,
            "measure_grace_days": 3,
            "private_risk_notices": "on",
            "deletion_grace_days": 14,
            "session_note_retention_years": 8,
            "alert_retention_years": 8,
        },
    )
    assert response.status_code == 302
    personas.clinic.refresh_from_db()
    assert (personas.clinic.urgent_escalation_hours, personas.clinic.measure_grace_days) == (2, 3)


def test_a_bad_setting_is_refused_and_the_form_keeps_the_values(personas, as_user):
    c = as_user(personas.clinic_admin)
    data = {"name": "Renamed", "urgent_escalation_hours": 500, "measure_grace_days": 3}
    response = c.post(reverse("accounts:clinic_settings"), data)
    assert response.status_code == 200
    assert "between 1 and 72 hours" in response.content.decode()
    assert 'value="Renamed"' in response.content.decode()
    personas.clinic.refresh_from_db()
    assert personas.clinic.name == "Calm Clinic"


@pytest.mark.parametrize("who", ["therapist", "client", "other_clinic_therapist"])
def test_only_the_admin_reaches_clinic_pages(personas, as_user, who):
    c = as_user(getattr(personas, who))
    for name in ("accounts:clinic", "accounts:clinic_settings"):
        assert c.get(reverse(name)).status_code == 404


def test_the_clinic_page_lists_only_its_own_people_and_no_client_content(personas, as_user):
    body = as_user(personas.clinic_admin).get(reverse("accounts:clinic")).content.decode()
    assert personas.therapist.name in body and personas.client.name in body
    assert personas.other_clinic_therapist.name not in body


def test_the_admin_adds_a_therapist_who_sets_a_password(personas, as_user, client):
    c = as_user(personas.clinic_admin)
    c.post(reverse("accounts:clinic"), {"name": "Nova New", "email": "nova@test.example"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    c.logout()
    path = link.replace("http://127.0.0.1:8000", "")
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "gentle harbour lantern 7", "new_password2": "gentle harbour lantern 7"},
    )
    response = client.post(
        reverse("accounts:login"), {"username": "nova@test.example", "password": "gentle harbour lantern 7"}
    )
    assert response.status_code == 302


def test_password_reset_by_email(personas, client):
    response = client.post(reverse("accounts:password_reset"), {"email": personas.client.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": "brand new calm words", "new_password2": "brand new calm words"}
    )
    assert client.login(username=personas.client.email, password="brand new calm words")
    assert not client.login(username=personas.client.email, password=PASSWORD)


def test_password_reset_says_the_same_for_unknown_emails(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_turning_private_risk_notices_off_needs_a_recorded_reason(personas, as_user):
    c = as_user(personas.clinic_admin)
    data = {
        "name": "Calm Clinic",
        "urgent_escalation_hours": 4,
        "measure_grace_days": 2,
        "deletion_grace_days": 14,
        "session_note_retention_years": 8,
        "alert_retention_years": 8,
    }
    response = c.post(reverse("accounts:clinic_settings"), data)
    assert response.status_code == 200 and "needs a written reason" in response.content.decode()
    personas.clinic.refresh_from_db()
    assert personas.clinic.private_risk_notices
    reason = "Agreed with our clinical governance board in October"
    c.post(reverse("accounts:clinic_settings"), data | {"private_risk_notices_off_reason": reason})
    personas.clinic.refresh_from_db()
    assert not personas.clinic.private_risk_notices
    assert personas.clinic.private_risk_notices_off_reason == reason
    body = as_user(personas.client).get(reverse("accounts:sharing")).content.decode()
    assert "nobody else is told" in body
