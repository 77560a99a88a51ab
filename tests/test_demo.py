import pytest
from django.core.management import call_command

from selfkind.accounts.models import Appointment, CareRelationship, User
from selfkind.accounts.twofactor import current_totp, verify

pytestmark = pytest.mark.django_db


def test_the_demo_builds_every_contract_account(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "selfkind-demo" in out and "SELFKINDDEMOTOTP" in out
    emails = set(User.objects.values_list("email", flat=True))
    expected = {"admin@example.com", "therapist@example.com", "therapist2@example.com"} | {
        f"client{n}@example.com" for n in ["", 2, 3, 4, 5, 6]
    }
    assert expected <= emails
    for email in expected:
        assert User.objects.get(email=email).check_password("selfkind-demo")
    assert User.objects.get(email="admin@example.com").role == "admin"
    assert User.objects.get(email="admin@example.com").clinic.name == "Demo Clinic"
    places = {u.email: (u.country, u.time_zone) for u in User.objects.filter(role="client")}
    assert places["client@example.com"] == ("GB", "Europe/London")
    assert places["client2@example.com"] == ("US", "America/New_York")
    assert places["client3@example.com"] == ("AU", "Australia/Sydney")
    therapist = User.objects.get(email="therapist@example.com")
    mine = set(
        CareRelationship.objects.filter(therapist=therapist, status="active").values_list("client__email", flat=True)
    )
    assert mine == {"client@example.com", "client2@example.com", "client3@example.com"}
    assert Appointment.objects.filter(client__email="client@example.com", status="completed").count() >= 10
    assert Appointment.objects.filter(client__email="client@example.com", status="scheduled").exists()


def test_demo_staff_sign_in_with_the_demo_totp_secret():
    call_command("demo")
    for email in ("admin@example.com", "therapist@example.com", "therapist2@example.com"):
        assert verify(User.objects.get(email=email), current_totp("SELFKINDDEMOTOTP")) is not None
    assert verify(User.objects.get(email="client@example.com"), current_totp("SELFKINDDEMOTOTP")) is None


def test_extra_clients_are_added_once():
    call_command("demo", clients=3)
    call_command("demo", clients=3)
    extra = User.objects.filter(email__startswith="demo-client-")
    assert sorted(extra.values_list("email", flat=True)) == [f"demo-client-{n}@example.com" for n in (1, 2, 3)]
    assert CareRelationship.objects.filter(client__in=extra, therapist__email="therapist@example.com").count() == 3


def test_the_demo_is_deterministic():
    call_command("demo")
    first = list(
        Appointment.objects.order_by("client__email", "starts_at").values_list("client__email", "starts_at", "status")
    )
    call_command("demo", remove=True)
    assert not User.objects.filter(is_demo=True).exists()
    call_command("demo")
    second = list(
        Appointment.objects.order_by("client__email", "starts_at").values_list("client__email", "starts_at", "status")
    )
    assert first == second


def test_the_demo_has_notes_and_the_deteriorating_clients_alert():
    from selfkind.journal.models import Note
    from selfkind.safety.models import Alert

    call_command("demo")
    client3 = User.objects.get(email="client3@example.com")
    assert Note.objects.filter(client=client3).count() >= 6
    assert Note.objects.filter(client__email="client@example.com", private=True).count() == 1
    alerts = {a.source_type: a for a in Alert.objects.filter(client=client3, kind="risk")}
    assert set(alerts) == {"note", "measure:phq9"}  # the week-7 note and the week-7 item 9 answer
    assert all(a.routed_to.email == "therapist@example.com" for a in alerts.values())
    assert [a.is_open for a in sorted(alerts.values(), key=lambda a: a.created_at)].count(True) == 1  # one handled
    assert alerts["measure:phq9"].rule_ids == ["phq9_item9_answered_1"]
    assert not Alert.objects.exclude(client=client3).filter(kind="risk").exists()


def test_the_demo_follows_the_contract_trajectories():
    from selfkind.measures.selectors import series

    call_command("demo")
    phq9 = {
        e: [int(p.value) for p in series(User.objects.get(email=e), "phq9")]
        for e in ("client@example.com", "client3@example.com")
    }
    assert all(len(v) == 12 for v in phq9.values())
    assert phq9["client@example.com"][0] - phq9["client@example.com"][-1] >= 6  # improving, reliably
    assert phq9["client3@example.com"][-1] - phq9["client3@example.com"][0] >= 6  # deteriorating
    from selfkind.measures.models import Administration

    week7 = Administration.objects.filter(client__email="client3@example.com", instrument="phq9").order_by(
        "submitted_at"
    )[6]
    assert week7.answers["9"] == 1


def test_the_demo_has_thought_records_with_falling_belief():
    from selfkind.journal import thoughts
    from selfkind.journal.models import ThoughtRecord

    call_command("demo")
    client = User.objects.get(email="client@example.com")
    records = ThoughtRecord.objects.filter(client=client)
    assert records.count() >= 6 and records.filter(private=True).count() == 1
    assert records.filter(completed_at__isnull=True).exists()  # an unfinished draft
    drops = [r.belief_before - r.belief_after for r in records.order_by("created_at") if r.belief_after is not None]
    assert drops[-1] > drops[0]
    assert thoughts.trends(client, include_private=False).top_traps


def test_the_demo_has_homework_with_varied_adherence_and_session_notes():
    from selfkind.care import workspace
    from selfkind.care.models import SessionNote

    call_command("demo")
    clients = list(User.objects.filter(role="client", email__in=["client@example.com", "client3@example.com"]))
    adherence = {c.email: workspace.overall_for(workspace.homework_adherence([c])[c.pk]).percent for c in clients}
    assert adherence["client@example.com"] > adherence["client3@example.com"]
    assert SessionNote.objects.filter(client__email="client@example.com").count() == 3
