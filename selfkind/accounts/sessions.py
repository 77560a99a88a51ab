"""Database sessions whose read (once on every signed-in request) runs SQL built once per process.

The same table and behaviour as Django's `db` backend; only the read differs: a prepared read by key,
with the expiry checked here rather than in the SQL (so the key is the read's only changing value).
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from selfkind.lib.prepared import PreparedRead


def _session_query(key: Any) -> QuerySet[Session, tuple[Any, ...]]:
    return Session.objects.filter(session_key=key).values_list("session_data", "expire_date")


_SESSION = PreparedRead(_session_query)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        rows = _SESSION.rows(key) if key else []
        if key is None or not rows or rows[0][1] <= timezone.now():
            self._session_key = None
            return None
        return Session(session_key=key, session_data=rows[0][0], expire_date=rows[0][1])
