"""Assemble a client's progress report for a date range, for the PDF renderer (no decisions in the PDF)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from selfkind.accounts.access import ClientAccess
from selfkind.care import helps, workspace
from selfkind.care.pdf import AdherenceRow, PracticeRow, Report, ReportBand, ReportMeasure, ReportPoint
from selfkind.measures import outcomes, presentation, selectors
from selfkind.measures.instruments import registry
from selfkind.practices import services as practice_services
from selfkind.practices.models import PracticeSession


def build_report(access: ClientAccess, start: date, end: date) -> Report:
    client, therapist = access.client, access.viewer
    tz = client.tzinfo
    begin = timezone.make_aware(datetime.combine(start, time.min), tz)
    finish = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    measures = []
    for key, points in selectors.series_by_instrument(client).items():
        chosen = [
            p for p in points if p.administration.submitted_at and begin <= p.administration.submitted_at < finish
        ]
        if not chosen:
            continue
        instrument = registry.get(key)
        lowest, highest = presentation.value_range(instrument)
        measures.append(
            ReportMeasure(
                name=instrument.name,
                short_name=instrument.short_name,
                lowest=lowest,
                highest=highest,
                higher_is_better=instrument.higher_is_better,
                points=tuple(ReportPoint(p.when, Decimal(p.value), p.band.label if p.band else "") for p in chosen),
                bands=tuple(
                    ReportBand(b.label, b.low, b.high, b.severity)
                    for b in presentation.band_areas(instrument, for_client=False)
                ),
                threshold=presentation.threshold_line(instrument, chosen),
                threshold_label="Reliable improvement from the first score in this period",
                sentence=presentation.sentence(instrument, chosen, for_client=False),
            )
        )
    days = (end - start).days + 1
    rows = workspace.homework_adherence([client], days=days, today=end).get(client.pk, [])
    practices = practice_services.practices_for(client)
    in_range = PracticeSession.objects.filter(client=client, completed_at__gte=begin, completed_at__lt=finish)
    effects = helps.effects(client, practices, sessions=in_range)
    return Report(
        client_name=client.name,
        therapist_name=therapist.name,
        clinic_name=str(client.clinic or ""),
        period_start=start,
        period_end=end,
        generated_at=timezone.localtime(timezone.now(), therapist.tzinfo),
        measures=tuple(measures),
        outcome_lines=tuple(outcomes.for_client(client)),
        adherence=tuple(
            AdherenceRow(workspace.homework_label(r.homework, client), r.adherence.done, r.adherence.expected)
            for r in rows
        ),
        practices=tuple(
            PracticeRow(e.title, e.times, e.minutes, e.median_distress_change, e.median_kindness_change)
            for e in effects
        ),
    )
