"""Reflections on lessons: saved (and screened) every time, private if the client wishes."""

from __future__ import annotations

from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.journal.models import Reflection
from selfkind.safety.services import SafetyOutcome, screen_text


def save_reflection(*, client: User, lesson: str, text: str, private: bool) -> tuple[Reflection, SafetyOutcome]:
    reflection, _created = Reflection.objects.update_or_create(
        client=client,
        lesson=lesson,
        defaults={"text": text.strip(), "private": private, "updated_at": timezone.now()},
    )
    outcome = screen_text(
        client=client, text=reflection.text, source_type="reflection", source_id=reflection.pk, private=private
    )
    return reflection, outcome
