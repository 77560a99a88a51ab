from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from selfkind.safety.resources import all_resources, resources_for


@require_safe
def need_help(request: HttpRequest) -> HttpResponse:
    """The public "Need help now?" page: emergency numbers first, then lines for the country."""
    chosen = request.GET.get("country", "")
    if not chosen and request.user.is_authenticated:
        chosen = request.user.country  # type: ignore[union-attr]
    resources = resources_for(chosen)
    countries = sorted(((c.code, c.name) for c in all_resources().values()), key=lambda pair: pair[0] == "ZZ")
    return render(request, "safety/need_help.html", {"resources": resources, "countries": countries})
