"""Alerts: a risk signal that always has a reader, kept for good."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import CareRelationship, User
from selfkind.lib.crypto import EncryptedTextField


class Level(models.TextChoices):
    NOTICE = "notice", _("Notice")  # not a risk signal: deterioration, no activity, overdue measures
    CONCERN = "concern", _("Concern")
    URGENT = "urgent", _("Urgent")


class Kind(models.TextChoices):
    RISK = "risk", _("Risk signal")
    DETERIORATION = "deterioration", _("Scores worsening")
    INACTIVITY = "inactivity", _("No activity")
    OVERDUE = "overdue", _("Questionnaire overdue")


class AlertQuerySet(models.QuerySet["Alert"]):
    def open(self) -> AlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)

    def for_reader(self, user: User) -> AlertQuerySet:
        """Alerts this staff member should read: routed to them, or escalated to them."""
        return self.filter(Q(routed_to=user) | Q(escalated_to=user))

    def urgent_first(self) -> AlertQuerySet:
        return self.order_by(
            models.Case(models.When(acknowledged_at__isnull=True, then=0), default=1),
            models.Case(models.When(level=Level.URGENT, then=0), models.When(level=Level.CONCERN, then=1), default=2),
            "-created_at",
        )


class Alert(models.Model):
    """A risk signal about a client, routed to a person who will read it. Never deleted."""

    client = models.ForeignKey(User, on_delete=models.PROTECT, related_name="alerts")
    level = models.CharField(max_length=10, choices=Level.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RISK)
    # Where the signal came from: a kind of entry and its id, or a measure's risk item.
    source_type = models.CharField(max_length=40)
    source_id = models.CharField(max_length=40, blank=True)
    rule_ids = models.JSONField(default=list)  # never words: safe to show after consent ends
    reasons = EncryptedTextField(blank=True)  # "rule_id: matched words" lines: the client's words
    from_private_entry = models.BooleanField(default=False)
    relationship = models.ForeignKey(CareRelationship, null=True, blank=True, on_delete=models.SET_NULL)
    routed_to = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="alerts_routed")
    routed_role = models.CharField(max_length=10)  # therapist | admin
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts_escalated"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    acknowledgement_note = EncryptedTextField(blank=True)
    client_choice = models.CharField(max_length=20, blank=True)  # safe_now | tell_therapist
    client_choice_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["routed_to", "acknowledged_at"]),
            models.Index(fields=["client", "source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.level} alert {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None

    @property
    def is_urgent(self) -> bool:
        return self.level == Level.URGENT

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Alerts are kept: acknowledge them instead.")
