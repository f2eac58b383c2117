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

BASE = ["Netzwerk", "Meine Übersicht", "Selbstchecks", "Lerneinheiten", "Lernkatalog"]
WITH_NEEDS = [*BASE, "Bedarfsanalyse", "KI-Wissen", "Profil"]
WITHOUT_NEEDS = [*BASE, "KI-Wissen", "Profil"]
# roles that learn: their path before the catalogue, their competences after it
LEARNS = [*BASE[:4], "Mein Lernweg", "Lernkatalog"]
# "Nachweise": one's own credentials for learners, the issued ones for the administrations;
# "KI-Systeme": the organisation's readers of its AI inventory, and centres that accompany it;
# "Mitgestalten": the company's participation projects, and centres that accompany it
LEARNER = [*LEARNS, "Meine Kompetenzen", "Nachweise", "Mitgestalten", "KI-Wissen", "Profil"]
COUNCIL_MENU = [
    *LEARNS,
    "Meine Kompetenzen",
    "Nachweise",
    "KI-Systeme",
    "Mitgestalten",
    "KI-Wissen",
    "Profil",
]
SOLO_MENU = [*LEARNS, "Meine Kompetenzen", "Nachweise", "KI-Systeme", "KI-Wissen", "Profil"]
LEAD = [
    *LEARNS,
    "Meine Kompetenzen",
    "Berufsprofile",
    "Nachweise",
    "KI-Systeme",
    "Mitgestalten",
    "KI-Wissen",
    "Profil",
]
# "Programmplanung": the concept designer, for the centre's admins and advisors
ACCOMPANYING = [
    *BASE,
    "Programmplanung",
    "Bedarfsanalyse",
    "KI-Systeme",
    "Mitgestalten",
    "KI-Wissen",
    "Profil",
]
# "Fragenstatistik": how the units' questions work, for their authors
ADMINISTRATION = [*BASE, "Fragenstatistik", "Nachweise", "Bedarfsanalyse", "KI-Wissen", "Profil"]
MENUS = {
    None: ["Netzwerk", "Lerneinheiten", "Lernkatalog", "KI-Wissen"],
    Role.COMPANY_LEAD: LEAD,
    Role.EMPLOYEE: LEARNER,
    Role.WORKS_COUNCIL: COUNCIL_MENU,
    Role.SOLO: SOLO_MENU,
    Role.CENTRE_ADMIN: [
        *BASE,
        "Programmplanung",
        "Fragenstatistik",
        "Nachweise",
        "Bedarfsanalyse",
        "KI-Systeme",
        "Mitgestalten",
        "KI-Wissen",
        "Profil",
    ],
    Role.ADVISOR: ACCOMPANYING,
    Role.TRAINER: [*BASE, "Fragenstatistik", "Bedarfsanalyse", "KI-Wissen", "Profil"],
    Role.PROGRAMME_ADMIN: ADMINISTRATION,
    Role.REVIEWER: WITHOUT_NEEDS,
}

COMPANY = "{company}"
CENTRE_CARDS = ["{centre}", "Begleitete Organisationen"]
CENTRE_BUTTONS = [("primary", "organisations:centre_workspace"), ("secondary", "needs:dashboard")]
# the concept designer's card, for the centre's admins and advisors
PLANNING_CARDS = [*CENTRE_CARDS, "Programmplanung"]
PLANNING_BUTTONS = [*CENTRE_BUTTONS, ("secondary", "concepts:index")]
ORG_BUTTONS = [
    ("primary", "organisations:organisation_detail"),
    ("secondary", "assessments:overview"),
]
AI_BUTTON = ("secondary", "ai_act:systems")  # the inventory's card, for whoever manages it
WAITING = "Was auf Sie wartet"
CHECKS_WAITING = "Checks, die auf Ihre Antwort warten"  # the self-checks' card
NEXT_DATES = "Ihre nächsten Termine"  # the learning catalogue's card for everyone who learns
CATALOGUE_BUTTON = ("secondary", "learning:catalogue")
OWN_DATA = [
    WAITING,
    CHECKS_WAITING,
    COMPANY,
    "Begleitung durch ein Zukunftszentrum",
    "Selbstchecks",
    "Lerneinheiten",
    NEXT_DATES,
    "Mitgestalten",
    "Ihre Daten bleiben Ihre Daten",
]
COUNCIL = [*OWN_DATA[:4], "Was der Betriebsrat sieht", *OWN_DATA[4:]]
# the works council's card leads to the company's checks
PARTICIPATION = ("secondary", "participation:projects")  # the participation card
COUNCIL_BUTTONS = [
    ORG_BUTTONS[0],
    ("primary", "assessments:overview"),
    ORG_BUTTONS[1],
    CATALOGUE_BUTTON,
    PARTICIPATION,
]
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
            "KI-Systeme",
            NEXT_DATES,
            "Nächste Schritte",
            "Mitgestalten",
        ],
        [*ORG_BUTTONS, AI_BUTTON, CATALOGUE_BUTTON, PARTICIPATION],
    ),
    Role.EMPLOYEE: (OWN_DATA, [*ORG_BUTTONS, CATALOGUE_BUTTON, PARTICIPATION]),
    Role.WORKS_COUNCIL: (COUNCIL, COUNCIL_BUTTONS),
    Role.SOLO: (  # not accompanied yet: the accompaniment card offers to ask a centre
        [
            WAITING,
            CHECKS_WAITING,
            "{solo}",
            "Begleitung durch ein Zukunftszentrum",
            "Selbstchecks",
            "Lerneinheiten",
            "KI-Systeme",
            NEXT_DATES,
            "Nächste Schritte",
        ],
        [
            ORG_BUTTONS[0],
            ("secondary", "organisations:organisation_ask_centre"),
            ORG_BUTTONS[1],
            AI_BUTTON,
            CATALOGUE_BUTTON,
        ],
    ),
    Role.CENTRE_ADMIN: (PLANNING_CARDS, PLANNING_BUTTONS),
    Role.ADVISOR: (PLANNING_CARDS, PLANNING_BUTTONS),
    Role.TRAINER: (  # the learning catalogue's card with the trainer's courses
        [*CENTRE_CARDS, "Ihre Kurse"],
        [*CENTRE_BUTTONS, ("secondary", "learning:courses")],
    ),
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
        "Lernkatalog": "learning:catalogue",
        "Bedarfsanalyse": "needs:dashboard",
        "Mitgestalten": "participation:projects",
        "KI-Wissen": "ai_act:knowledge",
        "Meine Kompetenzen": "learning:competences",
        "Berufsprofile": "learning:job_profiles",
        "KI-Systeme": "ai_act:systems",
        "Mein Lernweg": "learning:paths",
        "Lerneinheiten": "self_learning:list",
        "Fragenstatistik": "self_learning:statistics",
        "Profil": "organisations:profile",
        "Programmplanung": "concepts:index",
    }
    for role, labels in MENUS.items():
        administers = role in (Role.CENTRE_ADMIN, Role.PROGRAMME_ADMIN)
        urls["Nachweise"] = "credentials:manage" if administers else "credentials:mine"
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
