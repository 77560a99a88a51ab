"""Role gates for views. Object-level checks live in `accounts.access`, not here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Let signed-in users with one of the roles through; anyone else gets 404."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in roles:  # type: ignore[union-attr]
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


client_required = role_required("client")
therapist_required = role_required("therapist")
clinic_admin_required = role_required("admin")
