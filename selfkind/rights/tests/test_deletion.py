from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD
from selfkind.accounts.models import (
    AuditEvent,
    CareRelationship,
    Consent,
    Invitation,
    KeptForm,
    User,
    client_pseudonym,
)
from selfkind.accounts.services import open_break_glass
from selfkind.care.models import Homework, SessionNote
from selfkind.journal.models import Affirmation, AffirmationSkip, Note, Reflection, ThoughtRecord
from selfkind.measures.models import Administration
from selfkind.practices.models import PracticeSession
from selfkind.rights import deletion
from selfkind.rights.models import DeletionRequest
from selfkind.rights.tests.conftest import WORDS
from selfkind.safety.models import Alert

pytestmark = pytest.mark.django_db


def _due(client) -> DeletionRequest:
    return deletion.request_deletion(client=client)


def test_a_request_waits_the_clinics_grace_period_and_tells_the_therapist_without_a_name(
    personas, django_capture_on_commit_callbacks
):
    personas.clinic.deletion_grace_days = 21
    personas.clinic.save()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = _due(personas.client)
    assert waiting.due_at - waiting.requested_at == timedelta(days=21)
    personas.client.refresh_from_db()
    assert personas.client.deletion_due_at == waiting.due_at
    assert [m.to for m in mail.outbox] == [[personas.therapist.email]]
    message = mail.outbox[0]
    assert "asked to delete" in message.subject
    assert personas.client.name not in message.subject + message.body
    assert personas.client.email not in message.body
    assert _due(personas.client) == waiting  # asking twice changes nothing


def test_nothing_is_erased_before_the_grace_period_ends(personas, history):
    _due(personas.client)
    with time_machine.travel(timezone.now() + timedelta(days=13, hours=23)):
        assert deletion.complete_due_deletions() == 0
    assert Note.objects.filter(client=personas.client).count() == 2


def test_cancelling_keeps_everything_and_a_later_run_erases_nothing(personas, history):
    _due(personas.client)
    cancelled = deletion.cancel_deletion(client=personas.client)
    assert cancelled is not None and cancelled.status == "cancelled"
    personas.client.refresh_from_db()
    assert personas.client.deletion_due_at is None
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert deletion.complete_due_deletions() == 0
    assert personas.client.is_active and Note.objects.filter(client=personas.client).count() == 2
    assert deletion.cancel_deletion(client=personas.client) is None


def test_after_the_grace_period_the_clients_own_content_is_erased_and_the_clinics_records_kept(personas, history):
    client, therapist = personas.client, personas.therapist
    grant = open_break_glass(admin=personas.clinic_admin, client=client, reason="welfare check after a call")
    AuditEvent.objects.create(
        actor=therapist, actor_label="Thea", actor_role="therapist", client=client, client_pseudonym="x", action="view"
    )
    invitation = Invitation.objects.create(therapist=therapist, name=client.name, email=client.email, token_hash="h1")
    KeptForm.objects.create(token="t1", user=client, path="/notes/", data="text=half+written")
    relationship = CareRelationship.objects.get(client=client)
    _due(client)
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        assert deletion.complete_due_deletions() == 1

    for model in (Note, ThoughtRecord, Reflection, Affirmation, PracticeSession, Administration, Homework):
        assert not model.objects.filter(client_id=client.pk).exists(), model
    assert not AffirmationSkip.objects.exists()
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert not KeptForm.objects.filter(user_id=client.pk).exists()

    client.refresh_from_db()
    pseudonym = client_pseudonym(client.pk)
    assert client.email == f"{pseudonym}@deleted.invalid"
    assert "Cara" not in client.name and not client.is_active and not client.has_usable_password()
    assert client.deleted_at is not None and client.deletion_due_at is None

    # Kept: the therapist's session note, the alert (without the client's words), sharing and audit history.
    note = SessionNote.objects.get(pk=history.session_note.pk)
    assert WORDS.session_note in note.sections["data"]
    alert = Alert.objects.get(pk=history.alert.pk)
    assert alert.reasons == "" and alert.rule_ids and alert.acknowledgement_note == WORDS.ack_note
    relationship.refresh_from_db()
    assert relationship.status == CareRelationship.Status.ENDED
    assert not Consent.objects.filter(relationship=relationship, withdrawn_at__isnull=True).exists()
    assert AuditEvent.objects.filter(client=client).count() >= 1
    grant.refresh_from_db()
    assert grant.reason == "welfare check after a call"
    done = DeletionRequest.objects.get(client=client)
    assert done.status == "completed" and done.erased["journal.Note"] == 2


