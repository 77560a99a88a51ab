"""Reads for accounts that are more than one query."""

from __future__ import annotations

from typing import Any

from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest

from selfkind.accounts.models import CareRelationship, Consent, User
from selfkind.lib.prepared import PreparedRead, attach, hydrate

_UNASKED = object()


def consent_question_for(client: User) -> CareRelationship | None:
    """Return the relationship waiting for this client's consent (new, or under an older text)."""
    return _consent_state(client)[0]


def _consent_state(
    client: User, rows: list[tuple[Any, ...]] | None = None
) -> tuple[CareRelationship | None, CareRelationship | None]:
    """Return (the relationship waiting for consent or None, the active relationship or None).

    `rows` are the relationships' rows when they were already read (with the session), newest first.
    """
    from selfkind.accounts.services import consent_version_is_current

    # One query for both kinds, with the version of each one's live consent, its SQL built once per process:
    # this runs on every page a client opens (the consent gate). A client has at most one active
    # relationship (a database constraint); the newest pending one wins.
    if rows is None:
        rows = _CONSENT_STATE.rows(client.pk)
    relationships = [_relationship_from_row(row) for row in rows]
    pending = next((r for r, _ in relationships if r.status == CareRelationship.Status.PENDING), None)
    active = next(((r, v) for r, v in relationships if r.status == CareRelationship.Status.ACTIVE), None)
    if pending is not None:
        return pending, active[0] if active else None
    if active is not None and not consent_version_is_current(active[1]):
        return active[0], active[0]
    return None, active[0] if active else None


_RELATIONSHIP_FIELDS = [f.attname for f in CareRelationship._meta.concrete_fields]
_THERAPIST_FIELDS = [f.attname for f in User._meta.concrete_fields]
_RELATIONSHIP_PK_AT = _RELATIONSHIP_FIELDS.index(CareRelationship._meta.pk.attname)
_STARTED_AT = _RELATIONSHIP_FIELDS.index("started_at")


_LIVE_STATUSES = [CareRelationship.Status.PENDING, CareRelationship.Status.ACTIVE]


def _live_consent_version(relationship_pk: F) -> Subquery:
    return Subquery(
        Consent.objects.filter(relationship=relationship_pk, withdrawn_at__isnull=True)
        .order_by("-given_at")
        .values("version__version")[:1]
    )


def _consent_state_query(client_pk: Any) -> QuerySet[CareRelationship, tuple[Any, ...]]:
    return (
        CareRelationship.objects.filter(client_id=client_pk, status__in=_LIVE_STATUSES)
        .annotate(live_consent_version=_live_consent_version(OuterRef("pk")))
        .order_by("-started_at")
        .values_list(
            *_RELATIONSHIP_FIELDS, *(f"therapist__{name}" for name in _THERAPIST_FIELDS), "live_consent_version"
        )
    )


# The name under which a read of the signed-in user joins their relationships (accounts/sessions.py).
_JOINED = "consent_relationship"


def join_consent_state(queryset: QuerySet[Any], user: str) -> tuple[QuerySet[Any], list[str]]:
    """Join the consent gate's read to a query of rows naming a user through `user` (a relation's name).

    Return the query, one row per relationship the gate reads (or one row with empty columns when there are
    none), and the names of the columns to add to its `values_list`, in the order `consent_rows_from` reads.
    The session read uses this so that a client's page needs no query of its own for the gate.
    """
    relation = f"{user}__therapist_relationships"
    joined = queryset.annotate(
        **{_JOINED: FilteredRelation(relation, condition=Q(**{f"{relation}__status__in": _LIVE_STATUSES}))}
    ).annotate(**{f"{_JOINED}_live_version": _live_consent_version(OuterRef(f"{_JOINED}__pk"))})
    columns = [
        *(f"{_JOINED}__{name}" for name in _RELATIONSHIP_FIELDS),
        *(f"{_JOINED}__therapist__{name}" for name in _THERAPIST_FIELDS),
        f"{_JOINED}_live_version",
    ]
    return joined, columns


def consent_rows_from(rows: list[tuple[Any, ...]], start: int) -> list[tuple[Any, ...]]:
    """Return the consent gate's rows (as `_consent_state` reads them) from rows of `join_consent_state`.

    `start` is where its columns begin in each row.
    """
    found = [row[start:] for row in rows if row[start + _RELATIONSHIP_PK_AT] is not None]
    found.sort(key=lambda row: row[_STARTED_AT], reverse=True)  # newest first, as the gate's own query
    return found


_CONSENT_STATE = PreparedRead(_consent_state_query)


def _relationship_from_row(row: tuple[Any, ...]) -> tuple[CareRelationship, int | None]:
    """Return the relationship (its therapist cached, as select_related would) and its live consent's version."""
    n = len(_RELATIONSHIP_FIELDS)
    relationship = hydrate(CareRelationship, "default", _RELATIONSHIP_FIELDS, row[:n])
    assert isinstance(relationship, CareRelationship)
    attach(relationship, "therapist", _THERAPIST_FIELDS, row[n : n + len(_THERAPIST_FIELDS)], "default")
    return relationship, row[-1]


def consent_question_for_request(request: HttpRequest) -> CareRelationship | None:
    """Return `consent_question_for(request.user)`, asked once per request.

    The consent gate asks on every page a client opens; the same read gives "today" the active relationship
    (`active_relationship_for_request`), so one set of queries serves both.
    """
    return _consent_state_for_request(request)[0]


def active_relationship_for_request(request: HttpRequest) -> CareRelationship | None:
    """Return the client's active relationship (with its therapist), read by the same query as the consent gate."""
    return _consent_state_for_request(request)[1]


def _consent_state_for_request(request: HttpRequest) -> tuple[CareRelationship | None, CareRelationship | None]:
    cached = getattr(request, "_selfkind_consent_state", _UNASKED)
    if cached is _UNASKED:
        # Read with the session at the start of this request when it could be (accounts/sessions.py).
        read_with_session = getattr(request.user, "consent_rows_read", None)
        cached = _consent_state(request.user, read_with_session)  # type: ignore[arg-type]
        request._selfkind_consent_state = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]
