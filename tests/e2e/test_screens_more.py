"""The pages this round added, each opened by the role it is made for, at desktop and phone
width: no failed request, nothing wider than the screen, no axe violation. One role per group
of pages keeps the run short; the access walk checks every role against every URL."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from zukunftszentrum.concepts.models import Scenario
from zukunftszentrum.core import demo_steps
from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.participation.models import Project

from .axe import visit
from .conftest import MOBILE, log_in, watch
from .test_screens import shoot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STEPS = ["learning_catalogue", "competences", "ai_systems", "participation", "concepts"]


EMAILS = {
    Role.CENTRE_ADMIN: "zentrumsleitung@demo.example.org",
    Role.COMPANY_LEAD: "geschaeftsfuehrung@demo.example.org",
    Role.WORKS_COUNCIL: "betriebsrat@demo.example.org",
}


@pytest.fixture
def seeded() -> None:
    seed_demo()
    for step in demo_steps.selected_steps(STEPS):
        step.run()


def _pages(role: Role) -> list[tuple[str, str]]:
    member = Membership.objects.filter(role=role.value, ended_at__isnull=True).order_by("pk")
    if role is Role.CENTRE_ADMIN:
        scenario = Scenario.objects.order_by("pk").first()
        assert scenario is not None, "the demo plans a programme"
        return [
            ("concepts", reverse("concepts:index")),
            ("concepts-scenario", reverse("concepts:scenario", args=[scenario.pk])),
            ("concepts-resources", reverse("concepts:resources")),
            ("my-files", reverse("core:downloads")),
        ]
    org = member.exclude(organisation=None).first().organisation_id
    project = Project.objects.filter(organisation_id=org).order_by("pk").first()
    assert project is not None, "the demo has a participation project"
    pages = [
        (name, reverse(f"participation:{view}", args=[project.pk]))
        for name, view in (
            ("codetermination", "codetermination"),
            ("agreement", "agreement"),
            ("opinion", "opinion"),
            ("pulse", "pulse"),
            ("workshops", "workshops"),
            ("impacts", "impacts"),
            ("decisions", "decisions"),
        )
    ]
    if role is Role.COMPANY_LEAD:
        pages += [
            ("art4-record", reverse("ai_act:literacy", args=[org])),
            ("sharing", reverse("learning:sharing")),
        ]
    return pages


def test_the_new_pages_at_both_widths(
    browser: Browser, browser_context_args: dict, live_server, url, seeded: None
) -> None:
    """One seeding for all three roles, each in a browser of its own."""
    for role, email in EMAILS.items():
        context = browser.new_context(**browser_context_args)
        page = context.new_page()
        problems = watch(page)
        log_in(page, url("account_login"), email, "demo-zukunft-2026")
        if "/datenschutz/zustimmung/" in page.url:
            page.get_by_role("button", name="Zur Kenntnis genommen").click()
        pages = _pages(role)
        for name, path in pages:
            visit(page, live_server.url + path)
            shoot(page, f"more-{role.value}-{name}")
        page.set_viewport_size(MOBILE)
        for name, path in pages:
            visit(page, live_server.url + path)
            shoot(page, f"more-{role.value}-{name}-phone")
        context.close()
        assert not problems, (role, problems)
