from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest

from selfkind.accounts.models import Clinic, User
from selfkind.lib.prepared import PreparedRead, attach, hydrate

# The user read with this request's session row (selfkind/accounts/sessions.py), offered to `get_user` for the
# length of one call by `user_read_with_session`; never set outside it, so it cannot outlive the request.
_USER_READ_WITH_SESSION: ContextVar[User | None] = ContextVar("selfkind_user_read_with_session", default=None)


@contextmanager
def user_read_with_session(user: User | None) -> Iterator[None]:
    """Offer `user` (read with the session) to `EmailBackend.get_user` inside the block, if it is the one asked for."""
    token = _USER_READ_WITH_SESSION.set(user)
    try:
        yield
    finally:
        _USER_READ_WITH_SESSION.reset(token)


class EmailBackend(ModelBackend):
    """Sign in by email address, whatever its letter case."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            User().set_password(password)  # same work as a real check, so timing reveals nothing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """Return the signed-in user with their clinic and whether they have a confirmed authenticator.

        This runs on every request. The user read with the session's row, when offered and the one asked
        for, costs nothing more; otherwise one query, its SQL built once per process (selfkind.lib.prepared).
        Many pages read the clinic's settings, and the second-factor check runs on every request (asked
        afresh each time, so an authenticator turned on elsewhere is asked for at once).
        """
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        offered = _USER_READ_WITH_SESSION.get()
        if offered is not None and offered.pk == pk:
            user = offered
        else:
            rows = _SIGNED_IN_USER.rows(pk)
            if not rows:
                return None
            user = signed_in_user_from_row(rows[0])
        return user if self.user_can_authenticate(user) else None


# The clinic's encrypted reason is read only on its settings page: no decryption on every request.
_USER_FIELDS = [f.attname for f in User._meta.concrete_fields]
_CLINIC_FIELDS = [f.attname for f in Clinic._meta.concrete_fields if f.name != "private_risk_notices_off_reason"]


# What is read of a signed-in user, from the user's table: theirs, then their clinic's (the session's read
# joins the same, selfkind/accounts/sessions.py); a row ends with whether they have a confirmed authenticator.
USER_READ_FIELDS = [*_USER_FIELDS, *(f"clinic__{name}" for name in _CLINIC_FIELDS)]


def has_confirmed_authenticator(user_id: str) -> Exists:
    """Whether the user whose id is the outer query's `user_id` column has a confirmed authenticator."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return Exists(TOTPDevice.objects.filter(user=OuterRef(user_id), confirmed=True))


def _signed_in_user_query(pk: Any) -> QuerySet[User, tuple[Any, ...]]:
    return (
        User._default_manager.filter(pk=pk)
        .annotate(has_totp=has_confirmed_authenticator("pk"))
        .values_list(*USER_READ_FIELDS, "has_totp")
    )


_SIGNED_IN_USER = PreparedRead(_signed_in_user_query)


def signed_in_user_from_row(row: tuple[Any, ...], using: str = "default") -> User:
    """Build the user (with their clinic cached, as select_related would) from a row of the prepared read."""
    n = len(_USER_FIELDS)
    user = hydrate(User, using, _USER_FIELDS, row[:n])
    assert isinstance(user, User)
    attach(user, "clinic", _CLINIC_FIELDS, row[n : n + len(_CLINIC_FIELDS)], using)
    user._has_totp = bool(row[-1])  # type: ignore[attr-defined]
    return user
