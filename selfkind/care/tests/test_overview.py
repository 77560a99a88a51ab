import pytest
from django.urls import reverse

from conftest import connect, make_user
from selfkind.care.overview import clinic_outcomes
from selfkind.measures import services as measures

pytestmark = pytest.mark.django_db


def _phq9(client, total):
    adm = measures.start(client=client, key="phq9")
    values = [3] * (total // 3) + [total % 3] + [0] * 9
    for item, value in enumerate(values[:8], start=1):
        measures.save_answer(administration=adm, client=client, item=item, value=value)
    measures.save_answer(administration=adm, client=client, item=9, value=0)
    measures.submit(administration=adm, client=client)


def test_rates_are_suppressed_for_small_groups_and_shown_for_larger_ones(personas, as_user):
    for n in range(5):
        client = make_user(f"o{n}@test.example", "client", personas.clinic)
        connect(personas.therapist, client)
        _phq9(client, 18)
        _phq9(client, 6 if n < 4 else 17)  # four recover, one does not
    rows = {r.label: r for r in clinic_outcomes(personas.clinic)}
    mine = rows["Thea Therapist"]
    assert (mine.with_outcome, mine.improved, mine.at_caseness, mine.recovered) == (5, 4, 5, 4)
    assert mine.improvement_rate == 80 and mine.recovery_rate == 80
    assert rows["Theo Other"].suppressed and rows["Theo Other"].improvement_rate is None
    body = as_user(personas.clinic_admin).get(reverse("care:clinic_outcomes")).content.decode()
    assert "80%" in body and "fewer than 5" in body
    assert "o0@test.example" not in body and personas.client.name not in body  # never a client's details
    assert as_user(personas.therapist).get(reverse("care:clinic_outcomes")).status_code == 404
