"""A client downloads everything, asks to delete, changes their mind; a second request completes later."""

import io
import json
import pathlib
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in, therapist_and_client


@pytest.mark.django_db(transaction=True)
def test_export_delete_cancel_then_delete_for_good(live_server, page, browser, console_errors):
    from selfkind.care.services import write_note
    from selfkind.journal.services import save_note
    from selfkind.rights import deletion

    therapist, client = therapist_and_client()
    save_note(client=client, text="walked by the sea and breathed slowly", private=False)
    write_note(
        therapist=therapist, client=client, session_date=timezone.localdate(), sections={"data": "reviewed breathing"}
    )
    base = live_server.url

    sign_in(page, base, "cara@test.example", PASSWORD)
    page.get_by_role("link", name="Sharing").first.click()
    page.get_by_role("link", name="Download all your data, or delete your account").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()

    # 1. Everything, in one archive, read back.
    with page.expect_download() as download_info:
        page.get_by_test_id("export-link").click()
    archive = zipfile.ZipFile(io.BytesIO(pathlib.Path(download_info.value.path()).read_bytes()))
    data = json.loads(archive.read("selfkind-data.json"))
    assert [n["text"] for n in data["records"]["journal.Note"]] == ["walked by the sea and breathed slowly"]
    assert json.loads(archive.read("fhir-bundle.json"))["resourceType"] == "Bundle"
    assert "reviewed breathing" not in archive.read("selfkind-data.json").decode()

    # 2. Ask to delete: a wrong password first keeps the tick and says so kindly.
    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Your password, to confirm it's you").fill("not my password")
    page.get_by_label("I understand that after the waiting period").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(
        page.get_by_text("That password doesn't match. Please try again; nothing has changed.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("I understand that after the waiting period")).to_be_checked()
    page.get_by_label("Your password, to confirm it's you").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_test_id("deletion-waiting")).to_be_visible()
    expect(page.get_by_test_id("deletion-banner")).to_be_visible()

    # The therapist sees it on the caseload.
    staff = browser.new_context()
    t = staff.new_page()
    sign_in(t, base, "thea@test.example", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    expect(t.get_by_test_id("deleting")).to_be_visible()

    # 3. Change of mind.
    page.get_by_role("button", name="Keep my account").click()
    expect(page.get_by_text("You've cancelled the deletion.")).to_be_visible()
    expect(page.get_by_test_id("deletion-banner")).to_have_count(0)

    # 4. A second request, and the grace period passes (the worker's job runs with time moved on).
    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Your password, to confirm it's you").fill(PASSWORD)
    page.get_by_label("I understand that after the waiting period").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_test_id("deletion-waiting")).to_be_visible()
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=5), tick=True):
        assert deletion.complete_due_deletions() == 1

    # The account is gone: the old session ends and signing in no longer works.
    page.goto(base + "/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    sign_in(page, base, "cara@test.example", PASSWORD)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()

    # The therapist keeps their session note, as the retention settings say.
    t.goto(base + f"/clients/{client.pk}/")
    expect(t.get_by_test_id("deleted")).to_be_visible()
    t.goto(base + f"/clients/{client.pk}/notes/")
    expect(t.get_by_text("reviewed breathing")).to_be_visible()
    assert console_errors == []
