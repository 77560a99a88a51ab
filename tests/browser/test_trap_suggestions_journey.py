"""The thought record's trap step shows suggestions with their why; the client's choice is kept apart."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.helpers import sign_in, therapist_and_client


@pytest.mark.django_db(transaction=True)
def test_suggestions_with_why_and_the_confirmation_stored(live_server, browser, console_errors):
    from selfkind.journal.models import ThoughtRecord

    therapist_and_client()
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server.url, "cara@test.example", PASSWORD)
    page.get_by_role("link", name="Thoughts").click()
    page.get_by_role("button", name="Start a thought record").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Write it in the critic's own words").fill(
        "I always mess everything up, I'm such an idiot and everyone at work thinks I'm useless"
    )
    page.get_by_role("button", name="Next").click()
    record = ThoughtRecord.objects.get()
    suggested = [s["trap"] for s in record.traps_suggested]
    assert suggested, "the detector suggested nothing for a clearly self-critical thought"
    page.goto(f"{live_server.url}/thoughts/{record.pk}/traps/")
    expect(page.get_by_test_id("trap-suggestions")).to_be_visible()
    first = suggested[0]
    expect(page.get_by_test_id(f"why-{first}")).to_contain_text("Suggested because of:")
    expect(page.locator(f"#trap-{first}")).to_be_checked()
    # The client removes the first suggestion and adds one it did not make.
    page.locator(f"#trap-{first}").uncheck()
    extra = "comparing" if "comparing" not in suggested else "blaming"
    page.locator(f"#trap-{extra}").check()
    page.get_by_role("button", name="Next").click()
    record.refresh_from_db()
    assert first not in record.traps_confirmed and extra in record.traps_confirmed
    assert [s["trap"] for s in record.traps_suggested] == suggested  # suggestions kept as they were
    assert console_errors == []
