"""Demo answers to the self-checks, on top of the demo network (`organisations.demo`).

`seed_assessments()` is idempotent (an organisation that already has a check run of an
instrument gets none from here; a person with a competence check gets no other) and
deterministic: every part draws from its own `random.Random` seeded with SEED and the part's
name, so the answers do not depend on what exists already. Dates lie in the last four quarters.

What it makes: the showcase company's readiness check from two quarters ago (lead, eight
employees, the works council member) and an open one with the lead's newer answers; an open
anonymous "KI und meine Arbeit" with nine answers; two competence checks of the demo employee
and one of most other employees with an account; readiness answers of about 30 other companies
(all of WZ section C, so peers exist); needs surveys of 45 organisations across Länder,
industries and size classes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from zukunftszentrum.core.tokens import hash_token
from zukunftszentrum.organisations.demo_data import DEMO_DOMAIN, SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Membership, Organisation, User
from zukunftszentrum.organisations.roles import Role

from .actions import result_snapshot
from .demo_answers import answers_for, needs_answers
from .engine import logic, scoring
from .instruments import get_instrument
from .models import Assessment, Participation, Perspective, Response
from .releases import make_release

SEED = 2027
NEEDS_ORGANISATIONS = 45
READINESS_COMPANIES = 30  # other companies with a readiness check (lead perspective)
COMPETENCE_SHARE = 0.75  # of the other employees with an account
DEMO_EMPLOYEE = f"beschaeftigte@{DEMO_DOMAIN}"
VOICE_TEXTS = (
    "Bitte beziehen Sie uns früh ein, bevor neue Programme gekauft werden. (Demo)",
    "Ich wünsche mir eine Schulung zu KI-Werkzeugen während der Arbeitszeit. (Demo)",
)


def _rng(part: str) -> random.Random:
    return random.Random(f"{SEED}:{part}")


def quarter_start(now: datetime, back: int) -> datetime:
    """Midnight of the first day of the quarter `back` quarters before the one of `now`."""
    index = now.year * 4 + (now.month - 1) // 3 - back
    return now.replace(
        year=index // 4, month=index % 4 * 3 + 1, day=1, hour=0, minute=0, second=0, microsecond=0
    )


def moment_in_quarter(rng: random.Random, now: datetime, back: int) -> datetime:
    """A working-hours moment in that quarter, never later than yesterday."""
    start = quarter_start(now, back)
    end = min(quarter_start(now, back - 1), now - timedelta(days=1)) if back else now
    days = max((end - start).days - 1, 0)
    moment = start + timedelta(days=rng.randint(0, days), hours=rng.randint(8, 17))
    return min(moment + timedelta(minutes=rng.randint(0, 59)), now - timedelta(days=1))


def _day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class _Batch:
    """Assessments and responses collected for two bulk inserts."""

    assessments: list[Assessment] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)

    def save(self) -> None:
        Assessment.objects.bulk_create(self.assessments)
        for response in self.responses:  # the assessment objects have their pks now
            response.assessment_id = response.assessment.pk if response.assessment else None
        Response.objects.bulk_create(self.responses)
        Participation.objects.bulk_create(self.participations)


def _assessment(
    batch: _Batch, org: Organisation, key: str, opened: datetime, closed: datetime | None, by: Any
) -> Assessment:
    inst = get_instrument(key)
    assessment = Assessment(
        organisation=org,
        instrument_key=key,
        version=inst.version,
        status=Assessment.Status.CLOSED if closed else Assessment.Status.OPEN,
        opened_by=by,
        opened_at=opened,
        closed_at=closed,
    )
    batch.assessments.append(assessment)
    return assessment


def _response(
    batch: _Batch,
    key: str,
    answers: dict[str, Any],
    submitted: datetime,
    **fields: Any,
) -> Response:
    """A submitted response, scored and snapshotted the way `actions.submit_response` does."""
    inst = get_instrument(key)
    answers = logic.clean_answers(inst, answers)
    anonymous = fields.get("perspective") == Perspective.ANONYMOUS
    started = submitted - timedelta(minutes=inst.duration_minutes + 3)
    if anonymous:
        started = submitted = _day(submitted)
    response = Response(
        instrument_key=key,
        version=inst.version,
        answers=answers,
        current_page=len(inst.pages) - 1,
        started_at=started,
        updated_at=submitted,
        submitted_at=submitted,
        result=result_snapshot(scoring.score(inst, answers)),
        **fields,
    )
    batch.responses.append(response)
    return response


def seed_assessments() -> dict[str, int]:
    """Add the demo's self-check answers (nothing new if they exist); returns the counts."""
    with transaction.atomic():
        seeder = _Seeder()
        seeder.run()
        seeder.batch.save()
        for assessment in seeder.batch.assessments:
            make_release(assessment)  # what the demo shows is released, as after answering
    return {
        "assessments": len(seeder.batch.assessments),
        "responses": len(seeder.batch.responses),
    }


