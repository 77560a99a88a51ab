"""Practices play end to end in a real browser: pacer, PMR, self-compassion break, pause/resume, reduced motion."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from tests.browser.helpers import sign_in, therapist_and_client


@pytest.fixture
def client_page(live_server, browser, console_errors):

    therapist, client = therapist_and_client()

    def open_page(**context):
        page = browser.new_context(viewport={"width": 390, "height": 844}, **context).new_page()
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        sign_in(page, live_server.url, "cara@test.example", PASSWORD)
        return page

    return open_page


def _rate(page, name, value):
    page.locator(f"#{name}-{value}").check()


@pytest.mark.django_db(transaction=True)
def test_breathing_pacer_with_pause_resume_and_log(client_page, console_errors):
    page = client_page()
    page.get_by_role("link", name="Practices").click()
    page.get_by_role("link", name="Paced breathing").click()
    page.get_by_label("4-4-4-4", exact=False).first.check() if page.get_by_label(
        "4-4-4-4", exact=False
    ).count() else None
    _rate(page, "distress", 7)
    _rate(page, "kindness", 3)
    page.get_by_role("button", name="Begin").click()
    pacer = page.locator("[data-player='pacer']")
    expect(page.locator("[data-player='pacer-wrap']")).to_be_visible()
    expect(page.locator("[data-player='pacer-text']")).to_have_text("Breathe in")
    page.wait_for_function("document.querySelector(\"[data-player='pacer']\").style.transform.includes('scale(1')")
    expect(page.locator("[data-player='position']")).to_contain_text("Step 1 of")
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    remaining = page.locator("[data-player='remaining']").inner_text()
    page.wait_for_timeout(2200)
    assert page.locator("[data-player='remaining']").inner_text() == remaining  # paused: time stands still
    page.get_by_role("button", name="Resume").click()
    page.wait_for_timeout(2200)
    assert page.locator("[data-player='remaining']").inner_text() != remaining
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("[data-player='position']")).to_contain_text("Step 2 of")
    assert pacer.count() == 1
    _rate(page, "distress", 4)
    _rate(page, "kindness", 6)
    page.get_by_label("Anything you'd like to note?").fill("Calmer now")
    page.get_by_role("button", name="I've finished").click()
    log = page.get_by_test_id("practice-log")
    expect(log).to_contain_text("Paced breathing")
    expect(log).to_contain_text("7 → 4")
    expect(log).to_contain_text("3 → 6")
    expect(log).to_contain_text("Calmer now")
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_reduced_motion_keeps_the_pacer_still_and_counts_in_words(live_server, client_page, console_errors):
    page = client_page(reduced_motion="reduce")
    page.goto(live_server.url + "/practices/paced-breathing/")
    page.get_by_role("button", name="Begin").click()
    text = page.locator("[data-player='pacer-text']")
    expect(text).to_contain_text("Breathe in — ")
    duration = page.locator("[data-player='pacer']").evaluate("el => getComputedStyle(el).transitionDuration")
    assert duration in ("0s", "0s, 0s")
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_progressive_muscle_relaxation_names_each_group(live_server, client_page, console_errors):
    page = client_page()
    page.goto(live_server.url + "/practices/progressive-muscle-relaxation/")
    choices = page.locator("input[name='variant']")
    assert choices.count() == 3
    page.get_by_role("button", name="Begin").click()
    expect(page.locator("[data-player='position']")).to_contain_text(" of ")  # the player has started
    muscle = page.locator("[data-player='muscle']")
    for _ in range(4):  # past the opening and the safety note
        if muscle.inner_text().startswith("Tense"):
            break
        page.get_by_role("button", name="Next step").click()
    expect(muscle).to_contain_text("Tense: ")
    page.get_by_role("button", name="Next step").click()
    expect(muscle).to_contain_text("Release: ")
    page.get_by_role("button", name="I've finished").click()
    expect(page.get_by_test_id("practice-log")).to_contain_text("muscle relaxation")
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_self_compassion_break_plays_to_the_end_and_is_accessible(client_page, console_errors):
    page = client_page()
    page.get_by_role("link", name="Practices").click()
    axe = Axe()
    serious = [v["id"] for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.get_by_role("link", name="Self-compassion break").click()
    page.get_by_role("button", name="Begin").click()
    position = page.locator("[data-player='position']")
    expect(position).to_contain_text(" of ")  # the player writes it once its script has run
    total = int(position.inner_text().split(" of ")[1])
    for _ in range(total):
        page.get_by_role("button", name="Next step").click()
    expect(page.locator("[data-player='text']")).to_contain_text("That was the last step")
    serious = [v["id"] for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    _rate(page, "distress", 2)
    page.get_by_role("button", name="I've finished").click()
    expect(page.get_by_test_id("practice-log")).to_contain_text("Self-compassion break")
    assert console_errors == []


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_player_is_a_step_list(live_server, browser):
    from selfkind.accounts.models import Clinic

    clinic = Clinic.objects.create(name="Calm Clinic")
    make_user("nojs@test.example", "client", clinic, "No Script")
    page = browser.new_context(java_script_enabled=False).new_page()
    sign_in(page, live_server.url, "nojs@test.example", PASSWORD)
    page.goto(live_server.url + "/practices/body-scan/")
    page.get_by_role("button", name="Begin").click()
    expect(page.locator("#player")).to_be_hidden()
    steps = page.locator("ol.steps > li")
    assert steps.count() >= 3
    expect(steps.first).to_contain_text("seconds")
    page.get_by_role("button", name="I've finished").click()
    expect(page.get_by_test_id("practice-log")).to_contain_text("Body scan")
