"""Outcomes per client, first against latest, said in plain clinical words for the therapist."""

from __future__ import annotations

from django.db.models import Min
from django.utils.translation import gettext as _

from selfkind.accounts.models import User
from selfkind.measures import change, selectors
from selfkind.measures.instruments import registry
from selfkind.measures.models import Administration


def _yes(value: bool | None) -> str:
    return _("not defined") if value is None else (_("yes") if value else _("no"))


def first_and_latest(client: User) -> dict[str, tuple[Administration, Administration]]:
    result = {}
    for key, points in selectors.series_by_instrument(client).items():
        if len(points) >= 2:
            result[key] = (points[0].administration, points[-1].administration)
    return result


def clinic_first_totals(client: User, key: str) -> list:
    """Return the first submitted total of each client of the same clinic for a measure."""
    if client.clinic_id is None:
        return []
    firsts = (
        Administration.objects.filter(
            instrument=key, status=Administration.Status.SUBMITTED, client__clinic_id=client.clinic_id
        )
        .values("client")
        .annotate(first=Min("submitted_at"))
    )
    wanted = {(row["client"], row["first"]) for row in firsts}
    rows = Administration.objects.filter(
        instrument=key, status=Administration.Status.SUBMITTED, client__clinic_id=client.clinic_id
    ).values_list("client", "submitted_at", "total")
    return [total for cid, at, total in rows if (cid, at) in wanted]


def for_client(client: User) -> list[str]:
    """Return one plain sentence per outcome rule that applies to this client's history."""
    pairs = first_and_latest(client)
    lines: list[str] = []
    tt = {k: (int(a.total), int(b.total)) for k, (a, b) in pairs.items() if k in ("phq9", "gad7")}  # type: ignore[arg-type]
    if tt:
        out = change.talking_therapies_outcome(phq9=tt.get("phq9"), gad7=tt.get("gad7"))
        measures = " + ".join(registry.get(k).short_name for k in tt)
        status = (
            _("reliable improvement")
            if out.reliable_improvement
            else _("reliable deterioration")
            if out.reliable_deterioration
            else _("no reliable change")
        )
        lines.append(
            _(
                "%(measures)s (NHS Talking Therapies): %(status)s; caseness at start %(before)s, now %(after)s; "
                "recovery %(recovery)s; reliable recovery %(reliable)s."
            )
            % {
                "measures": measures,
                "status": status,
                "before": _yes(out.caseness_before),
                "after": _yes(out.caseness_after),
                "recovery": _yes(out.recovery),
                "reliable": _yes(out.reliable_recovery),
            }
        )
    if "who5" in pairs:
        a, b = pairs["who5"]
        who = change.who5_outcome(int(a.total), int(b.total))  # type: ignore[arg-type]
        state = (
            _("reliable improvement")
            if who.reliable_improvement
            else _("reliable deterioration")
            if who.reliable_deterioration
            else _("no reliable change")
        )
        lines.append(
            _("WHO-5: %(first)s%% → %(last)s%%, %(state)s (10 percentage points or more).")
            % {"first": a.percentage, "last": b.percentage, "state": state}
        )
    for key in ("scs_sf", "brs"):
        if key not in pairs:
            continue
        instrument = registry.get(key)
        a, b = pairs[key]
        sd = change.clinic_sd(clinic_first_totals(client, key))
        if sd is None:
            n = len(clinic_first_totals(client, key))
            lines.append(
                _(
                    "%(name)s: %(first)s → %(last)s. The reliable change index is not shown yet: it needs the SD of "
                    "at least 30 first administrations in this clinic (Jacobson & Truax 1991), and there are %(n)s."
                )
                % {"name": instrument.short_name, "first": f"{a.total:.2f}", "last": f"{b.total:.2f}", "n": n}
            )
            continue
        rci = change.reliable_change_index(instrument, before=a.total, after=b.total, sd=sd)  # type: ignore[arg-type]
        verdict = _("reliable %(direction)s") % {"direction": rci.direction} if rci.reliable else _("not reliable")
        lines.append(
            _(
                "%(name)s: %(first)s → %(last)s, RCI %(rci)s (%(verdict)s; SD %(sd)s from %(sd_source)s, "
                "r = %(r)s from %(r_source)s)."
            )
            % {
                "name": instrument.short_name,
                "first": f"{a.total:.2f}",
                "last": f"{b.total:.2f}",
                "rci": f"{rci.rci:.2f}",
                "verdict": verdict,
                "sd": f"{rci.sd:.2f}",
                "sd_source": rci.sd_source,
                "r": f"{float(rci.reliability):.2f}",
                "r_source": rci.reliability_source,
            }
        )
    return lines
