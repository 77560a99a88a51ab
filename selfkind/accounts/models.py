"""Users, clinics, invitations, versioned consent, therapist–client relationships and appointments."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.lib.crypto import EncryptedTextField

COUNTRY_CHOICES = [
    ("GB", _("United Kingdom")),
    ("IE", _("Ireland")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("AU", _("Australia")),
    ("NZ", _("New Zealand")),
    ("IN", _("India")),
    ("ZZ", _("Another country")),
]


def timezone_choices() -> list[tuple[str, str]]:
    """Return every IANA time zone as a (value, label) pair, sorted."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class Clinic(models.Model):
    """A practice: one admin and several therapists, with its own settings."""

    name = models.CharField(_("name"), max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    urgent_escalation_hours = models.PositiveSmallIntegerField(
        _("hours before an unacknowledged urgent alert goes to the clinic admin"), default=4
    )
    measure_grace_days = models.PositiveSmallIntegerField(_("days before a due measure is overdue"), default=2)
    private_risk_notices = models.BooleanField(
        _("tell the therapist when a private entry shows a risk signal (never its words)"), default=True
    )
    private_risk_notices_off_reason = EncryptedTextField(_("why this clinic turned those notices off"), blank=True)
    # Data rights (docs/data-rights.md): how long a deletion waits, and how long the clinic's own records of a
    # deleted client are kept before they are erased too.
    deletion_grace_days = models.PositiveSmallIntegerField(
        _("days a client can change their mind after asking to delete their account"), default=14
    )
    session_note_retention_years = models.PositiveSmallIntegerField(
        _("years session notes are kept after a client's account is deleted"), default=8
    )
    alert_retention_years = models.PositiveSmallIntegerField(
        _("years safety alert records are kept after a client's account is deleted"), default=8
    )

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class Role(models.TextChoices):
    CLIENT = "client", _("Client")
    THERAPIST = "therapist", _("Therapist")
    CLINIC_ADMIN = "admin", _("Clinic admin")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.CLIENT)
    clinic = models.ForeignKey(Clinic, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, default="ZZ")
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    adult_confirmed_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)  # Django admin access: operators only.
    is_demo = models.BooleanField(default=False, editable=False)
    date_joined = models.DateTimeField(default=timezone.now)
    inactivity_days = models.PositiveSmallIntegerField(_("days without activity before I'm told"), default=7)
    note_format = models.CharField(
        _("session note format"), max_length=4, choices=[("dap", "DAP"), ("soap", "SOAP")], default="dap"
    )
    # Bumped by "sign out everywhere": it is part of the session hash, so every other session ends.
    session_epoch = models.PositiveIntegerField(default=0)
    # Set while a deletion the client asked for is waiting out its grace period (selfkind.rights).
    deletion_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["therapist", "admin"]) | Q(clinic__isnull=False),
                name="staff_belong_to_a_clinic",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.CLINIC_ADMIN

    @property
    def is_clinic_staff(self) -> bool:
        return self.role in (Role.THERAPIST, Role.CLINIC_ADMIN)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:3]).upper() or "?"

    def get_session_auth_hash(self) -> str:
        # Including the epoch means bumping it invalidates every existing session of this user.
        return super().get_session_auth_hash() + f":{self.session_epoch}"


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use, expiring link a therapist sends to a new client. Only the token's hash is kept."""

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations_sent")
    name = models.CharField(_("client's name"), max_length=120)
    email = models.EmailField(_("client's email"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    @staticmethod
    def new_token() -> tuple[str, str]:
        """Return (token, its hash): the token goes in the link, the hash in the database."""
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        return cls.objects.select_related("therapist__clinic").filter(token_hash=_hash_token(token)).first()

    @property
    def status(self) -> str:
        if self.used_at:
            return "used"
        if self.cancelled_at:
            return "cancelled"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class ConsentVersion(models.Model):
    """One published wording of the consent a client gives to share with their therapist."""

    version = models.PositiveIntegerField(unique=True)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64, editable=False)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Consent v{self.version}"


class CareRelationship(models.Model):
    """A therapist working with a client. At most one active relationship per client."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for consent")
        ACTIVE = "active", _("Sharing")
        REVOKED = "revoked", _("Consent withdrawn")
        ENDED = "ended", _("Ended")

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="client_relationships")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="therapist_relationships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    invitation = models.OneToOneField(Invitation, null=True, blank=True, on_delete=models.SET_NULL)
    # The stage of the therapy the pair is working on (suggests lessons, practices and homework).
    stage = models.CharField(
        _("stage of therapy"),
        max_length=40,
        default="understanding",
        choices=[
            ("understanding", _("Understanding self-compassion")),
            ("from_criticism_to_compassion", _("From self-criticism to self-compassion")),
            ("resilience", _("Resilience through practice")),
            ("mindfulness", _("Mindfulness")),
        ],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="active"), name="one_active_therapist_per_client"
            )
        ]
        indexes = [models.Index(fields=["therapist", "status"])]

    def __str__(self) -> str:
        return f"{self.therapist} ↔ {self.client} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Consent(models.Model):
    """A client's recorded consent to one relationship under one version of the consent text."""

    relationship = models.ForeignKey(CareRelationship, on_delete=models.CASCADE, related_name="consents")
    version = models.ForeignKey(ConsentVersion, on_delete=models.PROTECT, related_name="+")
    scope = models.JSONField(default=list)  # what is shared: names of the kinds of content
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]


