"""Every shipped practice plays end to end in a real browser and lands in the log."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from selfkind.practices.content import library
from tests.browser.helpers import sign_in, therapist_and_client


@pytest.mark.django_db(transaction=True)
def test_every_practice_plays_to_the_end(live_server, browser, console_errors):
    therapist_and_client()
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server.url, "cara@test.example", PASSWORD)
    for slug, practice in library().items():
        page.goto(f"{live_server.url}/practices/{slug}/")
        page.get_by_role("button", name="Begin").click()
        position = page.locator("[data-player='position']")
        expect(position).to_contain_text(re.compile(r" of \d+"))  # the player fills it in after the click
        total = int(position.inner_text().split(" of ")[1])
        assert total == len(practice.variants[0].steps), slug
        for _ in range(total):
            page.get_by_role("button", name="Next step").click()
        expect(page.locator("[data-player='text']")).to_contain_text("That was the last step")
        page.get_by_role("button", name="I've finished").click()
        expect(page.get_by_test_id("practice-log")).to_contain_text(practice.title)
    assert console_errors == []
