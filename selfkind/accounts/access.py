"""The access door: every read of a client's data starts here.

Each function returns what the user may see or raises Http404 (never 403, so that nobody learns
whether a record exists), and records who looked in the audit log whenever the reader is not the
client themself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from selfkind.accounts.models import AuditEvent, BreakGlassGrant, CareRelationship, Role, User, client_pseudonym

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class Level:
    SELF = "self"
    THERAPIST = "therapist"  # consenting therapist: the client's shared content
    FORMER_THERAPIST = "former_therapist"  # consent withdrawn: only the therapist's own records
    BREAK_GLASS = "break_glass"  # clinic admin with a written reason, time-limited


@dataclass(frozen=True)
class ClientAccess:
    """What one user may see of one client, decided by the access door."""

    viewer: User
    client: User
    level: str
    relationship: CareRelationship | None = None
    break_glass: BreakGlassGrant | None = None

    @property
    def sees_client_content(self) -> bool:
        """True when the viewer may read what the client wrote or answered (not private entries)."""
        return self.level in (Level.SELF, Level.THERAPIST, Level.BREAK_GLASS)

    @property
    def is_self(self) -> bool:
        return self.level == Level.SELF

    @property
    def consent_withdrawn_at(self) -> datetime | None:
        if self.level == Level.FORMER_THERAPIST and self.relationship is not None:
            return self.relationship.ended_at
        return None


def _is_verified_staff(user: User) -> bool:
    # Therapists and admins reach client data only after their second factor (django-otp).
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    *,
    actor: User,
    client: User,
    action: str,
    request: HttpRequest | None = None,
    object_type: str = "",
    object_id: object = "",
    reason: str = "",
) -> AuditEvent | None:
    """Write one audit event unless the actor is the client; return it."""
    if actor.pk == client.pk:
        return None
    return AuditEvent.objects.create(**_event_fields(actor, client, action, request, object_type, object_id, reason))


def record_access_many(
    *, actor: User, clients: Iterable[User], action: str, request: HttpRequest | None = None
) -> None:
    """Write one audit event per client in a single query (for list pages)."""
    AuditEvent.objects.bulk_create(
        [AuditEvent(**_event_fields(actor, c, action, request, "", "", "")) for c in clients if c.pk != actor.pk]
    )


def _event_fields(
    actor: User,
    client: User,
    action: str,
    request: HttpRequest | None,
    object_type: str,
    object_id: object,
    reason: str,
) -> dict[str, object]:
    return {
        "actor": actor,
        "actor_label": actor.name or actor.email,
        "actor_role": actor.role,
        "client": client,
        "client_pseudonym": client_pseudonym(client.pk),
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id or ""),
        "ip_address": _client_ip(request),
        "reason": reason[:500],
    }


def _active_break_glass(admin: User, client: User) -> BreakGlassGrant | None:
    return (
        BreakGlassGrant.objects.filter(admin=admin, client=client, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )


def decide_access(user: User | AnonymousUser, client_id: int | str, *, own_records: bool = False) -> ClientAccess:
    """Return the viewer's access to the client without auditing it, or raise Http404.

    With own_records=True, a former therapist (consent withdrawn) is let in to read their own
    records about the client; otherwise only viewers who see the client's content pass.
    """
    if not user.is_authenticated:
        raise Http404
    assert isinstance(user, User)
    try:
        cid = int(client_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if user.pk == cid and user.is_client:
        return ClientAccess(viewer=user, client=user, level=Level.SELF)
    if not user.is_clinic_staff or not _is_verified_staff(user):
        raise Http404
    client = User.objects.filter(pk=cid, role=Role.CLIENT).first()
    # A deleted account's own content is gone; its former therapist still reads their own kept records.
    if client is None or not (client.is_active or (own_records and client.deleted_at is not None)):
        raise Http404
    if user.is_therapist:
        rel = (
            CareRelationship.objects.filter(therapist=user, client=client)
            .exclude(status=CareRelationship.Status.PENDING)
            .order_by("-started_at")
            .first()
        )
        if rel is None:
            raise Http404
        if rel.is_active:
            return ClientAccess(viewer=user, client=client, level=Level.THERAPIST, relationship=rel)
        if own_records:
            return ClientAccess(viewer=user, client=client, level=Level.FORMER_THERAPIST, relationship=rel)
        raise Http404
    # Clinic admin: only through a live break-glass grant for a client of their own clinic.
    if user.is_clinic_admin and client.clinic_id == user.clinic_id:
        grant = _active_break_glass(user, client)
        if grant is not None:
            return ClientAccess(viewer=user, client=client, level=Level.BREAK_GLASS, break_glass=grant)
    raise Http404


def get_client_for(
    user: User | AnonymousUser,
    client_id: int | str,
    *,
    action: str = "view:client",
    request: HttpRequest | None = None,
    own_records: bool = False,
    object_type: str = "",
    object_id: object = "",
) -> ClientAccess:
    """Return the viewer's access to the client, recording it in the audit log, or raise Http404."""
    access = decide_access(user, client_id, own_records=own_records)
    if not access.is_self:
        reason = access.break_glass.reason if access.break_glass else ""
        record_access(
            actor=access.viewer,
            client=access.client,
            action=action,
            request=request,
            object_type=object_type,
            object_id=object_id,
            reason=reason,
        )
    return access


def consenting_relationships(therapist: User) -> QuerySet[CareRelationship]:
    """Return the therapist's active relationships (the caseload), clients joined."""
    return CareRelationship.objects.filter(therapist=therapist, status=CareRelationship.Status.ACTIVE).select_related(
        "client"
    )


def former_relationships(therapist: User) -> QuerySet[CareRelationship]:
    """Return relationships where the client withdrew consent or the work ended."""
    return CareRelationship.objects.filter(
        therapist=therapist, status__in=[CareRelationship.Status.REVOKED, CareRelationship.Status.ENDED]
    ).select_related("client")


def consenting_therapist(client: User) -> User | None:
    """Return the client's therapist with active consent, if any (safety routes alerts by this)."""
    rel = CareRelationship.objects.filter(client=client, status=CareRelationship.Status.ACTIVE).select_related(
        "therapist"
    )
    found = rel.first()
    return found.therapist if found else None


def active_relationship(client: User) -> CareRelationship | None:
    return (
        CareRelationship.objects.filter(client=client, status=CareRelationship.Status.ACTIVE)
        .select_related("therapist")
        .first()
    )
