"""The demo, built feature by feature: each app's demo module adds its part for every client."""

from __future__ import annotations

import random

from django.db import transaction

from selfkind.accounts import demo as accounts_demo
from selfkind.accounts.models import User
from selfkind.care import demo_workspace
from selfkind.journal import demo as journal_demo
from selfkind.measures import demo as measures_demo
from selfkind.practices import demo as practices_demo
from selfkind.reminders import demo as reminders_demo

SEED = 20261125


def build(*, extra_clients: int = 0) -> list[User]:
    """Build the demo (idempotent) and return the clients it holds."""
    with transaction.atomic():
        clinic, staff = accounts_demo.build_clinic()
        specs = list(accounts_demo.CLIENTS)
        for n in range(1, extra_clients + 1):
            specs.append(
                accounts_demo.DemoClient(
                    f"demo-client-{n}@example.com",
                    f"Demo Client {n}",
                    "therapist@example.com",
                    ["GB", "US", "AU", "CA", "IE", "NZ"][n % 6],
                    [
                        "Europe/London",
                        "America/New_York",
                        "Australia/Sydney",
                        "America/Toronto",
                        "Europe/Dublin",
                        "Pacific/Auckland",
                    ][n % 6],
                    accounts_demo.TRAJECTORIES[n % 4],
                )
            )
        clients = []
        for spec in specs:
            rng = random.Random(f"{SEED}:{spec.email}")
            client = accounts_demo.build_client(spec, staff[spec.therapist], clinic, rng)
            journal_demo.build(client, spec.trajectory, rng)
            journal_demo.build_records(client, spec.trajectory, rng)
            measures_demo.build(client, spec.trajectory, rng)
            practices_demo.build(client, spec.trajectory, rng)
            journal_demo.build_reflections_and_affirmations(client, staff[spec.therapist], rng)
            demo_workspace.build(client, staff[spec.therapist], spec.trajectory, rng)
            reminders_demo.build(client, staff[spec.therapist], rng)
            clients.append(client)
    return clients


def remove() -> int:
    """Delete every demo account and everything that hangs on it (development only); return how many."""
    from selfkind.care.models import Homework, SessionNote

    demo = User.objects.filter(is_demo=True)
    # Session notes are protected from deletion in real use (clinics must keep them); demo ones are fiction.
    SessionNote.objects.filter(therapist__in=demo).delete()
    Homework.objects.filter(therapist__in=demo).delete()
    return accounts_demo.remove_demo()
