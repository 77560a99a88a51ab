"""Start-up guards: production never serves with demo accounts present."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def demo_accounts_present() -> bool:
    from selfkind.accounts.models import User

    return User.objects.filter(is_demo=True).exists()


def refuse_unsafe_production() -> None:
    """Raise ImproperlyConfigured when production would serve demo accounts (key/DEBUG are checked in settings)."""
    if not settings.PRODUCTION:
        return
    if demo_accounts_present():
        raise ImproperlyConfigured(
            "Demo accounts are present and SELFKIND_ENV is production. Remove them "
            "(selfkind demo --remove) or use a fresh database before serving real people."
        )
