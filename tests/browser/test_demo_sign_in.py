"""The demo therapist signs in with password and TOTP, and sees their three demo clients."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in


@pytest.mark.django_db(transaction=True)
def test_demo_therapist_signs_in_with_totp(live_server, page, console_errors):
    call_command("demo")
    sign_in(page, live_server.url, "therapist@example.com", "selfkind-demo")
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    page.get_by_label("Code").fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code didn't work.")
    page.wait_for_timeout(1500)  # django-otp asks for a short pause after a wrong code
    from selfkind.lib.totp import current_totp

    page.get_by_label("Code").fill(current_totp(DEMO_TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your caseload")).to_be_visible()
    caseload = page.get_by_role("table")
    for name in ("Alex Morgan", "Jordan Lee", "Sam Taylor"):
        expect(caseload.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("link", name="Riley Chen")).to_have_count(0)  # therapist2's client
    expect(page.get_by_test_id("open-alerts")).to_contain_text("Sam Taylor")  # the demo's week-7 alerts
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    assert console_errors == []
