import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from selfkind.accounts.twofactor import enrol_demo_totp
from selfkind.lib.totp import current_totp

pytestmark = pytest.mark.django_db


def _password_only(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def test_a_therapist_with_only_a_password_reaches_no_client_data(personas, client):
    _password_only(client, personas.therapist)
    for url in ["/", reverse("care:client", args=[personas.client.pk]), reverse("accounts:invitations")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor"))


def test_the_access_door_itself_refuses_unverified_staff(personas, client, settings):
    # Even with the second-factor middleware gone, the door answers 404.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("SecondFactorMiddleware")]
    _password_only(client, personas.therapist)
    assert client.get(reverse("care:client", args=[personas.client.pk])).status_code == 404


def test_a_new_therapist_sets_up_an_authenticator_and_gets_recovery_codes(personas, client):
    _password_only(client, personas.therapist)
    page = client.get(reverse("accounts:two_factor"))
    body = page.content.decode()
    assert "<svg" in body and "Set up two-step sign-in" in body
    device = TOTPDevice.objects.get(user=personas.therapist, confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"otp_token": "000000"})
    assert "didn&#x27;t match" in response.content.decode() or "didn't match" in response.content.decode()
    # django-otp makes each retry after a failure wait a little longer (1 s, 2 s, 4 s …).
    traveller = time_machine.travel(timezone.now() + timedelta(seconds=5))
    traveller.start()
    response = client.post(reverse("accounts:two_factor"), {"otp_token": _code_for(device)})
    codes = re.findall(r"<li><code>([^<]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("care:client", args=[personas.client.pk])).status_code == 200
    # A recovery code works once at the next sign-in.
    client.logout()
    _password_only(client, personas.therapist)
    assert client.post(reverse("accounts:two_factor"), {"otp_token": codes[0]}).status_code == 302
    assert client.get("/").status_code == 200
    client.logout()
    _password_only(client, personas.therapist)
    response = client.post(reverse("accounts:two_factor"), {"otp_token": codes[0]})
    assert response.status_code == 200  # used up
    traveller.stop()


def test_demo_secret_signs_a_therapist_in(personas, client):
    enrol_demo_totp(personas.therapist)
    _password_only(client, personas.therapist)
    response = client.post(
        reverse("accounts:two_factor") + "?next=/caseload/", {"otp_token": current_totp("SELFKINDDEMOTOTP")}
    )
    assert response.status_code == 302 and response["Location"] == "/caseload/"


def test_two_factor_never_redirects_off_site(personas, client):
    enrol_demo_totp(personas.therapist)
    _password_only(client, personas.therapist)
    response = client.post(
        reverse("accounts:two_factor"), {"otp_token": current_totp("SELFKINDDEMOTOTP"), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_clients_may_turn_it_on_and_off(personas, client):
    _password_only(client, personas.client)
    assert client.get("/").status_code == 200  # optional for clients
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=personas.client)
    client.post(reverse("accounts:two_factor"), {"otp_token": _code_for(device)})
    client.logout()
    _password_only(client, personas.client)
    assert client.get("/")["Location"].startswith(reverse("accounts:two_factor"))  # now asked every time
    client.post(reverse("accounts:two_factor"), {"otp_token": _code_for(device, offset=1)})
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:two_factor_off"))
    assert not TOTPDevice.objects.filter(user=personas.client).exists()


def test_staff_cannot_turn_it_off(personas, as_user):
    c = as_user(personas.therapist)
    assert c.post(reverse("accounts:two_factor_off")).status_code == 404
    assert TOTPDevice.objects.filter(user=personas.therapist).exists()
