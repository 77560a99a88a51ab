"""The therapist's workspace: homework assignments and session notes."""

from __future__ import annotations

import json

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import Appointment, User
from selfkind.lib.crypto import EncryptedTextField
from selfkind.measures.models import MeasureSchedule


class Homework(models.Model):
    """Something a therapist asks a client to do between sessions, with how often and until when."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("A practice")
        LESSON = "lesson", _("A lesson")
        THOUGHT_RECORD = "thought_record", _("A thought record")
        MEASURE = "measure", _("A questionnaire")

    class Frequency(models.TextChoices):
        ONCE = "once", _("Once")
        DAILY = "daily", _("Every day")
        WEEKLY_N = "weekly_n", _("Some times a week")
        BEFORE_SESSION = "before_session", _("Before each session")

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="homework_set_by_me")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="homework")
    kind = models.CharField(_("What"), max_length=20, choices=Kind.choices)
    target = models.CharField(max_length=80, blank=True)  # practice/lesson slug or instrument key
    frequency = models.CharField(_("How often"), max_length=20, choices=Frequency.choices)
    per_week = models.PositiveSmallIntegerField(_("Times a week"), default=3)
    starts_on = models.DateField(_("From"))
    ends_on = models.DateField(_("Until"), null=True, blank=True)
    note = EncryptedTextField(_("A personal note for your client (optional)"), blank=True)
    schedule = models.ForeignKey(MeasureSchedule, null=True, blank=True, on_delete=models.SET_NULL)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "active"])]
        constraints = [
            models.CheckConstraint(condition=Q(per_week__gte=1) & Q(per_week__lte=14), name="per_week_1_to_14")
        ]


class SessionNote(models.Model):
    """A therapist's note of a session (DAP or SOAP), encrypted, never shown to the client or other staff."""

    class Format(models.TextChoices):
        DAP = "dap", _("DAP (data, assessment, plan)")
        SOAP = "soap", _("SOAP (subjective, objective, assessment, plan)")

    SECTIONS = {
        "dap": (("data", _("Data")), ("assessment", _("Assessment")), ("plan", _("Plan"))),
        "soap": (
            ("subjective", _("Subjective")),
            ("objective", _("Objective")),
            ("assessment", _("Assessment")),
            ("plan", _("Plan")),
        ),
    }

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="session_notes_written")
    client = models.ForeignKey(User, on_delete=models.PROTECT, related_name="session_notes_about_me")
    appointment = models.ForeignKey(Appointment, null=True, blank=True, on_delete=models.SET_NULL)
    session_date = models.DateField(_("Session date"))
    format = models.CharField(max_length=4, choices=Format.choices, default=Format.DAP)
    sections_data = EncryptedTextField(blank=True)  # JSON {"data": "...", "assessment": "...", "plan": "..."}
    homework = models.ManyToManyField(Homework, blank=True, related_name="set_in_notes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-session_date", "-created_at"]

    @property
    def sections(self) -> dict[str, str]:
        return json.loads(self.sections_data) if self.sections_data else {}

    @sections.setter
    def sections(self, value: dict[str, str]) -> None:
        self.sections_data = json.dumps(value, ensure_ascii=False)

    def labelled_sections(self) -> list[tuple[str, str]]:
        values = self.sections
        return [(str(label), values.get(key, "")) for key, label in self.SECTIONS[self.format]]
