"""The demo network: fictional centres, organisations and people, one login per role.

`seed_demo()` is idempotent (natural keys: centre slug, organisation legal name, user email) and
deterministic (one seeded random source, drawn in the same order on every run). Roles, requests,
consents and invitations go through `actions`, so the audit log reads like real use.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from zukunftszentrum.core.exports import file_slug
from zukunftszentrum.core.models import ConsentRecord

from . import actions
from .demo_data import (
    CENTRE_INVITATIONS,
    CENTRES,
    COMPANIES,
    COMPANY_INVITATIONS,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    FIRST_NAMES,
    KEY_PEOPLE,
    LAST_NAMES,
    RANDOM_SEED,
    SHOWCASE_CENTRE,
    SHOWCASE_COMPANY,
    SOLO_NAME_SEPARATOR,
    CentreRow,
    CompanyRow,
    KeyPerson,
)
from .models import Accompaniment, Centre, Invitation, Land, Membership, Organisation, User
from .roles import Role

REQUEST_MESSAGE = (
    "Guten Tag, wir würden Sie gern bei der Einführung von KI in Ihrem Betrieb begleiten, "
    "gemeinsam mit Ihren Beschäftigten. (Demo)"
)


@dataclass(frozen=True)
class DemoLogin:
    """One printed demo login."""

    role: str  # German role name
    email: str
    password: str
    context: str  # organisation, centre or network


def seed_demo() -> list[DemoLogin]:
    """Create the demo network (nothing new if it exists already) and return one login per role."""
    with transaction.atomic():
        seeder = _Seeder()
        seeder.run()
    return [_login(person) for person in KEY_PEOPLE]


def company_key(legal_name: str) -> str:
    """A short slug of a company's first two words, used in its people's demo email addresses."""
    return file_slug(" ".join(legal_name.split()[:2]))


def _email(local_part: str, subdomain: str = "") -> str:
    return f"{local_part}@{subdomain + '.' if subdomain else ''}{DEMO_DOMAIN}"


def _login(person: KeyPerson) -> DemoLogin:
    context = person.where or "Netzwerk"
    if person.where == SHOWCASE_CENTRE:
        context = next(c.name for c in CENTRES if c.slug == SHOWCASE_CENTRE)
    return DemoLogin(person.label, _email(person.local_part), DEMO_PASSWORD, context)


class _Seeder:
    """One seeding run: the random source, the one password hash, and what it has touched."""

    def __init__(self) -> None:
        self.rng = random.Random(RANDOM_SEED)
        self.password_hash = make_password(DEMO_PASSWORD)  # hashed once, assigned to everyone
        self.users: list[User] = []
        self.centres: dict[str, Centre] = {}
        self.centre_of_land: dict[str, str] = {}
        self.admins: dict[str, Membership] = {}
        self.advisors: dict[str, Membership] = {}
        self.leads: dict[str, Membership] = {}
        self.organisations: dict[str, Organisation] = {}

    def run(self) -> None:
        for number, centre_row in enumerate(CENTRES, start=1):
            self._centre(centre_row, number)
        for company in COMPANIES:
            self._organisation(company)
        for centre_row in CENTRES:
            self._centre_staff(centre_row)
        self._network_people()
        for company in COMPANIES:
            self._accompaniment(company)
        self._invitations()
        self._consents()

    # --- people ------------------------------------------------------------------------------

    def _user(self, email: str, full_name: str, *, is_staff: bool = False) -> User:
        user, _created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "password": self.password_hash, "is_staff": is_staff},
        )
        self.users.append(user)
        return user

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _grant(
        self,
        user: User,
        role: str,
        *,
        centre: Centre | None = None,
        organisation: Organisation | None = None,
        by: User | None = None,
    ) -> Membership:
        existing = Membership.objects.filter(
            user=user, role=role, centre=centre, organisation=organisation, ended_at__isnull=True
        ).first()
        return existing or actions.grant_membership(
            user=user, role=Role(role), centre=centre, organisation=organisation, granted_by=by
        )

    def _key_person(self, role: str, where: str) -> KeyPerson | None:
        return next((p for p in KEY_PEOPLE if p.role == role and p.where == where), None)

    # --- centres -----------------------------------------------------------------------------

    def _centre(self, row: CentreRow, number: int) -> None:
        centre, created = Centre.objects.get_or_create(
            slug=row.slug,
            defaults={
                "name": row.name,
                "kind": Centre.Kind.REGIONAL if row.lands else Centre.Kind.SUPRA_REGIONAL,
                "summary": row.summary,
                "description": row.description,
                "email": _email("kontakt", row.slug),
                "phone": f"+49 {row.phone_area} 000000-{number}",
                "street": f"Beispielstraße {number}",
                "postcode": row.postcode,
                "city": row.city,
            },
        )
        codes = [code for code in row.lands.split(",") if code]
        if created:
            centre.lands.set(Land.objects.filter(code__in=codes))
        self.centres[row.slug] = centre
        self.centre_of_land.update({code: row.slug for code in codes})

    def _centre_staff(self, row: CentreRow) -> None:
        centre = self.centres[row.slug]
        roles = [
            ("centre_admin", "leitung"),
            *(("advisor", f"beratung{n}") for n in range(1, row.advisors + 1)),
            ("trainer", "weiterbildung"),
        ]
        for role, local_part in roles:
            name = self._name()  # drawn for everyone, so the sequence never depends on the data
            key = self._key_person(role, row.slug)
            if key and not (role == "advisor" and row.slug in self.advisors):
                user = self._user(_email(key.local_part), key.full_name)
            else:
                user = self._user(_email(local_part, row.slug), name)
            membership = self._grant(user, role, centre=centre)
            if role == "centre_admin":
                self.admins[row.slug] = membership
            elif role == "advisor":
                self.advisors.setdefault(row.slug, membership)

    def _network_people(self) -> None:
        for person in KEY_PEOPLE:
            if person.role in (Role.PROGRAMME_ADMIN, Role.REVIEWER):
                is_staff = person.role == Role.PROGRAMME_ADMIN
                user = self._user(_email(person.local_part), person.full_name, is_staff=is_staff)
                self._grant(user, person.role)

    # --- organisations -----------------------------------------------------------------------

    def _organisation(self, row: CompanyRow) -> None:
        solo = row.headcount == 1
        organisation, _created = Organisation.objects.get_or_create(
            legal_name=row.name,
            defaults={
                "kind": Organisation.Kind.SOLO if solo else Organisation.Kind.COMPANY,
                "land_id": row.land,
                "wz_section": row.wz,
                "headcount": row.headcount,
                "has_works_council": row.works_council,
                "kreis_ags": row.kreis_ags,
                "kreis_name": row.kreis_name,
            },
        )
        self.organisations[row.name] = organisation
        role = Role.SOLO if solo else Role.COMPANY_LEAD
        name = self._name()
        if solo:  # a solo self-employed person's name is part of the organisation's name
            name = row.name.split(SOLO_NAME_SEPARATOR)[-1].removesuffix(" (fiktiv)")
        key = self._key_person(role, row.name)
        local_part = "kontakt" if solo else "gf"
        lead = (
            self._user(_email(key.local_part), key.full_name)
            if key
            else self._user(_email(local_part, company_key(row.name)), name)
        )
        self.leads[row.name] = self._grant(lead, role, organisation=organisation)
        if row.staff:
            self._company_staff(row, organisation, lead)

    def _company_staff(self, row: CompanyRow, organisation: Organisation, lead: User) -> None:
        """Employees with accounts; one of them also sits on the works council (two roles)."""
        named = [self._key_person(role, row.name) for role in (Role.WORKS_COUNCIL, Role.EMPLOYEE)]
        people = [self._user(_email(p.local_part), p.full_name) for p in named if p]
        taken: set[str] = set()
        while len(taken) < row.staff - len(people):
            taken.add(self._name())
        domain = company_key(row.name)
        for name in sorted(taken):
            local_part = ".".join(file_slug(part) for part in name.split())
            people.append(self._user(_email(local_part, domain), name))
        for person in people:
            self._grant(person, Role.EMPLOYEE, organisation=organisation, by=lead)
        if row.works_council:
            self._grant(people[0], Role.WORKS_COUNCIL, organisation=organisation, by=lead)

    def _accompaniment(self, row: CompanyRow) -> None:
        if not row.accompaniment:
            return
        centre = self.centres[self.centre_of_land[row.land]]
        organisation = self.organisations[row.name]
        if Accompaniment.objects.filter(centre=centre, organisation=organisation).exists():
            return
        accompaniment = actions.request_accompaniment(
            member=self.advisors[centre.slug], organisation=organisation, message=REQUEST_MESSAGE
        )
        if row.accompaniment in ("A", "D"):
            actions.decide_accompaniment(
                member=self.leads[row.name],
                accompaniment=accompaniment,
                consent=row.accompaniment == "A",
            )

    # --- invitations and consents ------------------------------------------------------------

    def _invitations(self) -> None:
        organisation = self.organisations[SHOWCASE_COMPANY]
        for local_part, role, expired in COMPANY_INVITATIONS:
            email = _email(local_part, company_key(SHOWCASE_COMPANY))
            if not Invitation.objects.filter(email=email, organisation=organisation).exists():
                invitation, _token = actions.invite(
                    member=self.leads[SHOWCASE_COMPANY],
                    email=email,
                    role=Role(role),
                    organisation=organisation,
                )
                if expired:
                    _backdate(invitation)
        centre = self.centres[SHOWCASE_CENTRE]
        for local_part, role, _expired in CENTRE_INVITATIONS:
            email = _email(local_part, SHOWCASE_CENTRE)
            if not Invitation.objects.filter(email=email, centre=centre).exists():
                actions.invite(
                    member=self.admins[SHOWCASE_CENTRE], email=email, role=Role(role), centre=centre
                )

    def _consents(self) -> None:
        """Demo people have read the current privacy notice, so logging in is not interrupted."""
        kind, version = ConsentRecord.Kind.PRIVACY_NOTICE, settings.ZZ_PRIVACY_NOTICE_VERSION
        have = set(
            ConsentRecord.objects.filter(
                user__in=self.users, kind=kind, version=version, withdrawn_at__isnull=True
            ).values_list("user_id", flat=True)
        )
        missing = {u.pk: u for u in self.users if u.pk not in have}
        ConsentRecord.objects.bulk_create(
            ConsentRecord(user=user, kind=kind, version=version) for user in missing.values()
        )


def _backdate(invitation: Invitation) -> None:
    """Make an invitation one that ran out a few days ago."""
    now = timezone.now()
    invitation.created_at = now - timedelta(days=settings.ZZ_INVITATION_DAYS + 5)
    invitation.expires_at = now - timedelta(days=5)
    invitation.save(update_fields=["created_at", "expires_at"])


def format_logins(logins: list[DemoLogin], url: str = "") -> str:
    """The demo logins as a box for the terminal."""
    rows = [("Rolle", "E-Mail", "Passwort"), *((x.role, x.email, x.password) for x in logins)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    title = ["Zukunftszentrum: Demo-Zugänge (alle Personen und Betriebe sind erfunden)"]
    if url:
        title.append(f"Anmelden unter {url}")
    inner = sum(widths) + 8  # what lies between the box's corners: "│ a │ b │ c │"
    widths[1] += max(0, max(len(t) for t in title) + 2 - inner)  # room for the title
    inner = sum(widths) + 8

    def line(cells: tuple[str, ...]) -> str:
        return "│ " + " │ ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " │"

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    out = ["┌" + "─" * inner + "┐", *("│ " + t.ljust(inner - 2) + " │" for t in title)]
    out += [rule("├", "┬", "┤"), line(rows[0]), rule("├", "┼", "┤")]
    out += [line(row) for row in rows[1:]]
    out.append(rule("└", "┴", "┘"))
    return "\n".join(out)
