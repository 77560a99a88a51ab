"""The client's own words: notes now; thought records, reflections and affirmations later."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import User
from selfkind.lib.crypto import EncryptedTextField


class Note(models.Model):
    """A free note: whatever is on the client's mind. Private notes are never shown to the therapist."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("What's on your mind?"))
    private = models.BooleanField(_("Keep this private (your therapist won't see it)"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "-created_at"])]
