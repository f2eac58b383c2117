"""The operator's pages: versioned in the administration, shown on the public pages, and the
deploy check names what is missing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from zukunftszentrum.core import operator_pages
from zukunftszentrum.core.models import OperatorPage
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

pytestmark = pytest.mark.django_db
Kind = OperatorPage.Kind


def _deploy_errors() -> list[str]:
    return [
        m.msg for m in run_checks(include_deployment_checks=True) if m.id == "zukunftszentrum.E001"
    ]


def test_every_kind_has_fields_each_naming_its_rule() -> None:
    for kind in Kind:
        fields = operator_pages.FIELDS[kind]
        assert fields and all(f.help for f in fields if f.required)
        assert len({f.name for f in fields}) == len(fields)


@pytest.mark.parametrize(
    ("kind", "content", "missing"),
    [
        (
            Kind.IMPRINT,
            {},
            {"provider_name", "representative", "street", "postcode", "city", "email", "phone"},
        ),
        (Kind.IMPRINT, operator_pages.DEMO_CONTENT[Kind.IMPRINT], set()),
        (Kind.IMPRINT, {**operator_pages.DEMO_CONTENT[Kind.IMPRINT], "phone": "  "}, {"phone"}),
        (
            Kind.ACCESSIBILITY,
            {**operator_pages.DEMO_CONTENT[Kind.ACCESSIBILITY], "known_gaps": ""},
            {"known_gaps"},
        ),
        (
            Kind.ACCESSIBILITY,
            {
                **operator_pages.DEMO_CONTENT[Kind.ACCESSIBILITY],
                "known_gaps": "",
                "conformity": "full",
            },
            set(),
        ),
        (
            Kind.PRIVACY,
            {"controller": "X"},
            {
                "controller_email",
                "dpo_contact",
                "legal_basis",
                "retention",
                "supervisory_authority",
            },
        ),
    ],
)
def test_missing_fields(kind, content, missing) -> None:
    assert {f.name for f in operator_pages.missing_fields(kind, content)} == missing


def test_deploy_check_names_what_is_missing_and_passes_when_complete() -> None:
    errors = _deploy_errors()
    assert len(errors) == 3 and all("not entered yet" in e for e in errors)
    operator_pages.publish(Kind.IMPRINT, {"provider_name": "Stelle"})
    errors = _deploy_errors()
    assert any("imprint: missing representative" in e for e in errors)
    operator_pages.seed_demo_operator_pages()  # fills the two pages that have no version
    operator_pages.publish(Kind.IMPRINT, operator_pages.DEMO_CONTENT[Kind.IMPRINT])
    assert _deploy_errors() == []


def test_each_save_is_a_new_version_and_old_ones_stay() -> None:
    first = operator_pages.publish(Kind.IMPRINT, {"provider_name": "Alt", "unknown": "x"})
    second = operator_pages.publish(Kind.IMPRINT, {"provider_name": "Neu"})
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.content == {"provider_name": "Alt"}  # unknown fields are not kept
    assert operator_pages.current(Kind.IMPRINT) == second


def test_public_pages_show_the_latest_version() -> None:
    operator_pages.seed_demo_operator_pages()
    operator_pages.publish(
        Kind.IMPRINT, {**operator_pages.DEMO_CONTENT[Kind.IMPRINT], "city": "Neustadt an der Probe"}
    )
    from django.test import Client

    client = Client()
    imprint = client.get(reverse("core:imprint")).content.decode()
    assert "Neustadt an der Probe" in imprint and "Fassung 2" in imprint
    assert "mailto:kontakt@demo.example.org" in imprint
    statement = client.get(reverse("core:accessibility")).content.decode()
    assert "teilweise vereinbar" in statement and "PDF/UA" in statement
    assert "https://www.schlichtungsstelle-bgg.de" in statement
    assert "1. Dezember 2026" in statement  # dates in the reader's locale
    privacy = client.get(reverse("core:privacy_notice")).content.decode()
    assert "dsb@demo.example.org" in privacy
    assert "noch nicht vollständig" not in imprint + statement + privacy


def test_an_empty_page_says_so() -> None:
    from django.test import Client

    page = Client().get(reverse("core:imprint")).content.decode()
    assert "noch nicht vollständig hinterlegt" in page


def test_programme_admin_saves_a_new_version_prefilled_from_the_last(login) -> None:
    operator_pages.seed_demo_operator_pages()
    client = login(make_member(Role.PROGRAMME_ADMIN))
    add = reverse("admin:core_imprintpage_add")
    form = client.get(add)
    assert form.status_code == 200
    assert "Geschäftsstelle Zukunftszentren (Demo, fiktiv)" in form.content.decode()
    data = {**operator_pages.DEMO_CONTENT[Kind.IMPRINT], "phone": ""}
    response = client.post(add, data, follow=True)
    assert response.status_code == 200
    assert "Noch nicht ausgefüllt: Telefon" in response.content.decode()
    latest = operator_pages.current(Kind.IMPRINT)
    assert latest.version == 2 and latest.content["phone"] == ""
    # A stored version is shown, never changed.
    change = reverse("admin:core_imprintpage_change", args=[latest.pk])
    client.post(change, {"provider_name": "Überschrieben"})
    latest.refresh_from_db()
    assert latest.content["provider_name"] != "Überschrieben"


def test_dates_are_stored_as_iso(login) -> None:
    client = login(make_member(Role.PROGRAMME_ADMIN))
    data = {**operator_pages.DEMO_CONTENT[Kind.ACCESSIBILITY], "reviewed_on": "2026-12-05"}
    client.post(reverse("admin:core_accessibilitypage_add"), data)
    page = operator_pages.current(Kind.ACCESSIBILITY)
    assert dt.date.fromisoformat(page.content["reviewed_on"]) == dt.date(2026, 12, 5)


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.CENTRE_ADMIN])
def test_other_roles_cannot_edit(login, role) -> None:
    client = login(make_member(role))
    assert client.get(reverse("admin:core_imprintpage_add"), follow=True).status_code == 403
    assert not OperatorPage.objects.exists()
