"""API of the self-checks: the instruments (public) and the caller's own results (signed in).

Privacy: results are found only through `queries.responses_of(user)` — responses whose
respondent is the caller. Anonymous responses have no respondent and so never appear; nobody
reads another person's answers here, whatever their role. Answers themselves are not served,
and knowledge questions are served without their correct option.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema

from zukunftszentrum.core.api import django_auth, responses

from . import queries
from .engine.schema import Instrument, Item, Text
from .exceptions import UnknownInstrument
from .instruments import catalog

router = Router(tags=["Selbstchecks"])
Lang = Literal["de", "en"]


class OptionOut(Schema):
    value: str
    text: str


class ConditionOut(Schema):
    item: str
    op: str
    value: Any


class ItemOut(Schema):
    id: str
    type: str
    text: str
    help: str | None = None
    dimension: str | None = None
    required: bool
    options: list[OptionOut] = []
    max_choices: int | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    max_length: int | None = None
    show_if: ConditionOut | None = None


class PageOut(Schema):
    id: str
    title: str
    intro: str | None = None
    items: list[ItemOut]


class DimensionOut(Schema):
    id: str
    title: str
    description: str | None = None
    weight: float


class LevelOut(Schema):
    level: int
    min: float
    label: str


class InstrumentOut(Schema):
    key: str
    version: str
    kind: str
    title: str
    description: str
    duration_minutes: int
    anonymous: bool


class InstrumentDetailOut(InstrumentOut):
    versions: list[str]
    perspectives: list[str]
    dimensions: list[DimensionOut]
    levels: list[LevelOut]
    pages: list[PageOut]


class ResultOut(Schema):
    id: uuid.UUID
    instrument_key: str
    version: str
    title: str
    perspective: str
    organisation: str | None
    submitted_at: datetime.datetime
    result: dict[str, Any]


@router.get(
    "/instruments", response=responses(list[InstrumentOut]), auth=None, url_name="instruments"
)
def list_instruments(request: HttpRequest, lang: Lang | None = None) -> list[dict[str, Any]]:
    """The newest version of every self-check."""
    language = _lang(lang)
    return [_summary(inst, language) for inst in catalog().all_latest()]


@router.get(
    "/instruments/{key}",
    response=responses(InstrumentDetailOut, 404),
    auth=None,
    url_name="instrument_detail",
)
def instrument_detail(
    request: HttpRequest, key: str, lang: Lang | None = None, version: str | None = None
) -> dict[str, Any]:
    """One self-check with its dimensions, levels and questions (newest version by default)."""
    try:
        inst = queries.instrument(key, version)
    except UnknownInstrument:
        raise Http404 from None
    language = _lang(lang)
    return {
        **_summary(inst, language),
        "versions": catalog().versions(key),
        "perspectives": list(inst.perspectives),
        "dimensions": [
            {
                "id": d.id,
                "title": d.title.get(language),
                "description": _text(d.description, language),
                "weight": d.weight,
            }
            for d in inst.dimensions
        ],
        "levels": [
            {"level": lv.level, "min": lv.min, "label": lv.label.get(language)}
            for lv in inst.levels
        ],
        "pages": [
            {
                "id": p.id,
                "title": p.title.get(language),
                "intro": _text(p.intro, language),
                "items": [_item(i, language) for i in p.items],
            }
            for p in inst.pages
        ],
    }


@router.get(
    "/me/results", response=responses(list[ResultOut], 401), auth=django_auth, url_name="my_results"
)
def my_results(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's own submitted responses with their result snapshot; never anyone else's."""
    responses = (
        queries.responses_of(request.user)  # type: ignore[arg-type]
        .filter(submitted_at__isnull=False)
        .select_related("organisation")
        .order_by("-submitted_at")
    )
    return [
        {
            "id": r.pk,
            "instrument_key": r.instrument_key,
            "version": r.version,
            "title": _title(r.instrument_key, r.version),
            "perspective": r.perspective,
            "organisation": str(r.organisation) if r.organisation else None,
            "submitted_at": r.submitted_at,
            "result": r.result or {},
        }
        for r in responses
    ]


def _lang(lang: str | None) -> str:
    return lang or (get_language() or "de")[:2]


def _text(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text else None


def _title(key: str, version: str) -> str:
    try:
        return queries.instrument(key, version).title.get(_lang(None))
    except UnknownInstrument:
        return key


def _summary(inst: Instrument, lang: str) -> dict[str, Any]:
    return {
        "key": inst.key,
        "version": inst.version,
        "kind": inst.kind,
        "title": inst.title.get(lang),
        "description": inst.description.get(lang),
        "duration_minutes": inst.duration_minutes,
        "anonymous": inst.anonymous,
    }


def _item(item: Item, lang: str) -> dict[str, Any]:
    """An item as a client needs it to show the question: no scores, no correct option."""
    condition = item.show_if
    return {
        "id": item.id,
        "type": item.type,
        "text": item.text.get(lang),
        "help": _text(item.help, lang),
        "dimension": item.dimension,
        "required": item.required,
        "options": [{"value": o.value, "text": o.text.get(lang)} for o in item.options],
        "max_choices": item.max_choices,
        "min": item.min,
        "max": item.max,
        "unit": _text(item.unit, lang),
        "max_length": item.max_length if item.type == "text" else None,
        "show_if": (
            {"item": condition.item, "op": condition.op, "value": condition.value}
            if condition
            else None
        ),
    }
