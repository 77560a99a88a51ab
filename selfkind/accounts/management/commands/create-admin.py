"""`selfkind create-admin`: the first clinic admin (and their clinic) on a new installation."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from selfkind.accounts.models import Clinic, Role, User


class Command(BaseCommand):
    help = (
        "Create a clinic admin, and the clinic if none has that name yet. The password is asked for twice "
        "(or read from standard input with --password-stdin). At their first sign-in the admin sets up "
        "two-factor sign-in, then invites therapists from the app."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--email", required=True, help="The admin's email address (their sign-in).")
        parser.add_argument("--clinic", required=True, help="The clinic's name, as people will see it.")
        parser.add_argument("--name", default="", help="The admin's name (default: from the email address).")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from the first line of standard input."
        )

    def handle(self, *args: Any, email: str, clinic: str, name: str, password_stdin: bool, **options: Any) -> None:
        email = User.objects.normalize_email(email.strip()).lower()
        if "@" not in email:
            raise CommandError(f"{email!r} does not look like an email address.")
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"There is already an account for {email}; nothing was changed.")
        clinic_name = clinic.strip()
        if not clinic_name:
            raise CommandError("The clinic needs a name.")
        clinics = list(Clinic.objects.filter(name=clinic_name)[:2])
        if len(clinics) > 1:
            raise CommandError(f"More than one clinic is called {clinic_name!r}; nothing was changed.")
        name = name.strip() or email.split("@")[0].replace(".", " ").title()
        password = self._password(password_stdin)
        candidate = User(email=email, name=name, role=Role.CLINIC_ADMIN)
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            raise CommandError("That password will not do: " + " ".join(exc.messages)) from None
        with transaction.atomic():
            place = clinics[0] if clinics else Clinic.objects.create(name=clinic_name)
            User.objects.create_user(email=email, password=password, name=name, role=Role.CLINIC_ADMIN, clinic=place)
        made = "the existing clinic" if clinics else "a new clinic"
        self.stdout.write(
            f"Created the clinic admin {email} for {made} {clinic_name!r}. At their first sign-in they will set "
            "up two-factor sign-in with an authenticator app."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise CommandError("No password came on standard input.")
            return password
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask for a password: pass it on standard input with --password-stdin.")
        first = getpass.getpass("Password for the new admin: ")
        if first != getpass.getpass("The same password again: "):
            raise CommandError("The two passwords were different; nothing was changed.")
        return first
