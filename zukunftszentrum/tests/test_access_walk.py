"""Walk every URL pattern of the project with every role and check the answer against the
access rule the view declares. A module that adds a URL is covered the day it adds it; a URL with
parameters needs one line in SAMPLES below, naming sample arguments and the role that owns the object.

Two tenants: "a" and "b". Each role exists in both. For an object of tenant a, a role that holds the
required capability but belongs to tenant b must get 404, exactly as for an object that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from zukunftszentrum.assessments.tests import factories as checks
from zukunftszentrum.core.access import AccessKind, access_rule
from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.needs.models import PopulationTable
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.middleware import SESSION_KEY
from zukunftszentrum.organisations.models import Accompaniment, Membership
from zukunftszentrum.organisations.roles import ROLE_CAPABILITIES, Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_solo,
)


@dataclass
class Tenant:
    members: dict[Role, Membership]
    company: Any
    centre: Any
    solo: Any
    accompaniment: Accompaniment
    invitation: Any
    token: str


def _tenant(land: str) -> Tenant:
    centre = make_centre(lands=(land,))
    company = make_organisation(land=land)
    solo = make_solo(land=land)
    members = {
        Role.COMPANY_LEAD: make_member(Role.COMPANY_LEAD, organisation=company),
        Role.EMPLOYEE: make_member(Role.EMPLOYEE, organisation=company),
        Role.WORKS_COUNCIL: make_member(Role.WORKS_COUNCIL, organisation=company),
        Role.SOLO: make_member(Role.SOLO, organisation=solo),
        Role.CENTRE_ADMIN: make_member(Role.CENTRE_ADMIN, centre=centre),
        Role.ADVISOR: make_member(Role.ADVISOR, centre=centre),
        Role.TRAINER: make_member(Role.TRAINER, centre=centre),
        Role.PROGRAMME_ADMIN: make_member(Role.PROGRAMME_ADMIN),
        Role.REVIEWER: make_member(Role.REVIEWER),
    }
    members[Role.PROGRAMME_ADMIN].user.is_staff = True
    members[Role.PROGRAMME_ADMIN].user.save()
    acc = actions.request_accompaniment(member=members[Role.ADVISOR], organisation=company)
    actions.decide_accompaniment(member=members[Role.COMPANY_LEAD], accompaniment=acc, consent=True)
    invitation, token = actions.invite(
        member=members[Role.COMPANY_LEAD],
        email=f"neu-{land.lower()}@example.org",
        role=Role.EMPLOYEE,
        organisation=company,
    )
    for m in members.values():
        ConsentRecord.objects.get_or_create(
            user=m.user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
        )
    return Tenant(members, company, centre, solo, acc, invitation, token)


# URL name -> (sample kwargs from tenant a, role of tenant a that must get a normal answer).
Sample = Callable[[Tenant], dict[str, Any]]
SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "organisations:centre_detail": (lambda t: {"slug": t.centre.slug}, None),
    "organisations:organisation_detail": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:organisation_edit": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:organisation_invite": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:organisation_remove_member": (
        lambda t: {"pk": t.company.pk, "membership_pk": t.members[Role.EMPLOYEE].pk},
        Role.COMPANY_LEAD,
    ),
    "organisations:organisation_accompaniment": (
        lambda t: {"pk": t.company.pk, "accompaniment_pk": t.accompaniment.pk},
        Role.COMPANY_LEAD,
    ),
    "organisations:centre_remove_staff": (
        lambda t: {"membership_pk": t.members[Role.TRAINER].pk},
        Role.CENTRE_ADMIN,
    ),
    "organisations:invitation_revoke": (lambda t: {"pk": t.invitation.pk}, Role.COMPANY_LEAD),
    "organisations:invitation_accept": (lambda t: {"token": t.token}, None),
    "assessments:assessment_start": (
        lambda t: {"pk": checks.walk_assessment(t.company)},
        Role.EMPLOYEE,
    ),
    "assessments:close": (lambda t: {"pk": checks.walk_assessment(t.company)}, Role.COMPANY_LEAD),
    "assessments:company_result": (
        lambda t: {"pk": checks.walk_assessment(t.company)},
        Role.COMPANY_LEAD,
    ),
    "assessments:company_result_pdf": (
        lambda t: {"pk": checks.walk_assessment(t.company)},
        Role.COMPANY_LEAD,
    ),
    "assessments:continue": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:page": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE]), "number": 1},
        Role.EMPLOYEE,
    ),
    "assessments:review": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:done": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:result": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:resume": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:token_continue": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:token_page": (lambda t: {"token": checks.walk_token(), "number": 1}, None),
    "assessments:token_review": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:token_done": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:result_by_token": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:result_pdf": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:result_pdf_by_token": (lambda t: {"token": checks.walk_token()}, None),
    # The region is the viewer's own (another centre's region is tested in needs/tests).
    "needs:export": (lambda t: {"fmt": "csv"}, None),
    "needs:population_activate": (
        lambda t: {"pk": PopulationTable.objects.get(is_default=True).pk},
        Role.PROGRAMME_ADMIN,
    ),
}

# Third-party URLs with parameters that cannot be sampled meaningfully (they carry one-time keys).
# The API (django-ninja) answers 401 instead of redirecting; its access rules are tested in
# assessments/tests/test_api.py.
THIRD_PARTY_PREFIXES = ("konto/", "verwaltung/", "sprache/", "api/")


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    callback: Any
    converters: tuple[str, ...]


def _walk(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(
                p.url_patterns,
                prefix + str(p.pattern),
                ns + (f"{p.namespace}:" if p.namespace else ""),
            )
        elif isinstance(p, URLPattern):
            name = f"{ns}{p.name}" if p.name else None
            yield Route(prefix + str(p.pattern), name, p.callback, tuple(p.pattern.converters))


ROUTES = list(_walk(get_resolver().url_patterns))
OWN_ROUTES = [r for r in ROUTES if not r.route.startswith(THIRD_PARTY_PREFIXES)]


def _url(route: Route, tenant: Tenant) -> str:
    from django.urls import reverse

    if not route.converters and "(?P<" not in route.route:
        return reverse(route.name) if route.name else "/" + route.route
    sample, _owner = SAMPLES[route.name]
    return reverse(route.name, kwargs=sample(tenant))


def _client_for(membership: Membership) -> Client:
    c = Client()
    c.force_login(membership.user)
    session = c.session
    session[SESSION_KEY] = membership.pk
    session.save()
    return c


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        ("/konto/login/", "/verwaltung/login/")
    )


def test_every_own_view_declares_access() -> None:
    undeclared = [r.route for r in OWN_ROUTES if access_rule(r.callback) is None]
    assert not undeclared, f"views without @public/@login_required/@requires: {undeclared}"


def test_every_parametrised_url_has_a_sample() -> None:
    missing = [
        r.name for r in OWN_ROUTES if (r.converters or "(?P<" in r.route) and r.name not in SAMPLES
    ]
    assert not missing, f"add sample kwargs to SAMPLES in {__file__}: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", OWN_ROUTES, ids=lambda r: r.name or r.route)
def test_route_answers_each_role_as_declared(route: Route) -> None:
    a, b = _tenant("BY"), _tenant("HH")
    rule = access_rule(route.callback)
    assert rule is not None
    url = _url(route, a)
    owner = SAMPLES.get(route.name or "", (None, None))[1]
    object_scoped = bool(route.converters) and owner is not None

    anonymous = Client().get(url)
    if rule.kind is AccessKind.PUBLIC:
        assert anonymous.status_code in (200, 302, 405), (url, anonymous.status_code)
    else:
        assert _is_login_redirect(anonymous), (url, anonymous.status_code)

    for role in Role:
        caps = frozenset(c.value for c in ROLE_CAPABILITIES[role])
        allowed = rule.allows(authenticated=True, capabilities=caps)
        own = _client_for(a.members[role]).get(url)
        if not allowed:
            assert own.status_code == 403, (url, role, own.status_code)
            continue
        assert own.status_code not in (403, 500), (url, role, own.status_code)
        assert not _is_login_redirect(own), (url, role)
        if role is owner:
            assert own.status_code in (200, 302, 405), (url, role, own.status_code)
        if object_scoped and role is not Role.PROGRAMME_ADMIN:
            other = _client_for(b.members[role])
            answer = other.get(url)
            if answer.status_code == 405:  # POST-only: the object lookup comes after the method
                answer = other.post(url, {})
            assert answer.status_code == 404, ("wrong tenant", url, role, answer.status_code)


@pytest.mark.django_db
def test_admin_is_only_for_programme_admins() -> None:
    # admin:autocomplete answers 403 to any request without its query parameters: left out.
    a = _tenant("BY")
    admin_routes = [
        r
        for r in ROUTES
        if r.route.startswith("verwaltung/")
        and r.name
        and not r.converters
        and "(?P<" not in r.route
        and r.name not in ("admin:login", "admin:logout", "admin:autocomplete")
    ]
    assert admin_routes
    for route in admin_routes:
        url = _url(route, a)
        for role in Role:
            answer = _client_for(a.members[role]).get(url)
            if role is Role.PROGRAMME_ADMIN:
                # read-only models refuse their add view (403); lists and the index must open
                lists = route.name.endswith(("_changelist", ":index"))
                expected = (200,) if lists else (200, 302, 403)
                assert answer.status_code in expected, (url, answer.status_code)
            else:
                assert answer.status_code != 200 or route.name.endswith("jsi18n"), (url, role)


@pytest.mark.django_db
def test_account_pages_answer_without_errors() -> None:
    a = _tenant("BY")
    routes = [
        r for r in ROUTES if r.route.startswith("konto/") and r.name and "(?P<" not in r.route
    ]
    for route in routes:
        url = _url(route, a)
        for client in (Client(), _client_for(a.members[Role.EMPLOYEE])):
            answer = client.get(url)
            assert answer.status_code < 500, (url, answer.status_code)
