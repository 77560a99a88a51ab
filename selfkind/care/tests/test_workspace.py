from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts import services as account_services
from selfkind.accounts.models import CareRelationship
from selfkind.care import workspace
from selfkind.care.models import Homework, SessionNote
from selfkind.measures.models import MeasureSchedule
from selfkind.practices.content import library
from selfkind.practices.models import PracticeSession

pytestmark = pytest.mark.django_db


def _done(client, slug, days_ago):
    at = timezone.now() - timedelta(days=days_ago)
    PracticeSession.objects.create(
        client=client, practice=slug, variant=library()[slug].variants[0].key, started_at=at, completed_at=at
    )


def test_a_daily_practice_is_set_done_and_adherence_is_shown(personas, as_user):
    t = as_user(personas.therapist)
    start = (timezone.localtime(timezone.now(), personas.client.tzinfo).date() - timedelta(days=6)).isoformat()
    response = t.post(
        reverse("care:homework", args=[personas.client.pk]),
        {
            "kind": "practice",
            "target": "practice:paced-breathing",
            "frequency": "daily",
            "per_week": 3,
            "starts_on": start,
            "note": "Before bed",
        },
    )
    assert response.status_code == 302
    for days_ago in (0, 1, 3):
        _done(personas.client, "paced-breathing", days_ago)
    _done(personas.client, "body-scan", 2)  # not the homework
    body = t.get(reverse("care:homework", args=[personas.client.pk])).content.decode()
    assert "3 / 7 (43%)" in body and "Overall: 3 of 7 (43%)" in body
    today = as_user(personas.client).get("/").content.decode()
    assert 'data-testid="today-homework"' in today and "Paced breathing" in today and "Before bed" in today


def test_a_questionnaire_homework_is_a_measure_schedule(personas, as_user):
    t = as_user(personas.therapist)
    start = timezone.localdate().isoformat()
    t.post(
        reverse("care:homework", args=[personas.client.pk]),
        {"kind": "measure", "target": "measure:gad7", "frequency": "weekly_n", "per_week": 1, "starts_on": start},
    )
    schedule = MeasureSchedule.objects.get()
    assert (schedule.instrument, schedule.frequency, schedule.active) == ("gad7", "weekly", True)
    assert Homework.objects.get().schedule == schedule
    response = t.post(
        reverse("care:homework", args=[personas.client.pk]),
        {"kind": "measure", "target": "measure:phq9", "frequency": "daily", "per_week": 1, "starts_on": start},
    )
    assert response.status_code == 200 and "not daily" in response.content.decode()
    h = Homework.objects.get()
    t.post(reverse("care:stop_homework", args=[personas.client.pk, h.pk]))
    schedule.refresh_from_db()
    assert not schedule.active


def test_session_notes_are_encrypted_and_only_for_their_author(personas, as_user):
    t = as_user(personas.therapist)
    url = reverse("care:notes", args=[personas.client.pk])
    t.post(
        url,
        {
            "session_date": "2026-03-02",
            "data": "Talked about the deadline",
            "assessment": "Critic loud",
            "plan": "Daily breathing",
        },
    )
    note = SessionNote.objects.get()
    assert note.format == "dap" and note.sections["plan"] == "Daily breathing"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sections_data FROM care_sessionnote")
        assert "deadline" not in cursor.fetchone()[0]
    for user in (personas.client, personas.other_therapist, personas.clinic_admin):
        assert as_user(user).get(url).status_code == 404
    rel = CareRelationship.objects.get(client=personas.client, status="active")
    account_services.revoke_consent(client=personas.client, relationship=rel)
    page = as_user(personas.therapist).get(url)
    assert page.status_code == 200 and "Talked about the deadline" in page.content.decode()
    assert 'data-testid="consent-withdrawn"' in page.content.decode()
    assert as_user(personas.therapist).post(url, {"session_date": "2026-03-09", "data": "x"}).status_code == 404


def test_soap_therapists_write_soap_notes(personas, as_user):
    personas.therapist.note_format = "soap"
    personas.therapist.save()
    t = as_user(personas.therapist)
    t.post(
        reverse("care:notes", args=[personas.client.pk]),
        {"session_date": "2026-03-02", "subjective": "Tired", "objective": "Calm"},
    )
    assert SessionNote.objects.get().labelled_sections()[0] == ("Subjective", "Tired")


def test_session_prep_shows_flagged_records_but_never_private_ones(personas, as_user):
    from selfkind.journal.models import ThoughtRecord

    ThoughtRecord.objects.create(client=personas.client, thought="Shared and flagged", flagged_for_session=True)
    ThoughtRecord.objects.create(
        client=personas.client, thought="Private flagged", flagged_for_session=True, private=True
    )
    body = as_user(personas.therapist).get(reverse("care:session_prep", args=[personas.client.pk])).content.decode()
    assert "Shared and flagged" in body and "Private flagged" not in body


def test_workspace_reads_for_many_clients_use_fixed_queries(personas, django_assert_max_num_queries):
    from conftest import connect, make_user

    clients = []
    for n in range(6):
        c = make_user(f"w{n}@test.example", "client", personas.clinic)
        connect(personas.therapist, c)
        Homework.objects.create(
            therapist=personas.therapist,
            client=c,
            kind="thought_record",
            frequency="daily",
            starts_on=timezone.localdate(),
        )
        clients.append(c)
    with django_assert_max_num_queries(8):
        result = workspace.homework_adherence(clients)
    assert len(result) == 6
    with django_assert_max_num_queries(5):
        workspace.last_activity(clients)


