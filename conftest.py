"""Shared fixtures: the personas of the house style, sign-in helpers, and the browser set-up."""

from __future__ import annotations

import os

os.environ.setdefault("SELFKIND_TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs inside an event loop

import subprocess  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import pytest  # noqa: E402

PASSWORD = "a-long-test-password"


def run_selfkind(
    *args: str, cwd: object, env: dict[str, str] | None = None, input: str | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m selfkind ARGS` as a new process, without the test run's own settings, plus `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "DEBUG", "DJANGO_"))}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "selfkind", *args],
        input=input,
        env=clean,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@dataclass
class Personas:
    clinic: object
    other_clinic: object
    client: object
    other_client: object
    therapist: object
    other_therapist: object
    other_clinic_therapist: object
    clinic_admin: object
    other_clinic_admin: object


def make_user(email: str, role: str, clinic: object | None, name: str | None = None, **extra: object):
    from selfkind.accounts.models import User

    return User.objects.create_user(
        email=email, password=PASSWORD, name=name or email.split("@")[0].title(), role=role, clinic=clinic, **extra
    )


def connect(therapist, client):
    """Make `therapist` the consenting therapist of `client`."""
    from selfkind.accounts import services
    from selfkind.accounts.models import CareRelationship

    rel = CareRelationship.objects.create(therapist=therapist, client=client)
    services.give_consent(client=client, relationship=rel)
    return rel


@pytest.fixture
def personas(db) -> Personas:
    from selfkind.accounts.models import Clinic

    clinic = Clinic.objects.create(name="Calm Clinic")
    other_clinic = Clinic.objects.create(name="Other Clinic")
    p = Personas(
        clinic=clinic,
        other_clinic=other_clinic,
        client=make_user("client@test.example", "client", clinic, "Cara Client", country="GB"),
        other_client=make_user("other-client@test.example", "client", clinic, "Otto Other", country="US"),
        therapist=make_user("therapist@test.example", "therapist", clinic, "Thea Therapist"),
        other_therapist=make_user("other-therapist@test.example", "therapist", clinic, "Theo Other"),
        other_clinic_therapist=make_user("far-therapist@test.example", "therapist", other_clinic, "Fay Far"),
        clinic_admin=make_user("admin@test.example", "admin", clinic, "Ada Admin"),
        other_clinic_admin=make_user("far-admin@test.example", "admin", other_clinic, "Finn Far"),
    )
    connect(p.therapist, p.client)
    connect(p.other_therapist, p.other_client)
    return p


def sign_in(django_client, user) -> None:
    """Sign the test client in as `user`; staff also pass their second factor, as they must."""
    user.refresh_from_db()  # "sign out everywhere" may have moved the session epoch on
    django_client.force_login(user)
    if user.role in ("therapist", "admin"):
        from selfkind.accounts.twofactor import ensure_verified_session

        session = django_client.session
        ensure_verified_session(user, session)
        session.save()


@pytest.fixture(autouse=True)
def _no_kept_pages():
    """Each test starts with no kept page copies (selfkind/care/today_cache.py keeps them per process)."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield


@pytest.fixture
def as_user(client):
    """Return a function that signs Django's test client in as a user and returns the client."""

    def _as(user):
        client.logout()
        if user is not None:
            sign_in(client, user)
        return client

    return _as
