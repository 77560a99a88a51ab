"""Writes for measures: answering (item 9 checked on every save), submitting, correcting, scheduling."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from selfkind.accounts.models import Clinic, User
from selfkind.measures.instruments import engine, registry
from selfkind.measures.instruments.registry import Instrument
from selfkind.measures.models import Administration, InstrumentSwitch, MeasureSchedule
from selfkind.safety.services import NO_RISK, SafetyOutcome, raise_risk_answer_alert


class AnswerError(ValueError):
    """An answer outside the instrument's options; the message is kind and says which item."""


def enabled_instruments(clinic: Clinic | None) -> list[Instrument]:
    """Return the instruments this clinic offers, in their defined order."""
    switches = (
        dict(InstrumentSwitch.objects.filter(clinic=clinic).values_list("instrument", "enabled")) if clinic else {}
    )
    return [
        inst
        for inst in registry.all_instruments()
        if switches.get(inst.key, inst.enabled_by_default) or not inst.switchable
    ]


def set_instrument_enabled(*, clinic: Clinic, key: str, enabled: bool) -> None:
    instrument = registry.get(key)
    if not instrument.switchable:
        raise ValueError(f"{instrument.short_name} is always offered.")
    InstrumentSwitch.objects.update_or_create(clinic=clinic, instrument=key, defaults={"enabled": enabled})


def start(
    *, client: User, key: str, schedule: MeasureSchedule | None = None, corrects: Administration | None = None
) -> Administration:
    """Return the client's draft of this measure, starting one if there is none."""
    instrument = registry.get(key)
    if corrects is None:
        draft = Administration.objects.filter(client=client, instrument=key, status=Administration.Status.DRAFT).first()
        if draft is not None:
            return draft
    answers = dict(corrects.answers) if corrects else {}
    return Administration.objects.create(
        client=client,
        instrument=key,
        instrument_version=instrument.version,
        schedule=schedule,
        corrects=corrects,
        answers=answers,
        difficulty=corrects.difficulty if corrects else None,
    )


def save_answer(*, administration: Administration, client: User, item: int, value: int) -> SafetyOutcome:
    """Save one answer of a draft and check the risk items at once; return the safety outcome.

    The answer is committed first. Risk items (PHQ-9 item 9) are checked on every save, a draft or
    an unfinished form included; a later change of answer never withdraws an alert.
    """
    instrument = registry.get(administration.instrument)
    _check_owner_and_draft(administration, client)
    if item < 1 or item > len(instrument.items):
        raise AnswerError(f"There is no question {item}.")
    if not _is_allowed(instrument, value):
        raise AnswerError(f"Please choose one of the answers for question {item}.")
    with transaction.atomic():
        Administration.objects.filter(pk=administration.pk).update(updated_at=timezone.now())
        locked = Administration.objects.select_for_update().get(pk=administration.pk)
        locked.answers[str(item)] = value
        locked.save(update_fields=["answers"])
        administration.answers = locked.answers
    # Only the answer just given is checked: a risk answer shows support at the moment it is given,
    # not again on every later question.
    return check_risk(administration=administration, items={item})


def save_difficulty(*, administration: Administration, client: User, value: int | None) -> None:
    instrument = registry.get(administration.instrument)
    _check_owner_and_draft(administration, client)
    extra = instrument.extra_question
    if extra is None or (value is not None and value not in {o.value for o in extra.options}):
        raise AnswerError("Please choose one of the answers.")
    administration.difficulty = value
    administration.save(update_fields=["difficulty"])


def check_risk(*, administration: Administration, items: set[int] | None = None) -> SafetyOutcome:
    """Raise the safety alert for positive risk items among the answers (or only `items`)."""
    instrument = registry.get(administration.instrument)
    answers = {int(k): v for k, v in administration.answers.items() if items is None or int(k) in items}
    outcome = NO_RISK
    for risk in engine.risk_items_positive(instrument, answers):
        outcome = raise_risk_answer_alert(
            client=administration.client,
            source_type=f"measure:{instrument.key}",
            source_id=administration.pk,
            item=f"{instrument.key}_item{risk.item}",
            value=answers[risk.item],
        )
    return outcome


def submit(*, administration: Administration, client: User) -> Administration:
    """Score and close a complete draft, or raise engine.ResponseError naming what is missing."""
    instrument = registry.get(administration.instrument)
    _check_owner_and_draft(administration, client)
    responses = [administration.answers.get(str(item.number)) for item in instrument.items]
    result = engine.score(instrument, responses)  # validates: all items, whole numbers, in range
    with transaction.atomic():
        administration.status = Administration.Status.SUBMITTED
        administration.submitted_at = timezone.now()
        administration.total = engine.round_half_up(result.total, 4)
        administration.percentage = result.percentage
        administration.band = result.band
        administration.subscales = {k: str(engine.round_half_up(v, 4)) for k, v in result.subscales.items()}
        administration.flags = list(result.flags)
        administration.save()
        check_deterioration(administration=administration)
    return administration


def check_deterioration(*, administration: Administration) -> None:
    """Raise a notice when a score is a reliable change worse than the first of the current treatment.

    Selfkind convention (clinical reference): judged per measure against the client's first score of that
    measure since the current relationship began; one notice per measure while it stays open.
    """
    from selfkind.accounts.access import active_relationship
    from selfkind.measures.change import deterioration_alert_due
    from selfkind.safety.services import raise_notice

    instrument = registry.get(administration.instrument)
    if not instrument.reliable_change.deterioration_alert or administration.total is None:
        return
    relationship = active_relationship(administration.client)
    if relationship is None:
        return
    first = (
        Administration.objects.filter(
            client=administration.client,
            instrument=administration.instrument,
            status=Administration.Status.SUBMITTED,
            submitted_at__gte=relationship.started_at,
        )
        .order_by("submitted_at")
        .first()
    )
    if first is None or first.pk == administration.pk or first.total is None:
        return
    if deterioration_alert_due(instrument, first_total=int(first.total), total=int(administration.total)):
        raise_notice(
            client=administration.client,
            kind="deterioration",
            source_type=f"measure:{instrument.key}",
            source_id=administration.client_id,
            rule_ids=[f"{instrument.key}_reliable_deterioration"],
        )


def correct(*, administration: Administration, client: User) -> Administration:
    """Start a new administration that corrects a submitted one (the old one stays as it was)."""
    if administration.client_id != client.pk or not administration.is_submitted:
        raise PermissionError("Only a client's own submitted answers can be corrected.")
    return start(client=client, key=administration.instrument, corrects=administration)


def set_schedule(
    *, client: User, key: str, frequency: str, starts_on: date, ends_on: date | None, set_by: User
) -> MeasureSchedule:
    """Create or replace the client's schedule for this measure."""
    registry.get(key)
    with transaction.atomic():
        MeasureSchedule.objects.filter(client=client, instrument=key, active=True).update(active=False)
        return MeasureSchedule.objects.create(
            client=client, instrument=key, frequency=frequency, starts_on=starts_on, ends_on=ends_on, set_by=set_by
        )


def stop_schedule(*, schedule: MeasureSchedule) -> None:
    schedule.active = False
    schedule.save(update_fields=["active"])


def _is_allowed(instrument: Instrument, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in {o.value for o in instrument.options}


def _check_owner_and_draft(administration: Administration, client: User) -> None:
    if administration.client_id != client.pk:
        raise PermissionError("A client answers only their own measures.")
    if administration.is_submitted:
        raise PermissionError("Submitted answers never change; start a correction instead.")
