"""client3 answers PHQ-9 item 9 = 1, leaves mid-way, the therapist sees the alert; later both see the chart."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in

ANSWERS = ["More than half the days"] * 4 + ["Several days"] * 4  # items 1–8


@pytest.mark.django_db(transaction=True)
def test_item_9_alert_then_finish_and_chart(live_server, browser, console_errors):
    call_command("demo")
    from selfkind.safety.models import Alert

    Alert.objects.all().delete()  # start from a clean alert list
    base = live_server.url

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    c = phone.new_page()
    c.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(c, base, "client3@example.com", "selfkind-demo")
    c.get_by_role("link", name="Check-ins").click()
    c.get_by_role("button", name="Difficulties with mood").click()
    expect(c.get_by_test_id("progress")).to_have_text("Question 1 of 9")
    c.get_by_label("Several days").check()
    c.get_by_role("button", name="Next").click()
    # Jump to question 9 (as a client might, going back and forth) and answer 1.
    c.goto(c.url.rsplit("/question/", 1)[0] + "/question/9/")
    expect(c.get_by_text("Thoughts that you would be better off dead")).to_be_visible()
    c.get_by_label("Several days").check()
    c.get_by_role("button", name="Review").click()
    expect(c.get_by_test_id("crisis-screen")).to_be_visible()  # at once, before finishing
    expect(c.get_by_role("link", name="000")).to_be_visible()  # Australia
    expect(c.get_by_text("Lifeline")).to_be_visible()
    phone.close()  # closes the browser before finishing

    desk = browser.new_context()
    t = desk.new_page()
    sign_in(t, base, "therapist@example.com", "selfkind-demo", totp_secret=DEMO_TOTP_SECRET)
    alerts = t.get_by_test_id("open-alerts")
    expect(alerts).to_contain_text("Sam Taylor")
    alerts.get_by_role("link", name="Sam Taylor").first.click()
    expect(t.get_by_test_id("rule-ids")).to_contain_text("phq9_item9_answered_1")

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    c = phone.new_page()
    sign_in(c, base, "client3@example.com", "selfkind-demo")
    c.get_by_role("link", name="Check-ins").click()
    c.get_by_role("button", name="Carry on").first.click() if c.get_by_role("button", name="Carry on").count() else (
        c.get_by_role("button", name="Difficulties with mood").click()
    )
    expect(c.get_by_test_id("progress")).to_have_text("Question 2 of 9")  # picks up where it stopped
    for label in ANSWERS[1:]:
        c.get_by_role("radio", name=label).check()
        c.get_by_role("button", name="Next").click()
    expect(c.get_by_text("Thoughts that you would be better off dead")).to_be_visible()
    expect(c.get_by_role("radio", name="Several days")).to_be_checked()  # kept from before
    c.get_by_role("button", name="Review").click()
    expect(c.get_by_test_id("crisis-screen")).to_be_visible()  # answered again: support again
    c.get_by_role("link", name="Continue where you were").click()
    expect(c.get_by_role("heading", name="Check your answers")).to_be_visible()
    c.get_by_role("button", name="Submit").click()
    expect(c.get_by_test_id("result")).to_contain_text("difficulties with mood")
    c.get_by_role("link", name="See your progress").click()
    chart = c.get_by_test_id("chart-phq9")
    expect(chart.locator("svg")).to_be_visible()
    expect(chart.locator("circle")).to_have_count(13)  # twelve demo weeks and today

    t.goto(base + "/")
    t.get_by_role("table").get_by_role("link", name="Sam Taylor").click()
    t.get_by_role("link", name="Measures and schedules").click()
    expect(t.get_by_test_id("chart-phq9").locator("circle")).to_have_count(13)
    expect(t.get_by_test_id("outcomes")).to_contain_text("NHS Talking Therapies")
    assert console_errors == []
