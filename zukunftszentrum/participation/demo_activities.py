"""The demo's pulse, workshop, work-impact assessment and decisions (part of the demo step
"participation", after the ideas and concerns).

Hanse Präzisionstechnik's "KI-gestützte Sichtprüfung" moves to the phase Erproben: two pulse
rounds released (before the pilot and after two weeks of it), an "Arbeitsplatz-Check KI" with
results, a photo of a flip chart and a decision, an impact assessment of the visual inspection
with all three perspectives, and the decision log with one correction. A carpentry without a
works council runs a smaller project. Runs again without duplicating anything.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zukunftszentrum.core.tokens import hash_token
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.roles import Role

from . import impact_scale, phases, pulse_content, pulse_service, workshop_content
from .demo import DEMO_TITLE
from .models import (
    BodyRating,
    Category,
    Decision,
    EmployeeImpactRating,
    ImpactAssessment,
    Item,
    Project,
    ProjectMember,
    ProjectPhase,
    PulseResponse,
    PulseRound,
    PulseToken,
    Workshop,
    WorkshopPhoto,
)
from .phases import ProjectRole

SMALL_COMPANY = "Tischlerei Beispiel GmbH (fiktiv)"
SMALL_TITLE = "KI-Assistent für Angebote"
WORKSHOP_TITLE = "Arbeitsplatz-Check KI an der Prüfstation"
IMPACT_SUBJECT = "Sichtprüfung gefräster Teile (Qualitätsprüfung)"

# Each round's answers per question: a base value; people scatter around it. Before the pilot
# people worry about being watched; after two weeks (and the decision below) less so.
ROUNDS = (
    ("Vor dem Pilot", 30, 23, {"expect_easier": 3, "expect_say": 3, "worry_job": 3,
     "worry_watched": 4, "workload_now": 4, "trust_information": 2, "trust_promises": 3}),
    ("Nach zwei Wochen Pilot", 3, 1, {"expect_easier": 4, "expect_say": 4, "worry_job": 3,
     "worry_watched": 2, "workload_now": 3, "trust_information": 4, "trust_promises": 4}),
)  # fmt: skip

MANAGEMENT = {"tasks": 1, "workload": 1, "autonomy": 0, "skills": 1, "health": 0,
              "monitoring": 0, "data": 0}  # fmt: skip
COUNCIL = {"tasks": 0, "workload": -1, "autonomy": -1, "skills": 1, "health": -1,
           "monitoring": -2, "data": -1}  # fmt: skip
COUNCIL_NOTES = {
    "monitoring": "Die Kamera könnte Personen erfassen; das muss die Betriebsvereinbarung ausschließen.",
    "workload": "Nur wenn die Stückzahl nicht steigt.",
}
EMPLOYEES = {"tasks": 1, "workload": 0, "autonomy": -1, "skills": 1, "health": 0,
             "monitoring": -1, "data": 0}  # fmt: skip


def _one(organisation: Organisation, role: Role) -> Membership | None:
    return (
        Membership.objects.filter(organisation=organisation, role=role, ended_at__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )


def _move_to(
    project: Project, key: str, today: dt.date, *, started_ago: int = 5, days: int = 14
) -> None:
    """Make `key` the current phase, begun `started_ago` days ago and `days` long; the phases
    before and after it take two weeks each."""
    keys = phases.phase_keys()
    current = keys.index(key)
    begins = today - dt.timedelta(days=started_ago + 14 * current)
    for i, k in enumerate(keys):
        length = days if i == current else 14
        ProjectPhase.objects.update_or_create(
            project=project, key=k,
            defaults={"starts_on": begins, "ends_on": begins + dt.timedelta(days=length - 1)},
        )  # fmt: skip
        begins += dt.timedelta(days=length)
    project.current_phase = key
    project.save(update_fields=["current_phase"])


def _flip_chart() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 640), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(("Arbeitsplatz-Check KI", "", "+ weniger Nachmessen",
                              "- Kamera sieht Personen?", "- Stückzahl?", "? Schulung")):  # fmt: skip
        draw.text((30, 40 + 50 * i), line, fill=(20, 40, 120))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _pulse(project: Project, people: list[Membership], today: dt.date, rng: random.Random) -> int:
    q = pulse_content.questionnaire()
    made = 0
    for number, (title, opened_ago, closed_ago, base) in enumerate(ROUNDS, start=1):
        round_ = PulseRound.objects.create(
            project=project,
            number=number,
            title=title,
            version=q.version,
            opens_on=today - dt.timedelta(days=opened_ago),
            closes_on=today - dt.timedelta(days=closed_ago),
        )
        asked = pulse_service.asked(project) or people
        answering = rng.sample(asked, k=max(1, len(asked) * 4 // 5))
        PulseToken.objects.bulk_create(
            PulseToken(
                round=round_,
                membership=m,
                token_hash=hash_token(pulse_service.token_for(round_, m)),
                used=m in answering,
            )
            for m in asked
        )
        responses = [
            PulseResponse(
                round=round_,
                answered_on=min(
                    round_.closes_on, round_.opens_on + dt.timedelta(days=rng.randint(0, 3))
                ),
                answers={
                    k: min(5, max(1, base[k] + rng.choice((-1, 0, 0, 1))))
                    for k in q.question_keys()
                },
            )
            for _m in answering
        ]
        rng.shuffle(responses)
        PulseResponse.objects.bulk_create(responses)
        pulse_service.release(round_)
        made += 1
    return made


def _workshop(project: Project, lead: Membership, people: list[Membership], today: dt.date) -> None:
    template = workshop_content.template("arbeitsplatz_check")
    workshop = Workshop.objects.create(
        project=project,
        title=WORKSHOP_TITLE,
        template_key=template.key,
        held_on=today - dt.timedelta(days=24),
        agenda=template.agenda_text("de"),
        notes="Acht Personen aus beiden Schichten, dazu Betriebsrat und Begleitung.",
    )
    workshop.participants.set(people[:8])
    for kind, category, title, body in (
        ("idea", Category.QUALITY, "Zweite Meinung bei Grenzfällen",
         "Bei Teilen, die die KI als unsicher markiert, schaut immer eine zweite Person drauf."),
        ("concern", Category.MONITORING, "Kamera nur auf das Werkstück",
         "Der Bildausschnitt soll so eingestellt werden, dass keine Hände oder Gesichter zu sehen sind."),
    ):  # fmt: skip
        item = Item.objects.create(
            project=project, kind=kind, category=category, title=title, body=body,
            author=lead, posted_on=workshop.held_on,
        )  # fmt: skip
        workshop.results.add(item)
    photo = WorkshopPhoto(workshop=workshop, caption="Flipchart: Was sich an der Station ändert")
    photo.image.save("foto.png", ContentFile(_flip_chart()), save=True)


def _impact(project: Project, lead: Membership, council: Membership | None,
            staff: list[Membership], today: dt.date, rng: random.Random) -> None:  # fmt: skip
    from .impact_service import rater_key

    assessment = ImpactAssessment.objects.create(
        project=project,
        subject=IMPACT_SUBJECT,
        description="Die Prüferinnen und Prüfer kontrollieren künftig nur noch, was die KI als "
        "auffällig oder unsicher meldet.",
        secret=secrets.token_hex(32),
        employees_closed_on=today - dt.timedelta(days=18),
    )
    for body, values, who, notes in (
        (BodyRating.Body.MANAGEMENT, MANAGEMENT, lead, {}),
        (BodyRating.Body.WORKS_COUNCIL, COUNCIL, council, COUNCIL_NOTES),
    ):
        if who is None:
            continue
        BodyRating.objects.bulk_create(
            BodyRating(assessment=assessment, body=body, dimension=d, rating=r,
                       note=notes.get(d, ""), entered_by=who)
            for d, r in values.items()
        )  # fmt: skip
    EmployeeImpactRating.objects.bulk_create(
        EmployeeImpactRating(
            assessment=assessment,
            rater=rater_key(person.user, assessment),
            dimension=d,
            rating=min(2, max(-2, base + rng.choice((-1, 0, 0, 1)))),
        )
        for person in staff
        for d, base in EMPLOYEES.items()
        if d in impact_scale.DIMENSIONS
    )


def _decisions(project: Project, lead: Membership, today: dt.date) -> None:
    workshop = project.workshops.filter(title=WORKSHOP_TITLE).first()
    watched = project.items.filter(category=Category.MONITORING).order_by("posted_on")
    pilot = Decision.objects.create(
        project=project, decided_on=today - dt.timedelta(days=20),
        decided_by="Geschäftsführung und Betriebsrat", title="Pilot in der Frühschicht",
        text="Die Sichtprüfung mit KI läuft vier Wochen in der Frühschicht an Station 2.",
        reasons="Im Workshop gewünscht: erst klein ausprobieren, dann gemeinsam bewerten.",
        dissent="Zwei Beschäftigte der Spätschicht hätten den Pilot lieber dort gehabt.",
        workshop=workshop, recorded_by=lead, published_on=today - dt.timedelta(days=20),
    )  # fmt: skip
    no_watching = Decision.objects.create(
        project=project, decided_on=today - dt.timedelta(days=19),
        decided_by="Geschäftsführung und Betriebsrat",
        title="Keine Auswertung einzelner Personen",
        text="Bilder, auf denen Personen zu sehen sind, werden sofort verworfen. Ergebnisse "
        "werden nur je Schicht ausgewertet.",
        reasons="Antwort auf die Bedenken zur Überwachung; Grundlage für die Betriebsvereinbarung.",
        workshop=workshop, recorded_by=lead, published_on=today - dt.timedelta(days=19),
    )  # fmt: skip
    no_watching.answers.set(watched)
    Decision.objects.create(
        project=project, decided_on=today - dt.timedelta(days=17),
        decided_by="Geschäftsführung und Betriebsrat", title="Pilot in der Frühschicht (Korrektur)",
        text="Die Sichtprüfung mit KI läuft vier Wochen in der Frühschicht an Station 3.",
        reasons="Station 2 wird umgebaut; der Pilot zieht an Station 3 um.",
        corrects=pilot, recorded_by=lead, published_on=today - dt.timedelta(days=17),
    )  # fmt: skip


def _small_project(today: dt.date) -> int:
    """A carpentry without a works council: the lead facilitates, everybody takes part."""
    company = Organisation.objects.filter(legal_name=SMALL_COMPANY).first()
    lead = _one(company, Role.COMPANY_LEAD) if company else None
    if company is None or lead is None:
        return 0
    if Project.objects.filter(organisation=company, title=SMALL_TITLE).exists():
        return 0
    project = Project.objects.create(
        organisation=company, title=SMALL_TITLE, current_phase=phases.phase_keys()[0],
        plan="Ein Sprachmodell entwirft Angebote aus unseren Aufmaßen; wir prüfen jedes Angebot, "
        "bevor es rausgeht.",
    )  # fmt: skip
    _move_to(project, "ideen_und_bedenken", today)
    ProjectMember.objects.create(
        project=project, membership=lead, role=ProjectRole.LEAD, is_facilitator=True
    )
    staff = list(
        Membership.objects.filter(organisation=company, role=Role.EMPLOYEE, ended_at__isnull=True)
    )
    for title, body, author in (
        ("Aufmaß direkt vom Tablet", "Wenn das Aufmaß gleich digital ist, spart das doppelte Arbeit.",
         staff[0] if staff else lead),
        ("Wer haftet für falsche Preise?", "Wenn das Modell einen Preis falsch berechnet, wer merkt das?", None),
    ):  # fmt: skip
        Item.objects.create(
            project=project, kind="idea" if author else "concern",
            category=Category.QUALITY, title=title, body=body, is_anonymous=author is None,
            author=author, posted_on=today - dt.timedelta(days=2),
        )  # fmt: skip
    workshop = Workshop.objects.create(
        project=project, title="Zukunftswerkstatt Angebote", template_key="zukunftswerkstatt",
        held_on=today + dt.timedelta(days=5),
        agenda=workshop_content.template("zukunftswerkstatt").agenda_text("de"),
    )  # fmt: skip
    workshop.participants.set([lead, *staff])
    return 1


@transaction.atomic
def seed_participation_activities() -> dict[str, int]:
    today = timezone.localdate()
    counts = {"rounds": 0, "projects": _small_project(today)}
    project = Project.objects.filter(
        organisation__legal_name=SHOWCASE_COMPANY, title=DEMO_TITLE
    ).first()
    if project is None or project.pulse_rounds.exists():
        return counts
    company = project.organisation
    _move_to(project, "erproben", today, started_ago=16, days=28)  # a four-week pilot
    lead = _one(company, Role.COMPANY_LEAD)
    council = _one(company, Role.WORKS_COUNCIL)
    staff = list(
        Membership.objects.filter(organisation=company, role=Role.EMPLOYEE, ended_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    assert lead is not None
    rng = random.Random(15)  # noqa: S311 -- demo data, reproducible; not a secret
    counts["rounds"] = _pulse(project, staff, today, rng)
    _workshop(project, lead, [*staff, *([council] if council else [])], today)
    _impact(project, lead, council, staff, today, rng)
    _decisions(project, lead, today)
    _codetermination(project, lead, today)
    return counts


def _codetermination(project: Project, lead: Membership, today: dt.date) -> None:
    """The facts of the visual inspection: a camera system that could watch how people work, new
    procedures and skills. The lead has asked the works council for its consent under § 87(1)
    no. 6 BetrVG; the council has not decided yet (it records that itself)."""
    from . import steps

    steps.record_facts(
        member=lead,
        project=project,
        facts={
            "has_works_council": True,
            "employees": project.organisation.headcount or 68,
            "monitors_behaviour_or_performance": True,
            "changes_work_procedures": True,
            "changes_tasks_needing_skills": True,
        },
    )
    steps.record_step(
        member=lead,
        project=project,
        step_id="monitoring_consent",
        status="requested",
        decision="",
        decided_on=today - dt.timedelta(days=10),
        documents=[],
    )
