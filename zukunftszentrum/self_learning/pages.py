"""What the player's pages show, assembled from the unit, the progress and the attempt.
Templates only read what is put here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.learning.competence import content as competence_content

from . import content
from .models import Attempt, UnitProgress
from .queries import Flow
from .units import Unit
from .units.attempts import (
    AnswerError,
    DrawnQuestion,
    needed_points,
    ordering_from_positions,
    review,
)


def lang() -> str:
    return get_language() or "de"


def competence_title(competence_id: str) -> str:
    found = competence_content.framework().competence(competence_id)
    return found.title.get(lang()) if found is not None else competence_id


def competence_choices() -> list[tuple[str, str]]:
    """The competences some unit teaches, for the list's filter."""
    used = {c for u in content.units().values() for c in u.competences}
    return [
        (c.id, c.title.get(lang()))
        for c in competence_content.framework().competences
        if c.id in used
    ]


def unit_card(unit: Unit, progress: UnitProgress | None) -> dict[str, Any]:
    language = lang()
    if progress is None:
        status = ""
    elif progress.passed_at:
        status = _("Bestanden")
    else:
        status = _("Begonnen: Abschnitt %(n)s von %(total)s") % {
            "n": progress.section,
            "total": len(unit.sections),
        }
    return {
        "id": unit.id,
        "title": unit.title.get(language),
        "summary": unit.summary.get(language),
        "minutes": unit.minutes,
        "competences": [
            {"title": competence_title(c), "level": level} for c, level in unit.competences.items()
        ],
        "status": status,
        "passed": bool(progress and progress.passed_at),
    }


def unit_list_context(competence: str, progress: Mapping[str, UnitProgress]) -> dict[str, Any]:
    units = [u for u in content.units().values() if not competence or competence in u.competences]
    return {
        "cards": [unit_card(u, progress.get(u.id)) for u in units],
        "competences": competence_choices(),
        "selected": competence,
    }


def unit_context(unit: Unit, progress: UnitProgress | None) -> dict[str, Any]:
    language = lang()
    return {
        "unit": unit,
        "card": unit_card(unit, progress),
        "progress": progress,
        "sections": [s.text(language).title for s in unit.sections],
        "sources": unit.sources,
        "law_as_of": law_as_of(unit),
        "questions": unit.per_attempt,
        "needed": needed_points(unit.per_attempt, unit.pass_mark),
    }


def section_context(flow: Flow, number: int) -> dict[str, Any]:
    unit = flow.unit
    section = unit.section(number)
    assert section is not None
    text = section.text(lang())
    return {
        "flow": flow,
        "title": unit.title.get(lang()),
        "section_title": text.title,
        "body": content.html(text.body),
        "number": number,
        "total": len(unit.sections),
        "is_last": number == len(unit.sections),
        "home_url": flow.url("home"),
        # The last section ends with what the text rests on, as the unit's page does.
        "sources": unit.sources,
        "law_as_of": law_as_of(unit),
    }


def print_context(unit: Unit) -> dict[str, Any]:
    language = lang()
    return {
        "unit": unit,
        "title": unit.title.get(language),
        "summary": unit.summary.get(language),
        "sections": [
            {"title": s.text(language).title, "body": content.html(s.text(language).body)}
            for s in unit.sections
        ],
        "sources": unit.sources,
        "law_as_of": law_as_of(unit),
    }


def law_as_of(unit: Unit) -> str:
    return unit.law_as_of.get(lang()) if unit.law_as_of is not None else ""


def _t(text: Mapping[str, str] | None) -> str:
    if not text:
        return ""
    return text.get("en" if lang().startswith("en") else "de") or text.get("de", "")


def answers_from_post(
    questions: list[DrawnQuestion], post: Any
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The posted answers as option ids per question, and an error per question that is not
    (or not completely) answered."""
    answers: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for q in questions:
        name = f"q-{q.id}"
        if q.type == "ordering":
            positions = {o.id: post.get(f"{name}-{o.id}", "") for o in q.options}
            try:
                answers[q.id] = list(ordering_from_positions(q, positions))
            except AnswerError:
                answers[q.id] = []
                errors[q.id] = _("Bitte geben Sie jedem Schritt eine andere Position.")
                continue
        else:
            known = {o.id for o in q.options}
            answers[q.id] = [v for v in post.getlist(name) if v in known]
            if q.type != "multiple":
                answers[q.id] = answers[q.id][:1]
        if not answers[q.id] and q.id not in errors:
            errors[q.id] = _("Bitte beantworten Sie diese Frage.")
    return answers, errors


def quiz_context(
    flow: Flow,
    attempt: Attempt,
    questions: list[DrawnQuestion],
    *,
    post: Any = None,
    errors: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    errors = errors or {}
    fields = []
    for number, q in enumerate(questions, 1):
        name = f"q-{q.id}"
        chosen = set(post.getlist(name)) if post is not None else set()
        fields.append(
            {
                "id": q.id,
                "number": number,
                "name": name,
                "type": q.type,
                "widget": "checkbox" if q.type == "multiple" else "radio",
                "text": _t(q.text),
                "scenario": _t(q.scenario),
                "error": errors.get(q.id, ""),
                "positions": range(1, len(q.options) + 1),
                "options": [
                    {
                        "id": o.id,
                        "text": _t(o.text),
                        "checked": o.id in chosen,
                        "position": post.get(f"{name}-{o.id}", "") if post is not None else "",
                    }
                    for o in q.options
                ],
            }
        )
    return {
        "flow": flow,
        "attempt": attempt,
        "title": flow.unit.title.get(lang()),
        "fields": fields,
        "errors": errors,
        "needed": needed_points(len(questions), attempt.pass_mark),
    }


def credentials_url() -> str | None:
    """The seam to the credentials app: its page, when that app is installed."""
    try:
        return reverse("credentials:mine")
    except NoReverseMatch:
        return None


def review_context(flow: Flow, attempt: Attempt, questions: list[DrawnQuestion]) -> dict[str, Any]:
    return {
        "flow": flow,
        "attempt": attempt,
        "title": flow.unit.title.get(lang()),
        "reviewed": review(questions, attempt.answers, lang()),
        "total": len(questions),
        "needed": needed_points(len(questions), attempt.pass_mark),
        "outdated": attempt.unit_version != flow.unit.version,
        "credentials_url": credentials_url() if attempt.passed and not flow.by_token else None,
        "quiz_url": flow.url("quiz"),
    }
