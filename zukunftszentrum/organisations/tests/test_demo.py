"""The demo network: idempotent, complete, and every printed login works."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import RequestFactory

from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.demo import DemoLogin, company_key, format_logins, seed_demo
from zukunftszentrum.organisations.demo_data import COMPANIES, DEMO_PASSWORD, KEY_PEOPLE
from zukunftszentrum.organisations.models import (
    Accompaniment,
    Centre,
    Invitation,
    Land,
    Membership,
    Organisation,
    User,
)
from zukunftszentrum.organisations.reference import LAENDER, kreis_belongs_to_land
from zukunftszentrum.organisations.roles import Role


def _counts() -> dict[str, int]:
    models = (User, Centre, Organisation, Membership, Accompaniment, Invitation, ConsentRecord)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


@pytest.fixture(scope="module")
def seeded_logins(module_db: None) -> list[DemoLogin]:
    """The demo network, seeded once for the module (see `module_db`): the tests read it."""
    return seed_demo()


@pytest.fixture
def logins(seeded_logins: list[DemoLogin], db: None) -> list[DemoLogin]:
    return seeded_logins


def test_seeding_twice_creates_nothing_new(logins):
    before = _counts()
    assert seed_demo() == logins
    assert _counts() == before


def test_eight_centres_cover_all_sixteen_laender(logins):
    regional = Centre.objects.filter(kind=Centre.Kind.REGIONAL)
    supra = Centre.objects.get(kind=Centre.Kind.SUPRA_REGIONAL)
    assert Centre.objects.count() == 8
    assert regional.count() == 7
    assert supra.lands.count() == 0
    covered = set(Land.objects.filter(centres__in=regional).values_list("code", flat=True))
    assert covered == {land.code for land in LAENDER}
    assert all(c.summary and c.description and c.email for c in Centre.objects.all())


def test_organisations_span_every_land_size_and_kind(logins):
    organisations = Organisation.objects.all()
    assert organisations.count() >= 55
    assert set(organisations.values_list("land", flat=True)) == {land.code for land in LAENDER}
    assert organisations.filter(kind=Organisation.Kind.SOLO, headcount=1).count() == 8
    assert [o.is_target_group for o in organisations].count(False) == 2
    sizes = list(organisations.values_list("size_class", flat=True))
    assert sizes.count("micro") + sizes.count("small") > len(sizes) / 2
    assert set(organisations.values_list("wz_section", flat=True)) >= set("CFGMQIJ")


def test_every_printed_login_authenticates_in_its_role(logins):
    assert len(logins) == len(KEY_PEOPLE) == len(Role)
    for login, person in zip(logins, KEY_PEOPLE, strict=True):
        # The lockout (django-axes) needs the request a sign-in comes with.
        request = RequestFactory().post("/konto/anmelden/")
        user = authenticate(request, username=login.email, password=DEMO_PASSWORD)
        assert user is not None, login.email
        assert user.memberships.filter(role=person.role, ended_at__isnull=True).exists()
    assert User.objects.get(email="programm@demo.example.org").is_staff


def test_works_council_member_is_also_employee(logins):
    roles = Membership.objects.filter(user__email="betriebsrat@demo.example.org")
    assert sorted(roles.values_list("role", flat=True)) == [Role.EMPLOYEE, Role.WORKS_COUNCIL]
    assert len({m.organisation_id for m in roles}) == 1


def test_showcase_company_has_people_consent_and_invitations(logins):
    lead = Membership.objects.get(user__email="geschaeftsfuehrung@demo.example.org")
    company = lead.organisation
    assert company is not None and company.has_works_council
    employees = company.memberships.filter(role=Role.EMPLOYEE).count()
    assert 5 <= employees <= 12
    assert company.accompaniments.filter(status=Accompaniment.Status.ACTIVE).exists()
    invitations = Invitation.objects.filter(organisation=company, accepted_at__isnull=True)
    assert [i.is_expired() for i in invitations].count(True) == 1
    assert [i.is_expired() for i in invitations].count(False) >= 1
    assert all(len(i.token_hash) == 64 for i in invitations)


def test_accompaniments_active_requested_and_one_declined(logins):
    statuses = list(Accompaniment.objects.values_list("status", flat=True))
    assert statuses.count(Accompaniment.Status.DECLINED) == 1
    assert statuses.count(Accompaniment.Status.REQUESTED) >= 3
    for acc in Accompaniment.objects.select_related("organisation", "centre"):
        assert acc.centre.lands.filter(code=acc.organisation.land_id).exists()
    for centre in Centre.objects.filter(kind=Centre.Kind.REGIONAL):
        assert centre.accompaniments.filter(status=Accompaniment.Status.ACTIVE).count() >= 2


def test_centres_have_admin_advisors_and_trainer(logins):
    for centre in Centre.objects.all():
        roles = list(centre.memberships.values_list("role", flat=True))
        assert roles.count(Role.CENTRE_ADMIN) == 1
        assert 1 <= roles.count(Role.ADVISOR) <= 3
        assert roles.count(Role.TRAINER) == 1


def test_every_demo_person_has_read_the_current_privacy_notice(logins):
    consented = ConsentRecord.objects.filter(
        kind=ConsentRecord.Kind.PRIVACY_NOTICE, version=settings.ZZ_PRIVACY_NOTICE_VERSION
    ).values_list("user_id", flat=True)
    assert set(consented) == set(User.objects.values_list("pk", flat=True))


def test_roles_were_granted_through_actions_so_the_audit_log_shows_them(logins):
    granted = AuditEvent.objects.filter(action=OrganisationAction.ROLE_GRANTED).count()
    assert granted == Membership.objects.count()


def test_demo_tables_are_consistent():
    keys = [company_key(row.name) for row in COMPANIES]
    assert len(set(keys)) == len(keys)
    ags = {land.code: land.ags for land in LAENDER}
    for row in COMPANIES:
        assert "(fiktiv)" in row.name
        assert not row.kreis_ags or kreis_belongs_to_land(row.kreis_ags, ags[row.land]), row
        assert row.staff == 0 or 5 <= row.staff <= 12


def test_login_box_lists_every_login_in_aligned_lines(logins):
    box = format_logins(logins, "http://127.0.0.1:8000/konto/login/")
    for login in logins:
        assert login.email in box and login.role in box
    assert DEMO_PASSWORD in box and "http://127.0.0.1:8000/konto/login/" in box
    assert len({len(line) for line in box.splitlines()}) == 1


def test_the_shipped_kreise_cover_every_land_and_name_each_ags_once() -> None:
    from zukunftszentrum.organisations.reference import KREISE, kreise_by_land

    assert len(KREISE) == 401  # the territorial status of 31.12.2018
    assert len({k.ags for k in KREISE}) == len(KREISE)
    assert all(kreise for _land, kreise in kreise_by_land())
    assert sum(len(kreise) for _land, kreise in kreise_by_land()) == len(KREISE)
