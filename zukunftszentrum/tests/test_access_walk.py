"""Walk every URL pattern of the project with every role and check the answer against the
access rule the view declares. A module that adds a URL is covered the day it adds it; a URL with
parameters needs one line in its app's `tests/access_walk.py` (SAMPLES), naming sample arguments and
the role that owns the object. The walk collects those tables from every installed app.

Two tenants: "a" and "b". Each role exists in both. For an object of tenant a, a role that holds the
required capability but belongs to tenant b must get 404, exactly as for an object that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import module_has_submodule

from zukunftszentrum.core.access import AccessKind, access_rule
from zukunftszentrum.organisations.middleware import SESSION_KEY
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import ROLE_CAPABILITIES, Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant, make_tenant

SampleEntry = tuple[Sample, Role | None]


def sample_tables() -> Iterator[tuple[str, dict[str, SampleEntry]]]:
    """(app, SAMPLES) of every installed app that has a `tests/access_walk.py`."""
    for config in apps.get_app_configs():
        if not config.name.startswith("zukunftszentrum."):
            continue
        if not module_has_submodule(config.module, "tests"):
            continue
        if not module_has_submodule(import_module(f"{config.name}.tests"), "access_walk"):
            continue
        yield config.name, import_module(f"{config.name}.tests.access_walk").SAMPLES


def merge_samples(tables: Iterable[tuple[str, dict[str, SampleEntry]]]) -> dict[str, SampleEntry]:
    """One table of samples; a URL named by two apps is an error, not a silent override."""
    samples: dict[str, SampleEntry] = {}
    owners: dict[str, str] = {}
    for app, table in tables:
        for name, entry in table.items():
            if name in samples:
                raise ValueError(
                    f"access-walk sample {name!r} is given by {owners[name]} and {app}"
                )
            samples[name], owners[name] = entry, app
    return samples


SAMPLES = merge_samples(sample_tables())

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


def test_the_walk_finds_routes_and_samples() -> None:
    # The walk below is parametrised over OWN_ROUTES; over zero routes it would pass silently.
    assert len(OWN_ROUTES) > 20 and len(SAMPLES) > 20


def test_every_own_view_declares_access() -> None:
    undeclared = [r.route for r in OWN_ROUTES if access_rule(r.callback) is None]
    assert not undeclared, f"views without @public/@login_required/@requires: {undeclared}"


def test_every_parametrised_url_has_a_sample() -> None:
    missing = [
        r.name for r in OWN_ROUTES if (r.converters or "(?P<" in r.route) and r.name not in SAMPLES
    ]
    assert not missing, f"add sample kwargs to SAMPLES in <app>/tests/access_walk.py: {missing}"


def test_samples_come_from_every_app_and_clash_loudly() -> None:
    owners = {app for app, _table in sample_tables()}
    assert {f"zukunftszentrum.{a}" for a in ("organisations", "assessments", "needs")} <= owners
    entry: SampleEntry = (lambda t: {}, None)
    with pytest.raises(ValueError, match="'x:y' is given by one and two"):
        merge_samples([("one", {"x:y": entry}), ("two", {"x:y": entry})])


def test_every_sample_names_a_url() -> None:
    names = {r.name for r in ROUTES}
    stale = sorted(name for name in SAMPLES if name not in names)
    assert not stale, f"samples for URLs that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", OWN_ROUTES, ids=lambda r: r.name or r.route)
def test_route_answers_each_role_as_declared(route: Route) -> None:
    a, b = make_tenant("BY"), make_tenant("HH")
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
    a = make_tenant("BY")
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
    # One signed-in client per role for all routes (a sign-in per route and role took most of
    # this test's time); each is checked at the end to be still signed in, in its role, so a
    # refusal was never just a lost session.
    clients = {role: _client_for(a.members[role]) for role in Role}
    for route in admin_routes:
        url = _url(route, a)
        for role in Role:
            answer = clients[role].get(url)
            if role is Role.PROGRAMME_ADMIN:
                # read-only models refuse their add view (403); lists and the index must open
                lists = route.name.endswith(("_changelist", ":index"))
                expected = (200,) if lists else (200, 302, 403)
                assert answer.status_code in expected, (url, answer.status_code)
            else:
                assert answer.status_code != 200 or route.name.endswith("jsi18n"), (url, role)
    for role, client in clients.items():
        member = a.members[role]
        assert client.session.get("_auth_user_id") == str(member.user.pk), role
        assert client.session.get(SESSION_KEY) == member.pk, role


@pytest.mark.django_db
def test_account_pages_answer_without_errors() -> None:
    a = make_tenant("BY")
    routes = [
        # A parameter may sit in an included prefix (allauth.mfa's keys/<int:pk>/...).
        r
        for r in ROUTES
        if r.route.startswith("konto/") and r.name and "<" not in r.route
    ]
    for route in routes:
        url = _url(route, a)
        for client in (Client(), _client_for(a.members[Role.EMPLOYEE])):
            answer = client.get(url)
            assert answer.status_code < 500, (url, answer.status_code)
