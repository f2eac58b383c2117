"""The review page before submitting: every visible question with its answer, grouped by page,
and the ones still unanswered (required ones block the submit)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .engine.schema import NO_ANSWER, Item
from .forms import LIKERT_LABELS
from .navigation import Flow, page_order, visible_ids
from .queries import instrument_of, lang


def answer_text(item: Item, value: Any, language: str) -> str:
    """A readable form of a stored answer."""
    if value is None:
        return ""
    if value == NO_ANSWER:
        return _("keine Angabe")
    if item.type == "likert":
        labels = dict(LIKERT_LABELS)
        return _(labels.get(str(value), str(value)))
    values = value if isinstance(value, list) else [value]
    if item.options:
        texts = [o.text.get(language) for o in item.options if o.value in values]
        return ", ".join(texts)
    unit = f" {item.unit.get(language)}" if item.unit else ""
    return f"{value}{unit}"


def review_context(flow: Flow) -> dict[str, Any]:
    response = flow.response
    inst = instrument_of(response)
    language = lang()
    visible = visible_ids(inst, response.answers, response.perspective)
    order = page_order(inst, response.answers, response.perspective)
    pages, unanswered = [], []
    for number, index in enumerate(order, start=1):
        page = inst.pages[index]
        rows = []
        for item in page.items:
            if item.id not in visible:
                continue
            value = response.answers.get(item.id)
            row = {
                "text": item.text.get(language),
                "answer": answer_text(item, value, language),
                "required": item.required,
                "url": flow.page_url(number) + f"#frage-{item.id}",
            }
            rows.append(row)
            if value is None:
                unanswered.append(row)
        pages.append(
            {"title": page.title.get(language), "rows": rows, "url": flow.page_url(number)}
        )
    return {
        "flow": flow,
        "response": response,
        "instrument": inst,
        "title": inst.title.get(language),
        "pages": pages,
        "unanswered": unanswered,
        "missing_required": [r for r in unanswered if r["required"]],
        "closed": response.assessment is not None and not response.assessment.is_open,
        "last_page_url": flow.page_url(max(len(order), 1)),
    }
