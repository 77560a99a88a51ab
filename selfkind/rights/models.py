"""A client's request to delete their account: kept as a record of what was asked and what was done."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from selfkind.accounts.models import User


class DeletionRequest(models.Model):
    """One request to delete an account. Cancelled or completed requests stay, without personal data."""

    client = models.ForeignKey(User, on_delete=models.PROTECT, related_name="deletion_requests")
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # What the erasure removed, per kind of record (counts only), for the clinic's records.
    erased = models.JSONField(default=dict)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(cancelled_at__isnull=True, completed_at__isnull=True),
                name="one_open_deletion_per_client",
            )
        ]

    def __str__(self) -> str:
        return f"deletion {self.pk} ({self.status})"

    @property
    def status(self) -> str:
        if self.completed_at:
            return "completed"
        if self.cancelled_at:
            return "cancelled"
        return "waiting"
