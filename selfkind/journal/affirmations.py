"""Affirmations: written by the client, proposed by the therapist, one shown each day in rotation."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from selfkind.accounts import stamps
from selfkind.accounts.models import User
from selfkind.journal.models import Affirmation, AffirmationSkip, ThoughtRecord
from selfkind.safety.services import SafetyOutcome, screen_text


def create(*, client: User, text: str, answers: ThoughtRecord | None = None) -> tuple[Affirmation, SafetyOutcome]:
    if answers is not None and answers.client_id != client.pk:
        raise PermissionError("An affirmation answers only the client's own record.")
    affirmation = Affirmation.objects.create(client=client, text=text.strip(), answers=answers)
    return affirmation, _screen(affirmation)


def from_thought_record(*, client: User, record: ThoughtRecord) -> tuple[Affirmation, SafetyOutcome]:
    """Turn a record's kind answer into an affirmation that answers that record's critic, in one tap."""
    text = record.kindness.strip() or record.friend_response.strip() or record.compassionate_response.strip()
    if not text:
        raise ValueError("This record has no kind answer yet.")
    return create(client=client, text=text, answers=record)


def edit(*, affirmation: Affirmation, client: User, text: str) -> SafetyOutcome:
    _own(affirmation, client)
    affirmation.text = text.strip()
    if affirmation.status == Affirmation.Status.PROPOSED:
        affirmation.status = Affirmation.Status.ACTIVE  # editing a suggestion accepts it in the client's words
    affirmation.save(update_fields=["text", "status"])
    return _screen(affirmation)


def set_status(*, affirmation: Affirmation, client: User, status: str) -> None:
    _own(affirmation, client)
    if status not in Affirmation.Status.values or status == Affirmation.Status.PROPOSED:
        raise ValueError("unknown status")
    affirmation.status = status
    affirmation.save(update_fields=["status"])


def set_star(*, affirmation: Affirmation, client: User, starred: bool) -> None:
    _own(affirmation, client)
    affirmation.starred = starred
    affirmation.save(update_fields=["starred"])


def propose(*, therapist: User, client: User, text: str) -> Affirmation:
    """A therapist suggests an affirmation in session; the client accepts, edits or declines it."""
    return Affirmation.objects.create(
        client=client, text=text.strip(), status=Affirmation.Status.PROPOSED, proposed_by=therapist
    )


def helps(*, affirmation: Affirmation, client: User) -> None:
    _own(affirmation, client)
    with transaction.atomic():
        Affirmation.objects.filter(pk=affirmation.pk).update(helps_count=F("helps_count") + 1)
        stamps.touch([client.pk])  # an update sends no signal: pages kept rendered are retired here


def not_today(*, affirmation: Affirmation, client: User, day: date) -> None:
    _own(affirmation, client)
    AffirmationSkip.objects.get_or_create(affirmation=affirmation, day=day)


def of_the_day(client: User, day: date | None = None) -> Affirmation | None:
    """Return today's affirmation: a steady rotation through the active ones, starred ones twice as often.

    The same day always gives the same one (it doesn't change on every visit); "not today" moves on
    to the next one for the rest of that day.
    """
    day = day or timezone.localtime(timezone.now(), client.tzinfo).date()
    # One query: each active affirmation with whether it was set aside for this day.
    active = list(
        Affirmation.objects.filter(client=client, status=Affirmation.Status.ACTIVE)
        .annotate(skipped_today=Exists(AffirmationSkip.objects.filter(affirmation=OuterRef("pk"), day=day)))
        .order_by("pk")
    )
    if not active:
        return None
    skipped = {a.pk for a in active if a.skipped_today}  # type: ignore[attr-defined]
    wheel = [a for a in active for _ in range(2 if a.starred else 1)]
    start = day.toordinal() % len(wheel)
    for offset in range(len(wheel)):
        candidate = wheel[(start + offset) % len(wheel)]
        if candidate.pk not in skipped:
            return candidate
    return None  # every one was set aside today: that's fine


def _screen(affirmation: Affirmation) -> SafetyOutcome:
    return screen_text(
        client=affirmation.client, text=affirmation.text, source_type="affirmation", source_id=affirmation.pk
    )


def _own(affirmation: Affirmation, client: User) -> None:
    if affirmation.client_id != client.pk:
        raise PermissionError("A client changes only their own affirmations.")
