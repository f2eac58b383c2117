"""Workshops: the list, planning one from a template, its page with agenda, participants,
results (named items of the idea list), decisions and flip-chart photos."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import activity_rules, queries, workshop_content
from .. import workshop_service as service
from ..activity_forms import PhotoForm, ResultForm, WorkshopForm
from ..models import Project, Workshop
from .common import PARTICIPANTS, handle_form, refusals, require


def _form(project: Project, data: Any = None, **kwargs: Any) -> WorkshopForm:
    return WorkshopForm(data, candidates=service.possible_participants(project), **kwargs)


def _values(project: Project, d: dict[str, Any]) -> dict[str, Any]:
    """What the workshop form says, as `service.save` takes it."""
    chosen = service.possible_participants(project).filter(pk__in=d["participants"])
    fields = ("title", "held_on", "agenda", "notes")
    return {f: d[f] for f in fields} | {"participants": chosen}


def _back(workshop: Workshop) -> HttpResponse:
    return redirect("participation:workshop", pk=workshop.project_id, workshop_pk=workshop.pk)


@requires(*PARTICIPANTS)
def workshop_list(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    return render(
        request,
        "participation/workshop_list.html",
        {
            "project": project,
            "workshops": project.workshops.all(),
            "templates": workshop_content.templates(),
            "run": activity_rules.may("run_workshop", request.member, project),
        },
    )


@requires(*PARTICIPANTS)
def workshop_new(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    allowed = activity_rules.may("run_workshop", request.member, project)
    form = _form(
        project, request.POST or None, initial={"template_key": request.GET.get("vorlage", "")}
    )
    if request.method == "POST":
        require(allowed)
        if form.is_valid():
            d = form.cleaned_data
            with refusals(request):
                workshop = service.save(
                    member=request.member,
                    project=project,
                    template_key=d["template_key"],
                    **_values(project, d),
                )
                messages.success(request, _("Der Workshop ist angelegt."))
                return _back(workshop)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "participation/workshop_new.html",
        {"project": project, "form": form, "allowed": allowed},
        status=status,
    )


def _page(
    request: MemberRequest, project: Project, workshop: Workshop, status: int = 200, **forms: Any
) -> HttpResponse:
    run = activity_rules.may("run_workshop", request.member, project)
    initial = {
        "title": workshop.title,
        "held_on": workshop.held_on,
        "template_key": workshop.template_key,
        "agenda": workshop.agenda,
        "notes": workshop.notes,
        "participants": [str(m.pk) for m in workshop.participants.all()],
    }
    return render(
        request,
        "participation/workshop_detail.html",
        {
            "project": project,
            "workshop": workshop,
            "participants": workshop.participants.select_related("user").order_by(
                "user__full_name"
            ),
            "results": service.results_of(workshop),
            "decisions": workshop.decisions.filter(published_on__isnull=False),
            "photos": workshop.photos.all(),
            "run": run,
            "edit_form": forms.get("edit_form") or _form(project, initial=initial),
            "result_form": forms.get("result_form") or ResultForm(),
            "photo_form": forms.get("photo_form") or PhotoForm(),
        },
        status=status,
    )


@requires(*PARTICIPANTS)
def workshop_detail(request: MemberRequest, pk: int, workshop_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    return _page(request, project, service.access_workshop(project, workshop_pk))


@requires(*PARTICIPANTS)
@require_POST
def workshop_edit(request: MemberRequest, pk: int, workshop_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    workshop = service.access_workshop(project, workshop_pk)
    require(activity_rules.may("run_workshop", request.member, project))
    return handle_form(
        request,
        _form(project, request.POST),
        act=lambda d: service.save(
            member=request.member, project=project, workshop=workshop, **_values(project, d)
        ),
        done=_("Der Workshop ist gespeichert."),
        then=lambda _saved: _back(workshop),
        invalid=lambda form: _page(request, project, workshop, 400, edit_form=form),
    )


@requires(*PARTICIPANTS)
@require_POST
def workshop_result(request: MemberRequest, pk: int, workshop_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    workshop = service.access_workshop(project, workshop_pk)
    require(activity_rules.may("run_workshop", request.member, project))
    return handle_form(
        request,
        ResultForm(request.POST),
        act=lambda d: service.add_result(member=request.member, workshop=workshop, **d),
        done=_("Das Ergebnis steht jetzt auch in der Liste der Ideen und Bedenken."),
        then=lambda _item: _back(workshop),
        invalid=lambda form: _page(request, project, workshop, 400, result_form=form),
    )


@requires(*PARTICIPANTS)
@require_POST
def workshop_photo_upload(request: MemberRequest, pk: int, workshop_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    workshop = service.access_workshop(project, workshop_pk)
    require(activity_rules.may("run_workshop", request.member, project))
    return handle_form(
        request,
        PhotoForm(request.POST, request.FILES),
        act=lambda d: service.add_photo(
            member=request.member, workshop=workshop, image=d["image"], caption=d["caption"]
        ),
        done=_("Das Foto ist hochgeladen."),
        then=lambda _photo: _back(workshop),
        invalid=lambda form: _page(request, project, workshop, 400, photo_form=form),
    )


@requires(*PARTICIPANTS)
def workshop_photo(
    request: MemberRequest, pk: int, workshop_pk: int, photo_pk: int
) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    photo = service.access_photo(service.access_workshop(project, workshop_pk), photo_pk)
    # Served through this view, never from a public media address: only members see it.
    # Read whole: at most MAX_PHOTO_BYTES, checked on upload.
    suffix = (photo.image.name or "").rsplit(".", 1)[-1]
    kind = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        suffix, "application/octet-stream"
    )
    with photo.image.open("rb") as f:
        response = HttpResponse(f.read(), content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    return response
