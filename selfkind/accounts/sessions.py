"""Database sessions read together with the signed-in user: one query on every signed-in request, not two.

The same behaviour as Django's `db` backend, in Selfkind's own table (`accounts.Session`), which holds the
signed-in user's id as a column beside the signed data. Reading a session by its key joins that user (with
their clinic and whether they have a confirmed authenticator, as `EmailBackend.get_user` reads them), with
SQL built once per process (selfkind.lib.prepared); the expiry is checked here rather than in the SQL, so the
key is the read's only changing value.

The read also brings the user's client stamp (selfkind/accounts/stamps.py), which the client's "today" puts
in its kept copy's key: `stamps.token_for` uses it unless this process has touched a stamp since. And it
joins the user's pending and active care relationships, which the consent gate reads on every page a client
opens (`selectors.consent_question_for_request`): a row for each, so a client's page needs no query of its own.

The user read with the session is only an offer: `selfkind.accounts.middleware.AuthenticationMiddleware`
hands it to Django's own `get_user`, which still takes the id from the session data, asks the backend
(which uses the offered user only when its id is that id) and checks the session's password hash.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from selfkind.accounts import stamps
from selfkind.accounts.backends import USER_READ_FIELDS, has_confirmed_authenticator, signed_in_user_from_row
from selfkind.accounts.models import ClientStamp, Session, User
from selfkind.accounts.selectors import consent_rows_from, join_consent_state
from selfkind.lib.prepared import PreparedRead


def _session_query(key: Any) -> QuerySet[Session, tuple[Any, ...]]:
    token = ClientStamp.objects.filter(client_id=OuterRef("user_id")).values("token")[:1]
    query, consent_columns = join_consent_state(Session.objects.filter(session_key=key), "user")
    return query.annotate(has_totp=has_confirmed_authenticator("user_id"), stamp_token=Subquery(token)).values_list(
        "session_data",
        "expire_date",
        *(f"user__{name}" for name in USER_READ_FIELDS),
        "has_totp",
        "stamp_token",
        *consent_columns,
    )


_SESSION = PreparedRead(_session_query)
# In a row of _SESSION: the session, the user, their second factor and stamp, then the consent gate's columns.
_USER_AT = 2
_USER_ID_AT = _USER_AT + USER_READ_FIELDS.index(User._meta.pk.attname)
_STAMP_AT = _USER_AT + len(USER_READ_FIELDS) + 1
_CONSENT_AT = _STAMP_AT + 1


def _user_pk(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class SessionStore(db.SessionStore):
    # The user the session's row names, read with it (None before the read, or when it names nobody).
    user_read_with_session: User | None = None

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        session = super().create_model_instance(data)
        assert isinstance(session, Session)
        session.user_id = _user_pk(data.get(SESSION_KEY))
        return session

    def _get_session_from_db(self) -> Session | None:
        self.user_read_with_session = None
        key = self.session_key
        touches = stamps.touches()  # before the read: a touch during it makes the token read here unused
        rows = _SESSION.rows(key) if key else []
        if key is None or not rows or rows[0][1] <= timezone.now():
            self._session_key = None
            return None
        row = rows[0]  # one row per relationship the consent gate reads, the session and user alike in each
        if row[_USER_ID_AT] is not None:  # None when the session names nobody
            user = signed_in_user_from_row(row[_USER_AT:_STAMP_AT])
            user.stamp_read = stamps.TokenRead(user.pk, row[_STAMP_AT] or "", touches)  # type: ignore[attr-defined]
            user.consent_rows_read = consent_rows_from(rows, _CONSENT_AT)  # type: ignore[attr-defined]
            self.user_read_with_session = user
        return Session(session_key=key, session_data=row[0], expire_date=row[1])
