"""The trainer's assessment of a participant who attended (RUN_COURSES, own centre only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..catalogue import queries
from ..catalogue.course_assessment import AssessmentForm, competences_of, record_assessment
from ..catalogue.exceptions import CatalogueError


@requires(Capability.RUN_COURSES)
@require_POST
def assess(request: MemberRequest, pk: int) -> HttpResponse:
    registration = queries.access_course_registration(request.member, pk)
    form = AssessmentForm(
        request.POST, prefix=f"r{registration.pk}", competences=competences_of(registration.offer)
    )
    if not form.is_valid():
        for error in form.non_field_errors() or [_("Bitte prüfen Sie die Angaben.")]:
            messages.error(request, str(error))
        return redirect("learning:course", pk=registration.offer_id)
    try:
        done = record_assessment(
            member=request.member,
            registration=registration,
            levels=form.levels(),
            note=form.cleaned_data["note"],
        )
    except CatalogueError as error:
        messages.error(request, str(error))
    else:
        who = registration.user.full_name or registration.user.email
        if done.written:
            messages.success(
                request, _("Die Einschätzung für %(who)s ist gespeichert.") % {"who": who}
            )
        else:
            messages.info(request, _("Für %(who)s hat sich nichts geändert.") % {"who": who})
    return redirect("learning:course", pk=registration.offer_id)
