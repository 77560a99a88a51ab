"""A client's practice sessions (with before-and-after ratings) and therapists' own practices."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import Clinic, User
from selfkind.lib.crypto import EncryptedTextField

RATING = Q()
for _field in ("distress_before", "distress_after", "kindness_before", "kindness_after"):
    RATING &= Q(**{f"{_field}__isnull": True}) | Q(**{f"{_field}__lte": 10})


class CustomPractice(models.Model):
    """A practice a therapist wrote for their clinic, in the same schema as the content files."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="custom_practices")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    slug = models.SlugField(max_length=60)
    definition = models.JSONField()  # validated by practices.content.parse_practice before saving
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clinic", "slug"], name="one_custom_slug_per_clinic")]


class PracticeSession(models.Model):
    """One time a client did a practice: when, how long, and how they felt before and after."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="practice_sessions")
    practice = models.CharField(max_length=60)  # the slug (a content file, or custom-<id>)
    variant = models.CharField(max_length=40)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    distress_before = models.PositiveSmallIntegerField(_("How distressed do you feel? (0–10)"), null=True, blank=True)
    kindness_before = models.PositiveSmallIntegerField(
        _("How kind do you feel towards yourself? (0–10)"), null=True, blank=True
    )
    distress_after = models.PositiveSmallIntegerField(null=True, blank=True)
    kindness_after = models.PositiveSmallIntegerField(null=True, blank=True)
    note = EncryptedTextField(_("Anything you'd like to note? (optional)"), blank=True)
    private = models.BooleanField(_("Keep this private (your therapist won't see it)"), default=False)
    writing_data = EncryptedTextField(blank=True)  # JSON {step index: text} for written practices

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "-started_at"])]
        constraints = [models.CheckConstraint(condition=RATING, name="ratings_are_0_to_10")]

    @property
    def writing(self) -> dict[str, str]:
        if not self.writing_data:
            return {}
        data: Any = json.loads(self.writing_data)
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    @writing.setter
    def writing(self, value: dict[str, str]) -> None:
        self.writing_data = json.dumps(value, ensure_ascii=False)

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def distress_change(self) -> int | None:
        if self.distress_before is None or self.distress_after is None:
            return None
        return self.distress_after - self.distress_before

    @property
    def kindness_change(self) -> int | None:
        if self.kindness_before is None or self.kindness_after is None:
            return None
        return self.kindness_after - self.kindness_before


class CustomLesson(models.Model):
    """A lesson a therapist wrote for their clinic (Markdown, sanitised when shown)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="custom_lessons")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("Title"), max_length=120)
    summary = models.CharField(_("One sentence about it"), max_length=240)
    stage = models.CharField(_("Stage of therapy"), max_length=40)
    body = models.TextField(_("Text (simple Markdown)"))
    reflection = models.CharField(_("Reflection question at the end"), max_length=400)
    sources = models.CharField(_("Sources"), max_length=400, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
