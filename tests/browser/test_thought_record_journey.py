"""A thought record on a phone: interrupted by a session expiry, resumed with nothing lost, seen in trends."""

import time

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in, therapist_and_client


@pytest.mark.django_db(transaction=True)
def test_thought_record_survives_a_session_expiry(live_server, browser, monkeypatch, console_errors):

    therapist, client = therapist_and_client()
    base = live_server.url

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    c = phone.new_page()
    c.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(c, base, "cara@test.example", PASSWORD)
    c.get_by_role("link", name="Thoughts").click()
    c.get_by_role("button", name="Start a thought record").click()
    expect(c.get_by_test_id("progress")).to_have_text("Step 1 of 9")
    c.get_by_label("Where were you").fill("Team meeting, I lost my place in the slides")
    c.get_by_role("button", name="Next").click()
    c.get_by_label("Write it in the critic's own words").fill("You're hopeless, everyone saw you fall apart")
    c.get_by_role("button", name="Next").click()
    expect(c.get_by_test_id("pinned-thought")).to_contain_text("You're hopeless")
    c.get_by_label("Feeling 1").fill("embarrassed")
    c.get_by_label("How strong (0–100)").first.fill("85")

    # The phone is put down for two hours: the session expires before "Next" is pressed.
    later = time.time() + 2 * 60 * 60
    monkeypatch.setattr("selfkind.accounts.idle._now", lambda: later)
    c.get_by_role("button", name="Next").click()
    expect(c.get_by_text("What you typed is kept")).to_be_visible()
    c.get_by_label("Email").fill("cara@test.example")
    c.get_by_label("Password").fill(PASSWORD)
    c.get_by_role("button", name="Sign in").click()
    expect(c.get_by_label("Feeling 1")).to_have_value("embarrassed")  # nothing lost
    expect(c.get_by_label("How strong (0–100)").first).to_have_value("85")
    c.get_by_role("button", name="Next").click()

    c.get_by_label("From 0 (not at all) to 100 (completely)").fill("90")
    c.get_by_role("button", name="Next").click()
    c.get_by_label("Labelling").check()
    c.get_by_label("Mind reading").check()
    c.get_by_role("button", name="Next").click()
    c.get_by_label("What makes the thought feel true?").fill("I did lose my place")
    c.get_by_label("What doesn't fit with it?").fill("Two people said the talk was useful")
    c.get_by_role("button", name="Next").click()
    c.get_by_label("Imagine a good friend").fill("Everyone loses their place sometimes")
    c.get_by_role("button", name="Next").click()
    c.get_by_label("Kindness").fill("You were nervous and you kept going")
    c.get_by_label("Common humanity").fill("Most people dread presenting")
    c.get_by_label("Mindfulness").fill("This is embarrassment, and it is fading")
    c.get_by_role("button", name="Next").click()
    c.get_by_label("embarrassed (was 85)").fill("40")
    c.get_by_label("How much do you believe the thought now").fill("35")
    c.get_by_role("button", name="Almost done").click()
    c.get_by_role("button", name="Finish").click()
    expect(c.get_by_text("Well done for staying with a hard thought")).to_be_visible()
    c.goto(base + "/thoughts/trends/")
    expect(c.get_by_test_id("belief-drop")).to_contain_text("55")
    expect(c.get_by_test_id("top-traps")).to_contain_text("Labelling")

    desk = browser.new_context()
    t = desk.new_page()
    sign_in(t, base, "thea@test.example", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    t.get_by_role("table").get_by_role("link", name="Cara Client").click()
    t.get_by_role("link", name="Thought records").click()
    expect(t.get_by_test_id("shared-record")).to_contain_text("You're hopeless")
    expect(t.get_by_test_id("belief-drop")).to_contain_text("55")
    assert console_errors == []
