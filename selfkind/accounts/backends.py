from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from selfkind.accounts.models import User


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

        One query: many pages read the clinic's settings, and the second-factor check runs on every request
        (asked afresh each time, so an authenticator turned on elsewhere is asked for at once).
        """
        from django_otp.plugins.otp_totp.models import TOTPDevice

        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        try:
            user = (
                User._default_manager.select_related("clinic")
                # The clinic's encrypted reason is read only on its settings page: no decryption on every request.
                .defer("clinic__private_risk_notices_off_reason")
                .annotate(_has_totp=Exists(confirmed))
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
