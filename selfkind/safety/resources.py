"""Crisis lines per country, loaded from content/crisis/lines.yaml and validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

from selfkind.lib.content import ContentError

FALLBACK = "ZZ"


@dataclass(frozen=True)
class CrisisLine:
    name: str
    hours: str
    phone: str = ""
    text: str = ""
    web: str = ""
    notes: str = ""

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def sms(self) -> str:
        return "".join(ch for ch in self.text if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class CountryResources:
    code: str
    name: str
    emergency: tuple[str, ...]
    lines: tuple[CrisisLine, ...]
    last_verified: date


def load_resources(path: Path) -> dict[str, CountryResources]:
    """Return crisis resources keyed by country code, or raise ContentError naming the field."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = path.name
    try:
        verified = date.fromisoformat(str(data["last_verified"]))
    except (KeyError, TypeError, ValueError):
        raise ContentError(f"{name}: last_verified must be a date like 2026-11-01.") from None
    result: dict[str, CountryResources] = {}
    for code, entry in (data.get("countries") or {}).items():
        where = f"{name}: countries.{code}"
        if not isinstance(entry, dict) or not entry.get("emergency") or not entry.get("lines"):
            raise ContentError(f"{where}: needs 'emergency' numbers and at least one entry in 'lines'.")
        lines = []
        for i, line in enumerate(entry["lines"]):
            if not line.get("name") or not line.get("hours"):
                raise ContentError(f"{where}.lines[{i}]: needs 'name' and 'hours'.")
            unknown = set(line) - {"name", "hours", "phone", "text", "web", "notes"}
            if unknown:
                raise ContentError(f"{where}.lines[{i}]: unknown field {sorted(unknown)[0]!r}.")
            lines.append(CrisisLine(**{k: str(v) for k, v in line.items()}))
        result[code] = CountryResources(
            code=code,
            name=str(entry.get("name", code)),
            emergency=tuple(str(n) for n in entry["emergency"]),
            lines=tuple(lines),
            last_verified=verified,
        )
    if FALLBACK not in result:
        raise ContentError(f"{name}: countries.{FALLBACK} (the international fallback) is required.")
    return result


@lru_cache(maxsize=1)
def all_resources() -> dict[str, CountryResources]:
    return load_resources(settings.CONTENT_DIR / "crisis" / "lines.yaml")


def resources_for(country: str | None) -> CountryResources:
    """Return the crisis resources for a country code, or the international fallback."""
    resources = all_resources()
    return resources.get((country or "").upper(), resources[FALLBACK])
