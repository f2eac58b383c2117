"""Test data for the pulse, workshops, work-impact assessment and decision log."""

from __future__ import annotations

import datetime as dt
import io
import secrets

from django.core.files.base import ContentFile
from django.utils import timezone

from ..models import Decision, ImpactAssessment, Project, PulseRound, Workshop, WorkshopPhoto
from .factories import walk_project


def png_bytes(size: tuple[int, int] = (4, 3)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_round(project: Project, *, number: int = 1, days_left: int = 3) -> PulseRound:
    """An open round without tokens (pulse_service.open_round issues them)."""
    today = timezone.localdate()
    return PulseRound.objects.create(
        project=project,
        number=number,
        title=f"Puls {number}",
        version="2026.1",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=days_left),
    )


def make_workshop(project: Project) -> Workshop:
    return Workshop.objects.create(
        project=project, title="Arbeitsplatz-Check", held_on=timezone.localdate()
    )


def make_photo(workshop: Workshop) -> WorkshopPhoto:
    photo = WorkshopPhoto(workshop=workshop, caption="Flipchart")
    photo.image.save("foto.png", ContentFile(png_bytes()), save=True)
    return photo


def make_assessment(project: Project) -> ImpactAssessment:
    return ImpactAssessment.objects.create(
        project=project, subject="Sichtprüfung am Band", secret=secrets.token_hex(32)
    )


def make_decision(project: Project, *, published: bool = True, title: str = "Pilot") -> Decision:
    return Decision.objects.create(
        project=project,
        decided_on=timezone.localdate(),
        decided_by="Geschäftsführung und Betriebsrat",
        title=title,
        text="Der Pilot läuft in einer Schicht.",
        reasons="So lernen wir, bevor alle betroffen sind.",
        published_on=timezone.localdate() if published else None,
    )


# --- the access walk: one of each per tenant's walk project -----------------------------------


def walk_round(t: object) -> PulseRound:
    project = walk_project(t)
    return project.pulse_rounds.first() or make_round(project)


def walk_workshop(t: object) -> Workshop:
    project = walk_project(t)
    return project.workshops.first() or make_workshop(project)


def walk_photo(t: object) -> WorkshopPhoto:
    workshop = walk_workshop(t)
    return workshop.photos.first() or make_photo(workshop)


def walk_assessment(t: object) -> ImpactAssessment:
    project = walk_project(t)
    return project.impact_assessments.first() or make_assessment(project)


def walk_decision(t: object) -> Decision:
    project = walk_project(t)
    return project.decisions.first() or make_decision(project)
