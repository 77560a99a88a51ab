""" "What helps me": per practice, how often and how the client's own ratings moved. Honest: not proof."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from selfkind.accounts.models import User
from selfkind.practices.content import Practice
from selfkind.practices.models import PracticeSession


@dataclass(frozen=True)
class PracticeEffect:
    slug: str
    title: str
    times: int
    minutes: int
    median_distress_change: float | None  # negative = less distress afterwards
    median_kindness_change: float | None  # positive = kinder to oneself afterwards
    rated: int


def effects(
    client: User, practices: dict[str, Practice], *, sessions: QuerySet[PracticeSession] | None = None
) -> list[PracticeEffect]:
    """Return one row per practice the client has done (or among `sessions`), most often first (one query)."""
    by_slug: dict[str, list[PracticeSession]] = {}
    chosen = sessions if sessions is not None else PracticeSession.objects.filter(client=client)
    for session in chosen.filter(completed_at__isnull=False).only(
        "practice", "duration_seconds", "distress_before", "distress_after", "kindness_before", "kindness_after"
    ):
        by_slug.setdefault(session.practice, []).append(session)
    rows = []
    for slug, done in by_slug.items():
        distress = [s.distress_change for s in done if s.distress_change is not None]
        kindness = [s.kindness_change for s in done if s.kindness_change is not None]
        practice = practices.get(slug)
        rows.append(
            PracticeEffect(
                slug=slug,
                title=practice.title if practice else slug,
                times=len(done),
                minutes=round(sum(s.duration_seconds or 0 for s in done) / 60),
                median_distress_change=statistics.median(distress) if distress else None,
                median_kindness_change=statistics.median(kindness) if kindness else None,
                rated=max(len(distress), len(kindness)),
            )
        )
    return sorted(rows, key=lambda r: (-r.times, r.title))


def practices_this_week(client: User) -> int:
    since = timezone.now() - timedelta(days=7)
    return PracticeSession.objects.filter(client=client, completed_at__gte=since).count()


def bar_chart(rows: list[PracticeEffect], *, title: str) -> str:
    """Return a small SVG of the median change in distress (down is better) and in self-kindness, per practice."""
    from html import escape

    rows = [r for r in rows if r.median_distress_change is not None or r.median_kindness_change is not None][:8]
    label_w, width, row_h, scale = 200, 640, 30, 24  # scale: pixels per rating point
    mid = label_w + (width - label_w) / 2
    height = 20 + row_h * len(rows)
    parts = [
        f'<svg class="chart helps" viewBox="0 0 {width} {height}" role="img" aria-labelledby="h-{id(rows)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="h-{id(rows)}">{escape(title)}</title>'
        f'<line class="axis-line" x1="{mid}" x2="{mid}" y1="0" y2="{height}"/>'
    ]
    for i, row in enumerate(rows):
        top = 10 + i * row_h
        parts.append(f'<text class="axis y-tick" x="{label_w - 8}" y="{top + 14}">{escape(row.title[:28])}</text>')
        for j, (value, css) in enumerate(
            ((row.median_distress_change, "bar-distress"), (row.median_kindness_change, "bar-kindness"))
        ):
            if value is None:
                continue
            # Less distress and more kindness both draw to the right: "helped" reads the same way.
            shown = -value if css == "bar-distress" else value
            x = mid if shown >= 0 else mid + shown * scale
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{top + j * 11}" width="{abs(shown) * scale:.1f}" height="9">'
                f"<title>{escape(row.title)}: {value:+g}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)
