"""The rules of co-determination, the works agreement, the opinion map and the process report
in words: `predicates.py` decides (tested as a table), this module says a refusal so that the
person knows who may do it instead. Reasons of the phase come from `rules.reason`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Membership

from . import rules
from .models import Project
from .predicates import RULES, Situation, Why

_WHO = {
    "record_facts": lambda: _(
        "Die Angaben tragen die Leitung, der Betriebsrat und die Moderation des Projekts ein."
    ),
    "track_steps": lambda: _(
        "Den Stand der Schritte tragen die Leitung und die Moderation des Projekts ein."
    ),
    "decide_as_council": lambda: _("Seinen Beschluss trägt der Betriebsrat selbst ein."),
    "read_agreement": lambda: _(
        "Den Entwurf der Betriebsvereinbarung sehen die Leitung, der Betriebsrat, die "
        "Begleitung und die Moderation."
    ),
    "edit_agreement": lambda: _(
        "Den Entwurf bearbeiten die Leitung, der Betriebsrat und die Moderation."
    ),
    "curate_statements": lambda: _("Aussagen nimmt die Moderation des Projekts auf."),
    "release_opinion_map": lambda: _(
        "Die Meinungslandkarte gibt die Moderation des Projekts frei."
    ),
    "download_report": lambda: _(
        "Den Prozessbericht laden die Leitung und die Moderation des Projekts herunter."
    ),
}


def may(
    action: str, member: Membership | None, project: Project, s: Situation | None = None
) -> Answer:
    s = s or rules.situation(member, project)
    verdict = RULES[action](s)
    if verdict:
        return ALLOWED
    if verdict.why in (Why.WRONG_ROLE, Why.NOT_FACILITATOR) and action in _WHO:
        return refused(_WHO[action]())
    return refused(rules.reason(verdict, s, action))


def workspace_links(member: Membership | None, project: Project) -> dict[str, Answer]:
    s = rules.situation(member, project)
    return {a: may(a, member, project, s) for a in ("read_agreement", "download_report")}
