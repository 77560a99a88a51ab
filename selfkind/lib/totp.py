"""Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s) for a base32 secret. No Django needed."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP


def current_totp(secret_base32: str, *, at: float | None = None) -> str:
    """Return the 6-digit code for a base32 secret at a Unix time (default: now)."""
    totp = TOTP(base64.b32decode(secret_base32.upper()), step=30, digits=6)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():06d}"
