"""Demo people: the clinic, its admin, two therapists and their clients, with sessions.

Deterministic: everything derives from the seed and from today's date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from selfkind.accounts import services
from selfkind.accounts.models import Appointment, CareRelationship, Clinic, Role, User
from selfkind.accounts.twofactor import enrol_demo_totp

PASSWORD = "selfkind-demo"  # noqa: S105 (the documented demo password, development only)
WEEKS = 12


@dataclass(frozen=True)
class DemoClient:
    email: str
    name: str
    therapist: str
    country: str
    time_zone: str
    trajectory: str  # improving | plateau | deteriorating | varied


CLIENTS = [
    DemoClient("client@example.com", "Alex Morgan", "therapist@example.com", "GB", "Europe/London", "improving"),
    DemoClient("client2@example.com", "Jordan Lee", "therapist@example.com", "US", "America/New_York", "plateau"),
    DemoClient("client3@example.com", "Sam Taylor", "therapist@example.com", "AU", "Australia/Sydney", "deteriorating"),
    DemoClient("client4@example.com", "Riley Chen", "therapist2@example.com", "CA", "America/Toronto", "improving"),
    DemoClient("client5@example.com", "Casey Byrne", "therapist2@example.com", "IE", "Europe/Dublin", "plateau"),
    DemoClient("client6@example.com", "Aroha Ngata", "therapist2@example.com", "NZ", "Pacific/Auckland", "varied"),
]
THERAPISTS = [("therapist@example.com", "Dr Priya Shah"), ("therapist2@example.com", "Tomás Rivera")]
ADMIN = ("admin@example.com", "Morgan Admin")
TRAJECTORIES = ["improving", "plateau", "deteriorating", "varied"]


@lru_cache(maxsize=1)
def _password_hash() -> str:
    # One deliberate hash for every demo account: hashing is slow by design, and the demo shares
    # one documented password anyway (development only).
    return make_password(PASSWORD)


def _user(email: str, name: str, role: str, clinic: Clinic, country: str = "GB", tz: str = "Europe/London") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=None,
            name=name,
            role=role,
            clinic=clinic,
            country=country,
            time_zone=tz,
            adult_confirmed_at=timezone.now() - timedelta(weeks=WEEKS + 1),
        )
    User.objects.filter(pk=user.pk).update(is_demo=True, password=_password_hash())
    user.is_demo = True
    return user


def build_clinic() -> tuple[Clinic, dict[str, User]]:
    """Create (or find) the demo clinic, admin and therapists; return the clinic and staff by email."""
    clinic = Clinic.objects.filter(name="Demo Clinic").first() or Clinic.objects.create(name="Demo Clinic")
    staff = {ADMIN[0]: _user(ADMIN[0], ADMIN[1], Role.CLINIC_ADMIN, clinic)}
    for email, name in THERAPISTS:
        staff[email] = _user(email, name, Role.THERAPIST, clinic)
    for user in staff.values():
        enrol_demo_totp(user)
    return clinic, staff


def build_client(spec: DemoClient, therapist: User, clinic: Clinic, rng: random.Random) -> User:
    """Create a consenting client with weekly sessions over the past weeks and the next one booked."""
    client = _user(spec.email, spec.name, Role.CLIENT, clinic, spec.country, spec.time_zone)
    if CareRelationship.objects.filter(client=client).exists():
        return client
    started = timezone.now() - timedelta(weeks=WEEKS, days=2)
    rel = CareRelationship.objects.create(therapist=therapist, client=client, started_at=started)
    consent = services.give_consent(client=client, relationship=rel)
    consent.given_at = started
    consent.save(update_fields=["given_at"])
    tz = client.tzinfo
    hour = rng.choice([9, 10, 11, 14, 15, 16, 17])
    today = timezone.now().astimezone(tz).date()
    weekday_offset = rng.randrange(0, 5)
    sessions = []
    for week in range(WEEKS, -2, -1):  # past weekly sessions and the next two
        day = today - timedelta(weeks=week) + timedelta(days=weekday_offset - today.weekday() + 7 * (week <= 0))
        starts = datetime.combine(day, time(hour, 0), tzinfo=tz)
        past = starts < timezone.now()
        status = Appointment.Status.SCHEDULED
        if past:
            status = Appointment.Status.MISSED if rng.random() < 0.08 else Appointment.Status.COMPLETED
        sessions.append(
            Appointment(therapist=therapist, client=client, starts_at=starts, duration_minutes=50, status=status)
        )
    Appointment.objects.bulk_create(sessions)
    return client


def remove_demo() -> int:
    """Delete every demo account and what hangs on it; return how many accounts went."""
    from selfkind.safety.models import Alert

    demo = User.objects.filter(is_demo=True)
    ids = list(demo.values_list("pk", flat=True))
    # Alerts are kept for good in real use; demo accounts are fiction, so theirs go with them.
    Alert.objects.filter(client_id__in=ids).delete()
    Appointment.objects.filter(therapist_id__in=ids).delete()
    CareRelationship.objects.filter(therapist_id__in=ids).delete()
    from selfkind.accounts.models import BreakGlassGrant

    BreakGlassGrant.objects.filter(admin_id__in=ids).delete()
    count = len(ids)
    User.objects.filter(pk__in=ids, role=Role.CLIENT).delete()
    User.objects.filter(pk__in=ids).delete()
    Clinic.objects.filter(name="Demo Clinic", members__isnull=True).delete()
    return count
