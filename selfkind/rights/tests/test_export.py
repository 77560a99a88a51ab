from __future__ import annotations

import io
import json
import zipfile

import pytest
from fhir.resources.R4B.bundle import Bundle

from selfkind.rights import export
from selfkind.rights.tests.conftest import WORDS

pytestmark = pytest.mark.django_db


def _open(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_archive_holds_every_record_decrypted_a_readme_and_a_valid_fhir_bundle(personas, history):
    files = _open(export.build_archive(personas.client))
    assert set(files) == {"README.md", "selfkind-data.json", "fhir-bundle.json"}
    data = json.loads(files["selfkind-data.json"])
    records = data["records"]
    assert data["account"]["email"] == personas.client.email
    assert {n["text"] for n in records["journal.Note"]} == {WORDS.note, WORDS.risky}
    (record,) = records["journal.ThoughtRecord"]
    assert (record["situation"], record["thought"], record["friend_response"]) == (
        WORDS.situation,
        WORDS.thought,
        WORDS.friend,
    )
    assert [r["text"] for r in records["journal.Reflection"]] == [WORDS.reflection]
    assert [a["text"] for a in records["journal.Affirmation"]] == [WORDS.affirmation]
    assert len(records["journal.AffirmationSkip"]) == 1
    (session,) = records["practices.PracticeSession"]
    assert session["writing"] == {"0": WORDS.letter}
    phq9 = next(a for a in records["measures.Administration"] if a["id"] == history.phq9.pk)
    assert phq9["answers"]["1"] == 1 and phq9["total"] == "8.0000" and phq9["status"] == "submitted"
    (homework,) = records["care.Homework"]
    assert homework["therapist"] == personas.therapist.name and homework["client"] == "you"
    assert [s["level"] for s in data["safety_signals"]] == ["concern"]
    assert data["sharing"]["therapists"][0]["therapist"] == personas.therapist.name

    # The therapist's session notes are theirs: not in the archive, and the README says how to ask.
    assert WORDS.session_note not in files["selfkind-data.json"].decode()
    assert "ask your\nclinic for a copy" in files["README.md"].decode()
    # Secrets never travel.
    assert "token_hash" not in files["selfkind-data.json"].decode()
    assert "key" not in {k for rows in records.values() for row in rows for k in row}

    bundle = json.loads(files["fhir-bundle.json"])
    Bundle.model_validate(bundle)
    totals = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert {o["code"]["coding"][0]["code"] for o in totals} == {"44261-6"}


def test_records_of_later_features_are_exported_without_secrets(personas, history):
    from selfkind.reminders import services as reminders
    from selfkind.reminders.models import ReminderPreference

    reminders.send_nudge(therapist=personas.therapist, client=personas.client, text="proud of your week")
    ReminderPreference.objects.create(client=personas.client, kind="practice")
    records = json.loads(_open(export.build_archive(personas.client))["selfkind-data.json"])["records"]
    assert [n["text"] for n in records["reminders.Nudge"]] == ["proud of your week"]
    (preference,) = records["reminders.ReminderPreference"]
    assert preference["kind"] == "practice" and "unsubscribe_token" not in preference


def test_the_export_leaves_nobody_elses_data_in(personas, history):
    other_words = "otto's private worry about the move"
    from selfkind.journal.services import save_note

    save_note(client=personas.other_client, text=other_words, private=False)
    content = export.build_archive(personas.client)
    assert other_words not in _open(content)["selfkind-data.json"].decode()


def test_the_export_costs_a_bounded_number_of_queries(personas, history, django_assert_max_num_queries):
    from selfkind.journal.services import save_note

    for i in range(20):
        save_note(client=personas.client, text=f"more {i}", private=False)
    with django_assert_max_num_queries(60):
        export.build_archive(personas.client)
