"""Second-factor screens: verify at sign-in, set up an authenticator, recovery codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from selfkind.accounts import twofactor
from selfkind.accounts.forms import OTPTokenForm
from selfkind.accounts.models import User


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    next_url = _next_url(request)
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    form = OTPTokenForm(request.POST or None)
    if twofactor.has_confirmed_totp(user):
        if request.method == "POST" and form.is_valid():
            device = twofactor.verify(user, form.cleaned_data["otp_token"])
            if device is not None:
                otp_login(request, device)
                return redirect(next_url)
            form.add_error(
                "otp_token",
                _("That code didn't work. Codes change every 30 seconds; please try the newest one."),
            )
        return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})
    device = twofactor.pending_device(user)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_device(device, form.cleaned_data["otp_token"])
        if codes is not None:
            otp_login(request, TOTPDevice.objects.get(pk=device.pk))
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("otp_token", _("That code didn't match. Check the time on your phone and try the newest code."))
    context = {
        "form": form,
        "next": next_url,
        "qr": twofactor.qr_svg(device),
        "secret": twofactor.hex_to_base32(device.key),
        "required": user.is_clinic_staff,
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user.is_verified():  # type: ignore[attr-defined]
        raise Http404
    codes = twofactor.new_recovery_codes(user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    """Clients may turn two-step sign-in off again; staff may not."""
    user: User = request.user  # type: ignore[assignment]
    if not user.is_client or not user.is_verified():  # type: ignore[attr-defined]
        raise Http404
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    messages.info(request, _("Two-step sign-in is off. You can turn it on again at any time."))
    return redirect("accounts:sharing")
