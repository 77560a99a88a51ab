"""The client sets reminder times and quiet hours, sees what is coming and a calendar address, revokes it;
the therapist sends a note of encouragement; the client reads it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in, therapist_and_client
from tests.browser.test_accessibility import serious


@pytest.mark.django_db(transaction=True)
def test_reminders_feed_and_a_nudge(live_server, browser, console_errors):
    from selfkind.care.models import Homework

    therapist, client = therapist_and_client()
    Homework.objects.create(
        therapist=therapist,
        client=client,
        kind="practice",
        target="paced-breathing",
        frequency="daily",
        starts_on=timezone.localdate() - timedelta(days=1),
    )
    base = live_server.url

    c = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    c.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(c, base, "cara@test.example", PASSWORD)
    c.get_by_role("link", name="Reminders").click()
    expect(c.get_by_role("heading", name="Reminders", level=1)).to_be_visible()
    c.locator("#id_practice-times").fill("07:30, 20:00")
    c.get_by_label("Quiet from").fill("22:00")
    c.get_by_label("Quiet until").fill("07:00")
    c.get_by_role("button", name="Save reminders").click()
    expect(c.get_by_text("Saved. Your reminders follow these times")).to_be_visible()
    expect(c.locator("#id_practice-times")).to_have_value("07:30, 20:00")
    expect(c.get_by_test_id("upcoming")).to_contain_text("Practice")
    expect(c.get_by_test_id("upcoming")).to_contain_text("07:30")

    c.get_by_role("button", name="Make a calendar address").click()
    feed = c.get_by_test_id("feed-url")
    address = feed.input_value()
    assert address.startswith(f"{base}/calendar/") and address.endswith(".ics")
    assert c.request.get(address).status == 200
    c.get_by_role("button", name="Turn off the calendar address").click()
    expect(c.get_by_text("Calendar address turned off.")).to_be_visible()
    expect(c.get_by_role("button", name="Make a calendar address")).to_be_visible()
    assert c.request.get(address).status == 404

    t = browser.new_context().new_page()
    t.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(t, base, "thea@test.example", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    t.get_by_role("table").get_by_role("link", name="Cara Client").click()
    t.get_by_label("A short note of encouragement").fill("You showed up for yourself this week. That counts.")
    t.get_by_role("button", name="Send note").click()
    expect(t.get_by_text("Note sent.")).to_be_visible()

    c.goto(base + "/")
    c.get_by_role("link", name="There's a note from your therapist waiting for you.").click()
    expect(c.get_by_test_id("nudge")).to_contain_text("You showed up for yourself this week. That counts.")
    found = {"client notes": serious(c)}
    c.goto(base + "/reminders/")
    found["client reminders"] = serious(c)
    t.goto(base + "/calendar/")
    found["therapist calendar"] = serious(t)
    assert {k: v for k, v in found.items() if v} == {}
    assert console_errors == []
