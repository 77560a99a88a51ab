"""Free text at rest, seen from outside the application (issue #11, data rights).

1. Known words are written through every feature where a person types free text, with the real
   views; they read back through the app, and then the raw bytes of the whole database (an SQLite
   copy, or a pg_dump) must hold none of them, only "fernet1:" tokens.
2. Key rotation, done as docs/security-encryption.md says, on the real models.
3. A meta-test: every EncryptedTextField of every installed model is written by a feature of test 1,
   or named in EXCUSED with the reason. A new encrypted field without a feature fails there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Personas, sign_in
from selfkind.accounts.forms import ClinicSettingsForm
from selfkind.lib.crypto import DecryptionError, encrypted_fields, generate_key, reset_key_cache

# --- what writes what -----------------------------------------------------------------------

# Which feature of test 1 writes each encrypted field ("app_label.Model.field" -> feature).
COVERED: dict[str, str] = {
    "journal.Note.text": "note",
    "journal.ThoughtRecord.situation": "thought_record",
    "journal.ThoughtRecord.thought": "thought_record",
    "journal.ThoughtRecord.emotions_data": "thought_record",  # emotion names are typed freely
    "journal.ThoughtRecord.evidence_for": "thought_record",
    "journal.ThoughtRecord.evidence_against": "thought_record",
    "journal.ThoughtRecord.friend_response": "thought_record",
    "journal.ThoughtRecord.kindness": "thought_record",
    "journal.ThoughtRecord.common_humanity": "thought_record",
    "journal.ThoughtRecord.mindfulness": "thought_record",
    "journal.Reflection.text": "reflection",
    "journal.Affirmation.text": "affirmation",
    "practices.PracticeSession.note": "practice",
    "practices.PracticeSession.writing_data": "practice",
    "care.Homework.note": "homework",
    "care.SessionNote.sections_data": "session_note",
    "safety.Alert.reasons": "alert",
    "safety.Alert.acknowledgement_note": "alert",
    "accounts.Clinic.private_risk_notices_off_reason": "clinic_settings",
    "accounts.BreakGlassGrant.reason": "break_glass",
    "accounts.AuditEvent.reason": "break_glass",
    "accounts.KeptForm.data": "kept_form",
    "reminders.Nudge.text": "nudge",
}

# Encrypted fields that no feature of test 1 writes, each with the reason. Keep this short: an
# entry here is a field whose raw bytes nobody checks.
EXCUSED: dict[str, str] = {}

# The words the crisis rules match in ALERT_SENTENCE: Alert.reasons stores them ("rule_id: words"),
# so they are that field's known text.
ALERT_SENTENCE = "i have the pills saved for tonight"
ALERT_WORDS = "pills saved"


def secret(label: str, path: str = "") -> str:
    """Return the known words for one field written by one path: letters and digits only.

    Letters and digits survive urlencoding (KeptForm) and stay one word for the thinking-trap
    detector, and no secret is part of another (all start with "kestrel" and end with "7319").
    """
    return "kestrel" + re.sub(r"[^A-Za-z0-9]", "", label + path) + "7319"


@dataclass
class Writing:
    """The test client, the personas, and every secret written, per field label."""

    web: Client
    p: Personas
    secrets: dict[str, list[str]] = field(default_factory=dict)
    replaced: dict[str, list[str]] = field(default_factory=dict)  # overwritten by an edit: gone, not readable

    def write(self, label: str, path: str = "") -> str:
        text = secret(label, path)
        self.secrets.setdefault(label, []).append(text)
        return text

    def replace(self, label: str, text: str) -> None:
        self.secrets[label].remove(text)
        self.replaced.setdefault(label, []).append(text)

    def as_user(self, user: Any) -> Client:
        self.web.logout()
        sign_in(self.web, user)  # staff pass their second factor here, as they must
        return self.web


def _ok(response: Any, *, to: str | None = None) -> None:
    assert response.status_code == 302, response.content.decode()[:800]
    if to is not None:
        assert response["Location"].startswith(to), response["Location"]


def _note(w: Writing) -> None:
    from selfkind.journal.models import Note

    c = w.as_user(w.p.client)
    first = w.write("journal.Note.text", "new")
    _ok(c.post(reverse("journal:notes"), {"text": f"Today {first} was hard"}))
    assert first in c.get(reverse("journal:notes")).content.decode()
    note = Note.objects.filter(client=w.p.client).latest("pk")
    edited = w.write("journal.Note.text", "edit")
    _ok(c.post(reverse("journal:edit_note", args=[note.pk]), {"text": f"Today {edited} was a little easier"}))
    w.replace("journal.Note.text", first)
    page = c.get(reverse("journal:notes")).content.decode()
    assert edited in page and first not in page


def _thought_record(w: Writing) -> None:
    from selfkind.journal.models import ThoughtRecord

    c = w.as_user(w.p.client)
    _ok(c.post(reverse("journal:new_thought")))
    record = ThoughtRecord.objects.filter(client=w.p.client).latest("pk")
    label = "journal.ThoughtRecord."
    # A labelling phrase, so that the detector's "why" quotes the client's words, secret included.
    thought = f"I am such a {w.write(label + 'thought')} idiot and always will be"
    steps = [
        ("situation", {"situation": w.write(label + "situation")}),
        ("thought", {"thought": thought}),
        ("emotions", {"emotion-0": w.write(label + "emotions_data"), "intensity-0": "80"}),
        ("belief", {"belief": "90"}),
        ("traps", {"traps": ["labeling"]}),
        (
            "evidence",
            {"evidence_for": w.write(label + "evidence_for"), "evidence_against": w.write(label + "evidence_against")},
        ),
        ("friend", {"friend_response": w.write(label + "friend_response")}),
        (
            "compassion",
            {
                "kindness": w.write(label + "kindness"),
                "common_humanity": w.write(label + "common_humanity"),
                "mindfulness": w.write(label + "mindfulness"),
            },
        ),
        ("rerate", {"after-0": "40", "belief": "40"}),
    ]
    for step, data in steps:
        _ok(c.post(reverse("journal:thought_step", args=[record.pk, step]), {**data, "go": "next"}))
        if step == "thought":
            # The step that asks about traps explains its suggestions in the client's own words.
            page = c.get(reverse("journal:thought_step", args=[record.pk, "traps"])).content.decode()
            assert secret(label + "thought") in page, "the detector no longer quotes the secret: change the thought"
    _ok(c.post(reverse("journal:thought_finish", args=[record.pk])))
    page = c.get(reverse("journal:thought", args=[record.pk])).content.decode()
    for name in ("situation", "thought", "evidence_for", "friend_response", "kindness"):
        assert secret(label + name) in page, name


def _reflection(w: Writing) -> None:
    c = w.as_user(w.p.client)
    url = reverse("practices:lesson", args=["the-inner-critic"])
    text = w.write("journal.Reflection.text")
    _ok(c.post(url, {"text": f"My critic says {text}"}))
    assert text in c.get(url).content.decode()


def _affirmation(w: Writing) -> None:
    from selfkind.journal.models import Affirmation

    label = "journal.Affirmation.text"
    t = w.as_user(w.p.therapist)
    _ok(t.post(reverse("care:propose_affirmation", args=[w.p.client.pk]), {"text": w.write(label, "proposed")}))
    c = w.as_user(w.p.client)
    _ok(c.post(reverse("journal:affirmations"), {"text": w.write(label, "own")}))
    own = Affirmation.objects.filter(client=w.p.client, status="active").latest("pk")
    _ok(c.post(reverse("journal:edit_affirmation", args=[own.pk]), {"text": w.write(label, "edited")}))
    w.replace(label, secret(label, "own"))
    page = c.get(reverse("journal:affirmations")).content.decode()
    assert secret(label, "proposed") in page and secret(label, "edited") in page


def _practice(w: Writing) -> None:
    from selfkind.practices.models import PracticeSession

    c = w.as_user(w.p.client)
    _ok(c.post(reverse("practices:detail", args=["compassionate-letter"]), {}))
    session = PracticeSession.objects.filter(client=w.p.client).latest("pk")
    letter = w.write("practices.PracticeSession.writing_data")
    _ok(c.post(reverse("practices:write", args=[session.pk, 0]), {"text": f"Dear me, {letter}"}))
    note = w.write("practices.PracticeSession.note")
    _ok(c.post(reverse("practices:finish", args=[session.pk]), {"note": note}))
    assert note in c.get(reverse("practices:log")).content.decode()


def _homework(w: Writing) -> None:
    t = w.as_user(w.p.therapist)
    url = reverse("care:homework", args=[w.p.client.pk])
    text = w.write("care.Homework.note")
    data = {
        "kind": "practice",
        "target": "practice:paced-breathing",
        "frequency": "daily",
        "per_week": 3,
        "starts_on": timezone.localdate().isoformat(),
        "note": text,
    }
    _ok(t.post(url, data))
    assert text in t.get(url).content.decode()


def _session_note(w: Writing) -> None:
    t = w.as_user(w.p.therapist)
    url = reverse("care:notes", args=[w.p.client.pk])
    label = "care.SessionNote.sections_data"
    data = {
        "session_date": timezone.localdate().isoformat(),
        "data": w.write(label, "data"),
        "assessment": w.write(label, "assessment"),
        "plan": w.write(label, "plan"),
    }
    _ok(t.post(url, data))
    page = t.get(url).content.decode()
    assert all(data[key] in page for key in ("data", "assessment", "plan"))


def _alert(w: Writing) -> None:
    from selfkind.safety.models import Alert

    c = w.as_user(w.p.client)
    # The entry itself is a note (its words are Note.text's); the alert keeps the matched words.
    w.secrets.setdefault("safety.Alert.reasons", []).append(ALERT_WORDS)
    text = f"{ALERT_SENTENCE} {w.write('journal.Note.text', 'risk')}"
    _ok(c.post(reverse("journal:notes"), {"text": text}), to=reverse("safety:crisis"))
    alert = Alert.objects.get(client=w.p.client)
    assert ALERT_WORDS in alert.reasons
    t = w.as_user(w.p.therapist)
    url = reverse("safety:alert", args=[alert.pk])
    note = w.write("safety.Alert.acknowledgement_note")
    _ok(t.post(url, {"note": f"Phoned the client: {note}"}))
    assert note in t.get(url).content.decode()


def _clinic_settings(w: Writing) -> None:
    a = w.as_user(w.p.clinic_admin)
    w.p.clinic.refresh_from_db()
    data = {k: v for k, v in model_to_dict(w.p.clinic, fields=ClinicSettingsForm._meta.fields).items() if v is not None}
    data.pop("private_risk_notices")  # an unticked box is not sent
    data["private_risk_notices_off_reason"] = text = w.write("accounts.Clinic.private_risk_notices_off_reason")
    _ok(a.post(reverse("accounts:clinic_settings"), data))
    assert text in a.get(reverse("accounts:clinic_settings")).content.decode()


def _break_glass(w: Writing) -> None:
    from selfkind.accounts.models import AuditEvent

    a = w.as_user(w.p.clinic_admin)
    reason = w.write("accounts.BreakGlassGrant.reason")
    w.secrets.setdefault("accounts.AuditEvent.reason", []).append(reason)  # every opened page copies it
    _ok(a.post(reverse("accounts:break_glass", args=[w.p.client.pk]), {"reason": f"Reception heard {reason}"}))
    assert a.get(reverse("care:client", args=[w.p.client.pk])).status_code == 200
    assert any(reason in event.reason for event in AuditEvent.objects.all())
    assert reason in w.as_user(w.p.client).get(reverse("accounts:sharing")).content.decode()


def _kept_form(w: Writing) -> None:
    from selfkind.accounts.models import KeptForm

    # Its own browser, so the others' sessions are not signed out by the expiry.
    c = Client()
    sign_in(c, w.p.client)
    page = reverse("journal:notes")
    c.get(page)
    text = w.write("accounts.KeptForm.data")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):  # past the client's idle limit
        response = c.post(page, {"text": text}, HTTP_REFERER="http://testserver" + page)
    _ok(response, to=reverse("accounts:login"))
    assert text in KeptForm.objects.get(user=w.p.client).data  # kept until they sign in again


def _nudge(w: Writing) -> None:
    t = w.as_user(w.p.therapist)
    text = w.write("reminders.Nudge.text")
    _ok(t.post(reverse("reminders:nudge", args=[w.p.client.pk]), {"text": f"Thinking of you: {text}"}))
    assert text in w.as_user(w.p.client).get(reverse("reminders:nudges")).content.decode()


WRITERS: dict[str, Callable[[Writing], None]] = {
    "note": _note,
    "thought_record": _thought_record,
    "reflection": _reflection,
    "affirmation": _affirmation,
    "practice": _practice,
    "homework": _homework,
    "session_note": _session_note,
    "alert": _alert,
    "clinic_settings": _clinic_settings,
    "break_glass": _break_glass,
    "kept_form": _kept_form,
    "nudge": _nudge,
}


def _installed_labels() -> dict[str, tuple[type, str]]:
    return {f"{model._meta.label}.{f.name}": (model, f.name) for model, f in encrypted_fields()}


def _raw_database_bytes(tmp_path: Path) -> bytes:
    """Return the whole database as stored: an SQLite copy (and its WAL), or a pg_dump."""
    if connection.vendor == "sqlite":
        target = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(target)])
        data = target.read_bytes()
        wal = target.with_name(target.name + "-wal")
        return data + (wal.read_bytes() if wal.exists() else b"")
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is needed for the raw-bytes check on PostgreSQL")
    s = connection.settings_dict
    env = {"PGPASSWORD": s.get("PASSWORD") or ""}
    args = [pg_dump, "-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432), "-U", s["USER"], s["NAME"]]
    return subprocess.run(args, check=True, capture_output=True, env=env, timeout=120).stdout


# --- 1. the raw bytes -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_no_typed_words_reach_the_raw_database(personas, client, settings, tmp_path):
    """Write known words through every free-text feature; they read back, and the raw bytes hold none."""
    settings.SELFKIND_IDLE_SECONDS_CLIENT = 3600
    installed = _installed_labels()
    w = Writing(web=client, p=personas)
    for feature in dict.fromkeys(COVERED[label] for label in installed if label in COVERED):
        WRITERS[feature](w)

    # Every covered field holds its words, readable through the model (the views were checked above).
    for label, (model, name) in installed.items():
        if label not in COVERED:
            continue
        assert w.secrets.get(label), f"{label}: the feature {COVERED[label]!r} wrote nothing for it"
        values = [v for v in model._base_manager.values_list(name, flat=True) if v]
        for text in w.secrets[label]:
            assert any(text in value for value in values), f"{label}: {text!r} is not readable back"

    raw = _raw_database_bytes(tmp_path)
    assert len(raw) > 10_000 and b"fernet1:" in raw
    leaks = sorted(
        f"{label}: {text!r} in …{_around(raw, text.encode())!r}…"
        for written in (w.secrets, w.replaced)
        for label, texts in written.items()
        for text in texts
        if text.encode() in raw
    )
    assert not leaks, "Plain text in the raw database:\n" + "\n".join(leaks)


def _around(raw: bytes, needle: bytes) -> bytes:
    """Return the bytes around the first `needle`, to show which table or column holds it."""
    at = raw.index(needle)
    return raw[max(0, at - 120) : at + len(needle) + 60]


# --- 2. key rotation ------------------------------------------------------------------------

KEY_A = generate_key()


@pytest.fixture
def key_a(settings):
    """Key A alone, from before the first row is written (so that no row is under another key)."""
    settings.SELFKIND_FIELD_KEYS = [KEY_A]
    reset_key_cache()
    yield settings
    reset_key_cache()


def _restart() -> None:
    """What restarting every process does to the keys: they are read again from the settings."""
    reset_key_cache()


def test_key_rotation_as_documented(key_a, personas, client):
    """Rotate field keys by the steps of docs/security-encryption.md ("Rotating keys"), on the real models.

    Text is written with key A through several features; then, as the document says: (1) make key B,
    (2) put it first, keeping A after it, (3) restart, (4) `rotate-field-keys`, (5) `rotate-field-keys
    --check` passes, (6) remove A and restart: everything still reads, with B alone. A alone then
    reads nothing, which shows the values really moved to B.
    """
    settings = key_a
    w = Writing(web=client, p=personas)
    for feature in ("note", "thought_record", "affirmation", "session_note", "alert", "clinic_settings"):
        WRITERS[feature](w)
    call_command("rotate-field-keys", "--check", stdout=_Sink())  # everything is under the newest key (A)

    # Step 1: make a new key. Steps 2–3: put it first, keep A after it, restart. Old text still
    # reads; new text is written with B.
    call_command("generate-field-key", stdout=(out := _Sink()))
    key_b = out.text.strip()
    assert key_b != KEY_A
    settings.SELFKIND_FIELD_KEYS = [key_b, KEY_A]
    _restart()
    _read_everything(w)
    fields_under_a = len(w.secrets)
    WRITERS["reflection"](w)
    with pytest.raises(CommandError, match="still under an older key") as failed:
        call_command("rotate-field-keys", "--check", stdout=_Sink())
    older = int(re.match(r"(\d+) values", str(failed.value)).group(1))
    assert older >= fields_under_a  # at least one value per field written with A alone

    # Step 4: re-encrypt. Step 5: the check passes.
    out = _Sink()
    call_command("rotate-field-keys", "--batch-size", "2", stdout=out)  # small batches: several per table
    assert f"Re-encrypted {older} values;" in out.text
    assert set(re.findall(r"(\d+) unreadable", out.text)) == {"0"}
    call_command("rotate-field-keys", "--check", stdout=(out := _Sink()))
    assert "Every encrypted value is under the newest key." in out.text

    # Step 6: B alone, after a restart: every value reads, through the app.
    settings.SELFKIND_FIELD_KEYS = [key_b]
    _restart()
    _read_everything(w)

    # A alone opens nothing any more, through the model or a page.
    settings.SELFKIND_FIELD_KEYS = [KEY_A]
    _restart()
    from selfkind.journal.models import Note

    with pytest.raises(DecryptionError):
        list(Note.objects.all())
    c = w.as_user(personas.client)
    with pytest.raises(DecryptionError):
        c.get(reverse("journal:notes"))


def _read_everything(w: Writing) -> None:
    """Check every secret written so far reads back through the model, and a few through pages."""
    installed = _installed_labels()
    for label, texts in w.secrets.items():
        model, name = installed[label]
        values = [v for v in model._base_manager.values_list(name, flat=True) if v]
        for text in texts:
            assert any(text in value for value in values), f"{label}: {text!r} no longer reads back"
    c = w.as_user(w.p.client)
    page = c.get(reverse("journal:notes")).content.decode()
    assert all(text in page for text in w.secrets["journal.Note.text"])
    t = w.as_user(w.p.therapist)
    page = t.get(reverse("care:notes", args=[w.p.client.pk])).content.decode()
    assert all(text in page for text in w.secrets["care.SessionNote.sections_data"])


class _Sink:
    """A stdout for call_command that keeps what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.django_db
