from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("reminders/nudge_notice.html", takes_context=True)
def nudge_notice(context: dict[str, Any]) -> dict[str, Any]:
    """Show the client a link when a therapist's note is waiting (one query)."""
    user = context["request"].user
    waiting = user.is_authenticated and user.is_client and user.nudges.filter(seen_at__isnull=True).exists()
    return {"waiting": waiting}
