"""Thought-record screens: one calm step at a time, the client's own thought kept in view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.decorators import client_required
from selfkind.accounts.idle import restored_data
from selfkind.accounts.models import User
from selfkind.journal import thoughts
from selfkind.journal.models import ThoughtRecord
from selfkind.journal.trapinfo import traps as trap_info
from selfkind.safety.views import crisis_url

STEP_TITLES = {
    "situation": _("What happened?"),
    "thought": _("What did your inner critic say?"),
    "emotions": _("What are you feeling?"),
    "belief": _("How much do you believe the thought?"),
    "traps": _("Is a thinking trap at work?"),
    "evidence": _("Weighing it up"),
    "friend": _("What would you say to a friend?"),
    "compassion": _("A kinder answer"),
    "rerate": _("How is it now?"),
}
EMOTION_ROWS = 3


def _own(request: HttpRequest, record_id: int) -> ThoughtRecord:
    record = thoughts.own_record(client=request.user, record_id=record_id)  # type: ignore[arg-type]
    if record is None:
        raise Http404
    return record


@client_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    records = ThoughtRecord.objects.filter(client=client)[:100]
    return render(request, "journal/thoughts.html", {"records": records})


@client_required
@require_POST
def new(request: HttpRequest) -> HttpResponse:
    record = thoughts.start_record(client=request.user)  # type: ignore[arg-type]
    return redirect("journal:thought_step", record_id=record.pk, step="situation")


def _data_from_post(step: str, post: Any) -> dict[str, Any]:
    data: dict[str, Any] = {name: post.get(name, "") for names in thoughts.TEXT_FIELDS.values() for name in names}
    if step == "emotions":
        data["emotions"] = [
            {"name": post.get(f"emotion-{i}", ""), "before": post.get(f"intensity-{i}", "")}
            for i in range(EMOTION_ROWS)
        ]
    if step in ("belief", "rerate"):
        data["belief"] = post.get("belief", "")
    if step == "rerate":
        data["after"] = {str(i): post.get(f"after-{i}", "") for i in range(EMOTION_ROWS)}
    if step == "traps":
        data["traps"] = post.getlist("traps")
    if step == "situation":
        data["private"] = post.get("private") == "on"
    return data


@client_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, record_id: int, step: str) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    record = _own(request, record_id)
    if step not in ThoughtRecord.STEPS:
        raise Http404
    index = ThoughtRecord.STEPS.index(step)
    error = ""
    restored = restored_data(request)
    source = request.POST if request.method == "POST" else restored
    if request.method == "POST":
        try:
            outcome = thoughts.save_step(
                record=record, client=client, step=step, data=_data_from_post(step, request.POST)
            )
        except thoughts.StepError as exc:
            error = str(exc)
        else:
            target = _next(record, step, request.POST.get("go", "next"))
            if outcome.is_risk:
                return redirect(f"{crisis_url(outcome.alert)}{'&' if outcome.alert else '?'}next={target}")
            return redirect(target)
    context = {
        "record": record,
        "step": step,
        "number": index + 1,
        "count": len(ThoughtRecord.STEPS),
        "title": STEP_TITLES[step],
        "error": error,
        "values": source,  # what was typed, after an error or a session expiry; else the saved record
        "emotion_rows": _emotion_rows(record, source),
        "trap_info": list(trap_info().values()),
        "selected_traps": _selected_traps(record, source),
        "suggestions": thoughts.suggestions_with_why(record) if step == "traps" else {},
        "questions": [trap_info()[k] for k in record.traps_confirmed],
        "earlier": thoughts.earlier_compassion(record) if step == "friend" else [],
        "belief_value": _belief_value(record, step, source),
    }
    return render(request, "journal/thought_step.html", context, status=200)


def _selected_traps(record: ThoughtRecord, source: Any) -> set[str]:
    """What is ticked: what was just sent, else the client's choice, else the suggestions (to confirm or untick)."""
    if source is not None:
        return set(source.getlist("traps"))
    if record.traps_confirmed or record.last_step in ("traps", "evidence", "friend", "compassion", "rerate"):
        return set(record.traps_confirmed)
    return {s["trap"] for s in record.traps_suggested}


def _belief_value(record: ThoughtRecord, step: str, source: Any) -> Any:
    if source is not None:
        return source.get("belief", "")
    value = record.belief_before if step == "belief" else record.belief_after
    return "" if value is None else value


def _emotion_rows(record: ThoughtRecord, source: Any) -> list[dict[str, Any]]:
    saved = record.emotions
    rows = []
    for i in range(EMOTION_ROWS):
        e = saved[i] if i < len(saved) else {}
        if source is not None:
            rows.append(
                {
                    "i": i,
                    "name": source.get(f"emotion-{i}", e.get("name", "")),
                    "before": source.get(f"intensity-{i}", e.get("before", "")),
                    "after": source.get(f"after-{i}", e.get("after", "")),
                }
            )
        else:
            rows.append({"i": i, "name": e.get("name", ""), "before": e.get("before", ""), "after": e.get("after", "")})
    return rows


def _next(record: ThoughtRecord, step: str, go: str) -> str:
    steps = ThoughtRecord.STEPS
    index = steps.index(step)
    if go == "later":
        return reverse("journal:thoughts")
    if go == "back" and index > 0:
        return reverse("journal:thought_step", args=[record.pk, steps[index - 1]])
    if index + 1 < len(steps):
        return reverse("journal:thought_step", args=[record.pk, steps[index + 1]])
    return reverse("journal:thought_finish", args=[record.pk])


@client_required
@require_safe
def resume(request: HttpRequest, record_id: int) -> HttpResponse:
    """Carry on with a record where the client left off (a finished one opens as it is)."""
    record = _own(request, record_id)
    if not record.is_draft:
        return redirect("journal:thought", record_id=record.pk)
    return redirect("journal:thought_step", record_id=record.pk, step=record.last_step)


@client_required
@require_http_methods(["GET", "POST"])
def finish(request: HttpRequest, record_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    record = _own(request, record_id)
    error = ""
    if request.method == "POST":
        try:
            thoughts.finish(record=record, client=client)
        except thoughts.StepError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Well done for staying with a hard thought. It's saved."))
            return redirect("journal:thought", record_id=record.pk)
    return render(request, "journal/thought_finish.html", {"record": record, "error": error})


@client_required
@require_safe
def detail(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _own(request, record_id)
    infos = trap_info()
    return render(
        request, "journal/thought.html", {"record": record, "traps": [infos[k] for k in record.traps_confirmed]}
    )


@client_required
@require_POST
def flag(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _own(request, record_id)
    flagged = request.POST.get("flagged") == "yes"
    thoughts.set_flag(record=record, client=request.user, flagged=flagged)  # type: ignore[arg-type]
    messages.success(
        request, _("Flagged for your next session.") if flagged else _("No longer flagged for your next session.")
    )
    return redirect("journal:thought", record_id=record.pk)


@client_required
@require_safe
def trends(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    result = thoughts.trends(client, include_private=True)
    infos = trap_info()
    return render(
        request,
        "journal/thought_trends.html",
        {"trends": result, "trap_names": {k: v.name for k, v in infos.items()}, "for_client": True},
    )
