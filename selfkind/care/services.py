"""Writes for the therapist's workspace: homework (a questionnaire becomes a measure schedule) and notes."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from selfkind.accounts.models import Appointment, User
from selfkind.care.models import Homework, SessionNote
from selfkind.measures import services as measure_services

MEASURE_FREQUENCY = {"once": "weekly", "weekly_n": "weekly", "before_session": "before_session"}


class HomeworkError(ValueError):
    """Homework that cannot be set as asked; the message says kindly what to change."""


def assign_homework(
    *,
    therapist: User,
    client: User,
    kind: str,
    target: str,
    frequency: str,
    starts_on: date,
    ends_on: date | None = None,
    per_week: int = 3,
    note: str = "",
) -> Homework:
    """Set homework. A questionnaire is set as (or changes) that measure's schedule, not a second system."""
    if ends_on is not None and ends_on < starts_on:
        raise HomeworkError("The end date is before the start date.")
    schedule = None
    with transaction.atomic():
        if kind == Homework.Kind.MEASURE:
            if frequency not in MEASURE_FREQUENCY:
                raise HomeworkError("Questionnaires can be set once, weekly or before each session, not daily.")
            schedule = measure_services.set_schedule(
                client=client,
                key=target,
                frequency=MEASURE_FREQUENCY[frequency],
                starts_on=starts_on,
                ends_on=starts_on if frequency == "once" else ends_on,
                set_by=therapist,
            )
        return Homework.objects.create(
            therapist=therapist,
            client=client,
            kind=kind,
            target=target,
            frequency=frequency,
            per_week=per_week,
            starts_on=starts_on,
            ends_on=ends_on,
            note=note.strip(),
            schedule=schedule,
        )


def stop_homework(*, homework: Homework, therapist: User) -> None:
    if homework.therapist_id != therapist.pk:
        raise PermissionError("Only the therapist who set homework stops it.")
    with transaction.atomic():
        homework.active = False
        homework.save(update_fields=["active"])
        if homework.schedule is not None:
            measure_services.stop_schedule(schedule=homework.schedule)


def write_note(
    *,
    therapist: User,
    client: User,
    session_date: date,
    sections: dict[str, str],
    appointment: Appointment | None = None,
    homework: list[Homework] | None = None,
) -> SessionNote:
    """Save a session note in the therapist's chosen format (encrypted)."""
    note_format = therapist.note_format
    allowed = {key for key, _label in SessionNote.SECTIONS[note_format]}
    with transaction.atomic():
        note = SessionNote(
            therapist=therapist, client=client, appointment=appointment, session_date=session_date, format=note_format
        )
        note.sections = {k: v.strip() for k, v in sections.items() if k in allowed}
        note.save()
        if homework:
            note.homework.set([h for h in homework if h.client_id == client.pk and h.therapist_id == therapist.pk])
    return note