class Appointment(models.Model):
    """A therapy session between a therapist and a client."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        MISSED = "missed", _("Missed")

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="appointments_given")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=50)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["client", "starts_at"]), models.Index(fields=["therapist", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480), name="sensible_duration"
            )
        ]

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class BreakGlassGrant(models.Model):
    """A clinic admin's time-limited access to one client's record, with a written reason."""

    admin = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_grants")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="break_glass_on_me")
    reason = EncryptedTextField(_("reason"))
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One read or change of a client's data by someone other than that client. Append-only."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="audit_actions")
    actor_label = models.CharField(max_length=200)  # kept when the actor's account is gone
    actor_role = models.CharField(max_length=10)
    client = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="audit_about_me")
    client_pseudonym = models.CharField(max_length=40, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    reason = EncryptedTextField(blank=True)  # an admin's written reason, which can name clinical facts

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["client", "-at"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


def client_pseudonym(client_id: int) -> str:
    """Return a stable pseudonym for a client, used in the audit log and exports."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:client:{client_id}".encode()).hexdigest()
    return f"client-{digest[:16]}"


from selfkind.accounts.idle import KeptForm  # noqa: E402  (models kept beside their logic)
from selfkind.accounts.throttle import LoginThrottle  # noqa: E402

__all__ = ["KeptForm", "LoginThrottle"]


class ClientStamp(models.Model):
    """A token that changes whenever something a client's pages show may have changed.

    Pages that keep a rendered copy (the client's "today", selfkind/care/today_cache.py) put the token in
    the copy's key, so a change made anywhere (the client, their therapist, the worker, another process)
    retires every copy at once. Written by `selfkind.accounts.stamps.touch`.
    """

    client = models.OneToOneField(User, primary_key=True, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32)


class Session(AbstractBaseSession):
    """A browser's session: Django's database session with the signed-in user's id as a column of its own.

    Django keeps the user's id only inside the signed session data, so every signed-in request read the
    session and then the user: two queries. With the id as a column, one query reads both
    (`selfkind.accounts.sessions`). The column is written from the session data each time the session is
    saved; the user is still taken from the data and checked by Django as before, and a row whose column
    disagrees with its data is never trusted. A user's sessions go with their account (CASCADE), and an
    erased client's are deleted with their content (selfkind/rights/deletion.py).
    """

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    @classmethod
    def get_session_store_class(cls) -> type[Any]:
        from selfkind.accounts.sessions import SessionStore

        return SessionStore
