"""Sign-in throttling per account-and-address and per address — never per account alone.

Throttling by account alone would let anyone lock a client out by guessing their email. So:
- an email+address pair is slowed after a few failures (a growing wait) and then locked for a while;
- an address alone is locked only after many failures across any accounts (password spraying).
Keys are hashed, so the table holds no email addresses or IP addresses.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

WINDOW = timedelta(minutes=15)
PAIR_SLOW_AFTER = 3  # failures before each try must wait
PAIR_LOCK_AFTER = 10
ADDRESS_LOCK_AFTER = 50
LOCK_FOR = timedelta(minutes=15)


class LoginThrottle(models.Model):
    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField()
    blocked_until = models.DateTimeField(null=True)

    class Meta:
        app_label = "accounts"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    wait_seconds: int = 0


def _key(kind: str, *parts: str) -> str:
    raw = "|".join([kind, *parts]).lower()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{raw}".encode()).hexdigest()


def _keys(email: str, address: str) -> tuple[str, str]:
    return _key("pair", email.strip(), address), _key("address", address)


def check(email: str, address: str) -> Verdict:
    """Return whether a sign-in attempt may be tried now, and how long to wait if not."""
    now = timezone.now()
    rows = LoginThrottle.objects.filter(key__in=_keys(email, address), blocked_until__gt=now)
    wait = max((int((row.blocked_until - now).total_seconds()) + 1 for row in rows if row.blocked_until), default=0)
    return Verdict(allowed=wait == 0, wait_seconds=wait)


def record_failure(email: str, address: str) -> None:
    """Count a failed attempt for the pair and the address, slowing or locking as the rules say."""
    now = timezone.now()
    pair_key, address_key = _keys(email, address)
    with transaction.atomic():
        for key, is_pair in ((pair_key, True), (address_key, False)):
            row, _created = LoginThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"first_failure_at": now}
            )
            if now - row.first_failure_at > WINDOW and not (row.blocked_until and row.blocked_until > now):
                row.failures, row.first_failure_at = 0, now
            row.failures += 1
            if is_pair and row.failures >= PAIR_LOCK_AFTER:
                row.blocked_until = now + LOCK_FOR
            elif is_pair and row.failures >= PAIR_SLOW_AFTER:
                # 15 s, 30 s, 60 s … a person barely notices; a guessing script is slowed to a crawl.
                row.blocked_until = now + timedelta(seconds=15 * 2 ** (row.failures - PAIR_SLOW_AFTER))
            elif not is_pair and row.failures >= ADDRESS_LOCK_AFTER:
                row.blocked_until = now + LOCK_FOR
            row.save()


def record_success(email: str, address: str) -> None:
    """Forget the pair's failures after a successful sign-in (the address count stays)."""
    LoginThrottle.objects.filter(key=_keys(email, address)[0]).delete()
