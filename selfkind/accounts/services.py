"""Writes for accounts: invitations, sign-up, consent, appointments. Keyword-only and atomic."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selfkind.accounts.models import (
    Appointment,
    BreakGlassGrant,
    CareRelationship,
    Clinic,
    Consent,
    ConsentVersion,
    Invitation,
    Role,
    User,
)
from selfkind.lib.content import read_document

CONSENT_SCOPE = ["measures", "thought_records", "practices", "lessons", "affirmations", "homework"]


class InvitationUnavailable(Exception):
    """The invitation is used, cancelled or expired; `status` says which."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@lru_cache(maxsize=1)
def _consent_file() -> tuple[int, str]:
    doc = read_document(settings.CONTENT_DIR / "consent" / "consent.md")
    return int(doc.meta["version"]), doc.body


def current_consent_version() -> ConsentVersion:
    """Return the consent text clients agree to now, publishing the file's version on first use."""
    version, text = _consent_file()
    found = ConsentVersion.objects.filter(version=version).first()
    if found is not None:
        return found
    digest = hashlib.sha256(text.encode()).hexdigest()
    obj, _created = ConsentVersion.objects.get_or_create(
        version=version, defaults={"text": text, "text_sha256": digest}
    )
    return obj


def invite_client(*, therapist: User, name: str, email: str) -> tuple[Invitation, str]:
    """Create a single-use invitation and email its link; return it and the link."""
    if not therapist.is_therapist:
        raise PermissionError("Only therapists invite clients.")
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            therapist=therapist, name=name.strip(), email=email.strip().lower(), token_hash=token_hash
        )
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[token])
    transaction.on_commit(
        lambda: send_mail(
            _("An invitation to Selfkind"),
            _(
                "Hello,\n\nYou have been invited to use Selfkind alongside your therapy. "
                "Open this link to create your account (it works once and expires on %(date)s):\n\n%(link)s\n\n"
                "If you were not expecting this, you can ignore this email."
            )
            % {"link": link, "date": invitation.expires_at.date().isoformat()},
            None,
            [invitation.email],
            fail_silently=True,
        )
    )
    return invitation, link


def cancel_invitation(*, invitation: Invitation) -> None:
    if invitation.status == "open":
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])


def check_invitation(token: str) -> Invitation:
    """Return the open invitation for the token, or raise InvitationUnavailable."""
    invitation = Invitation.find(token)
    if invitation is None:
        raise InvitationUnavailable("unknown")
    if invitation.status != "open":
        raise InvitationUnavailable(invitation.status)
    return invitation


def sign_up_client(
    *, token: str, name: str, email: str, password: str, country: str, time_zone: str
) -> tuple[User, CareRelationship]:
    """Create a client account from an invitation; the relationship waits for consent."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=check_invitation(token).pk)
        if invitation.status != "open":  # someone used it between the check and the lock
            raise InvitationUnavailable(invitation.status)
        client = User.objects.create_user(
            email=email,
            password=password,
            name=name.strip(),
            role=Role.CLIENT,
            clinic=invitation.therapist.clinic,
            country=country,
            time_zone=time_zone,
            adult_confirmed_at=timezone.now(),
        )
        invitation.used_at = timezone.now()
        invitation.used_by = client
        invitation.save(update_fields=["used_at", "used_by"])
        rel = CareRelationship.objects.create(therapist=invitation.therapist, client=client, invitation=invitation)
    return client, rel


def accept_invitation_as(*, client: User, token: str) -> CareRelationship:
    """Link an existing client account to the inviting therapist (pending consent)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=check_invitation(token).pk)
        invitation.used_at = timezone.now()
        invitation.used_by = client
        invitation.save(update_fields=["used_at", "used_by"])
        return CareRelationship.objects.create(therapist=invitation.therapist, client=client, invitation=invitation)


def give_consent(*, client: User, relationship: CareRelationship) -> Consent:
    """Record consent under the current text and make the relationship the client's active one.

    One active therapist per client: consenting to a new therapist ends the previous relationship.
    """
    if relationship.client_id != client.pk:
        raise PermissionError("A client consents only for themself.")
    version = current_consent_version()
    now = timezone.now()
    with transaction.atomic():
        CareRelationship.objects.filter(client=client, status=CareRelationship.Status.ACTIVE).exclude(
            pk=relationship.pk
        ).update(status=CareRelationship.Status.ENDED, ended_at=now)
        Consent.objects.filter(relationship__client=client, withdrawn_at__isnull=True).exclude(
            relationship=relationship
        ).update(withdrawn_at=now)
        Consent.objects.filter(relationship=relationship, withdrawn_at__isnull=True).update(withdrawn_at=now)
        consent = Consent.objects.create(relationship=relationship, version=version, scope=CONSENT_SCOPE, given_at=now)
        relationship.status = CareRelationship.Status.ACTIVE
        relationship.ended_at = None
        relationship.save(update_fields=["status", "ended_at"])
    return consent


