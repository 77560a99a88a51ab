"""Client stamps: a token per client that changes whenever something their pages show may have changed.

A page that keeps a rendered copy puts the client's token in the copy's key (see selfkind/care/today_cache.py),
so one write here retires every copy, in every process. `touch` runs inside the writer's transaction: the new
token is visible exactly when the change is.

Most writes reach `touch` through the model signals the page that keeps copies connects (it knows what it
reads); the few writes that bypass signals (`QuerySet.update`) call it themselves.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from selfkind.accounts.models import ClientStamp, Role, User
from selfkind.lib.prepared import PreparedRead


def touch(client_ids: Iterable[int | None]) -> None:
    """Give each of these clients a new token (one statement, whatever their number)."""
    ids = sorted({pk for pk in client_ids if pk is not None})
    if not ids:
        return
    ClientStamp.objects.bulk_create(
        [ClientStamp(client_id=pk, token=secrets.token_hex(16)) for pk in ids],
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=["token"],
    )


def touch_clinic(clinic_id: int | None) -> None:
    """Give every client of a clinic a new token (its own practices, lessons or switches changed)."""
    if clinic_id is None:
        return
    touch(User.objects.filter(clinic_id=clinic_id, role=Role.CLIENT).values_list("pk", flat=True))


def token_for(client_id: int) -> str:
    """Return the client's current token ("" before their first change)."""
    rows = _TOKEN.rows(client_id)
    return rows[0][0] if rows else ""


def _token_query(pk: Any) -> QuerySet[ClientStamp, tuple[Any, ...]]:
    return ClientStamp.objects.filter(client_id=pk).values_list("token")


_TOKEN = PreparedRead(_token_query)
