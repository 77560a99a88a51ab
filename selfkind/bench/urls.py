"""Benchmark-only URLs: every product URL, plus `/bench/bare/` and `/bench/today-afresh/` (never part of the
product's URLconf)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from selfkind.urls import handler403, handler404, handler500  # noqa: F401
from selfkind.urls import urlpatterns as product_urlpatterns

# About 2 KB rendered: a heading, a paragraph and a list, like a small real page without the shell.
BARE = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Bare</title></head><body>"
    "<h1>Hello, {{ user.name }}</h1><p>You have written {{ notes }} notes.</p><ul>"
    "{% for i in items %}<li>Item {{ i }}: a line of plain text to give the page some weight.</li>{% endfor %}"
    "</ul></body></html>"
)


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    """The framework's limit: the signed-in user from the session, one query, a small template."""
    from selfkind.journal.models import Note

    notes = Note.objects.filter(client_id=request.user.pk).count()
    return HttpResponse(BARE.render({"user": request.user, "notes": notes, "items": range(30)}, request))


def today_afresh(request: HttpRequest) -> HttpResponse:
    """The client's "today" with no kept copy, as on the first visit after a change (care/today_cache.py)."""
    from selfkind.care import today_cache
    from selfkind.care.views import today

    caches[today_cache.CACHE_ALIAS].clear()
    return today(request)


urlpatterns = [path("bench/bare/", bare), path("bench/today-afresh/", today_afresh), *product_urlpatterns]
