"""Two-factor sign-in: TOTP (django-otp), verified on the server, with one-time recovery codes.

Mandatory for therapists and clinic admins; optional for clients (once a client turns it on, it is
asked for at every sign-in too).
"""

from __future__ import annotations

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.sessions.backends.base import SessionBase
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from selfkind.accounts.models import User
from selfkind.lib.totp import current_totp

DEMO_TOTP_SECRET = "SELFKINDDEMOTOTP"  # noqa: S105 (contracts.md: demo accounts only)
RECOVERY_CODES = 10

__all__ = ["DEMO_TOTP_SECRET", "current_totp"]


def needs_second_factor(user: User) -> bool:
    """True when this user must pass a second factor before seeing anything else.

    Asked on every request (the second-factor middleware). The signed-in user is loaded with whether they
    have a confirmed authenticator (accounts.backends.EmailBackend.get_user), read in that same query.
    """
    if user.is_clinic_staff:
        return True
    known = getattr(user, "_has_totp", None)
    return bool(known) if known is not None else has_confirmed_totp(user)


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def base32_to_hex(secret: str) -> str:
    return base64.b32decode(secret.upper()).hex()


def hex_to_base32(key: str) -> str:
    return base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")


def pending_device(user: User) -> TOTPDevice:
    """Return the user's unconfirmed authenticator (created on first call) for the set-up screen."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """Return the device's otpauth:// URL as an SVG QR code (inline, CSP-safe: no style attributes)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def confirm_device(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator if the code matches; return fresh recovery codes, or None."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with fresh one-time codes and return them (shown once)."""
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(user: User, token: str) -> Any:
    """Return the device that accepts this code (authenticator or recovery code), or None."""
    token = token.strip().replace(" ", "")
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def enrol_demo_totp(user: User) -> TOTPDevice:
    """Give a demo account the documented demo secret (development only)."""
    key = base32_to_hex(DEMO_TOTP_SECRET)
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, name="Demo authenticator", defaults={"key": key, "confirmed": True, "digits": 6, "step": 30}
    )
    return device


def ensure_verified_session(user: User, session: SessionBase) -> None:
    """Mark a session as having passed the second factor (test helper for signed-in staff)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
