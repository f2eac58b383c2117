"""The PDF "Lehr- und Lernkonzept", prepared in the background (core.prepared).

WeasyPrint needs seconds for the map and the tables, so the view checks access and that the
scenario has been solved, and a task worker renders the file while the person sees its progress.
The worker reads the scenario as it is then. At fetch time the person must still hold the centre
role it was asked under: the membership theirs and active, still reading the learning demand,
and the scenario still one of that centre's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zukunftszentrum.core import prepared
from zukunftszentrum.core.pdf import render_pdf
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import report
from .models import Scenario

CONCEPT_KIND = "concepts.concept_pdf"


def prepare_concept(*, user: Any, member: Membership, scenario: Scenario) -> Any:
    """Queue the concept PDF for this person; returns the PreparedDownload."""
    label = _("Lehr- und Lernkonzept „%(name)s“") % {"name": scenario.name}
    params = {"membership": member.pk, "scenario": scenario.pk}
    return prepared.prepare(user=user, kind=CONCEPT_KIND, params=params, label=label)


def build_concept(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    scenario = Scenario.objects.select_related("centre").get(pk=params["scenario"])
    if not scenario.result:
        raise LookupError("the scenario has no result any more")
    context = report.context(scenario)
    progress(30)
    data = render_pdf(report.TEMPLATE, context)
    return prepared.Built(report.filename(scenario), "application/pdf", data)


def still_allowed(user: Any, params: Mapping[str, Any]) -> bool:
    """Only while the membership is the person's, active, a centre role that reads the
    learning demand, and the scenario belongs to that centre."""
    member = Membership.objects.filter(pk=params["membership"], user_id=user.pk).first()
    return (
        member is not None
        and member.is_active
        and member.centre_id is not None
        and has_capability(member.role, Capability.VIEW_LEARNING_DEMAND)
        and Scenario.objects.filter(pk=params["scenario"], centre_id=member.centre_id).exists()
    )


def back_url(params: Mapping[str, Any]) -> str:
    return reverse("concepts:scenario", kwargs={"pk": params["scenario"]})
