"""The client's own words: notes and thought records (reflections and affirmations later)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.db.models import Q
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


class ThoughtRecord(models.Model):
    """One self-critical thought worked through, step by step, from the critic's words to a kinder answer.

    Every free-text field is encrypted; emotions (names the client types, with intensities) are
    kept as encrypted JSON. A record is a draft until completed, and can be finished later.
    """

    STEPS = (
        "situation",
        "thought",
        "emotions",
        "belief",
        "traps",
        "evidence",
        "friend",
        "compassion",
        "rerate",
    )

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="thought_records")
    private = models.BooleanField(_("Keep this private (your therapist won't see it)"), default=False)
    flagged_for_session = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.CharField(max_length=20, default="situation")

    situation = EncryptedTextField(_("What happened?"), blank=True)
    thought = EncryptedTextField(_("What did your inner critic say?"), blank=True)
    emotions_data = EncryptedTextField(blank=True)  # JSON: [{"name": "shame", "before": 80, "after": 40}]
    belief_before = models.PositiveSmallIntegerField(null=True, blank=True)
    belief_after = models.PositiveSmallIntegerField(null=True, blank=True)
    traps_confirmed = models.JSONField(default=list)  # what the client chose (vocabulary keys)
    traps_suggested = models.JSONField(default=list)  # what the detector suggested, kept apart
    evidence_for = EncryptedTextField(_("What makes the thought feel true?"), blank=True)
    evidence_against = EncryptedTextField(_("What doesn't fit with it?"), blank=True)
    friend_response = EncryptedTextField(_("What would you say to a friend who thought this?"), blank=True)
    kindness = EncryptedTextField(_("Kindness: what do you need to hear right now?"), blank=True)
    common_humanity = EncryptedTextField(_("Common humanity: who else might feel this way?"), blank=True)
    mindfulness = EncryptedTextField(_("Mindfulness: can you name the feeling without being swept away?"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(belief_before__isnull=True) | Q(belief_before__lte=100))
                & (Q(belief_after__isnull=True) | Q(belief_after__lte=100)),
                name="belief_is_a_percentage",
            )
        ]

    @property
    def is_draft(self) -> bool:
        return self.completed_at is None

    @property
    def emotions(self) -> list[dict[str, Any]]:
        if not self.emotions_data:
            return []
        data = json.loads(self.emotions_data)
        return data if isinstance(data, list) else []

    @emotions.setter
    def emotions(self, value: list[dict[str, Any]]) -> None:
        self.emotions_data = json.dumps(value, ensure_ascii=False)

    @property
    def compassionate_response(self) -> str:
        return "\n".join(p for p in (self.kindness, self.common_humanity, self.mindfulness) if p.strip())

    def all_text(self) -> str:
        """Return every word the client wrote in this record, for screening."""
        names = " ".join(str(e.get("name", "")) for e in self.emotions)
        parts = [
            self.situation,
            self.thought,
            names,
            self.evidence_for,
            self.evidence_against,
            self.friend_response,
            self.kindness,
            self.common_humanity,
            self.mindfulness,
        ]
        return "\n".join(p for p in parts if p)


class Reflection(models.Model):
    """A client's answer to a lesson's reflection question (one per lesson, editable)."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reflections")
    lesson = models.CharField(max_length=80)  # a lesson slug, or custom-<id>
    text = EncryptedTextField(_("Your reflection"))
    private = models.BooleanField(_("Keep this private (your therapist won't see it)"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["client", "lesson"], name="one_reflection_per_lesson")]


class Affirmation(models.Model):
    """A personal affirmation, ideally answering a belief the client's own critic holds."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In use")
        ARCHIVED = "archived", _("Put away")
        PROPOSED = "proposed", _("Suggested by your therapist")
        DECLINED = "declined", _("Declined")

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="affirmations")
    text = EncryptedTextField(_("Your affirmation"))
    answers = models.ForeignKey(
        ThoughtRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="affirmations"
    )  # the thought record whose critic this answers
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    starred = models.BooleanField(default=False)
    proposed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    helps_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starred", "-created_at"]


class AffirmationSkip(models.Model):
    """A "not today" for one affirmation on one of the client's days."""

    affirmation = models.ForeignKey(Affirmation, on_delete=models.CASCADE, related_name="skips")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["affirmation", "day"], name="one_skip_a_day")]
