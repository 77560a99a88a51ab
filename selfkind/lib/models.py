from selfkind.lib.heartbeat import Heartbeat
from selfkind.lib.scheduler import PeriodicRun

__all__ = ["Heartbeat", "PeriodicRun"]
