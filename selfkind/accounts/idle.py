"""Inactivity expiry that never loses what someone was typing.

Sessions end after a spell without activity (shorter for staff, who see other people's data).
When the request that finds the session expired is a form submission, its fields are kept on the
server (encrypted, for a day), the person signs in again, and the form comes back filled in.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selfkind.lib.crypto import EncryptedTextField

if TYPE_CHECKING:
    from selfkind.accounts.models import User

LAST_SEEN_KEY = "selfkind_last_seen"
KEPT_COOKIE = "selfkind_kept_form"
KEEP_FOR = timedelta(days=1)
_NEVER_KEEP = {"csrfmiddlewaretoken", "password", "password1", "password2", "new_password1", "new_password2"}


class KeptForm(models.Model):
    """A form submission that arrived after the session expired, waiting for its owner."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    data = EncryptedTextField()  # urlencoded fields
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "accounts"


def _now() -> float:
    """Return the time as seconds (a seam so journeys can let a session expire without waiting)."""
    return time.time()


def idle_limit_seconds(user: object) -> int:
    staff = getattr(user, "is_clinic_staff", False)
    return settings.SELFKIND_IDLE_SECONDS_STAFF if staff else settings.SELFKIND_IDLE_SECONDS_CLIENT


def _form_page(request: HttpRequest) -> str:
    """Return the page the form was on: the same-site Referer's path, or the posted path."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc == request.get_host() and referer.path:
        return referer.path
    return request.path


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = _now()
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > idle_limit_seconds(user):
                return self._expire(request)
            # Write at most once a minute: every write costs a session save.
            if now - last_seen > 60 or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _expire(self, request: HttpRequest) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]  # only authenticated sessions expire
        kept = None
        if request.method == "POST" and request.POST:
            fields = QueryDict(mutable=True)
            for key, values in request.POST.lists():
                if key not in _NEVER_KEEP:
                    fields.setlist(key, values)
            if fields:
                kept = KeptForm.objects.create(
                    token=secrets.token_urlsafe(32), user=user, path=_form_page(request), data=fields.urlencode()
                )
        logout(request)
        if kept is not None:
            messages.info(
                request,
                _(
                    "You were signed out after a while without activity. "
                    "What you typed is kept: sign in and it will be waiting."
                ),
            )
            target = kept.path
        else:
            messages.info(request, _("You were signed out after a while without activity. Please sign in again."))
            target = request.get_full_path() if request.method == "GET" else _form_page(request)
        response = redirect(reverse("accounts:login") + "?" + urlencode({"next": target}))
        if kept is not None:
            response.set_cookie(
                KEPT_COOKIE, kept.token, max_age=int(KEEP_FOR.total_seconds()), httponly=True, samesite="Lax"
            )
        return response


def restored_data(request: HttpRequest) -> QueryDict | None:
    """Return the fields kept for this page when the session expired mid-form, once, or None.

    Views bind their form to `request.POST or restored_data(request)`, so a person who was signed
    out while typing finds the form filled in again after signing back in.
    """
    token = request.COOKIES.get(KEPT_COOKIE)
    user = getattr(request, "user", None)
    if not token or request.method != "GET" or user is None or not user.is_authenticated:
        return None
    kept = KeptForm.objects.filter(
        token=token, user=user, path=request.path, created_at__gt=timezone.now() - KEEP_FOR
    ).first()
    if kept is None:
        return None
    data = QueryDict(kept.data)
    kept.delete()
    request._kept_form_used = True  # type: ignore[attr-defined]
    return data


class ClearKeptFormCookieMiddleware:
    """Drop the cookie once its form has been restored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "_kept_form_used", False):
            response.delete_cookie(KEPT_COOKIE)
        return response
