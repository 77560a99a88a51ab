"""Administrations of standard measures, their schedules, and which instruments a clinic offers.

Answers are whole numbers from fixed scales (not free text); scores are computed by the pure
engine in `measures.instruments` and stored beside the answers so lists never recompute them.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import Clinic, User
from selfkind.measures import schedule


class InstrumentSwitch(models.Model):
    """A clinic's choice to offer an instrument or not (the definition says what is switchable)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="instrument_switches")
    instrument = models.CharField(max_length=20)
    enabled = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clinic", "instrument"], name="one_switch_per_instrument")]


class MeasureSchedule(models.Model):
    """Which measure a client completes and how often. Homework measures are schedules too."""

    class Frequency(models.TextChoices):
        WEEKLY = schedule.WEEKLY, _("Every week")
        FORTNIGHTLY = schedule.FORTNIGHTLY, _("Every two weeks")
        MONTHLY = schedule.MONTHLY, _("Every month")
        BEFORE_SESSION = schedule.BEFORE_SESSION, _("Before each session")

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="measure_schedules")
    instrument = models.CharField(max_length=20)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY)
    starts_on = models.DateField(_("starting on"))
    ends_on = models.DateField(_("ending on"), null=True, blank=True)
    set_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "instrument"], condition=Q(active=True), name="one_active_schedule_per_measure"
            )
        ]


class Administration(models.Model):
    """One completion of a measure by a client: a draft while answering, immutable once submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="administrations")
    instrument = models.CharField(max_length=20)
    instrument_version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict)  # {"1": 0, "2": 3, …}: item number → native value
    difficulty = models.PositiveSmallIntegerField(null=True, blank=True)  # PHQ-9's unscored question
    schedule = models.ForeignKey(MeasureSchedule, null=True, blank=True, on_delete=models.SET_NULL)
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The engine's result, stored when submitted.
    total = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    percentage = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=30, blank=True)
    subscales = models.JSONField(default=dict)  # exact values as strings ("3.5000")
    flags = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "instrument", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(submitted_at__isnull=False) & Q(total__isnull=False)),
                name="submitted_has_a_score",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.status} {self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def answer_for(self, item: int) -> int | None:
        value = self.answers.get(str(item))
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def total_value(self) -> Decimal | None:
        return self.total
