from __future__ import annotations

import io
import zipfile

import pytest

from conftest import PASSWORD
from selfkind.rights.models import DeletionRequest

pytestmark = pytest.mark.django_db


def test_the_data_page_offers_the_download_and_says_what_the_clinic_keeps(personas, as_user):
    personas.clinic.session_note_retention_years = 7
    personas.clinic.save()
    page = as_user(personas.client).get("/my-data/").content.decode()
    assert "/my-data/export.zip" in page and "7 years" in page and "14 days" in page


def test_the_download_is_a_zip_not_cached(personas, history, as_user):
    response = as_user(personas.client).get("/my-data/export.zip")
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    assert "selfkind-data.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_deleting_needs_the_password_and_the_tick_and_keeps_what_was_typed(personas, as_user):
    c = as_user(personas.client)
    response = c.post("/my-data/delete/", {"password": "wrong", "understood": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "doesn&#x27;t match" in body or "doesn't match" in body
    assert "checked" in body  # the tick stays ticked
    assert not DeletionRequest.objects.exists()
    response = c.post("/my-data/delete/", {"password": PASSWORD})
    assert "Please tick the box" in response.content.decode()
    assert not DeletionRequest.objects.exists()


def test_deleting_then_cancelling_from_the_data_page(personas, as_user):
    c = as_user(personas.client)
    response = c.post("/my-data/delete/", {"password": PASSWORD, "understood": "on"}, follow=True)
    assert 'data-testid="deletion-waiting"' in response.content.decode()
    assert 'data-testid="deletion-banner"' in c.get("/").content.decode()
    assert c.get("/my-data/delete/").status_code == 302  # already waiting: back to the data page
    response = c.post("/my-data/delete/cancel/", follow=True)
    assert "You&#x27;ve cancelled the deletion" in response.content.decode()
    assert DeletionRequest.objects.get().status == "cancelled"
    assert 'data-testid="deletion-banner"' not in c.get("/").content.decode()


def test_the_therapist_sees_a_waiting_deletion_on_the_caseload_and_client_page(personas, as_user):
    from selfkind.rights import deletion

    deletion.request_deletion(client=personas.client)
    c = as_user(personas.therapist)
    assert 'data-testid="deleting"' in c.get("/caseload/").content.decode()
    assert 'data-testid="deletion-due"' in c.get(f"/clients/{personas.client.pk}/").content.decode()


def test_clinic_settings_keep_retention_within_sensible_bounds(personas, as_user):
    c = as_user(personas.clinic_admin)
    data = {
        "name": "Calm Clinic",
        "urgent_escalation_hours": 4,
        "measure_grace_days": 2,
        "private_risk_notices": "on",
        "deletion_grace_days": 0,
        "session_note_retention_years": 40,
        "alert_retention_years": 8,
    }
    body = c.post("/clinic/settings/", data).content.decode()
    assert "between 1 and 90 days" in body and "between 1 and 30 years" in body
    data |= {"deletion_grace_days": 30, "session_note_retention_years": 10}
    assert c.post("/clinic/settings/", data).status_code == 302
    personas.clinic.refresh_from_db()
    assert (personas.clinic.deletion_grace_days, personas.clinic.session_note_retention_years) == (30, 10)
