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
