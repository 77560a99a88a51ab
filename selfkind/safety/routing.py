"""Who reads an alert: pure decisions over plain facts, so the rule is easy to see and test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """Who is told: 'therapist', 'admin', or 'nobody' (a private entry where the clinic turned notices off)."""

    reader_role: str
    words_visible: bool  # may the reader see the matched words?


def route_for(*, has_consenting_therapist: bool, private_entry: bool, private_notices_on: bool) -> Route:
    """Return who reads a new alert and whether they may see the words.

    A consenting therapist reads it; with none (no relationship, or consent withdrawn), the clinic
    admin does, without the words. A private entry never shows its words: the therapist learns only
    that a risk signal was found (rule ids), unless the clinic switched even that off.
    """
    if private_entry and not private_notices_on:
        return Route(reader_role="nobody", words_visible=False)
    if has_consenting_therapist:
        return Route(reader_role="therapist", words_visible=not private_entry)
    return Route(reader_role="admin", words_visible=False)
