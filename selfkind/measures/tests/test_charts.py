from datetime import date

import pytest
from django.urls import reverse

from selfkind.measures import presentation, services
from selfkind.measures.charts import BandArea, ChartPoint, line_chart
from selfkind.measures.instruments import registry


def test_a_line_chart_is_accessible_and_marks_bands_and_threshold():
    svg = line_chart(
        [ChartPoint(date(2026, 1, 5), 18), ChartPoint(date(2026, 2, 2), 9)],
        lowest=0,
        highest=27,
        bands=[BandArea("minimal", 0, 4, "Minimal", 0), BandArea("severe", 20, 27, "Severe", 4)],
        title="PHQ-9",
        threshold=12,
        threshold_label="reliable improvement",
    )
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg and "<title" in svg
    assert svg.count('class="band band-') == 2 and 'class="threshold"' in svg
    assert svg.count('class="dot"') == 2 and "2026-01-05: 18" in svg
    assert "style=" not in svg  # colours come from CSS (CSP)


def test_the_threshold_is_the_first_score_minus_the_reliable_change():
    phq9 = registry.get("phq9")
    point = presentation.selectors.Point(None, date(2026, 1, 1), 18, None)  # type: ignore[arg-type]
    assert presentation.threshold_line(phq9, [point]) == 12
    who5 = registry.get("who5")
    assert presentation.threshold_line(who5, [presentation.selectors.Point(None, date(2026, 1, 1), 40, None)]) == 50  # type: ignore[arg-type]
    assert presentation.threshold_line(registry.get("scs_sf"), [point]) is None  # Jacobson & Truax: no fixed line


@pytest.mark.django_db
def test_the_scs_sf_profile_shows_first_and_latest_as_descriptive(personas, as_user):
    for value in (2, 4):
        adm = services.start(client=personas.client, key="scs_sf")
        for item in range(1, 13):
            services.save_answer(administration=adm, client=personas.client, item=item, value=value)
        services.submit(administration=adm, client=personas.client)
    profile = presentation.scs_profile(personas.client)
    assert profile is not None and len(profile.rows) == 6
    assert [str(a) for _n, a, _b in profile.rows] == ["2.0000"] * 6
    body = as_user(personas.therapist).get(reverse("care:client_measures", args=[personas.client.pk])).content.decode()
    assert 'data-testid="scs-profile"' in body and "Descriptive only" in body