class _Seeder:
    def __init__(self) -> None:
        self.now = timezone.now()
        self.batch = _Batch()
        leads = Membership.objects.filter(
            role__in=(Role.COMPANY_LEAD, Role.SOLO), ended_at__isnull=True
        ).select_related("user", "organisation")
        self.leads: dict[int, User] = {}
        for m in leads.order_by("pk"):
            if m.organisation_id is not None:
                self.leads.setdefault(m.organisation_id, m.user)
        self.organisations = [
            o
            for o in Organisation.objects.filter(pk__in=self.leads).order_by("legal_name")
            if o.legal_name.endswith("(fiktiv)")
        ]
        self.existing = set(Assessment.objects.values_list("organisation_id", "instrument_key"))

    def _fresh(self, org: Organisation, key: str) -> bool:
        return (org.pk, key) not in self.existing

    def run(self) -> None:
        showcase = next((o for o in self.organisations if o.legal_name == SHOWCASE_COMPANY), None)
        if showcase is not None:
            self._showcase(showcase)
            self._competence(showcase)
        self._competence_peers()
        self._readiness_peers(showcase)
        self._needs(showcase)

    # --- the showcase company ---------------------------------------------------------------

    def _people(self, org: Organisation) -> tuple[list[User], User | None]:
        """The company's employees (demo employee first) and its works council member."""
        members = Membership.objects.filter(organisation=org, ended_at__isnull=True).select_related(
            "user"
        )
        council = next((m.user for m in members if m.role == Role.WORKS_COUNCIL), None)
        staff = sorted(
            {m.user for m in members if m.role == Role.EMPLOYEE and m.user != council},
            key=lambda u: (u.email != DEMO_EMPLOYEE, u.email),
        )
        return staff, council

    def _showcase(self, org: Organisation) -> None:
        staff, council = self._people(org)
        lead = self.leads[org.pk]
        if self._fresh(org, "readiness"):
            self._showcase_readiness(org, lead, staff, council)
        if self._fresh(org, "work_voice"):
            self._showcase_voice(org, lead, staff, council)

    def _showcase_readiness(
        self, org: Organisation, lead: User, staff: list[User], council: User | None
    ) -> None:
        rng = _rng("showcase-readiness")
        opened = quarter_start(self.now, 2) + timedelta(days=12, hours=9)
        closed = opened + timedelta(days=45)
        earlier = _assessment(self.batch, org, "readiness", opened, closed, lead)
        people = [(lead, Perspective.COMPANY_LEAD, 0.45)]
        people += [(u, Perspective.EMPLOYEE, 0.38) for u in staff[:8]]
        if council is not None:
            people.append((council, Perspective.WORKS_COUNCIL, 0.34))
        for user, perspective, level in people:
            answered = opened + timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 8))
            self._readiness_answer(rng, earlier, user, perspective, level, answered, org)
        # repeated now: the lead's newer answers show the progress; three employees answered
        now_open = _assessment(
            self.batch, org, "readiness", self.now - timedelta(days=20), None, lead
        )
        later = [(lead, Perspective.COMPANY_LEAD, 0.6)]
        later += [(u, Perspective.EMPLOYEE, 0.48) for u in staff[1:4]]  # not the demo employee
        for user, perspective, level in later:
            answered = self.now - timedelta(days=rng.randint(2, 18), hours=rng.randint(0, 8))
            self._readiness_answer(rng, now_open, user, perspective, level, answered, org)

    def _readiness_answer(
        self,
        rng: random.Random,
        assessment: Assessment,
        user: User | None,
        perspective: str,
        level: float,
        answered: datetime,
        org: Organisation,
    ) -> None:
        fixed = {"has_works_council": "yes" if org.has_works_council else "no"}
        answers = answers_for(
            get_instrument("readiness"), rng, level, perspective=perspective, fixed=fixed
        )
        _response(
            self.batch,
            "readiness",
            answers,
            answered,
            assessment=assessment,
            respondent=user,
            organisation=org,
            perspective=perspective,
        )

    def _showcase_voice(
        self, org: Organisation, lead: User, staff: list[User], council: User | None
    ) -> None:
        """Anonymous answers of the staff except the demo employee (who can still try it);
        Participation rows record only who took part, never which answers."""
        rng = _rng("showcase-voice")
        opened = self.now - timedelta(days=30)
        assessment = _assessment(self.batch, org, "work_voice", opened, None, lead)
        takers = ([council] if council else []) + staff[1:]
        inst = get_instrument("work_voice")
        days = sorted(_day(opened + timedelta(days=rng.randint(1, 28))) for _ in takers)
        for number, day in enumerate(days):
            answers = answers_for(inst, rng, rng.uniform(0.35, 0.6), perspective="employee")
            if number < len(VOICE_TEXTS):
                answers["message_to_management"] = VOICE_TEXTS[number]
            token = hash_token(f"demo-voice-{rng.getrandbits(128):032x}")  # nobody holds it
            _response(
                self.batch,
                "work_voice",
                answers,
                day,
                assessment=assessment,
                organisation=org,
                perspective=Perspective.ANONYMOUS,
                resume_token_hash=token,
            )
        rng.shuffle(days)  # who took part on which day says nothing about the answers
        self.batch.participations += [
            Participation(assessment=assessment, user=user, created_on=day.date())
            for user, day in zip(takers, days, strict=True)
        ]

    def _competence(self, org: Organisation) -> None:
        """The demo employee took the competence check three quarters ago and again lately."""
        user = User.objects.filter(email=DEMO_EMPLOYEE).first()
        if user is None or Response.objects.filter(respondent=user, instrument_key="competence"):
            return
        rng = _rng("competence")
        inst = get_instrument("competence")
        for back, level in ((3, 0.35), (0, 0.62)):
            _response(
                self.batch,
                "competence",
                answers_for(inst, rng, level, perspective="individual"),
                moment_in_quarter(rng, self.now, back),
                respondent=user,
                organisation=org,
                perspective=Perspective.INDIVIDUAL,
            )

    # --- the rest of the network ------------------------------------------------------------

    def _competence_peers(self) -> None:
        """Most employees with an account took the competence check once (peers for people)."""
        rng = _rng("competence-peers")
        inst = get_instrument("competence")
        members = Membership.objects.filter(
            role=Role.EMPLOYEE, ended_at__isnull=True, organisation__in=self.organisations
        ).select_related("user", "organisation")
        done = set(
            Response.objects.filter(instrument_key="competence").values_list(
                "respondent_id", flat=True
            )
        )
        for member in sorted(members, key=lambda m: m.user.email):
            takes, level = rng.random() < COMPETENCE_SHARE, rng.uniform(0.25, 0.7)
            answered = moment_in_quarter(rng, self.now, rng.randint(0, 3))
            answers = answers_for(inst, rng, level, perspective="individual")
            if not takes or member.user.email == DEMO_EMPLOYEE or member.user_id in done:
                continue
            done.add(member.user_id)
            _response(
                self.batch,
                "competence",
                answers,
                answered,
                respondent=member.user,
                organisation=member.organisation,
                perspective=Perspective.INDIVIDUAL,
            )

    def _readiness_peers(self, showcase: Organisation | None) -> None:
        """Readiness answers of other companies: all of WZ section C, then others by lot."""
        rng = _rng("readiness-peers")
        companies = [
            o for o in self.organisations if o.kind == Organisation.Kind.COMPANY and o != showcase
        ]
        chosen = [o for o in companies if o.wz_section == "C"]
        rest = [o for o in companies if o.wz_section != "C"]
        chosen += rng.sample(rest, min(len(rest), max(READINESS_COMPANIES - len(chosen), 0)))
        for org in sorted(chosen, key=lambda o: o.legal_name):
            level = _maturity(rng, org)
            answered = moment_in_quarter(rng, self.now, rng.randint(0, 3))
            if not self._fresh(org, "readiness"):
                continue
            lead = self.leads[org.pk]
            closed = min(answered + timedelta(days=rng.randint(7, 30)), self.now)
            assessment = _assessment(
                self.batch, org, "readiness", answered - timedelta(days=2), closed, lead
            )
            self._readiness_answer(
                rng, assessment, lead, Perspective.COMPANY_LEAD, level, answered, org
            )

    def _needs(self, showcase: Organisation | None) -> None:
        """Needs surveys of 45 organisations (the showcase among them), by their leads."""
        rng = _rng("needs")
        others = [o for o in self.organisations if o != showcase]
        chosen = rng.sample(others, min(len(others), NEEDS_ORGANISATIONS - 1))
        if showcase is not None:
            chosen.append(showcase)
        inst = get_instrument("needs")
        for org in sorted(chosen, key=lambda o: o.legal_name):
            answers = needs_answers(inst, rng, org)
            answered = moment_in_quarter(rng, self.now, rng.randint(0, 3))
            if not self._fresh(org, "needs"):
                continue
            lead = self.leads[org.pk]
            closed = min(answered + timedelta(days=14), self.now)
            assessment = _assessment(
                self.batch, org, "needs", answered - timedelta(days=1), closed, lead
            )
            _response(
                self.batch,
                "needs",
                answers,
                answered,
                assessment=assessment,
                respondent=lead,
                organisation=org,
                perspective=Perspective.COMPANY_LEAD,
            )


def _maturity(rng: random.Random, org: Organisation) -> float:
    """A company's latent AI maturity: higher in IT and knowledge services and in larger firms."""
    level = 0.3 + {"J": 0.2, "K": 0.12, "M": 0.1, "C": 0.05}.get(org.wz_section, 0.0)
    level += min(org.headcount, 500) / 2500
    return max(0.08, min(0.9, level + rng.gauss(0, 0.08)))
