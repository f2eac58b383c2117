"""Importing an inventory from CSV or XLSX: upload, review, confirm.

The upload is read into valid rows and problems (each named by its row); the valid rows wait in
the session for the person to review and confirm, so none is dropped silently and nothing is
written before the person has seen it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from .. import actions, products
from ..exceptions import NotAllowed
from ..forms import ImportForm
from ..imports import MAX_ROWS, FileProblem, RowProblem, parse_rows, read_table
from ..models import AISystem

SESSION_KEY = "ai_act_import"
MAX_BYTES = 2 * 1024 * 1024


def file_problem_text(code: str) -> str:
    texts = {
        "wrong_type": _(
            "Diese Datei können wir nicht lesen. Bitte laden Sie eine CSV- oder XLSX-Datei hoch."
        ),
        "unreadable": _(
            "Die Datei ließ sich nicht als Excel-Arbeitsmappe (XLSX) öffnen. Bitte speichern Sie "
            "sie erneut als XLSX oder als CSV."
        ),
        "empty": _("Die Datei ist leer."),
        "no_name_column": _(
            "In der ersten Zeile fehlt die Spalte „Name“. Bitte ergänzen Sie die Spaltennamen."
        ),
        "too_many_rows": _("Eine Datei kann höchstens %(n)d Systeme enthalten.") % {"n": MAX_ROWS},
        "too_big": _("Die Datei ist größer als 2 MB."),
    }
    return str(texts.get(code, texts["unreadable"]))


def row_problem_text(problem: RowProblem) -> str:
    texts = {
        "missing_name": _("Zeile %(row)d: Der Name fehlt."),
        "unknown_type": _("Zeile %(row)d: Die Art „%(value)s“ kennen wir nicht."),
        "unknown_status": _("Zeile %(row)d: Den Status „%(value)s“ kennen wir nicht."),
        "unknown_hosting": _("Zeile %(row)d: Den Betrieb „%(value)s“ kennen wir nicht."),
        "bad_number": _("Zeile %(row)d: „%(value)s“ ist keine ganze Zahl."),
        "too_long": _("Zeile %(row)d: Der Text in „%(value)s“ ist zu lang."),
    }
    return texts.get(problem.code, texts["missing_name"]) % {
        "row": problem.row,
        "value": problem.value,
    }


@requires(Capability.MANAGE_AI_SYSTEMS)
def systems_import(request: MemberRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise FileProblem("too_big")
            preview = parse_rows(read_table(upload.name, upload.read()), products.vocabulary())
        except FileProblem as exc:
            form.add_error("file", file_problem_text(exc.code))
        else:
            request.session[SESSION_KEY] = {
                "organisation": request.member.organisation_id,
                "filename": upload.name,
                "rows": list(preview.rows),
                "problems": [row_problem_text(p) for p in preview.problems],
                "ignored": list(preview.ignored_columns),
            }
            return redirect("ai_act:systems_import_review")
    context = {"form": form, "type_options": products.type_choices()}
    return render(request, "ai_act/import.html", context)


def _pending(request: MemberRequest) -> dict[str, Any] | None:
    pending = request.session.get(SESSION_KEY)
    # A file read in another role (another organisation) is not shown here.
    if not pending or pending.get("organisation") != request.member.organisation_id:
        return None
    return pending


@requires(Capability.MANAGE_AI_SYSTEMS)
def systems_import_review(request: MemberRequest) -> HttpResponse:
    """GET shows the valid rows and each problem; POST stores the valid rows."""
    pending = _pending(request)
    if pending is None:
        messages.info(request, _("Es wartet kein Import auf Ihre Prüfung."))
        return redirect("ai_act:systems_import")
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            del request.session[SESSION_KEY]
            messages.info(request, _("Der Import ist verworfen; es wurde nichts gespeichert."))
            return redirect("ai_act:systems")
        try:
            created = actions.import_systems(member=request.member, rows=pending["rows"])
        except NotAllowed as exc:
            messages.error(request, str(exc))
            return redirect("ai_act:systems")
        del request.session[SESSION_KEY]
        messages.success(
            request,
            ngettext("%(n)d System ist übernommen.", "%(n)d Systeme sind übernommen.", len(created))
            % {"n": len(created)},
        )
        return redirect("ai_act:systems")
    rows = [
        {
            **row,
            "type_label": products.type_label(row["system_type"]),
            "status_label": AISystem.Status(row["status"]).label,
        }
        for row in pending["rows"]
    ]
    return render(request, "ai_act/import_review.html", {**pending, "rows": rows})
