"""The client's "today", kept rendered between the changes that alter it.

"Today" gathers from every app (due check-ins, homework and its adherence, the next session, the affirmation of
the day, practice history, drafts, the clinic's own practices and lessons): a dozen reads and a template, ten
times the cost of a small page. Its content is kept rendered, per process, and served again until something it
shows may have changed:

- the key holds everything the request has already loaded for free (the client's own row and their clinic's,
  the active relationship and its therapist's name), the client's stamp (selfkind.accounts.stamps; one read),
  the language, the time zone and the client's local date;
- every model "today" reads is WATCHED: saving or deleting one gives its client a new stamp (a clinic's own
  practices, lessons and instrument switches give every client of the clinic one), inside the writer's
  transaction, so the next request in any process misses the old copy (a save that writes only fields the page
  does not show, as most thought-record steps do, keeps them: SHOWN_FIELDS). Writes that bypass signals
  (`QuerySet.update`) touch the stamp themselves; a test holds that every table the page reads is watched;
- a copy lives at most `TTL` seconds, so what changes with the clock alone (a session that has just begun) is at
  most that late.

Copies stay in the process's memory (the "pages" cache, never Redis): they hold the client's words, which never
leave the process in plain text. The form tokens are put in on each request, never kept.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.cache import caches
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from selfkind.accounts import stamps
from selfkind.accounts.models import Appointment, CareRelationship, Clinic, User
from selfkind.care.models import Homework
from selfkind.care.selectors import DRAFT_FIELDS
from selfkind.journal.models import Affirmation, AffirmationSkip, Reflection, ThoughtRecord
from selfkind.measures.models import Administration, InstrumentSwitch, MeasureSchedule
from selfkind.practices.models import CustomLesson, CustomPractice, PracticeSession
from selfkind.reminders.models import Nudge

CACHE_ALIAS = "pages"
TTL = 60
TEMPLATE = "care/today_content.html"

# What the content reads, by who owns a row: a client, or a clinic (every client of it).
WATCHED_CLIENT_MODELS: tuple[type[Model], ...] = (
    Administration,
    Affirmation,
    AffirmationSkip,
    Appointment,
    Homework,
    MeasureSchedule,
    Nudge,
    PracticeSession,
    Reflection,
    ThoughtRecord,
)
WATCHED_CLINIC_MODELS: tuple[type[Model], ...] = (CustomLesson, CustomPractice, InstrumentSwitch)
# Watched models of which the page shows only some fields: a save naming none of them (`update_fields`) keeps
# the copies. Every other save, creation and deletion retires them.
SHOWN_FIELDS: dict[type[Model], frozenset[str]] = {ThoughtRecord: frozenset(DRAFT_FIELDS)}
# Read fresh on every request before the page (the signed-in user with their clinic, the consent gate's
# relationships and consent): they are in the key instead.
IN_THE_KEY: tuple[type[Model], ...] = (User, Clinic, CareRelationship)

# Put where each form token goes when the content is rendered; replaced on every request. Random per
# process, so nothing a client writes (escaped on the page anyway) can be taken for it.
_TOKEN_MARK = "csrf-" + secrets.token_hex(16)


def content(request: HttpRequest, client: User, relationship: CareRelationship | None) -> SafeString:
    """Return the rendered content of the client's "today", from a kept copy when nothing has changed."""
    cache = caches[CACHE_ALIAS]
    key = _key(client, relationship)
    html = cache.get(key)
    if html is None:
        html = render_fresh(request, client, relationship)
        cache.set(key, html, TTL)
    return mark_safe(html.replace(_TOKEN_MARK, get_token(request)))  # noqa: S308 (rendered by our template)


def render_fresh(request: HttpRequest, client: User, relationship: CareRelationship | None) -> str:
    """Render the content from the database, with the form-token mark in place of the request's token."""
    from selfkind.care import selectors

    context = selectors.today_for(client, relationship=relationship)
    context["csrf_token"] = _TOKEN_MARK
    return render_to_string(TEMPLATE, context, request=request)


def _key(client: User, relationship: CareRelationship | None) -> str:
    parts: list[Any] = [_row(client), _row(client.clinic) if client.clinic_id else None]
    if relationship is not None:
        parts += [_row(relationship), relationship.therapist.name]
    token = stamps.token_for(client.pk, getattr(client, "stamp_read", None))  # read with the session, if it was
    parts += [token, get_language(), timezone.get_current_timezone_name()]
    parts.append(timezone.localtime(timezone.now(), client.tzinfo).date().isoformat())
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"today:{client.pk}:{digest}"


def _row(instance: Model | None) -> tuple[Any, ...]:
    if instance is None:
        return ()
    # Deferred fields (the clinic's encrypted reason) are not loaded, and not shown on "today".
    deferred = instance.get_deferred_fields()
    return tuple(getattr(instance, f.attname) for f in instance._meta.concrete_fields if f.attname not in deferred)


def _client_id(instance: Model) -> int | None:
    if isinstance(instance, AffirmationSkip):
        return Affirmation.objects.filter(pk=instance.affirmation_id).values_list("client_id", flat=True).first()
    return getattr(instance, "client_id", None)


def _deleting_an_account(origin: object) -> bool:
    """True while a user or a clinic is being deleted: their stamps go with them, nothing to retire."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return isinstance(model, type) and issubclass(model, (User, Clinic))


def _ignored(origin: object, raw: bool) -> bool:
    # Rows loaded as they are (a fixture, a restore) bring their stamps with them.
    return raw or (origin is not None and _deleting_an_account(origin))


def _client_changed(
    sender: type[Model],
    instance: Model,
    origin: object = None,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if not stamps.save_touches(sender, update_fields):
        return  # it wrote only what the page does not show
    if not _ignored(origin, raw):
        stamps.touch([_client_id(instance)])


def _clinic_changed(
    sender: type[Model], instance: Model, origin: object = None, raw: bool = False, **kwargs: Any
) -> None:
    if not _ignored(origin, raw):
        stamps.touch_clinic(getattr(instance, "clinic_id", None))


def connect() -> None:
    """Connect the stamp to every watched model (from the app's `ready`)."""
    for model in WATCHED_CLIENT_MODELS:
        stamps.watch(model, SHOWN_FIELDS.get(model))
        post_save.connect(_client_changed, sender=model, dispatch_uid=f"today-cache:{model._meta.label}:save")
        post_delete.connect(_client_changed, sender=model, dispatch_uid=f"today-cache:{model._meta.label}:delete")
    for model in WATCHED_CLINIC_MODELS:
        stamps.watch(model)
        post_save.connect(_clinic_changed, sender=model, dispatch_uid=f"today-cache:{model._meta.label}:save")
        post_delete.connect(_clinic_changed, sender=model, dispatch_uid=f"today-cache:{model._meta.label}:delete")
