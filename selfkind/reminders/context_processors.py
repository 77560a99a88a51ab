from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def worker_banner(request: HttpRequest) -> dict[str, Any]:
    """Tell clinic admins, on every page, when the background worker has not run for 10 minutes.

    Lazy and admin-only: the one heartbeat query runs only when an admin's page renders the banner.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_clinic_admin", False):
        return {}

    def stale() -> bool:
        from selfkind.lib.heartbeat import worker_is_fresh

        return not worker_is_fresh()

    return {"worker_stale": SimpleLazyObject(stale)}
