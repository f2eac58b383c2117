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

# The main menu per role: entries of their own, and areas shown once with their entries (an area
# with a single entry the role may see is shown as that entry).
LEARNING = "Lernen"
REGION = "Region und Netzwerk"
COMPANY_AI = "KI im Betrieb"
TOP = ["Meine Übersicht", "Selbstchecks"]
# roles that learn: their path first; "Nachweise" is one's own credentials for learners and the
# issued ones for the administrations
LEARNS = ["Mein Lernweg", "Meine Kompetenzen", "Lerneinheiten", "Lernkatalog", "Nachweise"]
BROWSES = ["Lerneinheiten", "Lernkatalog"]
ADMINISTERS = [
    *BROWSES,
    "Nachweise",
    "Fragenstatistik",
]  # "Fragenstatistik": for the units' authors
CENTRE = ["Bedarfsanalyse", "Netzwerk"]
PLANS = ["Bedarfsanalyse", "Programmplanung", "Netzwerk"]  # centre staff plan the programme
# "KI-Systeme": the organisation's readers of its AI inventory, and centres that accompany it;
# "Mitgestalten": the company's participation projects, and centres that accompany it
ALL_AI = ["KI-Systeme", "Mitgestalten", "KI-Wissen"]
MENUS: dict[Role | None, list[tuple[str, list[str]]]] = {
    None: [(LEARNING, BROWSES), ("Netzwerk", []), ("KI-Wissen", [])],
    Role.COMPANY_LEAD: [
        *[(t, []) for t in TOP],
        (LEARNING, [*LEARNS, "Berufsprofile"]),
        ("Netzwerk", []),
        (COMPANY_AI, ALL_AI),
        ("Profil", []),
    ],
    Role.EMPLOYEE: [
        *[(t, []) for t in TOP],
        (LEARNING, LEARNS),
        ("Netzwerk", []),
        (COMPANY_AI, ["Mitgestalten", "KI-Wissen"]),
        ("Profil", []),
    ],
    Role.WORKS_COUNCIL: [
        *[(t, []) for t in TOP],
        (LEARNING, LEARNS),
        ("Netzwerk", []),
        (COMPANY_AI, ALL_AI),
        ("Profil", []),
    ],
    Role.SOLO: [
        *[(t, []) for t in TOP],
        (LEARNING, LEARNS),
        ("Netzwerk", []),
        (COMPANY_AI, ["KI-Systeme", "KI-Wissen"]),
        ("Profil", []),
    ],
    Role.CENTRE_ADMIN: [
        *[(t, []) for t in TOP],
        (LEARNING, ADMINISTERS),
        (REGION, PLANS),
        (COMPANY_AI, ALL_AI),
        ("Profil", []),
    ],
    Role.ADVISOR: [
        *[(t, []) for t in TOP],
        (LEARNING, BROWSES),
        (REGION, PLANS),
        (COMPANY_AI, ALL_AI),
        ("Profil", []),
    ],
    Role.TRAINER: [
        *[(t, []) for t in TOP],
        (LEARNING, [*BROWSES, "Fragenstatistik"]),
        (REGION, CENTRE),
        ("KI-Wissen", []),
        ("Profil", []),
    ],
    Role.PROGRAMME_ADMIN: [
        *[(t, []) for t in TOP],
        (LEARNING, ADMINISTERS),
        (REGION, CENTRE),
        ("KI-Wissen", []),
        ("Profil", []),
    ],
    Role.REVIEWER: [
        *[(t, []) for t in TOP],
        (LEARNING, BROWSES),
        ("Netzwerk", []),
        ("KI-Wissen", []),
        ("Profil", []),
    ],
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
LITERACY = "KI-Kompetenz (Art. 4)"  # the Art. 4 record's card, for the same people
LITERACY_BUTTON = ("secondary", "ai_act:literacy")
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
            LITERACY,
            NEXT_DATES,
            "Nächste Schritte",
            "Mitgestalten",
        ],
        [*ORG_BUTTONS, AI_BUTTON, LITERACY_BUTTON, CATALOGUE_BUTTON, PARTICIPATION],
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
            LITERACY,
            NEXT_DATES,
            "Nächste Schritte",
        ],
        [
            ORG_BUTTONS[0],
            ("secondary", "organisations:organisation_ask_centre"),
            ORG_BUTTONS[1],
            AI_BUTTON,
            LITERACY_BUTTON,
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


def _links(html: str, label: str) -> list[tuple[str, str, str | None]]:
    """(label, URL, aria-current) of the links in the navigation with the given accessible name."""
    nav = html[html.index(f'aria-label="{label}"') :]
    nav = nav[: nav.index("</nav>")]
    found = re.finditer(r'<a href="([^"]+)" (?:aria-current="(page|true)")?>([^<]+)</a>', nav)
    return [(m.group(3), m.group(1), m.group(2)) for m in found]


def _menu(html: str) -> list[tuple[str, str, str | None]]:
    return _links(html, "Hauptnavigation")


URLS = {
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


def _url(label: str, role: Role | None) -> str:
    if label == "Nachweise":
        administers = role in (Role.CENTRE_ADMIN, Role.PROGRAMME_ADMIN)
        return reverse("credentials:manage" if administers else "credentials:mine")
    return reverse(URLS[label])


def test_the_menu_of_every_role_groups_its_entries_into_areas(login):
    """Every role sees at most six items; an area leads to its first entry, and each of its
    entries' pages shows the area's entries as a second row, with the open page marked."""
    tenant = make_tenant("BY")
    for role, items in MENUS.items():
        client = _client(tenant, role, login)
        home = client.get(reverse("core:home")).content.decode()
        expected = [
            (label, _url(children[0] if children else label, role), None)
            for label, children in items
        ]
        assert _menu(home) == expected, role
        assert len(expected) <= 6
        assert 'class="zz-subnav"' not in home  # the start page belongs to no area
        for label, children in items:
            for child in children:
                html = client.get(_url(child, role)).content.decode()
                assert (label, _url(children[0], role), "true") in _menu(html), (role, child)
                assert _links(html, f"Bereich {label}") == [
                    (c, _url(c, role), "page" if c == child else None) for c in children
                ], (role, child)


def test_the_menu_marks_the_page_that_is_open(login):
    tenant = make_tenant("BY")
    client = _client(tenant, Role.ADVISOR, login)
    current = [
        x[0] for x in _menu(client.get(reverse("organisations:dashboard")).content.decode()) if x[2]
    ]
    assert current == ["Meine Übersicht"]
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
                if name.endswith(("_detail", "_ask_centre")) or name == "ai_act:literacy"
                else reverse(name),
            )
            for style, name in buttons
        ]
        assert re.findall(r'kern-btn--(\w+)" href="([^"]+)"', main) == expected, role
