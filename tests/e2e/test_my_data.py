"""A person takes note of the privacy notice, downloads "Meine Daten" and deletes the account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.organisations.models import Membership, User
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    PASSWORD,
    make_member,
    make_organisation,
    make_user,
)

from .axe import check_a11y
from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_person_downloads_their_data_and_deletes_the_account(page: Page, url) -> None:
    company = make_organisation(name="Bäckerei Korn OHG", land="HE")
    make_member(Role.COMPANY_LEAD, organisation=company)
    person = make_user("emil@korn.de", name="Emil Korn", consented=False)
    make_member(Role.EMPLOYEE, organisation=company, user=person)

    # No consent recorded yet: the first page after signing in is the privacy prompt.
    log_in(page, url("account_login"), "emil@korn.de")
    expect(page).to_have_url(url("organisations:privacy_consent") + "?next=%2Fuebersicht%2F")
    check_a11y(page)
    page.get_by_role("button", name="Zur Kenntnis genommen").click()
    expect(page).to_have_url(url("organisations:dashboard"))
    check_a11y(page)
    assert ConsentRecord.objects.filter(user=person).count() == 1

    page.locator("footer").get_by_role("link", name="Meine Daten").click()
    expect(page).to_have_url(url("organisations:my_data"))
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Daten")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Meine Daten herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.startswith("meine-daten-")
    assert download.suggested_filename.endswith(".json")
    export = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert export["profile"]["email"] == "emil@korn.de"
    assert export["profile"]["name"] == "Emil Korn"
    assert [m["organisation"] for m in export["memberships"]] == ["Bäckerei Korn OHG"]
    assert "meta" in export

    page.get_by_role("link", name="Zum Löschen des Kontos").click()
    expect(page).to_have_url(url("organisations:delete_account"))
    check_a11y(page)
    page.get_by_label("Ihre E-Mail-Adresse oder Ihr Passwort").fill("falsch")
    page.get_by_role("button", name="Konto endgültig löschen").click()
    check_a11y(page)
    expect(page.locator("main")).to_contain_text("Ihr Konto wurde nicht gelöscht")
    assert User.objects.filter(email="emil@korn.de").exists()

    page.get_by_label("Ihre E-Mail-Adresse oder Ihr Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Konto endgültig löschen").click()
    expect(page).to_have_url(url("core:home"))
    check_a11y(page)
    expect(page.locator(".zz-messages")).to_contain_text("Ihr Konto wurde gelöscht")
    expect(page.locator("header").get_by_role("link", name="Anmelden")).to_be_visible()
    assert not User.objects.filter(email="emil@korn.de").exists()
    assert not Membership.objects.filter(user=person, ended_at__isnull=True).exists()

    # The old credentials no longer open anything.
    log_in(page, url("account_login"), "emil@korn.de")
    expect(page).to_have_url(url("account_login"))
    check_a11y(page)
