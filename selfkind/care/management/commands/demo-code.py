"""`selfkind demo-code`: print the demo accounts' current sign-in code (development only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from selfkind.accounts.twofactor import DEMO_TOTP_SECRET, current_totp


class Command(BaseCommand):
    help = "Print the current TOTP code for the demo secret (development only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo is for development only.")
        self.stdout.write(current_totp(DEMO_TOTP_SECRET))
