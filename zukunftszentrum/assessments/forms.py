"""The question page without Django forms: each item becomes a plain dict the template renders
as a KERN fieldset or input. Answers come back as q-<item id> (see actions.save_page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .actions import FIELD_PREFIX
from .engine.schema import NO_ANSWER, Instrument, Item, Page

LIKERT_LABELS = (
    ("1", gettext_noop("trifft gar nicht zu")),
    ("2", gettext_noop("trifft eher nicht zu")),
    ("3", gettext_noop("teils, teils")),
    ("4", gettext_noop("trifft eher zu")),
    ("5", gettext_noop("trifft voll zu")),
)


def _likert_choices() -> list[tuple[str, str]]:
    choices = [(value, _(label)) for value, label in LIKERT_LABELS]
    return [*choices, (NO_ANSWER, _("keine Angabe"))]


def _choices(item: Item, language: str) -> list[tuple[str, str]]:
    if item.type == "likert":
        return _likert_choices()
    return [(o.value, o.text.get(language)) for o in item.options]


def _selected(item: Item, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def item_field(item: Item, value: Any, *, error: str = "", language: str = "de") -> dict[str, Any]:
    """One question, ready for the template."""
    name = FIELD_PREFIX + item.id
    selected = _selected(item, value)
    choices = [
        {"value": v, "label": label, "checked": v in selected, "id": f"{name}-{i}"}
        for i, (v, label) in enumerate(_choices(item, language))
    ]
    return {
        "id": item.id,
        "name": name,
        "type": item.type,
        "widget": _widget(item),
        "text": item.text.get(language),
        "help": item.help.get(language) if item.help else "",
        "unit": item.unit.get(language) if item.unit else "",
        "required": item.required,
        "choices": choices,
        "value": selected[0] if selected and item.type in ("number", "text") else "",
        "min": item.min,
        "max": item.max,
        "max_length": item.max_length,
        "max_choices": item.max_choices,
        "error": error,
    }


def _widget(item: Item) -> str:
    if item.type in ("likert", "single", "knowledge"):
        return "radio"
    if item.type == "multiple":
        return "checkbox"
    if item.type == "text" and item.max_length > 200:
        return "textarea"
    return "number" if item.type == "number" else "text"


def page_fields(
    inst: Instrument,
    page: Page,
    answers: Mapping[str, Any],
    visible: set[str],
    *,
    posted: Mapping[str, Sequence[str]] | None = None,
    errors: Mapping[str, str] | None = None,
    language: str = "de",
) -> list[dict[str, Any]]:
    """The page's visible items with the stored answer, or what was just posted (so nothing
    typed is lost when the page is shown again with a message)."""
    fields = []
    for item in page.items:
        if item.id not in visible:
            continue
        value: Any = answers.get(item.id)
        if posted is not None and FIELD_PREFIX + item.id in posted:
            raw = list(posted[FIELD_PREFIX + item.id])
            value = raw if item.type == "multiple" else (raw[0] if raw else None)
        fields.append(
            item_field(item, value, error=(errors or {}).get(item.id, ""), language=language)
        )
    return fields
