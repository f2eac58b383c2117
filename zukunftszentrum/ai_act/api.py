"""API of the AI-Act classification: batch checks of systems described by facts.

The same as `zukunftszentrum ai-act assess`: POST a list of systems (each an `id` and its facts)
and a law version; the answer names the version applied and gives per system `id`, `risk`,
`obligations` and `applies_from`. The request holds no personal data and nothing is stored; it is
open to signed-in people whose role sees AI systems (company lead, works council, solo) or manages
the network (programme admin). Others get 403.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.security import SessionAuth

from zukunftszentrum.core.access import request_capabilities
from zukunftszentrum.core.api import responses
from zukunftszentrum.organisations.roles import Capability

from . import content
from .batch import BatchError, assess_batch, describe

API_PREFIX = "/ai-act"
router = Router(tags=["KI-Verordnung"])
ALLOWED = {Capability.VIEW_AI_SYSTEMS, Capability.MANAGE_AI_SYSTEMS, Capability.MANAGE_NETWORK}

DESCRIPTION = """
Stuft eine Liste von KI-Systemen nach der KI-Verordnung ein, wie der Befehl
`zukunftszentrum ai-act assess`. Jedes System ist eine `id` und seine Merkmale (siehe
docs/methods/ai-act.md); fehlende Merkmale haben ihren Standardwert. `law` wählt die Fassung:
`adopted` (Verordnung (EU) 2024/1689, Standard) oder `omnibus` (in der Fassung des Digital-Omnibus).
Die Antwort nennt die angewandte Fassung und ihren Status und je System `risk`, die Pflichten, die
die eigene Organisation in ihrer Rolle treffen (`obligations`), und ab wann sie gelten
(`applies_from`). Ein unbekanntes Merkmal oder ein unbekannter Wert wird mit 422 abgelehnt und
benannt. Es wird nichts gespeichert.
"""


class AiSystemsAuth(SessionAuth):
    """The signed-in session, refused with 403 for a role without access to AI systems.

    Checked here rather than in the operation: ninja validates the body before the operation
    runs, and a role without access must learn that (403), not how to shape a request (422)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and not ALLOWED & request_capabilities(request):
            raise HttpError(403, _("Ihre Rolle hat keinen Zugang zu den KI-Systemen."))
        return user


class AssessIn(Schema):
    law: Literal["adopted", "omnibus"] = "adopted"
    systems: list[Any]


class SystemResultOut(Schema):
    id: str
    risk: str
    obligations: list[str]
    applies_from: dict[str, str]


class AssessOut(Schema):
    law: str
    law_title: str
    law_status: str
    systems: list[SystemResultOut]


@router.post(
    "/assess",
    response=responses(AssessOut, 401, 403),
    auth=AiSystemsAuth(),
    url_name="ai_act_assess",
    description=DESCRIPTION,
)
def assess(request: HttpRequest, payload: AssessIn) -> Any:
    """Classify systems described by facts under one law version."""
    try:
        results = assess_batch(payload.systems, payload.law)
    except BatchError as exc:
        loc: list[Any] = ["body", "systems"]
        if exc.position:
            loc.append(exc.position - 1)
        if exc.fact_error:
            loc.append(exc.fact_error.fact)
        # the same shape as ninja's own 422 for parameters that do not fit
        raise ValidationError([{"loc": loc, "msg": describe(exc), "type": exc.problem}]) from exc
    law = content.laws()[payload.law]
    language = getattr(request, "LANGUAGE_CODE", "de")
    return {
        "law": law.key,
        "law_title": law.title.get(language),
        "law_status": law.status,
        "systems": results,
    }
