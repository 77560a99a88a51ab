"""Reads for accounts that are more than one query."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest

from selfkind.accounts.models import CareRelationship, Consent, User

_UNASKED = object()


def consent_question_for(client: User) -> CareRelationship | None:
    """Return the relationship waiting for this client's consent (new, or under an older text)."""
    return _consent_state(client)[0]


def _consent_state(client: User) -> tuple[CareRelationship | None, CareRelationship | None]:
    """Return (the relationship waiting for consent or None, the active relationship or None)."""
    from selfkind.accounts.services import consent_version_is_current

    # One query for both kinds, with the version of each one's live consent: this runs on every page a
    # client opens (the consent gate). A client has at most one active relationship (a database
    # constraint); the newest pending one wins.
    live_version = (
        Consent.objects.filter(relationship=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by("-given_at")
        .values("version__version")[:1]
    )
    relationships = list(
        CareRelationship.objects.filter(
            client=client, status__in=[CareRelationship.Status.PENDING, CareRelationship.Status.ACTIVE]
        )
        .select_related("therapist")
        .annotate(live_consent_version=Subquery(live_version))
        .order_by("-started_at")
    )
    pending = next((r for r in relationships if r.status == CareRelationship.Status.PENDING), None)
    active = next((r for r in relationships if r.status == CareRelationship.Status.ACTIVE), None)
    if pending is not None:
        return pending, active
    if active is not None and not consent_version_is_current(active.live_consent_version):  # type: ignore[attr-defined]
        return active, active
    return None, active


def consent_question_for_request(request: HttpRequest) -> CareRelationship | None:
    """Return `consent_question_for(request.user)`, asked once per request.

    The consent gate asks on every page a client opens, and "today" shows the answer: one set of queries
    serves both.
    """
    return _consent_state_for_request(request)[0]


def active_relationship_for_request(request: HttpRequest) -> CareRelationship | None:
    """Return the client's active relationship (with its therapist), read by the same query as the consent gate."""
    return _consent_state_for_request(request)[1]


def _consent_state_for_request(request: HttpRequest) -> tuple[CareRelationship | None, CareRelationship | None]:
    cached = getattr(request, "_selfkind_consent_state", _UNASKED)
    if cached is _UNASKED:
        cached = _consent_state(request.user)  # type: ignore[arg-type]
        request._selfkind_consent_state = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]
