"""Classifying a system: one question per screen with its help text, definitions and sources;
back and change; every answer is kept on the server as a draft; the catalogue's presets and an
earlier result pre-select an answer the person confirms. At the end a review shows the result
under both law versions before it is stored (a new record: a stored result never changes).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from .. import actions, classification, products
from ..exceptions import NotAllowed, NothingToStore
from ..queries import access_managed_system, latest_classification
from ..results import law_columns, law_short, risk_label
from ..snapshot import source_label


@requires(Capability.MANAGE_AI_SYSTEMS)
def classify(request: MemberRequest, pk: int) -> HttpResponse:
    """Continue where the draft stops: the next open question, or the review."""
    system = access_managed_system(request.member, pk)
    walk = classification.walk(classification.draft_answers(system))
    if walk.next is None:
        return redirect("ai_act:classify_review", system.pk)
    return redirect("ai_act:classify_question", system.pk, walk.next.id)


@requires(Capability.MANAGE_AI_SYSTEMS)
def classify_question(request: MemberRequest, pk: int, question: str) -> HttpResponse:
    system = access_managed_system(request.member, pk)
    tree = classification.tree()
    asked = tree.question(question)
    if asked is None:
        raise Http404("no such question")
    answers = classification.draft_answers(system)
    if request.method == "POST":
        try:
            walk = actions.save_answer(
                member=request.member,
                system=system,
                question_id=asked.id,
                value=request.POST.get("answer", ""),
            )
        except NotAllowed:
            messages.error(request, _("Bitte wählen Sie eine Antwort."))
        else:
            if walk.next is None:
                return redirect("ai_act:classify_review", system.pk)
            return redirect("ai_act:classify_question", system.pk, walk.next.id)
    walk = classification.walk(answers)
    on_path = [s.question.id for s in walk.path]
    # A question off the current path (an earlier answer changed) continues from the path.
    if asked.id not in on_path and (walk.next is None or walk.next.id != asked.id):
        return redirect("ai_act:classify", system.pk)
    position = on_path.index(asked.id) if asked.id in on_path else len(on_path)
    previous = on_path[position - 1] if position > 0 else None
    stored = latest_classification(system)
    suggested = classification.presets(system).get(asked.id)
    chosen = answers.get(asked.id) or (stored.answers.get(asked.id) if stored else None)
    lang = products.lang()
    context = {
        "system": system,
        "question": asked,
        "text": asked.text.get(lang),
        "help": asked.help.get(lang),
        "definitions": [(d.term.get(lang), d.text.get(lang)) for d in asked.definitions],
        "answers": [(a.value, a.label.get(lang)) for a in asked.answers],
        "sources": [(source_label(x), law_short(x.law), x.url) for x in asked.sources],
        "chosen": chosen or suggested,
        "suggested": not chosen and suggested is not None,
        "number": position + 1,
        "previous": previous,
        "path": [
            (s.question.id, s.question.text.get(lang), s.answer.label.get(lang)) for s in walk.path
        ],
    }
    return render(request, "ai_act/classify_question.html", context)


@requires(Capability.MANAGE_AI_SYSTEMS)
def classify_review(request: MemberRequest, pk: int) -> HttpResponse:
    """GET shows the answers and the result under both law versions; POST stores it."""
    system = access_managed_system(request.member, pk)
    finished = classification.result_of(classification.draft_answers(system))
    if finished is None:
        if request.method == "POST" or not latest_classification(system):
            return redirect("ai_act:classify", system.pk)
        messages.info(
            request, _("Es gibt keinen offenen Entwurf; hier ist die gespeicherte Einstufung.")
        )
        return redirect("ai_act:system_detail", system.pk)
    if request.method == "POST":
        try:
            actions.store_classification(member=request.member, system=system)
        except (NotAllowed, NothingToStore) as exc:
            messages.error(request, str(exc))
            return redirect("ai_act:classify", system.pk)
        messages.success(request, _("Die Einstufung ist gespeichert."))
        return redirect("ai_act:system_detail", system.pk)
    walk, result = finished
    lang = products.lang()
    context = {
        "system": system,
        "path": [
            (s.question.id, s.question.text.get(lang), s.answer.label.get(lang)) for s in walk.path
        ],
        "laws": law_columns(),
        "results": {
            key: {
                "risk": risk_label(law["risk"]),
                "duties": [
                    (o["id"], o["title"].get(lang), o["applies_from"]) for o in law["obligations"]
                ],
            }
            for key, law in result["laws"].items()
        },
    }
    return render(request, "ai_act/classify_review.html", context)