def revoke_consent(*, client: User, relationship: CareRelationship) -> None:
    """Withdraw consent: from now on the therapist sees none of the client's content."""
    if relationship.client_id != client.pk:
        raise PermissionError("A client withdraws only their own consent.")
    now = timezone.now()
    with transaction.atomic():
        Consent.objects.filter(relationship=relationship, withdrawn_at__isnull=True).update(withdrawn_at=now)
        relationship.status = CareRelationship.Status.REVOKED
        relationship.ended_at = now
        relationship.save(update_fields=["status", "ended_at"])


def consent_is_current(relationship: CareRelationship) -> bool:
    """True when the relationship's live consent was given under the current text."""
    latest = (
        relationship.consents.filter(withdrawn_at__isnull=True).select_related("version").order_by("-given_at").first()
    )
    return consent_version_is_current(latest.version.version if latest is not None else None)


def consent_version_is_current(version: int | None) -> bool:
    """True when a live consent's version number (None: no live consent) is the current text's.

    The current version is the consent file's number; no query is needed to know it (this runs on every page).
    """
    return version is not None and version == _consent_file()[0]


def schedule_appointment(
    *, therapist: User, client: User, starts_at: datetime, duration_minutes: int = 50
) -> Appointment:
    return Appointment.objects.create(
        therapist=therapist, client=client, starts_at=starts_at, duration_minutes=duration_minutes
    )


def next_appointment(*, client: User | None = None, therapist: User | None = None) -> Appointment | None:
    qs = Appointment.objects.filter(status=Appointment.Status.SCHEDULED, starts_at__gte=timezone.now())
    if client is not None:
        qs = qs.filter(client=client)
    if therapist is not None:
        qs = qs.filter(therapist=therapist)
    return qs.select_related("therapist", "client").order_by("starts_at").first()


def sign_out_everywhere(*, user: User) -> None:
    """End every session of this user, on every device (the session hash includes the epoch)."""
    User.objects.filter(pk=user.pk).update(session_epoch=user.session_epoch + 1)
    user.session_epoch += 1


def open_break_glass(*, admin: User, client: User, reason: str, minutes: int = 60) -> BreakGlassGrant:
    """Give a clinic admin time-limited access to one client of their clinic, for a written reason."""
    if not admin.is_clinic_admin or admin.clinic_id != client.clinic_id or not client.is_client:
        raise PermissionError("Break-glass access is for a clinic admin and a client of the same clinic.")
    if len(reason.strip()) < 10:
        raise ValueError("A reason of at least a few words is required.")
    now = timezone.now()
    return BreakGlassGrant.objects.create(
        admin=admin, client=client, reason=reason.strip(), created_at=now, expires_at=now + timedelta(minutes=minutes)
    )


def create_clinic_with_admin(*, clinic_name: str, email: str, name: str, password: str) -> tuple[Clinic, User]:
    with transaction.atomic():
        clinic = Clinic.objects.create(name=clinic_name)
        admin = User.objects.create_user(
            email=email, password=password, name=name, role=Role.CLINIC_ADMIN, clinic=clinic
        )
    return clinic, admin


def add_therapist(*, admin: User, email: str, name: str) -> tuple[User, str]:
    """Create a therapist in the admin's clinic and email a link to choose a password; return it and the link."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if not admin.is_clinic_admin:
        raise PermissionError("Only a clinic admin adds therapists.")
    therapist = User.objects.create_user(
        email=email, password=None, name=name, role=Role.THERAPIST, clinic=admin.clinic, country=admin.country
    )
    uid = urlsafe_base64_encode(force_bytes(therapist.pk))
    link = settings.SITE_URL + reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(therapist)]
    )
    send_mail(
        _("Your Selfkind account"),
        _("Hello,\n\nAn account was made for you at %(clinic)s. Choose your password here:\n\n%(link)s\n")
        % {"clinic": admin.clinic, "link": link},
        None,
        [therapist.email],
        fail_silently=True,
    )
    return therapist, link
