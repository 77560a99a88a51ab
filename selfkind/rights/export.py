"""Everything a client wrote or answered, in one archive they can keep: JSON, a README and the FHIR Bundle.

The JSON is built from the models themselves, so a new kind of record is exported without a change here:
every record that belongs to the client (the same set that deletion erases) is written field by field, with
free text decrypted for them. Secrets (sign-in device keys, token hashes) are left out. The therapist's session
notes are the therapist's clinical records and are not part of it (the README says how to ask for them).
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import uuid
import zipfile
from typing import Any

from django.db import models
from django.utils import timezone

from selfkind.accounts.models import AuditEvent, CareRelationship, Consent, User, client_pseudonym
from selfkind.rights.deletion import erased_relations

FORMAT_VERSION = 1
# Sign-in secrets are not data about the person, and exporting them would weaken their account.
# A form kept across a session expiry is a moment's draft (with its CSRF token), not a record; a browser's
# session is a sign-in, not a record.
NOT_EXPORTED_MODELS = frozenset(
    {"otp_totp.TOTPDevice", "otp_static.StaticDevice", "accounts.KeptForm", "accounts.Session"}
)
NOT_EXPORTED_FIELD_SUFFIXES = ("_hash", "_token", "nonce", "secret")  # links and keys, not data about the person

README = """# Your Selfkind data

This archive holds everything you wrote or answered in Selfkind, as it was on {date}.

## Files
- `selfkind-data.json`: all your records, as JSON (UTF-8). Your writing is in plain text here:
  keep this file somewhere safe, as you would a diary.
- `fhir-bundle.json`: your questionnaire answers and scores as an HL7 FHIR R4 `collection` Bundle,
  which other health software can read (Questionnaire, QuestionnaireResponse and Observation
  resources; PHQ-9 and GAD-7 totals carry their LOINC codes).
- `README.md`: this file.

## The JSON format (format_version {version})
The top level is an object:
- `format_version`: the version of this layout; `exported_at`: when the archive was made (UTC, ISO 8601).
- `account`: your name, email address, country, time zone and when you joined.
- `records`: one list per kind of record, keyed `app.Model` (for example `journal.ThoughtRecord`,
  `journal.Note`, `journal.Reflection`, `journal.Affirmation`, `practices.PracticeSession`,
  `measures.Administration`, `measures.MeasureSchedule`, `care.Homework`). Each record is an object
  of its fields: dates and times in UTC (ISO 8601), your writing as text, `id` the record's number in
  Selfkind, and a field that names another record holds its `id`. Fields that name a person hold
  their name (`"you"` for you).
- `sharing`: who you shared your work with, and the consents you gave and withdrew.
- `appointments`: your sessions (dates, length, status).
- `safety_signals`: times Selfkind found a possible risk signal in what you wrote or answered, its
  level, and what you chose on the support screen.
- `access_log`: every time someone other than you opened your data.

Questionnaire answers (`answers` in `measures.Administration`) map each question's number to the
answer you chose, from 0 upward, in the order the choices were shown.

## What is not here
Your therapist's session notes are their clinical records, kept by your clinic. You can ask your
clinic for a copy of them, as the law where you live allows.

