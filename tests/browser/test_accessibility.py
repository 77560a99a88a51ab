"""axe-core finds no serious or critical violations on the pages people use, in both themes."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from tests.browser.helpers import DEMO_TOTP_SECRET, sign_in

AXE = Axe()


def serious(page):
    results = AXE.run(
        page, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_serious_violations(live_server, browser, scheme):
    call_command("demo")
    base = live_server.url
    found = {}
    anon = browser.new_context(color_scheme=scheme).new_page()
    for path in ["/", "/help/", "/accounts/password-reset/", "/nowhere/"]:
        anon.goto(base + path)
        found[path] = serious(anon)

    client = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844}).new_page()
    sign_in(client, base, "client3@example.com", "selfkind-demo")
    for path in ["/", reverse("journal:notes"), reverse("accounts:sharing"), reverse("safety:crisis")]:
        client.goto(base + path)
        found["client " + path] = serious(client)

    staff = browser.new_context(color_scheme=scheme).new_page()
    sign_in(staff, base, "therapist@example.com", "selfkind-demo", totp_secret=DEMO_TOTP_SECRET)
    from selfkind.accounts.models import User

    client3 = User.objects.get(email="client3@example.com")
    for path in [
        "/",
        reverse("care:client", args=[client3.pk]),
        reverse("safety:alerts"),
        reverse("accounts:invitations"),
    ]:
        staff.goto(base + path)
        found["therapist " + path] = serious(staff)
    assert {k: v for k, v in found.items() if v} == {}
