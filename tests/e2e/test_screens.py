"""Full-page screenshots of the main pages with the demo data, one set per role, for people to
look at (test-results/screens/, not in git). Every page is also scanned with axe-core."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse
from playwright.sync_api import Browser, Page

from zukunftszentrum.ai_act.models import AISystem
from zukunftszentrum.core import demo_steps
from zukunftszentrum.core.access import access_rule
from zukunftszentrum.learning.models import Module
from zukunftszentrum.organisations.demo import DemoLogin, seed_demo
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import ROLE_CAPABILITIES, Role
from zukunftszentrum.participation.models import Project

from .axe import visit
from .conftest import MOBILE, SCREENS_DIR, log_in, seeded_once, watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLE_SLUGS = {
    "Geschäftsführung": "lead",
    "Beschäftigte:r": "employee",
    "Betriebsrat (auch beschäftigt)": "works-council",
    "Solo-Selbstständige:r": "solo",
    "Zentrumsleitung": "centre-admin",
    "Beratung": "advisor",
    "Weiterbildung": "trainer",
    "Programmverwaltung": "programme",
    "Gutachter:in": "reviewer",
}
PUBLIC_PAGES = [
    ("home", "core:home"),
    ("network", "organisations:network"),
    ("login", "account_login"),
    ("register", "organisations:register"),
    ("privacy-notice", "core:privacy_notice"),
    ("accessibility", "core:accessibility"),
    ("imprint", "core:imprint"),
    ("units", "self_learning:list"),
    ("catalogue", "learning:catalogue"),
    ("knowledge", "ai_act:knowledge"),
    ("notices", "ai_act:notices"),
    ("verify", "credentials:verify"),
]
PERSONAL_PAGES = [
    ("dashboard", "organisations:dashboard"),
    ("my-organisations", "organisations:my_organisations"),
    ("profile", "organisations:profile"),
    ("my-data", "organisations:my_data"),
    ("delete-account", "organisations:delete_account"),
    ("audit-log", "organisations:audit_log"),
    ("centre-workspace", "organisations:centre_workspace"),
    ("centre-invite", "organisations:centre_invite"),
    ("needs", "needs:dashboard"),
    ("learning-path", "learning:paths"),
    ("competences", "learning:competences"),
    ("team-plan", "learning:team"),
    ("job-profiles", "learning:job_profiles"),
    ("registrations", "learning:my_registrations"),
    ("catalogue-manage", "learning:manage"),
    ("courses", "learning:courses"),
    ("learning-demand", "learning:demand"),
    ("ai-systems", "ai_act:systems"),
    ("ai-todo", "ai_act:todo"),
    ("credentials", "credentials:mine"),
    ("credentials-manage", "credentials:manage"),
    ("participation", "participation:projects"),
]
# The later apps' demo steps, so their pages show content (the network comes from seed_demo).
APP_DEMO_STEPS = [
    "learning_catalogue",
    "competences",
    "learning_paths",
    "units",
    "ai_systems",
    "credentials",
    "participation",
]
ORGANISATION_PAGES = [
    ("organisation", "organisations:organisation_detail"),
    ("organisation-edit", "organisations:organisation_edit"),
    ("organisation-invite", "organisations:organisation_invite"),
]


def _seed() -> dict[str, DemoLogin]:
    logins = {ROLE_SLUGS[login.role]: login for login in seed_demo()}
    for step in demo_steps.selected_steps(APP_DEMO_STEPS):
        step.run()
    return logins


@pytest.fixture
def demo_logins() -> dict[str, DemoLogin]:
    """The demo with the later apps' data; seeded once per process (see `seeded_once`)."""
    return seeded_once("screens", _seed)


def shoot(page: Page, name: str) -> None:
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS_DIR / f"{name}.png", full_page=True)


def allowed(path: str, membership: Membership) -> bool:
    """Whether the role may open the page, by the access rule its view declares."""
    rule = access_rule(resolve(path).func)
    capabilities = frozenset(c.value for c in ROLE_CAPABILITIES[Role(membership.role)])
    return rule is not None and rule.allows(authenticated=True, capabilities=capabilities)


def pages_of(membership: Membership) -> list[tuple[str, str]]:
    pages = [(name, reverse(view)) for name, view in PERSONAL_PAGES]
    if membership.organisation_id:
        org = membership.organisation_id
        pages += [(name, reverse(view, args=[org])) for name, view in ORGANISATION_PAGES]
        system = AISystem.objects.filter(organisation_id=org).order_by("pk").first()
        if system is not None:
            pages.append(("ai-system", reverse("ai_act:system_detail", args=[system.pk])))
        project = Project.objects.filter(organisation_id=org).order_by("pk").first()
        if project is not None:
            pages.append(("project", reverse("participation:workspace", args=[project.pk])))
            pages.append(("project-items", reverse("participation:items", args=[project.pk])))
    return [(name, path) for name, path in pages if allowed(path, membership)]


def test_public_pages(browser: Browser, browser_context_args: dict, url, demo_logins) -> None:
    centre = Membership.objects.filter(role=Role.CENTRE_ADMIN.value).first().centre
    pages = [(name, url(view)) for name, view in PUBLIC_PAGES]
    pages.append(("centre", url("organisations:centre_detail", centre.slug)))
    pages.append(("factsheet", url("ai_act:factsheet", "language_text")))
    module = Module.objects.filter(published=True).order_by("pk").first()
    if module is not None:
        pages.append(("module", url("learning:module", module.pk)))
    for width, viewport in (("desktop", browser_context_args["viewport"]), ("phone", MOBILE)):
        context = browser.new_context(**{**browser_context_args, "viewport": viewport})
        page = context.new_page()
        problems = watch(page)
        for name, address in pages:
            visit(page, address)
            shoot(page, f"public-{name}-{width}")
        context.close()
        assert not problems, problems


@pytest.mark.parametrize("role", list(ROLE_SLUGS.values()))
def test_pages_of_each_role(
    page: Page, live_server, url, demo_logins: dict[str, DemoLogin], role: str
) -> None:
    login = demo_logins[role]
    log_in(page, url("account_login"), login.email, login.password)
    if "/datenschutz/zustimmung/" in page.url:
        shoot(page, f"{role}-consent")
        page.get_by_role("button", name="Zur Kenntnis genommen").click()
    membership = Membership.objects.filter(user__email=login.email, ended_at__isnull=True).first()
    assert membership is not None, f"the demo has no active role for {login.email}"
    for name, path in pages_of(membership):
        visit(page, live_server.url + path)
        shoot(page, f"{role}-{name}")
    # On a phone: every page fits the screen's width and passes the scan there too.
    page.set_viewport_size(MOBILE)
    for name, path in pages_of(membership):
        visit(page, live_server.url + path)
        shoot(page, f"{role}-{name}-phone")
