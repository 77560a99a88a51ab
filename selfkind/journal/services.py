"""Writes of journal entries. Every save is screened by the safety net, after the words are safe."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.journal.models import Note
from selfkind.safety.services import SafetyOutcome, screen_text


def save_note(*, client: User, text: str, private: bool, note: Note | None = None) -> tuple[Note, SafetyOutcome]:
    """Save a note (new or edited) and screen it; return the note and the safety outcome.

    The note is committed before screening, so a problem in screening can never lose the words.
    """
    with transaction.atomic():
        if note is None:
            note = Note.objects.create(client=client, text=text, private=private)
        else:
            if note.client_id != client.pk:
                raise PermissionError("A client edits only their own notes.")
            note.text, note.private, note.updated_at = text, private, timezone.now()
            note.save(update_fields=["text", "private", "updated_at"])
    outcome = screen_text(client=client, text=text, source_type="note", source_id=note.pk, private=private)
    return note, outcome
