"""Per-request account rules: who is signed in, the reader's time zone, and the consent gate for clients."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from selfkind.accounts.backends import user_read_with_session

Handler = Callable[[HttpRequest], HttpResponse]

# Paths a client may reach while a consent question is waiting.
_CONSENT_FREE_PREFIXES = ("/accounts/", "/help/", "/support/", "/static/", "/healthz", "/invite/", "/theme/")


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, except that the user read with the session's row is offered to Django's `get_user`.

    The session and its user then cost one query (selfkind/accounts/sessions.py). Everything else is
    Django's own: the user's id still comes from the session data, the backend uses the offered user only
    if it has that id (and is allowed to sign in), and the session's password hash is still checked.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(partial(signed_in_user, request))  # type: ignore[assignment]


def signed_in_user(request: HttpRequest) -> AbstractBaseUser | AnonymousUser:
    """Return `django.contrib.auth.get_user(request)`, once per request, offering the user read with the session."""
    if not hasattr(request, "_cached_user"):
        session = request.session
        SESSION_KEY in session  # reads the session (and the user with it) before the offer is made  # noqa: B015
        with user_read_with_session(getattr(session, "user_read_with_session", None)):
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
    return request._cached_user  # type: ignore[attr-defined,no-any-return]


def current_user(request: HttpRequest) -> AbstractBaseUser | AnonymousUser:
    """Return request.user itself, not the lazy stand-ins put in its place.

    `request.user` is a stand-in (ours, wrapped again by django-otp's), so every attribute read through it is
    two calls; code that reads many (the key of "today"'s kept copy reads every field) takes the user itself.
    A user set by signing in or out during the request is returned as it is.
    """
    user = request.user
    if not isinstance(user, SimpleLazyObject):
        return user
    user.is_authenticated  # noqa: B018 (lets the stand-ins do their work: django-otp marks the user itself)
    return signed_in_user(request)


class UserTimezoneMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.tzinfo)
        else:
            timezone.deactivate()
        return self.get_response(request)


class ConsentGateMiddleware:
    """Send a client to the consent page while a therapist waits for (new) consent."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_client
            and request.method == "GET"
            and not request.path.startswith(_CONSENT_FREE_PREFIXES)
        ):
            from selfkind.accounts.selectors import consent_question_for_request

            if consent_question_for_request(request) is not None:
                return redirect(reverse("accounts:consent"))
        return self.get_response(request)


_SECOND_FACTOR_FREE_PREFIXES = (
    "/accounts/two-factor/",
    "/accounts/logout",
    "/help/",
    "/static/",
    "/healthz",
    "/theme/",
)


class SecondFactorMiddleware:
    """Hold staff (and clients who turned it on) at the second-factor screen until they pass it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_SECOND_FACTOR_FREE_PREFIXES)
        ):
            from selfkind.accounts.twofactor import needs_second_factor

            if needs_second_factor(user):
                from urllib.parse import urlencode

                target = reverse("accounts:two_factor")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
