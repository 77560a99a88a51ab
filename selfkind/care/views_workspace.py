"""The therapist's workspace pages for one client: homework, session notes, session prep, report."""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.access import get_client_for
from selfkind.accounts.decorators import therapist_required
from selfkind.care import prep, services, workspace
from selfkind.care.forms import HomeworkForm, SessionNoteForm
from selfkind.care.models import Homework, SessionNote
from selfkind.care.pdf import render_pdf
from selfkind.care.report import build_report
from selfkind.care.workspace import homework_label
from selfkind.measures.instruments import registry
from selfkind.practices import services as practice_services
from selfkind.practices.lessons import lessons_for


def _targets(client: object, stage: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the homework choices, the ones that suit the client's stage first and marked."""
    practices = practice_services.practices_for(client)  # type: ignore[arg-type]
    lessons = lessons_for(client)  # type: ignore[arg-type]
    suits = str(_("suits this stage"))
    fitting = [p for p in practices.values() if p.stage == stage] + [
        lesson for lesson in lessons.values() if lesson.stage == stage
    ]
    groups = []
    if fitting:
        groups.append(
            (
                str(_("Suggested for this stage")),
                [
                    (
                        f"{'lesson' if hasattr(item, 'reflection') else 'practice'}:{item.slug}",
                        f"{item.title} ({suits})",
                    )
                    for item in fitting
                ],
            )
        )
    return groups + [
        (str(_("Practices")), [(f"practice:{p.slug}", p.title) for p in practices.values()]),
        (str(_("Lessons")), [(f"lesson:{lesson.slug}", lesson.title) for lesson in lessons.values()]),
        (str(_("Questionnaires")), [(f"measure:{i.key}", i.short_name) for i in registry.all_instruments()]),
    ]


@therapist_required
@require_http_methods(["GET", "POST"])
def homework(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="view:homework", request=request)
    client = access.client
    stage = access.relationship.stage if access.relationship else "understanding"
    form = HomeworkForm(
        request.POST or None,
        targets=_targets(client, stage),
        initial={"starts_on": timezone.localdate(), "per_week": 3},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_homework(therapist=access.viewer, client=client, **form.cleaned_data)
        except services.HomeworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Homework set. Your client sees it on their home page."))
            return redirect("care:homework", client_id=client.pk)
    rows = workspace.homework_adherence([client]).get(client.pk, [])
    context = {
        "access": access,
        "client": client,
        "form": form,
        "rows": [(r, homework_label(r.homework, client)) for r in rows],
        "overall": workspace.overall_for(rows),
        "relationship": access.relationship,
        "stages": access.relationship._meta.get_field("stage").choices if access.relationship else [],
    }
    return render(request, "care/homework.html", context)


@therapist_required
@require_POST
def stop_homework(request: HttpRequest, client_id: int, homework_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:homework", request=request)
    item = get_object_or_404(Homework, pk=homework_id, client=access.client, therapist=access.viewer)
    services.stop_homework(homework=item, therapist=access.viewer)
    messages.info(request, _("Homework stopped."))
    return redirect("care:homework", client_id=access.client.pk)


@therapist_required
@require_POST
def set_stage(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:stage", request=request)
    stage = request.POST.get("stage", "")
    relationship = access.relationship
    if relationship is None or stage not in dict(relationship._meta.get_field("stage").choices or []):
        raise Http404
    relationship.stage = stage
    relationship.save(update_fields=["stage"])
    messages.success(request, _("Stage saved. Suggestions for your client follow it."))
    return redirect("care:homework", client_id=access.client.pk)


@therapist_required
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, client_id: int) -> HttpResponse:
    # Notes are the therapist's own records: readable (not writable) after consent is withdrawn.
    access = get_client_for(request.user, client_id, action="view:session_notes", request=request, own_records=True)
    therapist, client = access.viewer, access.client
    open_homework = list(Homework.objects.filter(client=client, therapist=therapist, active=True))
    for h in open_homework:
        h.label = homework_label(h, client)  # type: ignore[attr-defined]
    form = SessionNoteForm(
        request.POST or None,
        sections=SessionNote.SECTIONS[therapist.note_format],
        homework=open_homework,
        initial={"session_date": timezone.localdate()},
    )
    if request.method == "POST":
        if access.level != "therapist":
            raise Http404
        if form.is_valid():
            chosen = {int(pk) for pk in form.cleaned_data["homework"]}
            services.write_note(
                therapist=therapist,
                client=client,
                session_date=form.cleaned_data["session_date"],
                sections={k: v for k, v in form.cleaned_data.items() if k not in ("session_date", "homework")},
                homework=[h for h in open_homework if h.pk in chosen],
            )
            messages.success(request, _("Note saved."))
            return redirect("care:notes", client_id=client.pk)
    written = SessionNote.objects.filter(client=client, therapist=therapist).prefetch_related("homework")
    context = {"access": access, "client": client, "form": form, "notes": written}
    return render(request, "care/notes.html", context)


@login_required
@require_safe
def session_prep(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="view:session_prep", request=request)
    if access.is_self or access.level != "therapist":
        raise Http404
    return render(request, "care/session_prep.html", prep.prepare(access) | {"access": access})


@therapist_required
@require_safe
def report(request: HttpRequest, client_id: int) -> HttpResponse:
    """Download the progress report (PDF); by default the last 12 weeks. Every download is audited."""
    access = get_client_for(request.user, client_id, action="download:progress_report", request=request)
    today = timezone.localtime(timezone.now(), access.client.tzinfo).date()
    try:
        end = date.fromisoformat(request.GET.get("end", "")) if request.GET.get("end") else today
        start = (
            date.fromisoformat(request.GET.get("start", "")) if request.GET.get("start") else end - timedelta(weeks=12)
        )
    except ValueError:
        messages.error(request, _("Those dates don't look right. Please pick them again."))
        return redirect("care:client", client_id=access.client.pk)
    if start > end:
        messages.error(request, _("The start date is after the end date. Please pick them again."))
        return redirect("care:client", client_id=access.client.pk)
    pdf = render_pdf(build_report(access, start, end))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progress-report-{access.client.pk}-{end.isoformat()}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def fhir_export(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's measures as an HL7 FHIR R4 Bundle (the client's own, or the consenting therapist's, audited)."""
    access = get_client_for(request.user, client_id, action="download:fhir", request=request)
    if not (access.is_self or access.level == "therapist"):
        raise Http404
    from selfkind.accounts.models import client_pseudonym
    from selfkind.measures import fhir
    from selfkind.measures.models import Administration

    bundle = fhir.bundle(
        access.client,
        Administration.objects.filter(client=access.client),
        pseudonym=client_pseudonym(access.client.pk),
        include_name=access.is_self,
    )
    response = HttpResponse(json.dumps(bundle, indent=1), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="selfkind-fhir-{access.client.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