def test_an_erased_client_cannot_sign_in(personas, history, client):
    _due(personas.client)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        deletion.complete_due_deletions()
    assert not client.login(username="client@test.example", password=PASSWORD)
    response = client.post("/accounts/login/", {"username": "client@test.example", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_therapist_still_reads_their_own_kept_notes_and_is_told(
    personas, history, as_user, django_capture_on_commit_callbacks
):
    _due(personas.client)
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(days=15)), django_capture_on_commit_callbacks(execute=True):
        deletion.complete_due_deletions()
    assert ["deleted" in m.subject for m in mail.outbox] == [True]
    c = as_user(personas.therapist)
    page = c.get(f"/clients/{personas.client.pk}/notes/")
    assert page.status_code == 200 and WORDS.session_note in page.content.decode()
    client_page = c.get(f"/clients/{personas.client.pk}/").content.decode()
    assert 'data-testid="deleted"' in client_page
    assert c.get(f"/clients/{personas.client.pk}/thought-records/").status_code == 404
    assert "account deleted on" in c.get("/caseload/").content.decode()


def test_retention_erases_the_kept_records_when_their_period_ends(personas, history):
    personas.clinic.session_note_retention_years = 2
    personas.clinic.alert_retention_years = 5
    personas.clinic.save()
    _due(personas.client)
    start = timezone.now()
    with time_machine.travel(start + timedelta(days=15)):
        deletion.complete_due_deletions()
    with time_machine.travel(start + timedelta(days=15 + 365 * 2 - 1)):
        assert deletion.purge_expired_records() == {"care.SessionNote": 0, "safety.Alert": 0}
    with time_machine.travel(start + timedelta(days=15 + 365 * 2 + 1)):
        assert deletion.purge_expired_records()["care.SessionNote"] == 1
    assert Alert.objects.filter(client=personas.client).exists()
    with time_machine.travel(start + timedelta(days=15 + 365 * 5 + 1)):
        assert deletion.purge_expired_records()["safety.Alert"] == 1
    assert User.objects.filter(pk=personas.client.pk).exists()  # the pseudonym holds the audit log together


def test_a_failed_erasure_leaves_everything_and_is_tried_again(personas, history, monkeypatch):
    _due(personas.client)

    def broken(client):
        Note.objects.filter(client=client).delete()
        raise RuntimeError("disk full")

    monkeypatch.setattr(deletion, "_pseudonymise", broken)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert deletion.complete_due_deletions() == 0
        assert Note.objects.filter(client=personas.client).count() == 2  # rolled back, nothing half-done
        monkeypatch.undo()
        assert deletion.complete_due_deletions() == 1
    assert not Note.objects.filter(client=personas.client).exists()


def test_every_relation_to_the_account_is_either_erased_or_kept_on_purpose():
    """A new model pointing at a client must be decided about: erased with the account, or kept."""
    erased = {r.related_model._meta.label for r in deletion.erased_relations()}
    for relation in deletion.account_relations():
        label = relation.related_model._meta.label
        if relation.many_to_many:
            continue
        assert (
            label in erased
            or label in deletion.KEPT_MODELS
            or relation.on_delete.__name__
            in (
                "SET_NULL",
                "PROTECT",
            )
        ), label
    assert {
        "journal.Note",
        "journal.ThoughtRecord",
        "measures.Administration",
        "practices.PracticeSession",
        "accounts.KeptForm",  # hidden (related_name="+") relations count too
    } <= erased
    assert not erased & deletion.KEPT_MODELS


def test_staff_accounts_cannot_be_deleted_here(personas):
    with pytest.raises(deletion.DeletionError):
        deletion.request_deletion(client=personas.therapist)
