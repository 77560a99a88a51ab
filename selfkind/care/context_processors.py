from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    """Values the page shell needs on every screen: the chosen theme."""
    theme = request.COOKIES.get("theme", "auto")
    return {"theme": theme if theme in {"light", "dark", "auto"} else "auto"}
