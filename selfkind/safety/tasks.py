"""Background work for the safety net: escalate urgent alerts nobody has acknowledged."""

from datetime import timedelta

from selfkind.lib.scheduler import periodic
from selfkind.safety.services import escalate_unacknowledged


@periodic(every=timedelta(minutes=5))
def escalate_alerts() -> None:
    escalate_unacknowledged()