## Questions
Ask your therapist or your clinic. Selfkind is not an emergency service: if you are in danger now,
call your local emergency number.
"""


def build_archive(client: User) -> bytes:
    """Return the zip archive of one client's data."""
    now = timezone.now()
    data = export_data(client, now=now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", README.format(date=now.date().isoformat(), version=FORMAT_VERSION))
        archive.writestr("selfkind-data.json", json.dumps(data, indent=1, ensure_ascii=False, default=_json))
        archive.writestr("fhir-bundle.json", json.dumps(fhir_bundle(client), indent=1, ensure_ascii=False))
    return buffer.getvalue()


def fhir_bundle(client: User) -> dict[str, Any]:
    from selfkind.measures import fhir
    from selfkind.measures.models import Administration

    return fhir.bundle(
        client,
        Administration.objects.filter(client=client),
        pseudonym=client_pseudonym(client.pk),
        include_name=True,
    )


def export_data(client: User, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Return every record of the client's, as plain JSON-ready data."""
    names = _Names(client)
    records: dict[str, list[dict[str, Any]]] = {}
    for relation in erased_relations():
        model = relation.related_model
        label = model._meta.label
        if label in NOT_EXPORTED_MODELS or model._meta.auto_created:  # auto_created: group memberships
            continue
        rows = model._default_manager.filter(**{relation.field.name: client}).order_by("pk")
        records.setdefault(label, []).extend(_row(obj, names) for obj in rows)
        for child in _children(model):  # records that hang on the client's records (e.g. affirmation skips)
            child_rows = child.related_model._default_manager.filter(
                **{f"{child.field.name}__{relation.field.name}": client}
            ).order_by("pk")
            records.setdefault(child.related_model._meta.label, []).extend(_row(o, names) for o in child_rows)
    relationships = CareRelationship.objects.filter(client=client).select_related("therapist").order_by("pk")
    consents = Consent.objects.filter(relationship__client=client).select_related("version").order_by("pk")
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": (now or timezone.now()).isoformat(),
        "account": {
            "name": client.name,
            "email": client.email,
            "country": client.country,
            "time_zone": client.time_zone,
            "joined": client.date_joined,
        },
        "records": {label: rows for label, rows in sorted(records.items()) if rows},
        "sharing": {
            "therapists": [
                {
                    "id": r.pk,
                    "therapist": r.therapist.name,
                    "status": r.status,
                    "started_at": r.started_at,
                    "ended_at": r.ended_at,
                    "stage": r.stage,
                }
                for r in relationships
            ],
            "consents": [
                {
                    "sharing_id": c.relationship_id,
                    "consent_version": c.version.version,
                    "given_at": c.given_at,
                    "withdrawn_at": c.withdrawn_at,
                }
                for c in consents
            ],
        },
        "appointments": [
            {"starts_at": a.starts_at, "minutes": a.duration_minutes, "status": a.status, "with": a.therapist.name}
            for a in client.appointments.select_related("therapist").order_by("starts_at")
        ],
        "safety_signals": _safety_signals(client),
        "access_log": [
            {"at": e.at, "who": e.actor_label, "role": e.actor_role, "what": e.action, "reason": e.reason}
            for e in AuditEvent.objects.filter(client=client).order_by("at")
        ],
    }


def _safety_signals(client: User) -> list[dict[str, Any]]:
    from selfkind.safety.models import Alert

    return [
        {
            "at": a.created_at,
            "level": a.level,
            "kind": a.kind,
            "from": a.source_type,
            "your_choice": a.client_choice,
            "seen_by_staff_at": a.acknowledged_at,
        }
        for a in Alert.objects.filter(client=client).order_by("created_at")
    ]


def _children(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    return [
        r
        for r in model._meta.related_objects
        if not r.many_to_many
        and r.on_delete is models.CASCADE
        and r.related_model is not model
        and r.related_model._meta.label not in NOT_EXPORTED_MODELS
    ]


class _Names:
    """Turn a reference to a person into their name, without a query per row."""

    def __init__(self, client: User) -> None:
        self.client_id = client.pk
        self.cache: dict[int, str] = {}

    def __call__(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        if user_id == self.client_id:
            return "you"
        if user_id not in self.cache:
            user = User.objects.filter(pk=user_id).only("name").first()
            self.cache[user_id] = user.name if user else "someone"
        return self.cache[user_id]


def _row(obj: models.Model, names: _Names) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name.endswith(NOT_EXPORTED_FIELD_SUFFIXES):
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.ForeignKey):
            if field.related_model is User:
                row[field.name] = names(value)
                continue
            row[field.name] = value
            continue
        if field.name == "writing_data":  # practices keep written steps as JSON text
            row["writing"] = json.loads(value) if value else {}
            continue
        row[field.name] = value
    return row


def _json(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"Cannot export a {type(value).__name__}")


def archive_filename(client: User) -> str:
    return f"selfkind-data-{timezone.localdate().isoformat()}.zip"
