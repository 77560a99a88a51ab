"""The worker's part in accounts: expired sessions are deleted, not kept for ever."""

from __future__ import annotations

from datetime import timedelta

from selfkind.accounts.sessions import SessionStore
from selfkind.lib.scheduler import periodic


@periodic(every=timedelta(hours=1))
def clear_expired_sessions() -> None:
    """Delete sessions past their expiry (nobody can use them: a read treats them as absent)."""
    SessionStore.clear_expired()
