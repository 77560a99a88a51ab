"""Assign a daily breathing practice → the client does it → adherence and the change; session prep with a flag."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in, therapist_and_client


@pytest.mark.django_db(transaction=True)
def test_homework_adherence_and_session_prep(live_server, browser, console_errors):
    from selfkind.journal.models import ThoughtRecord

    therapist, client = therapist_and_client()
    base = live_server.url

    t = browser.new_context().new_page()
    t.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(t, base, "thea@test.example", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    t.get_by_role("table").get_by_role("link", name="Cara Client").click()
    t.get_by_role("link", name="Homework").click()
    t.get_by_label("What").select_option("practice")
    t.get_by_label("Which one").select_option("practice:paced-breathing")
    t.get_by_label("How often").select_option("daily")
    t.get_by_label("A personal note").fill("Two minutes before bed")
    t.get_by_role("button", name="Set homework").click()
    expect(t.get_by_text("Homework set.")).to_be_visible()

    c = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    c.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(c, base, "cara@test.example", PASSWORD)
    homework = c.get_by_test_id("today-homework")
    expect(homework).to_contain_text("Two minutes before bed")
    homework.get_by_role("link", name="Paced breathing").click()
    c.locator("#distress-7").check()
    c.locator("#kindness-3").check()
    c.get_by_role("button", name="Begin").click()
    c.get_by_role("button", name="Pause").click()
    c.locator("#finish #distress-4").check()
    c.locator("#finish #kindness-6").check()
    c.get_by_role("button", name="I've finished").click()
    expect(c.get_by_test_id("practice-log")).to_contain_text("7 → 4")

    t.reload()
    expect(t.get_by_test_id("homework-table")).to_contain_text("1 / 1 (100%)")
    expect(t.get_by_test_id("overall-adherence")).to_contain_text("100%")
    t.get_by_role("link", name="Cara Client").click()
    t.get_by_role("link", name="Practice log").click()
    expect(t.get_by_test_id("practice-log")).to_contain_text("7 → 4")
    expect(t.get_by_test_id("practice-log")).to_contain_text("3 → 6")

    ThoughtRecord.objects.create(client=client, thought="I'm letting everyone down at work", flagged_for_session=True)
    t.go_back()
    t.get_by_role("link", name="Session prep").click()
    expect(t.get_by_test_id("flagged")).to_contain_text("I'm letting everyone down at work")
    assert console_errors == []
