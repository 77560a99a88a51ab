from __future__ import annotations

from selfkind.lib.totp import current_totp

DEMO_TOTP_SECRET = "SELFKINDDEMOTOTP"  # noqa: S105 (contracts.md)


def sign_in(page, base_url: str, email: str, password: str, *, totp_secret: str | None = None) -> None:
    """Sign in through the real form, answering the second-factor form when it is asked for."""
    page.goto(base_url + "/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if totp_secret is not None:
        page.get_by_label("Code").fill(current_totp(totp_secret))
        page.get_by_role("button", name="Continue").click()


def therapist_and_client():
    """Create a clinic with Thea (a therapist with the demo TOTP secret) and Cara, her consenting client."""
    from conftest import connect, make_user
    from selfkind.accounts.models import Clinic
    from selfkind.accounts.twofactor import enrol_demo_totp

    clinic = Clinic.objects.create(name="Calm Clinic")
    therapist = make_user("thea@test.example", "therapist", clinic, "Thea Therapist")
    client = make_user("cara@test.example", "client", clinic, "Cara Client", country="GB", time_zone="Europe/London")
    connect(therapist, client)
    enrol_demo_totp(therapist)
    return therapist, client
