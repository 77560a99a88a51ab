"""Read an EMAIL_URL such as smtp://user:pass@host:587/?tls=true into Django email settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from selfkind.lib.env import ConfigurationError

_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def parse_email_url(url: str) -> dict[str, Any]:
    """Return the default mailer (Django's MAILERS entry) for the URL, or raise ConfigurationError."""
    parts = urlsplit(url)
    if parts.scheme not in _BACKENDS:
        raise ConfigurationError(f"EMAIL_URL scheme must be one of {', '.join(_BACKENDS)} (got {parts.scheme!r}).")
    query = {k: v[-1].lower() for k, v in parse_qs(parts.query).items()}
    backend = _BACKENDS[parts.scheme]
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend}
    return smtp_mailer(
        host=parts.hostname or "localhost",
        port=parts.port or (465 if parts.scheme == "smtps" else 25),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=query.get("tls") in {"1", "true", "yes"},
        use_ssl=parts.scheme == "smtps" or query.get("ssl") in {"1", "true", "yes"},
    )


def smtp_mailer(*, host: str, port: int, username: str, password: str, use_tls: bool, use_ssl: bool) -> dict[str, Any]:
    """Return a MAILERS entry for an SMTP server."""
    if use_tls and use_ssl:
        raise ConfigurationError("Email can use TLS (STARTTLS) or SSL, not both.")
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": host,
            "port": port,
            "username": username,
            "password": password,
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": 20,
        },
    }
