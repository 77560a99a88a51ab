"""`selfkind demo`: build the deterministic demo (development only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from selfkind.accounts.models import User


class Command(BaseCommand):
    help = "Build the demo clinic, therapists and clients with weeks of history (development only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--clients", type=int, default=0, help="Also add demo-client-1 … N to therapist@.")
        parser.add_argument("--if-new", action="store_true", help="Build only when the database has no accounts.")
        parser.add_argument("--remove", action="store_true", help="Delete every demo account.")

    def handle(self, *args: Any, clients: int, if_new: bool, remove: bool, **options: Any) -> None:
        if remove:
            from selfkind.care.demo import remove as remove_demo

            count = remove_demo()
            self.stdout.write(f"Removed {count} demo accounts.")
            return
        if settings.PRODUCTION:
            raise CommandError("The demo is for development only and refuses to run when SELFKIND_ENV=production.")
        if clients < 0:
            raise CommandError("--clients must be 0 or more.")
        from selfkind.care.demo import build

        if if_new and User.objects.exists():
            if not User.objects.filter(is_demo=True).exists():
                return
        else:
            built = build(extra_clients=clients)
            self.stdout.write(f"Demo ready: {len(built)} clients.")
        self.print_logins()

    def print_logins(self) -> None:
        lines = [
            "",
            "Demo sign-ins (password for every account: selfkind-demo)",
            "  admin@example.com        clinic admin, Demo Clinic",
            "  therapist@example.com    therapist: client@, client2@, client3@",
            "  therapist2@example.com   therapist: client4@, client5@, client6@",
            "  client@example.com … client6@example.com   clients",
            "",
            "Therapists and the admin also need a sign-in code: add this key to an authenticator app",
            "  SELFKINDDEMOTOTP  (base32, SHA-1, 6 digits, 30 seconds)",
            "or print the current code with: .venv/bin/selfkind demo-code",
            "",
        ]
        self.stdout.write("\n".join(lines))
