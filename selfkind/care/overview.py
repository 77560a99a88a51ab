"""The clinic overview: anonymised outcome rates per therapist and for the clinic, small groups suppressed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from selfkind.accounts.models import CareRelationship, Clinic, Role, User
from selfkind.measures import change
from selfkind.measures.models import Administration

MIN_GROUP = 5  # fewer clients than this: rates are not shown, so nobody can be recognised


@dataclass(frozen=True)
class OutcomeRates:
    label: str
    caseload: int
    with_outcome: int  # clients with a first and a later PHQ-9 or GAD-7
    improved: int
    at_caseness: int
    recovered: int

    @property
    def suppressed(self) -> bool:
        return self.with_outcome < MIN_GROUP

    @property
    def improvement_rate(self) -> int | None:
        return None if self.suppressed else round(100 * self.improved / self.with_outcome)

    @property
    def recovery_rate(self) -> int | None:
        if self.suppressed or self.at_caseness < MIN_GROUP:
            return None
        return round(100 * self.recovered / self.at_caseness)


def clinic_outcomes(clinic: Clinic) -> list[OutcomeRates]:
    """Return rates per therapist and for the whole clinic (last row), in a fixed number of queries."""
    therapists = list(User.objects.filter(clinic=clinic, role=Role.THERAPIST).order_by("name"))
    rels = CareRelationship.objects.filter(therapist__clinic=clinic, status="active").values_list(
        "therapist_id", "client_id"
    )
    clients_of: dict[int, list[int]] = defaultdict(list)
    for therapist_id, client_id in rels:
        clients_of[therapist_id].append(client_id)
    totals: dict[tuple[int, str], list[int]] = defaultdict(list)
    all_clients = [c for cs in clients_of.values() for c in cs]
    for client_id, key, total in (
        Administration.objects.filter(
            client_id__in=all_clients, instrument__in=("phq9", "gad7"), status=Administration.Status.SUBMITTED
        )
        .order_by("submitted_at")
        .values_list("client_id", "instrument", "total")
    ):
        if total is not None:
            totals[(client_id, key)].append(int(total))
    outcomes = {}
    for client_id in all_clients:
        pairs = {k: (v[0], v[-1]) for k in ("phq9", "gad7") if len(v := totals[(client_id, k)]) >= 2}
        if pairs:
            outcomes[client_id] = change.talking_therapies_outcome(phq9=pairs.get("phq9"), gad7=pairs.get("gad7"))

    def rates(label: str, clients: list[int]) -> OutcomeRates:
        mine = [outcomes[c] for c in clients if c in outcomes]
        return OutcomeRates(
            label=label,
            caseload=len(clients),
            with_outcome=len(mine),
            improved=sum(1 for o in mine if o.reliable_improvement),
            at_caseness=sum(1 for o in mine if o.caseness_before),
            recovered=sum(1 for o in mine if o.recovery),
        )

    rows = [rates(t.name, clients_of.get(t.pk, [])) for t in therapists]
    rows.append(rates("The whole clinic", all_clients))
    return rows
