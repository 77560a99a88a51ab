"""Small helpers that read settings from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
from collections.abc import Mapping


class ConfigurationError(RuntimeError):
    """Raised when an environment variable holds a value Selfkind cannot use."""


def env_str(name: str, default: str = "", *, environ: Mapping[str, str] | None = None) -> str:
    """Return the variable's value, stripped, or the default when it is unset or empty."""
    value = (environ if environ is not None else os.environ).get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False, *, environ: Mapping[str, str] | None = None) -> bool:
    """Return a boolean; accept 1/0, true/false, yes/no, on/off and nothing else."""
    raw = env_str(name, environ=environ).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false (got {raw!r}).")


def env_int(name: str, default: int, *, minimum: int | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Return an integer, refusing anything that is not one or is below the minimum."""
    raw = env_str(name, environ=environ)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number (got {raw!r}).") from None
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum} (got {value}).")
    return value


def env_list(name: str, default: list[str] | None = None, *, environ: Mapping[str, str] | None = None) -> list[str]:
    """Return a comma-separated list with blanks dropped."""
    raw = env_str(name, environ=environ)
    if not raw:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str, *, environ: Mapping[str, str] | None = None) -> str:
    """Return one of the allowed values, refusing anything else."""
    value = env_str(name, default, environ=environ)
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)} (got {value!r}).")
    return value
