"""The inventory: list, create, edit, detail, retire, and the XLSX download.

Who sees what (see `queries.systems_visible_to`): the organisation's lead (or solo) and works
council read and the lead changes; the staff of a centre that accompanies the organisation with
its consent read. Another organisation's system is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.exports import download_response, file_slug
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from .. import actions, literacy, products
from ..exceptions import NotAllowed
from ..exports import inventory_table
from ..forms import AISystemForm, initial_from_type
from ..pages import inventory_context
from ..queries import access_managed_system, access_system, systems_visible_to
from ..results import system_context

READERS = (Capability.VIEW_AI_SYSTEMS, Capability.VIEW_ACCOMPANIED_RESULTS)


@requires(*READERS)
def systems(request: MemberRequest) -> HttpResponse:
    visible = systems_visible_to(request.member)
    context = inventory_context(request.member, visible)
    # The Art. 4 record of each organisation the viewer may read it for (literacy.py).
    context["literacy_records"] = list(
        literacy.record_organisations(request.member).order_by("legal_name")
    )
    return render(request, "ai_act/systems.html", context)


@requires(Capability.MANAGE_AI_SYSTEMS)
def system_create(request: MemberRequest) -> HttpResponse:
    chosen = request.GET.get("type", "")
    initial = initial_from_type(chosen, products.lang())
    form = AISystemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            system = actions.create_system(member=request.member, data=form.cleaned_data)
        except NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Das System ist erfasst. Als Nächstes: die Einstufung."))
            return redirect("ai_act:system_detail", system.pk)
    found = products.system_type(chosen)
    context = {
        "form": form,
        "type_options": products.type_choices(),
        "chosen": found,
        "chosen_examples": found.text("examples", products.lang()) if found else "",
    }
    return render(request, "ai_act/system_form.html", context)


@requires(Capability.MANAGE_AI_SYSTEMS)
def system_edit(request: MemberRequest, pk: int) -> HttpResponse:
    system = access_managed_system(request.member, pk)
    form = AISystemForm(request.POST or None, instance=system)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_system(member=request.member, system=system, data=form.cleaned_data)
        except NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Die Angaben sind gespeichert."))
            return redirect("ai_act:system_detail", system.pk)
    return render(request, "ai_act/system_form.html", {"form": form, "system": system})


@requires(*READERS)
def system_detail(request: MemberRequest, pk: int) -> HttpResponse:
    system = access_system(request.member, pk)
    return render(request, "ai_act/system_detail.html", system_context(system, request.member))


@requires(Capability.MANAGE_AI_SYSTEMS)
def system_retire(request: MemberRequest, pk: int) -> HttpResponse:
    """GET asks, naming the consequences; POST retires. A second tab finds it done."""
    system = access_managed_system(request.member, pk)
    back = reverse("ai_act:system_detail", args=[system.pk])
    if request.method == "POST" and system.status != system.Status.RETIRED:
        try:
            actions.retire_system(member=request.member, system=system)
        except NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Das System ist außer Betrieb genommen."))
        return redirect(back)
    context = {
        "heading": _("Außer Betrieb nehmen"),
        "subject": system.name,
        "consequences": [
            _("Das System bleibt mit seiner Einstufung und seinen Nachweisen im Verzeichnis."),
            _("Es erscheint nicht mehr in den offenen Pflichten und Lernzielen."),
        ],
        "confirm_label": _("Außer Betrieb nehmen"),
        "cancel_url": back,
        "done": _("Dieses System ist bereits außer Betrieb.")
        if system.status == system.Status.RETIRED
        else "",
    }
    return render(request, "organisations/confirm.html", context)


@requires(*READERS)
def systems_export(request: MemberRequest) -> HttpResponse:
    table = inventory_table(systems_visible_to(request.member))
    stem = "ki-systeme"
    if request.member.organisation is not None:
        stem = file_slug(f"ki-systeme-{request.member.organisation.legal_name}")
    return download_response(table, "xlsx", stem)
