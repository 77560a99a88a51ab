"""The PDF progress report: renders, reads back as real text, copes with empty data and awkward characters."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from selfkind.care.pdf import (
    AdherenceRow,
    PracticeRow,
    Report,
    ReportBand,
    ReportMeasure,
    ReportPoint,
    format_change,
    format_number,
    percent,
    render_pdf,
    safe_text,
)

PHQ9_BANDS = (
    ReportBand("minimal", 0, 4, 0),
    ReportBand("mild", 5, 9, 1),
    ReportBand("moderate", 10, 14, 2),
    ReportBand("moderately severe", 15, 19, 3),
    ReportBand("severe", 20, 27, 4),
)
WHO5_BANDS = (
    ReportBand("likely depression", 0, 28, 4),
    ReportBand("poor wellbeing", 29, 50, 2),
    ReportBand("above cut-off", 51, 100, 0),
)


def _phq9_band(score: int) -> str:
    return next(band.label for band in PHQ9_BANDS if band.low <= score <= band.high)


def _who5_band(score: int) -> str:
    return next(band.label for band in WHO5_BANDS if band.low <= score <= band.high)


PHQ9_SCORES: tuple[tuple[date, int], ...] = (
    (date(2026, 3, 2), 18),
    (date(2026, 3, 16), 16),
    (date(2026, 3, 30), 13),
    (date(2026, 4, 13), 11),
    (date(2026, 4, 27), 8),
    (date(2026, 5, 11), 4),
)
WHO5_SCORES: tuple[tuple[date, int], ...] = ((date(2026, 3, 2), 24), (date(2026, 4, 6), 44), (date(2026, 5, 11), 68))


def phq9() -> ReportMeasure:
    return ReportMeasure(
        name="Depression symptoms (PHQ-9)",
        short_name="PHQ-9",
        lowest=0,
        highest=27,
        higher_is_better=False,
        points=tuple(ReportPoint(when, Decimal(score), _phq9_band(score)) for when, score in PHQ9_SCORES),
        bands=PHQ9_BANDS,
        threshold=12,
        threshold_label="Reliable improvement from the first score (18 - 6)",
        sentence="Scores have come down since 2 March: a big enough change to be confident it is real.",
    )


def who5() -> ReportMeasure:
    return ReportMeasure(
        name="Well-being (WHO-5)",
        short_name="WHO-5",
        lowest=0,
        highest=100,
        higher_is_better=True,
        points=tuple(ReportPoint(when, Decimal(score), _who5_band(score)) for when, score in WHO5_SCORES),
        bands=WHO5_BANDS,
        threshold=34,
        threshold_label="Reliable change (first score + 10)",
        sentence="Well-being has gone up since 2 March.",
    )


def sample_report() -> Report:
    """A full report: two measures, outcomes, homework and practices."""
    return Report(
        client_name="Robin Example",
        therapist_name="Dr Sam Carer",
        clinic_name="Riverside Talking Therapies",
        period_start=date(2026, 3, 1),
        period_end=date(2026, 5, 31),
        generated_at=datetime(2026, 6, 1, 9, 30),
        measures=(phq9(), who5()),
        outcome_lines=(
            "PHQ-9: reliable improvement (18 to 4).",
            "Recovery: at caseness at the start, not at the end.",
            "WHO-5: reliable improvement (+44 percentage points).",
        ),
        adherence=(
            AdherenceRow("Thought records", 5, 6),
            AdherenceRow("Self-compassion practices", 3, 4),
            AdherenceRow("Letters to myself", 0, 0),
        ),
        practices=(
            PracticeRow("Self-compassion break", 9, 45, -2.5, 1.5),
            PracticeRow("Soothing touch", 4, 12, -1.0, None),
            PracticeRow("Loving-kindness for oneself", 1, 15, None, None),
        ),
    )


def empty_report() -> Report:
    return replace(sample_report(), measures=(), outcome_lines=(), adherence=(), practices=())


def read(pdf: bytes) -> tuple[str, int]:
    """Return the PDF's text with runs of whitespace made single spaces, and its page count."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_full_report_renders_as_real_text() -> None:
    pdf = render_pdf(sample_report())
    assert pdf.startswith(b"%PDF-")
    text, _pages = read(pdf)
    for words in (
        "Progress report",
        "Robin Example",
        "Dr Sam Carer",
        "Riverside Talking Therapies",
        "1 Mar 2026 to 31 May 2026",
        "1 Jun 2026, 09:30",
        "Prepared from the client's own questionnaire answers and ratings in Selfkind. Not a diagnosis.",
        "Depression symptoms (PHQ-9)",
        "Well-being (WHO-5)",
        "Scores have come down since 2 March",
        "Reliable improvement from the first score (18 - 6)",
        "Confidential: contains health information",
    ):
        assert words in text, words
    for line in sample_report().outcome_lines:
        assert line in text
    for band in (*PHQ9_BANDS, *WHO5_BANDS):
        assert band.label in text, band.label


def test_every_score_is_in_its_table_row() -> None:
    text, _pages = read(render_pdf(sample_report()))
    for when, score in PHQ9_SCORES:
        assert f"{when.day} {when:%b %Y} {score} {_phq9_band(score)}" in text
    for when, score in WHO5_SCORES:
        assert f"{when.day} {when:%b %Y} {score} {_who5_band(score)}" in text


