"""Client stamps: a token per client that changes whenever something their pages show may have changed.

A page that keeps a rendered copy puts the client's token in the copy's key (see selfkind/care/today_cache.py),
so one write here retires every copy, in every process. `touch` runs inside the writer's transaction: the new
token is visible exactly when the change is.

Most writes reach `touch` through the model signals the page that keeps copies connects (it knows what it
reads, and says so here with `watch`); the few writes that bypass signals (`QuerySet.update`) call it
themselves. `save_touches` tells a writer whether its save will also touch a stamp, so that it puts the two
writes in one transaction (and a lone UPDATE, atomic by itself, needs none).
"""

from __future__ import annotations

import functools
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

from selfkind.accounts.models import ClientStamp, Role, User
from selfkind.lib.prepared import PreparedRead, prepared_cursor

# Models whose saves touch a stamp (registered by the page that keeps copies when the app starts), with the
# fields that page shows, or None when any save touches it.
_WATCHED: dict[type[Model], frozenset[str] | None] = {}


def watch(model: type[Model], shown_fields: frozenset[str] | None = None) -> None:
    """Say that saving `model` touches a stamp (only a save writing one of `shown_fields`, when given)."""
    _WATCHED[model] = shown_fields


def save_touches(model: type[Model], update_fields: Iterable[str] | None) -> bool:
    """Whether saving `model` with these `update_fields` (None: every field) also touches a stamp."""
    if model not in _WATCHED:
        return False
    shown = _WATCHED[model]
    return shown is None or update_fields is None or not shown.isdisjoint(update_fields)


@dataclass(frozen=True)
class TokenRead:
    """A client's token as read earlier in a request (with the session), and this process's touches then."""

    client_id: int
    token: str
    touches: int


_touches = 0  # how many times this process has touched stamps: a TokenRead from before a touch is not used
_touches_lock = threading.Lock()


def touches() -> int:
    """How many times this process has touched stamps so far (read before reading a token to offer it)."""
    return _touches


def touch(client_ids: Iterable[int | None]) -> None:
    """Give each of these clients a new token (one statement, whatever their number)."""
    global _touches
    ids = sorted({pk for pk in client_ids if pk is not None})
    if not ids:
        return
    with _touches_lock:
        _touches += 1
    if len(ids) == 1:
        # The usual case, on every save a client makes: the same statement bulk_create writes, without
        # building it each time, and on PostgreSQL prepared once per connection.
        with prepared_cursor(connection) as cursor:
            cursor.execute(_upsert_sql(connection.vendor), [ids[0], secrets.token_hex(16)])
        return
    ClientStamp.objects.bulk_create(
        [ClientStamp(client_id=pk, token=secrets.token_hex(16)) for pk in ids],
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=["token"],
    )


@functools.cache
def _upsert_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    table = quote(ClientStamp._meta.db_table)
    columns = {field.name: quote(str(field.column)) for field in ClientStamp._meta.concrete_fields}
    client, token = columns["client"], columns["token"]
    return (
        f"INSERT INTO {table} ({client}, {token}) VALUES (%s, %s) "  # noqa: S608 (names from the model, quoted)
        f"ON CONFLICT ({client}) DO UPDATE SET {token} = EXCLUDED.{token}"
    )


def touch_clinic(clinic_id: int | None) -> None:
    """Give every client of a clinic a new token (its own practices, lessons or switches changed)."""
    if clinic_id is None:
        return
    touch(User.objects.filter(clinic_id=clinic_id, role=Role.CLIENT).values_list("pk", flat=True))


def token_for(client_id: int, read: TokenRead | None = None) -> str:
    """Return the client's current token ("" before their first change).

    `read`, the token read with this request's session (selfkind/accounts/sessions.py), saves the query
    when it is this client's and this process has touched no stamp since (a touch earlier in the same
    request, say, would make it stale). A change committed by another process after that read is the same
    race as one committed just after this function reads: the page is then rendered after the token was
    read, so its kept copy is never older than its key.
    """
    if read is not None and read.client_id == client_id and read.touches == _touches:
        return read.token
    rows = _TOKEN.rows(client_id)
    return rows[0][0] if rows else ""


def _token_query(pk: Any) -> QuerySet[ClientStamp, tuple[Any, ...]]:
    return ClientStamp.objects.filter(client_id=pk).values_list("token")


_TOKEN = PreparedRead(_token_query)
