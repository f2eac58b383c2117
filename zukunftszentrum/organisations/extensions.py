"""What this app plugs into the shell: menu entries, cards on "Meine Übersicht", its demo step
and its audit actions. Called once from `OrganisationsConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards

from . import overview
from .audit_actions import OWN_SUMMARY, OrganisationAction

CARDS = "organisations/overview_cards.html"


def register() -> None:
    navigation.register_menu_entry(
        "organisations.network",
        label=_("Netzwerk"),
        url_name="organisations:network",
        order=42,
        area="region",
        signed_in=False,
    )
    navigation.register_menu_entry(
        "organisations.dashboard",
        label=_("Meine Übersicht"),
        url_name="organisations:dashboard",
        order=20,
    )
    navigation.register_menu_entry(
        "organisations.profile", label=_("Profil"), url_name="organisations:profile", order=90
    )
    _register_cards()
    _register_links()
    demo_steps.register_demo_step("network", order=10, run=_seed_demo_network)
    audit_actions.register_actions(OrganisationAction, order=100, own_summary=OWN_SUMMARY)


def _register_cards() -> None:
    org, centre, network = (
        overview.organisation_overview,
        overview.centre_overview,
        overview.network_overview,
    )
    # (partial in CARDS, order, shown to, data it reads); orders leave room for other apps' cards
    table = [
        ("waiting", 5, overview.in_organisation, overview.waiting_for),
        ("organisation", 10, overview.in_organisation, org),
        ("accompaniment", 20, overview.in_organisation, org),
        ("works_council", 25, overview.is_works_council, org),
        ("next_steps", 40, overview.manages_organisation, org),
        ("data_rights", 50, overview.is_staff_of_organisation, None),
        ("centre", 10, overview.in_centre, centre),
        ("accompanied_count", 20, overview.in_centre, centre),
        ("network_centres", 10, overview.manages_network, network),
        ("network_organisations", 20, overview.manages_network, network),
        ("network_coverage", 30, overview.manages_network, network),
    ]
    for partial, order, shows, context in table:
        overview_cards.register_card(
            f"organisations.{partial}",
            template=f"{CARDS}#{partial}",
            order=order,
            shows=shows,
            context=context,
        )


def _register_links() -> None:
    link = overview_cards.register_link
    link(
        "organisations.centre_workspace",
        place="centre",
        order=10,
        primary=True,
        label=_("Zum Arbeitsbereich des Zentrums"),
        url_name="organisations:centre_workspace",
        shows=overview.in_centre,
    )
    link(
        "organisations.audit_log",
        place="network",
        order=10,
        label=_("Sicherheitsprotokoll"),
        url_name="organisations:audit_log",
        shows=overview.manages_network,
    )
    link(
        "organisations.admin",
        place="network",
        order=90,
        label=_("Verwaltung"),
        url_name="admin:index",
        shows=overview.manages_network,
    )


def _seed_demo_network(*, site_url: str = "") -> str:
    """The demo's centres, companies and people; prints one login per role."""
    # Imported here: the demo code loads only when someone seeds.
    from .demo import format_logins, seed_demo

    login_url = site_url + reverse("account_login") if site_url else ""
    logins = format_logins(seed_demo(), login_url)
    return gettext("Das Demo-Netzwerk ist angelegt.") + "\n" + logins
