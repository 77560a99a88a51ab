"""Writes for practices: starting a session, saving writing as the client goes, finishing with ratings."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.lib.prepared import create_row
from selfkind.practices.content import Practice, library, parse_practice
from selfkind.practices.models import CustomPractice, PracticeSession
from selfkind.safety.services import SafetyOutcome, screen_text


class RatingError(ValueError):
    """A rating outside 0–10; the message is kind."""


CUSTOM_SLUG = re.compile(r"custom-([1-9]\d{0,17})")  # an id a database column can hold; anything else is no practice


def practices_for(client: User) -> dict[str, Practice]:
    """Return the shipped practices and the client's clinic's own, keyed by slug."""
    result = dict(library())
    if client.clinic_id:
        for custom in CustomPractice.objects.filter(clinic_id=client.clinic_id):
            practice = _custom(custom)
            result[practice.slug] = practice
    return result


def practice_for(client: User, slug: str) -> Practice | None:
    """Return the one practice with this slug the client may do (as `practices_for` would), reading only it.

    A shipped practice needs no query (every practice page and log used to read and parse all of the clinic's
    own); a clinic's own is read alone, and only from the client's clinic.
    """
    match = CUSTOM_SLUG.fullmatch(slug)
    if match is not None and client.clinic_id:
        custom = CustomPractice.objects.filter(pk=int(match[1]), clinic_id=client.clinic_id).first()
        if custom is not None:
            return _custom(custom)
    return library().get(slug)


def _custom(custom: CustomPractice) -> Practice:
    practice = parse_practice(custom.definition, f"custom practice {custom.pk}")
    return Practice(**{**practice.__dict__, "slug": f"custom-{custom.pk}", "custom_id": custom.pk})


def _rating(value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise RatingError("Please choose a number from 0 to 10.") from None
    if not 0 <= number <= 10:
        raise RatingError("Please choose a number from 0 to 10.")
    return number


def start_session(
    *, client: User, practice: Practice, variant: str, distress: object = None, kindness: object = None
) -> PracticeSession:
    """Start a session with the optional before-ratings (one tap each)."""
    if practice.variant(variant) is None:
        raise ValueError("unknown variant")
    distress_before, kindness_before = _rating(distress), _rating(kindness)
    # One transaction: the row and the client's stamp (which retires their kept "today") commit together.
    # Every practice started writes here, so its INSERT is written once per process (selfkind/lib/prepared.py).
    with transaction.atomic():
        return create_row(
            PracticeSession,
            client=client,
            practice=practice.slug,
            variant=variant,
            distress_before=distress_before,
            kindness_before=kindness_before,
        )


def save_writing(*, session: PracticeSession, client: User, step: int, text: str) -> SafetyOutcome:
    """Save one written answer as the client goes (a draft), then screen all the session's words."""
    _own(session, client)
    with transaction.atomic():
        locked = PracticeSession.objects.select_for_update().get(pk=session.pk)
        writing = locked.writing
        writing[str(step)] = text
        locked.writing = writing
        locked.save(update_fields=["writing_data"])
        session.writing_data = locked.writing_data
    return _screen(session)


def finish_session(
    *,
    session: PracticeSession,
    client: User,
    distress: object = None,
    kindness: object = None,
    note: str = "",
    private: bool = False,
    duration_seconds: int | None = None,
    finished_at: object = None,
) -> SafetyOutcome:
    """Record the end of a practice with the after-ratings and an optional note; screen the note."""
    _own(session, client)
    now = timezone.now()
    session.completed_at = now
    elapsed = int((now - session.started_at).total_seconds())
    # The browser's own count (it may have been offline) is trusted within what the clock allows.
    session.duration_seconds = min(duration_seconds, elapsed) if duration_seconds else elapsed
    session.distress_after = _rating(distress)
    session.kindness_after = _rating(kindness)
    session.note = note.strip()
    session.private = private
    with transaction.atomic():
        session.save()
    return _screen(session)


def _screen(session: PracticeSession) -> SafetyOutcome:
    text = "\n".join([*session.writing.values(), session.note])
    return screen_text(
        client=session.client, text=text, source_type="practice", source_id=session.pk, private=session.private
    )


def _own(session: PracticeSession, client: User) -> None:
    if session.client_id != client.pk:
        raise PermissionError("A client records only their own practice.")