def test_the_migration_forgets_trap_reasons_stored_before(personas):
    """Suggestions stored before the fix quoted the client's words in plain JSON; migration 0004 removes them."""
    from selfkind.journal.models import ThoughtRecord

    migration = import_module("selfkind.journal.migrations.0004_forget_stored_trap_reasons")
    old = [{"trap": "labeling", "score": 0.9, "why": ["I am such an idiot"]}]
    record = ThoughtRecord.objects.create(client=personas.client, thought="I am such an idiot", traps_suggested=old)
    untouched = ThoughtRecord.objects.create(client=personas.client, traps_suggested=[])
    migration.forget_reasons(apps, SimpleNamespace(connection=connection))
    record.refresh_from_db()
    untouched.refresh_from_db()
    assert record.traps_suggested == [{"trap": "labeling", "score": 0.9}] and untouched.traps_suggested == []
    assert record.thought == "I am such an idiot"


# --- 3. the meta-test -----------------------------------------------------------------------


def test_every_encrypted_field_is_written_by_a_feature_or_excused():
    """A new EncryptedTextField fails here until test 1 writes it through its feature, or EXCUSED says why."""
    installed = set(_installed_labels())
    assert installed, "encrypted_fields() found nothing: the check would be empty"
    missing = sorted(installed - COVERED.keys() - EXCUSED.keys())
    assert not missing, (
        "These encrypted fields are written by no feature of test_no_typed_words_reach_the_raw_database: "
        f"{missing}. Add a writer that types known words through the field's view, and map the field to it "
        "in COVERED (or, if no person ever types into it, say why in EXCUSED)."
    )
    assert not COVERED.keys() & EXCUSED.keys()
    assert all(COVERED[label] in WRITERS for label in installed & COVERED.keys())
    # An entry for a field that is gone (renamed, removed) is stale, unless its whole app is not installed.
    stale = sorted(
        label for label in (COVERED.keys() | EXCUSED.keys()) - installed if label.split(".")[0] in apps.app_configs
    )
    assert not stale, f"COVERED or EXCUSED name fields that no longer exist: {stale}"
