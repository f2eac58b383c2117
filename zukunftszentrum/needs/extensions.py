"""What this app plugs into the shell: its menu entry, its links on "Meine Übersicht", its demo
step and its audit actions. Called once from `NeedsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import (
    audit_actions,
    demo_steps,
    metrics,
    navigation,
    overview_cards,
    prepared,
    tasks,
)
from zukunftszentrum.organisations.roles import Capability, Scope, has_capability, scope_of

from .audit_actions import NeedsAction


def register() -> None:
    navigation.register_menu_entry(
        "needs.dashboard",
        label=_("Bedarfsanalyse"),
        url_name="needs:dashboard",
        order=40,
        area="region",
        capability=Capability.VIEW_NEEDS_ANALYSIS,
    )
    overview_cards.register_link(
        "needs.dashboard.centre",
        place="centre",
        label=_("Regionale Bedarfsanalyse"),
        url_name="needs:dashboard",
        order=20,
        shows=_in_centre,
    )
    overview_cards.register_link(
        "needs.dashboard.network",
        place="network",
        label=_("Regionale Bedarfsanalyse"),
        url_name="needs:dashboard",
        order=20,
        shows=_manages_network,
    )
    overview_cards.register_link(
        "needs.population",
        place="network",
        label=_("Grundgesamtheit für die Bedarfsanalyse"),
        url_name="needs:population",
        order=30,
        shows=_manages_network,
    )
    demo_steps.register_demo_step("needs", order=30, run=_seed_demo_needs)
    audit_actions.register_actions(NeedsAction, order=300)
    tasks.register_recovery("needs.estimate_runs", _requeue_lost_runs)
    metrics.register_collector("needs.runs", _run_metrics, order=30)
    _register_prepared_downloads()


def _register_prepared_downloads() -> None:
    """The XLSX and the PDF report take seconds for a nation: a worker prepares them."""
    from . import downloads

    # The workbook holds the same published figures for everybody who may see the selection, so
    # one is built per run and selection (content_key); the report names the day it was made.
    for kind, build, content_key in (
        (downloads.XLSX_KIND, downloads.build_xlsx, downloads.xlsx_content_key),
        (downloads.REPORT_KIND, downloads.build_report, None),
    ):
        prepared.register_kind(
            kind,
            build=build,
            still_allowed=downloads.still_allowed,
            back_url=downloads.back_url,
            order=300,
            content_key=content_key,
        )


def _run_metrics() -> Any:
    from .metrics import needs_run_metrics

    return needs_run_metrics()


def _requeue_lost_runs() -> int:
    from .tasks import requeue_lost  # imported when a worker starts, not with the app

    return requeue_lost()


def _in_centre(member: Any) -> bool:
    return scope_of(member.role) is Scope.CENTRE


def _manages_network(member: Any) -> bool:
    return has_capability(member.role, Capability.MANAGE_NETWORK)


def _seed_demo_needs(*, site_url: str = "") -> str:
    """About 1,200 survey companies with answers, then the estimates of this and last year."""
    # Imported here: the demo code loads only when someone seeds.
    from .demo import refresh_estimates, seed_needs_survey

    counts = seed_needs_survey()
    windows = refresh_estimates()
    message = (
        gettext(
            "Bedarfserhebung der Demo: %(companies)d Unternehmen und %(responses)d Antworten neu."
        )
        % counts
    )
    if windows:
        message += " " + gettext("Schätzungen berechnet für: %s.") % ", ".join(windows)
    return message
