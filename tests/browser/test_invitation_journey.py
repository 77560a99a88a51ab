"""Therapist invites → client signs up and consents → therapist sees them → client revokes."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from selfkind.accounts.twofactor import enrol_demo_totp
from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in


@pytest.mark.django_db(transaction=True)
def test_invite_consent_see_revoke(live_server, browser, console_errors):
    from selfkind.accounts.models import Clinic

    clinic = Clinic.objects.create(name="Calm Clinic")
    therapist = make_user("thea@test.example", "therapist", clinic, "Thea Therapist")
    enrol_demo_totp(therapist)
    base = live_server.url

    staff = browser.new_context()
    t = staff.new_page()
    t.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(t, base, "thea@test.example", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    expect(t.get_by_role("heading", name="Your caseload")).to_be_visible()
    t.get_by_role("link", name="Invite a client").first.click()
    t.get_by_label("Client's name").fill("Nina New")
    t.get_by_label("Client's email").fill("nina@test.example")
    t.get_by_role("button", name="Send invitation").click()
    link = t.get_by_test_id("invitation-link").inner_text().strip()
    link = re.sub(r"^https?://[^/]+", base, link)

    person = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    c = person.new_page()
    c.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    c.goto(link)
    expect(c.get_by_role("heading", name="Create your account")).to_be_visible()
    c.get_by_label("Choose a password").fill("slow kind morning tide")
    c.get_by_label("Country you live in").select_option("GB")
    c.get_by_label("Your time zone").select_option("Europe/London")
    c.get_by_label("I am 18 or older").check()
    c.get_by_role("button", name="Create my account").click()
    expect(c.get_by_role("heading", name="Share with Thea Therapist?")).to_be_visible()

    # Before consent, the therapist sees only that the client is deciding.
    t.goto(base + "/")
    expect(t.get_by_text("Nina New has an account and hasn't decided about sharing yet.")).to_be_visible()
    expect(t.get_by_role("link", name="Nina New")).to_have_count(0)

    c.get_by_label("I agree to share with Thea Therapist as described above.").check()
    c.get_by_role("button", name="Save my choice").click()
    expect(c.get_by_text("Thank you. Thea Therapist can now see what you share.")).to_be_visible()

    t.goto(base + "/")
    t.get_by_role("link", name="Nina New").click()
    expect(t.get_by_test_id("client-content")).to_be_visible()
    client_url = t.url

    c.get_by_role("link", name="Sharing").first.click()
    c.get_by_label(re.compile("I want to stop sharing with Thea Therapist")).check()
    c.get_by_role("button", name="Stop sharing").click()
    expect(c.get_by_text("You have stopped sharing with Thea Therapist.")).to_be_visible()
    expect(c.get_by_text("Thea Therapist", exact=False).first).to_be_visible()

    t.goto(client_url)
    expect(t.get_by_test_id("consent-withdrawn")).to_be_visible()
    expect(t.get_by_test_id("client-content")).to_have_count(0)
    assert console_errors == []
