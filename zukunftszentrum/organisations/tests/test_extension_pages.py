"""The menu and "Meine Übersicht" as assembled from every app's registrations, role by role.

The tables are what the hand-written menu and dashboard showed before the apps registered their
entries and cards; a registration that goes missing or moves changes a row here.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Tenant, make_tenant

pytestmark = pytest.mark.django_db

BASE = ["Netzwerk", "Meine Übersicht", "Selbstchecks", "Lerneinheiten"]
WITH_NEEDS = [*BASE, "Bedarfsanalyse", "Profil"]
AUTHOR = [*BASE, "Fragenstatistik", "Bedarfsanalyse", "Profil"]
WITHOUT_NEEDS = [*BASE, "Profil"]
LEARNER = [*BASE, "Meine Kompetenzen", "Profil"]
LEAD = [*BASE, "Meine Kompetenzen", "Berufsprofile", "Profil"]
MENUS = {
    None: ["Netzwerk", "Lerneinheiten"],
    Role.COMPANY_LEAD: LEAD,
    Role.EMPLOYEE: LEARNER,
    Role.WORKS_COUNCIL: LEARNER,
    Role.SOLO: LEARNER,
    Role.CENTRE_ADMIN: AUTHOR,
    Role.ADVISOR: WITH_NEEDS,
    Role.TRAINER: AUTHOR,
    Role.PROGRAMME_ADMIN: AUTHOR,
    Role.REVIEWER: WITHOUT_NEEDS,
}

COMPANY = "{company}"
CENTRE_CARDS = ["{centre}", "Begleitete Organisationen"]
CENTRE_BUTTONS = [("primary", "organisations:centre_workspace"), ("secondary", "needs:dashboard")]
ORG_BUTTONS = [
    ("primary", "organisations:organisation_detail"),
    ("secondary", "assessments:overview"),
]
WAITING = "Was auf Sie wartet"
CHECKS_WAITING = "Checks, die auf Ihre Antwort warten"  # the self-checks' card
OWN_DATA = [
    WAITING,
    CHECKS_WAITING,
    COMPANY,
    "Begleitung durch ein Zukunftszentrum",
    "Selbstchecks",
    "Lerneinheiten",
    "Ihre Daten bleiben Ihre Daten",
]
COUNCIL = [*OWN_DATA[:4], "Was der Betriebsrat sieht", *OWN_DATA[4:]]
# the works council's card leads to the company's checks
COUNCIL_BUTTONS = [ORG_BUTTONS[0], ("primary", "assessments:overview"), ORG_BUTTONS[1]]
# role -> (card headings in order, buttons in order as (style, URL name))
DASHBOARDS = {
    Role.COMPANY_LEAD: (
        [
            WAITING,
            CHECKS_WAITING,
            COMPANY,
            "Begleitung durch ein Zukunftszentrum",
            "Selbstchecks",
            "Lerneinheiten",
            "Nächste Schritte",
        ],
        ORG_BUTTONS,
    ),
    Role.EMPLOYEE: (OWN_DATA, ORG_BUTTONS),
    Role.WORKS_COUNCIL: (COUNCIL, COUNCIL_BUTTONS),
    Role.SOLO: (  # not accompanied yet: the accompaniment card offers to ask a centre
        [
            WAITING,
            CHECKS_WAITING,
            "{solo}",
            "Begleitung durch ein Zukunftszentrum",
            "Selbstchecks",
            "Lerneinheiten",
            "Nächste Schritte",
        ],
        [ORG_BUTTONS[0], ("secondary", "organisations:organisation_ask_centre"), ORG_BUTTONS[1]],
    ),
    Role.CENTRE_ADMIN: (CENTRE_CARDS, CENTRE_BUTTONS),
    Role.ADVISOR: (CENTRE_CARDS, CENTRE_BUTTONS),
    Role.TRAINER: (CENTRE_CARDS, CENTRE_BUTTONS),
    Role.PROGRAMME_ADMIN: (
        ["Zentren", "Organisationen", "Abdeckung"],
        [
            ("secondary", "organisations:audit_log"),
            ("secondary", "needs:dashboard"),
            ("secondary", "needs:population"),
            ("secondary", "admin:index"),
        ],
    ),
    Role.REVIEWER: ([], []),
}


def _client(tenant: Tenant, role: Role | None, login) -> Client:
    return login(tenant.members[role], Client()) if role else Client()


def _menu(html: str) -> list[tuple[str, str, bool]]:
    nav = html[html.index('class="zz-nav"') : html.index("</nav>")]
    found = re.finditer(r'<a href="([^"]+)" (aria-current="page")?>([^<]+)</a>', nav)
    return [(m.group(3), m.group(1), bool(m.group(2))) for m in found]


def test_the_menu_of_every_role_is_the_one_it_always_was(login):
    tenant = make_tenant("BY")
    urls = {
        "Netzwerk": "organisations:network",
        "Meine Übersicht": "organisations:dashboard",
        "Selbstchecks": "assessments:overview",
        "Bedarfsanalyse": "needs:dashboard",
        "Meine Kompetenzen": "learning:competences",
        "Berufsprofile": "learning:job_profiles",
        "Lerneinheiten": "self_learning:list",
        "Fragenstatistik": "self_learning:statistics",
        "Profil": "organisations:profile",
    }
    for role, labels in MENUS.items():
        page = _client(tenant, role, login).get(reverse("organisations:network"))
        expected = [(label, reverse(urls[label]), label == "Netzwerk") for label in labels]
        assert _menu(page.content.decode()) == expected, role


def test_the_menu_marks_the_page_that_is_open(login):
    tenant = make_tenant("BY")
    client = _client(tenant, Role.ADVISOR, login)
    for url_name, label in [
        ("organisations:dashboard", "Meine Übersicht"),
        ("needs:dashboard", "Bedarfsanalyse"),
    ]:
        current = [x[0] for x in _menu(client.get(reverse(url_name)).content.decode()) if x[2]]
        assert current == [label]
    current = [x for x in _menu(client.get(reverse("core:home")).content.decode()) if x[2]]
    assert current == []


def test_the_overview_of_every_role_shows_the_cards_and_buttons_it_always_did(login):
    tenant = make_tenant("BY")
    names = {
        "company": tenant.company.legal_name,
        "centre": tenant.centre.name,
        "solo": tenant.solo.legal_name,
    }
    for role, (headings, buttons) in DASHBOARDS.items():
        html = _client(tenant, role, login).get(reverse("organisations:dashboard")).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        shown = re.findall(r'<h2 class="kern-heading-small">([^<]+)</h2>', main)
        assert shown == [h.format(**names) for h in headings], role
        organisation = tenant.solo if role is Role.SOLO else tenant.company
        expected = [
            (
                style,
                reverse(name, args=[organisation.pk])
                if name.endswith(("_detail", "_ask_centre"))
                else reverse(name),
            )
            for style, name in buttons
        ]
        assert re.findall(r'kern-btn--(\w+)" href="([^"]+)"', main) == expected, role
