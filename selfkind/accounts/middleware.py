"""Per-request account rules: the reader's time zone, and the consent gate for clients."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

Handler = Callable[[HttpRequest], HttpResponse]

# Paths a client may reach while a consent question is waiting.
_CONSENT_FREE_PREFIXES = ("/accounts/", "/help/", "/support/", "/static/", "/healthz", "/invite/", "/theme/")


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