def test_adherence_has_percentages_and_an_overall_figure() -> None:
    text, _pages = read(render_pdf(sample_report()))
    assert "Thought records 5 6 83%" in text
    assert "Self-compassion practices 3 4 75%" in text
    assert "Letters to myself 0 0 \u2014" in text  # nothing was set: no percentage
    assert "Overall 8 10 80%" in text  # sum done / sum expected


def test_practice_summary_shows_medians_and_dashes() -> None:
    text, _pages = read(render_pdf(sample_report()))
    assert "Self-compassion break 9 45 -2.5 +1.5" in text
    assert "Soothing touch 4 12 -1 \u2014" in text
    assert "Loving-kindness for oneself 1 15 \u2014 \u2014" in text


def test_every_page_has_the_footer_and_its_number() -> None:
    pages = page_texts(render_pdf(sample_report()))
    for number, text in enumerate(pages, start=1):
        assert "Confidential: contains health information" in text
        assert f"Page {number} of {len(pages)}" in text


def test_empty_report_says_none_yet_kindly() -> None:
    pdf = render_pdf(empty_report())
    assert pdf.startswith(b"%PDF-")
    text, pages = read(pdf)
    assert pages == 1
    assert "Robin Example" in text
    assert "No outcomes to report yet." in text
    assert "No questionnaire answers in this period yet." in text
    assert "No homework was set in this period." in text
    assert "No practices were recorded in this period yet." in text
    assert "Page 1 of 1" in text


def test_measure_without_points_and_single_point() -> None:
    report = replace(
        sample_report(),
        measures=(
            replace(phq9(), points=(), sentence=""),
            replace(who5(), points=(ReportPoint(date(2026, 4, 1), Decimal("52"), "above cut-off"),), threshold=None),
        ),
    )
    text, _pages = read(render_pdf(report))
    assert "No answers for this questionnaire in this period yet." in text
    assert "1 Apr 2026 52 above cut-off" in text


def test_awkward_characters_do_not_break_rendering() -> None:
    report = replace(
        sample_report(),
        client_name="Zo\u00eb O\u2019Brien",
        outcome_lines=("PHQ-9 18 \u2192 4 \u2013 a \u201cbig\u201d change \u2026 \U0001f33f", "A & B <b>not bold</b>"),
        practices=(PracticeRow("\u201cSoothing\u201d touch \u2192 calm", 2, 10, -1.5, 0.5),),
    )
    pdf = render_pdf(report)
    assert pdf.startswith(b"%PDF-")
    text, _pages = read(pdf)
    assert "Zo\u00eb O'Brien" in text
    assert 'PHQ-9 18 -> 4 - a "big" change ...' in text
    assert "A & B <b>not bold</b>" in text  # escaped, not interpreted as markup
    assert '"Soothing" touch -> calm 2 10 -1.5 +0.5' in text
    for char in "\u2192\u2013\u2019\u201c\u201d\u2026\U0001f33f":
        assert char not in text


def test_many_measures_flow_over_several_pages() -> None:
    measures = tuple(replace(phq9(), name=f"Measure {n}") for n in range(1, 7))
    pdf = render_pdf(replace(sample_report(), measures=measures))
    text, pages = read(pdf)
    assert pages >= 3
    for n in range(1, 7):
        assert f"Measure {n}" in text
    assert f"Page {pages} of {pages}" in text


def test_long_history_and_odd_values_still_render() -> None:
    points = tuple(
        ReportPoint(date(2026, 1, 1) + timedelta(days=n), Decimal(score), "any")
        for n, score in enumerate([3, 30, -2, 27] * 10)
    )
    measure = replace(phq9(), points=points, threshold=40)  # scores and threshold off the scale are clipped/skipped
    same_day = replace(who5(), points=tuple(replace(p, when=date(2026, 4, 1)) for p in who5().points))
    text, pages = read(render_pdf(replace(sample_report(), measures=(measure, same_day))))
    assert pages >= 2
    assert "1 Jan 2026 3 any" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain words", "plain words"),
        ("a \u2192 b", "a -> b"),
        ("\u201cquoted\u201d \u2018too\u2019", "\"quoted\" 'too'"),
        ("2020\u20132021", "2020-2021"),
        ("caf\u00e9 na\u00efve", "caf\u00e9 na\u00efve"),  # Latin-1 stays
        ("\u0141ukasz Erd\u0151s", "Lukasz Erdos"),
        ("line\nbreak\ttab", "line break tab"),
        ("zero\u200bwidth", "zerowidth"),
        ("leaf \U0001f33f", "leaf "),
        ("\u4f60\u597d", "??"),
        ("em \u2014 dash", "em \u2014 dash"),
    ],
)
def test_safe_text(raw: str, expected: str) -> None:
    assert safe_text(raw) == expected


def test_number_helpers() -> None:
    assert format_number(Decimal("12")) == "12"
    assert format_number(Decimal("12.00")) == "12"
    assert format_number(Decimal("3.456")) == "3.46"
    assert format_number(2.5) == "2.50"
    assert format_change(None) == "\u2014"
    assert format_change(-2.5) == "-2.5"
    assert format_change(1.0) == "+1"
    assert format_change(0.04) == "0"
    assert percent(5, 6) == 83
    assert percent(1, 8) == 13  # 12.5 rounds half up
    assert percent(3, 0) is None
