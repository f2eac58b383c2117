"""Answers: check form input, decide which items are shown. Pure: no Django imports.

Answers are a dict item_id -> value: likert int 1..5 or "na"; single str; multiple list[str];
number int/float; text str; knowledge str. Messages are German; the flow translates them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .schema import LIKERT_POINTS, NO_ANSWER, Answer, Instrument, Item, Page

Raw = str | list[str] | None


def gettext_noop(message: str) -> str:
    """Marks a message for `makemessages` (Django's keyword) without importing Django."""
    return message


class AnswerError(ValueError):
    """An answer that does not fit its item. `code` is stable; `message` is the German text.
    To translate: `gettext(exc.template) % exc.params` (the template has %(name)s fields)."""

    def __init__(self, code: str, template: str, **params: object) -> None:
        self.code, self.template, self.params = code, template, params
        self.message = template % params if params else template
        super().__init__(self.message)


def validate_answer(item: Item, raw: Raw) -> Answer | None:
    """Turn what a form posted into the typed answer; None when nothing was entered."""
    values = [v.strip() for v in ([] if raw is None else [raw] if isinstance(raw, str) else raw)]
    values = [v for v in values if v]
    if not values:
        return None
    if item.type == "multiple":
        return _multiple(item, values)
    if len(values) > 1:
        raise AnswerError("too_many", gettext_noop("Bitte wählen Sie nur eine Antwort."))
    value = values[0]
    if item.type == "likert":
        return _likert(value)
    if item.type in ("single", "knowledge"):
        if value not in item.option_values:
            raise AnswerError(
                "choice", gettext_noop("Bitte wählen Sie eine der angebotenen Antworten.")
            )
        return value
    if item.type == "number":
        return _number(item, value)
    if len(value) > item.max_length:
        raise AnswerError(
            "too_long",
            gettext_noop("Bitte höchstens %(max)s Zeichen eingeben."),
            max=item.max_length,
        )
    return value


def _likert(value: str) -> Answer:
    if value == NO_ANSWER:
        return NO_ANSWER
    if value.isdigit() and 1 <= int(value) <= LIKERT_POINTS:
        return int(value)
    raise AnswerError(
        "scale", gettext_noop("Bitte wählen Sie einen Wert der Skala oder „keine Angabe“.")
    )


def _multiple(item: Item, values: list[str]) -> list[str]:
    if any(v not in item.option_values for v in values):
        raise AnswerError("choice", gettext_noop("Bitte wählen Sie nur Antworten aus der Liste."))
    chosen = [v for v in item.option_values if v in values]  # option order, no duplicates
    if item.max_choices is not None and len(chosen) > item.max_choices:
        raise AnswerError(
            "too_many",
            gettext_noop("Bitte wählen Sie höchstens %(max)s Antworten."),
            max=item.max_choices,
        )
    return chosen


def _number(item: Item, value: str) -> int | float:
    try:
        number = float(_normalise_number(value))
    except ValueError:
        raise AnswerError("not_number", gettext_noop("Bitte geben Sie eine Zahl ein.")) from None
    if not math.isfinite(number):
        raise AnswerError("not_number", gettext_noop("Bitte geben Sie eine Zahl ein."))
    if item.min is not None and number < item.min:
        raise AnswerError(
            "too_small", gettext_noop("Bitte geben Sie mindestens %(min)s ein."), min=_fmt(item.min)
        )
    if item.max is not None and number > item.max:
        raise AnswerError(
            "too_large", gettext_noop("Bitte geben Sie höchstens %(max)s ein."), max=_fmt(item.max)
        )
    return int(number) if number.is_integer() else number


def _normalise_number(value: str) -> str:
    """German input: "1.000" and "1.000,5" use dots for thousands, "2,5" a decimal comma."""
    text = value.replace(" ", "").replace("\u00a0", "")
    if "," in text or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return text.replace(",", ".")


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def is_answered(value: Any) -> bool:
    """True for any answer, including "keine Angabe"; False for nothing, "" and []."""
    return value is not None and value != "" and value != []


def fits(item: Item, value: Any) -> bool:
    """True when a stored value is a valid answer to this item (guards old or tampered data)."""
    if item.type == "likert":
        return value == NO_ANSWER or (type(value) is int and 1 <= value <= LIKERT_POINTS)
    if item.type in ("single", "knowledge"):
        return isinstance(value, str) and value in item.option_values
    if item.type == "multiple":
        return isinstance(value, list) and all(v in item.option_values for v in value)
    if item.type == "number":
        return type(value) in (int, float) and math.isfinite(value)
    return isinstance(value, str) and len(value) <= item.max_length


def _shown(item: Item, answers: Mapping[str, Any], shown: set[str]) -> bool:
    cond = item.show_if
    if cond is None:
        return True
    return cond.item in shown and cond.matches(answers.get(cond.item))


def visible_items(instrument: Instrument, answers: Mapping[str, Any]) -> list[Item]:
    """The items shown for these answers, in order. An item whose `show_if` refers to a hidden
    item is hidden too: a hidden item's stale answer never counts."""
    shown: set[str] = set()
    result = []
    for item in instrument.items:
        if _shown(item, answers, shown):
            shown.add(item.id)
            result.append(item)
    return result


def with_implied(
    instrument: Instrument, perspective: str | None, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """The answers with those the perspective gives without being asked (`implied_for`)
    filled in; applied where a perspective's answers start and whenever a draft is saved, never
    to submitted responses (their stored results stay as they were)."""
    filled = dict(answers)
    for item in instrument.items:
        implied = item.implied(perspective)
        if implied is not None:
            filled[item.id] = implied
    return filled


def asked_items(
    instrument: Instrument, answers: Mapping[str, Any], perspective: str | None
) -> list[Item]:
    """The visible items this perspective is asked: an implied item counts for conditions but
    is not shown."""
    return [i for i in visible_items(instrument, answers) if i.implied(perspective) is None]


def visible_on_page(
    page: Page, answers: Mapping[str, Any], instrument: Instrument | None = None
) -> list[Item]:
    """The page's items shown for these answers. Pass the instrument so that conditions on
    hidden items of earlier pages are followed; without it they are read from the answers."""
    if instrument is not None:
        ids = {i.id for i in visible_items(instrument, answers)}
        return [i for i in page.items if i.id in ids]
    page_ids = {i.id for i in page.items}
    shown = {k for k in answers if k not in page_ids}
    result = []
    for item in page.items:
        if _shown(item, answers, shown):
            shown.add(item.id)
            result.append(item)
    return result


def missing_required(
    page: Page, answers: Mapping[str, Any], instrument: Instrument | None = None
) -> list[Item]:
    """Required items on the page that are shown but not answered ("keine Angabe" counts)."""
    return [
        item
        for item in visible_on_page(page, answers, instrument)
        if item.required and not is_answered(answers.get(item.id))
    ]


def clean_answers(instrument: Instrument, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers to known, shown items whose value fits the item (in this version)."""
    known = {k: v for k, v in answers.items() if (item := instrument.item(k)) and fits(item, v)}
    return {i.id: known[i.id] for i in visible_items(instrument, known) if i.id in known}