def test_the_progress_report_pdf_holds_the_scores_and_is_audited(personas, as_user):
    import io

    from pypdf import PdfReader

    from selfkind.accounts.models import AuditEvent
    from selfkind.measures import services as measures

    for values in ([3, 3, 2, 2, 2, 2, 2], [1, 1, 1, 0, 0, 1, 0]):
        adm = measures.start(client=personas.client, key="gad7")
        for item, value in enumerate(values, start=1):
            measures.save_answer(administration=adm, client=personas.client, item=item, value=value)
        measures.submit(administration=adm, client=personas.client)
    response = as_user(personas.therapist).get(reverse("care:report", args=[personas.client.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert personas.client.name in text and "GAD-7" in text and "16" in text and "4" in text
    assert "Severe" in text and "reliable improvement" in text
    assert AuditEvent.objects.filter(action="download:progress_report", client=personas.client).count() == 1
    for user in (personas.client, personas.other_therapist, personas.clinic_admin):
        assert as_user(user).get(reverse("care:report", args=[personas.client.pk])).status_code == 404


def test_fhir_downloads_for_the_client_and_the_therapist(personas, as_user):
    import json

    from selfkind.measures import fhir
    from selfkind.measures import services as measures

    adm = measures.start(client=personas.client, key="phq9")
    for item in range(1, 10):
        measures.save_answer(administration=adm, client=personas.client, item=item, value=1 if item < 9 else 0)
    measures.submit(administration=adm, client=personas.client)
    for user, named in ((personas.client, True), (personas.therapist, False)):
        response = as_user(user).get(reverse("care:fhir", args=[personas.client.pk]))
        assert response["Content-Type"] == "application/fhir+json"
        bundle = json.loads(response.content)
        fhir.validate(bundle)
        patient = bundle["entry"][0]["resource"]
        assert ("name" in patient) is named
        codes = [
            e["resource"]["code"]["coding"][0]["code"]
            for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation"
        ]
        assert codes == ["44261-6"]
    assert as_user(personas.other_client).get(reverse("care:fhir", args=[personas.client.pk])).status_code == 404


def test_the_client_page_timeline_gathers_shared_items_but_never_private_ones(personas, as_user):
    from selfkind.journal.models import Note, ThoughtRecord

    ThoughtRecord.objects.create(client=personas.client, thought="Shared critic words")
    ThoughtRecord.objects.create(client=personas.client, thought="Private critic words", private=True)
    Note.objects.create(client=personas.client, text="A shared note")
    _done(personas.client, "body-scan", 1)
    body = as_user(personas.therapist).get(reverse("care:client", args=[personas.client.pk])).content.decode()
    assert 'data-testid="timeline"' in body
    assert "Shared critic words" in body and "A shared note" in body and "Body scan" in body
    assert "Private critic words" not in body


def test_the_homework_form_suggests_what_suits_the_clients_stage(personas, as_user):
    t = as_user(personas.therapist)
    t.post(reverse("care:set_stage", args=[personas.client.pk]), {"stage": "mindfulness"})
    body = t.get(reverse("care:homework", args=[personas.client.pk])).content.decode()
    assert "Suggested for this stage" in body
    suggested = body.split("Suggested for this stage")[1].split("</optgroup>")[0]
    assert "Body scan (suits this stage)" in suggested and "Paced breathing" not in suggested


def test_the_caseload_shows_alert_levels_without_reading_the_clients_words(personas, as_user):
    """Rows and the open-alerts list need the level, never the encrypted reasons: they stay unread."""
    from selfkind.care import selectors
    from selfkind.safety.services import raise_alert

    raise_alert(
        client=personas.client,
        level="urgent",
        source_type="note",
        source_id=1,
        rule_ids=["plan_now"],
        reasons="plan_now: some words of theirs",
        private=False,
    )
    (row,) = [r for r in selectors.caseload_rows(personas.therapist) if r.client.pk == personas.client.pk]
    assert [a.level for a in row.alerts] == ["urgent"]
    assert {"reasons", "acknowledgement_note"} <= row.alerts[0].get_deferred_fields()
    response = as_user(personas.therapist).get("/")
    assert response.status_code == 200
    (listed,) = response.context["open_alerts"]
    assert {"reasons", "acknowledgement_note"} <= listed.get_deferred_fields()
    assert "some words of theirs" not in response.content.decode()


def test_the_caseload_shows_adherence_without_reading_the_homework_notes(personas, as_user, monkeypatch):
    """Rows need each homework's adherence, never the therapist's encrypted note to the client: it stays unread."""
    from selfkind.care import selectors
    from selfkind.lib import crypto

    Homework.objects.create(
        therapist=personas.therapist,
        client=personas.client,
        kind="thought_record",
        frequency="daily",
        starts_on=timezone.localdate(),
        note="A note only Cara should read",
    )
    decrypted: list[str] = []
    real = crypto.decrypt_text
    monkeypatch.setattr(crypto, "decrypt_text", lambda stored: decrypted.append(real(stored)) or decrypted[-1])
    (row,) = [r for r in selectors.caseload_rows(personas.therapist) if r.client.pk == personas.client.pk]
    assert row.adherence.expected > 0
    response = as_user(personas.therapist).get("/")
    assert response.status_code == 200
    assert "A note only Cara should read" not in decrypted
    # Where the notes are shown, they are read as before.
    (listed,) = workspace.homework_adherence([personas.client])[personas.client.pk]
    assert listed.homework.note == "A note only Cara should read"
    (unread,) = workspace.homework_adherence([personas.client], notes=False)[personas.client.pk]
    assert "note" in unread.homework.get_deferred_fields()
