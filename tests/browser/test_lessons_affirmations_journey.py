"""Read a lesson and reflect → turn a kind answer into an affirmation → see it on today → what helps me."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

AXE = Axe()


def serious(page):
    return [
        f"{v['id']}: {v['nodes'][0]['target']}"
        for v in AXE.run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_lesson_affirmation_today_and_what_helps(live_server, browser, console_errors):
    call_command("demo")
    from selfkind.journal.models import Affirmation

    Affirmation.objects.filter(client__email="client@example.com").delete()  # start with none
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server.url, "client@example.com", "selfkind-demo")

    page.get_by_role("link", name="Lessons").click()
    assert serious(page) == []
    page.get_by_role("link", name="You are not alone in this").click()
    expect(page.get_by_role("heading", name="To reflect on")).to_be_visible()
    page.get_by_label("Your reflection").fill("When I'm struggling I assume everyone else is coping fine.")
    page.get_by_role("button", name="Save my reflection").click()
    expect(page.get_by_text("Your reflection is saved")).to_be_visible()
    expect(page.get_by_label("Your reflection")).to_have_value(
        "When I'm struggling I assume everyone else is coping fine."
    )
    assert serious(page) == []

    page.get_by_role("link", name="Thoughts").click()
    page.get_by_test_id("record").first.get_by_role("link", name="Open").click()
    page.get_by_role("button", name="Make my kind answer an affirmation").click()
    expect(page.get_by_text("Your kind answer is now an affirmation")).to_be_visible()
    expect(page.get_by_test_id("affirmation")).to_have_count(1)
    assert serious(page) == []

    page.get_by_role("link", name="Today").click()
    today = page.get_by_test_id("affirmation-of-the-day")
    expect(today).to_contain_text("I'm doing my best with a lot on my plate.")
    page.get_by_role("button", name="This one helps").click()
    expect(page.get_by_text("Glad it helps.")).to_be_visible()

    page.get_by_role("link", name="What helps me").click()
    expect(page.get_by_test_id("helps-chart").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("helps-table")).to_contain_text("Paced breathing")
    assert serious(page) == []
    assert console_errors == []
