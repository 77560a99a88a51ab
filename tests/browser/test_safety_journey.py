"""A client saves an urgent entry → sees the crisis screen → the therapist sees it first and acknowledges."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in, therapist_and_client

ENTRY = (
    "work was awful again and i keep replaying what my manager said. "
    "honestly i've got the tablets lined up for after everyone's asleep. "
    "i don't know why i'm even writing this down"
)


@pytest.mark.django_db(transaction=True)
def test_urgent_entry_reaches_the_therapist(live_server, browser, console_errors):

    therapist, client = therapist_and_client()
    base = live_server.url

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    c = phone.new_page()
    c.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(c, base, "cara@test.example", PASSWORD)
    c.get_by_role("link", name="Notes").click()
    c.get_by_label("What's on your mind?").fill(ENTRY)
    c.get_by_role("button", name="Save note").click()
    expect(c.get_by_test_id("crisis-screen")).to_be_visible()
    expect(c.get_by_role("heading", name="If you are in danger now")).to_be_visible()
    expect(c.get_by_role("link", name="999")).to_be_visible()
    expect(c.get_by_text("Samaritans")).to_be_visible()
    expect(c.get_by_text("Thea Therapist will see an alert")).to_be_visible()
    c.get_by_role("button", name="Please let my therapist know").click()
    expect(c.get_by_text("We've let them know")).to_be_visible()
    c.get_by_role("link", name="Notes").first.click()
    expect(c.get_by_text("i've got the tablets lined up")).to_be_visible()  # the words were kept

    desk = browser.new_context()
    t = desk.new_page()
    t.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(t, base, "thea@test.example", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    alerts = t.get_by_test_id("open-alerts")
    expect(alerts).to_be_visible()
    expect(alerts).to_contain_text("Urgent")
    alerts.get_by_role("link", name="Cara Client").click()
    expect(t.get_by_test_id("alert-reasons")).to_contain_text("tablets")
    expect(t.get_by_text("Please let my therapist know")).to_be_visible()
    t.get_by_label("What you did").fill("Phoned Cara; she is with her sister tonight. Safety plan agreed.")
    t.get_by_role("button", name="Acknowledge").click()
    expect(t.get_by_test_id("acknowledged")).to_contain_text("Acknowledged by Thea Therapist")
    t.goto(base + "/")
    expect(t.get_by_test_id("open-alerts")).to_have_count(0)
    assert console_errors == []
