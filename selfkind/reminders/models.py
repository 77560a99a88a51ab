"""Reminders: what each client wants to be reminded of and when, the delivery log, calendar feeds, nudges.

Every row hangs on its user with on_delete=CASCADE, so deleting an account erases its reminder
settings, delivery log, feeds and nudges with it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import zoneinfo
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import User
from selfkind.care.models import Homework
from selfkind.lib.crypto import EncryptedTextField


class Kind(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    THOUGHT_RECORD = "thought_record", _("Thought record")
    MEASURE = "measure", _("Check-in due")
    SESSION = "session", _("Session")
    NUDGE = "nudge", _("A note from your therapist")


# The kinds a client sets times for; a nudge is sent when the therapist writes it.
TIMED_KINDS = (Kind.PRACTICE, Kind.THOUGHT_RECORD, Kind.MEASURE, Kind.SESSION)
ALL_DAYS = [0, 1, 2, 3, 4, 5, 6]  # Monday = 0, as datetime.weekday()


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class ReminderSettings(models.Model):
    """A client's time zone and quiet hours for every reminder."""

    client = models.OneToOneField(User, on_delete=models.CASCADE, related_name="reminder_settings")
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)  # blank: the account's
    quiet_start = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet until"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def zone(self) -> zoneinfo.ZoneInfo:
        """Return the zone reminders are planned in: this setting, else the account's."""
        if self.time_zone:
            try:
                return zoneinfo.ZoneInfo(self.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
        return self.client.tzinfo

    def is_quiet(self, local: time) -> bool:
        """Return True when a local wall-clock time falls in the quiet hours (which may cross midnight)."""
        start, end = self.quiet_start, self.quiet_end
        if start is None or end is None or start == end:
            return False
        if start < end:
            return start <= local < end
        return local >= start or local < end


class ReminderPreference(models.Model):
    """Whether, when and on which days one kind of reminder is sent to one client."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminder_preferences")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    enabled = models.BooleanField(default=True)
    times = models.JSONField(default=list)  # ["08:00", "19:30"], the client's local wall-clock times
    days = models.JSONField(default=list)  # weekdays, Monday = 0
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "kind"], name="one_preference_per_kind")]

    @property
    def wall_times(self) -> list[time]:
        return sorted(time.fromisoformat(t) for t in self.times)

    @property
    def is_on(self) -> bool:
        return self.enabled and self.unsubscribed_at is None


class Delivery(models.Model):
    """One reminder occurrence and what became of it: the delivery log.

    `key` is the idempotency key of the occurrence (unique in the database), so planning twice
    never makes a second row, and a row is sent by whichever worker claims it first.
    """

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminder_deliveries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=120, unique=True)
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PLANNED)
    reason = models.CharField(max_length=40, blank=True)  # why skipped or failed (never health details)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()  # due_at, then later after each failed attempt
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # What the occurrence is about (an appointment or a nudge id); the email never says more than the kind.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["client", "due_at"]),
            models.Index(fields=["created_at", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"


class DeliveryAttempt(models.Model):
    """One try at sending a delivery, kept with its error: the log admins read when something fails."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(default=timezone.now)
    worker = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=10)  # sent | error | reaped | skipped
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["at"]


def _feed_token(nonce: str) -> str:
    # The address is derived from the secret key and a stored nonce: the database alone (a backup,
    # a leak) never holds a working feed address, only its hash for lookup.
    return hmac.new(settings.SECRET_KEY.encode(), f"calendar-feed:{nonce}".encode(), hashlib.sha256).hexdigest()[:40]


def hash_feed_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A private iCalendar address for one person (a client's reminders or a therapist's sessions)."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="calendar_feeds")
    nonce = models.CharField(max_length=64, default=_new_token, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner"], condition=Q(revoked_at__isnull=True), name="one_live_feed_each")
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.token_hash:
            self.token_hash = hash_feed_token(self.token)
        super().save(*args, **kwargs)

    @property
    def token(self) -> str:
        return _feed_token(self.nonce)

    @classmethod
    def find(cls, token: str) -> CalendarFeed | None:
        """Return the live feed with this token, or None (revoked and unknown tokens look alike)."""
        return (
            cls.objects.select_related("owner")
            .filter(token_hash=hash_feed_token(token), revoked_at__isnull=True, owner__is_active=True)
            .first()
        )


class Nudge(models.Model):
    """A one-off note of encouragement from a therapist. The email only says that there is a note."""

    therapist = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="nudges_sent")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="nudges")
    text = EncryptedTextField(_("Your note"))
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class PlanSuggestion(models.Model):
    """A reminder plan a therapist suggests with a homework assignment; the client may use it or not."""

    therapist = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminder_suggestions")
    homework = models.ForeignKey(Homework, on_delete=models.CASCADE, related_name="reminder_suggestions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    times = models.JSONField(default=list)
    days = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


def local_to_utc(day: Any, wall: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """Return the UTC instant of a local wall-clock time on a local day.

    zoneinfo applies the offset in force on that day, so 08:00 stays 08:00 across a DST change.
    A time that does not exist (inside the spring-forward gap) resolves with fold=0, i.e. an hour later
    on the wall clock; a time that happens twice (autumn) is the first one.
    """
    return datetime.combine(day, wall, tzinfo=zone).astimezone(zoneinfo.ZoneInfo("UTC"))
