"""The self-checks in the Django admin: shown, never written (answers change only by answering).

Privacy: an answer to an anonymous check shows only instrument, version, days, perspective and
organisation — never its answers, result, private link or a person. Participation records are
not listed at all: next to the responses' days they could hint at who answered what.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.admin import ReadOnlyAdmin

from .models import Assessment, Perspective, Response


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = (
        "organisation",
        "instrument_key",
        "version",
        "status",
        "opened_at",
        "closed_at",
        "answer_count",
    )
    list_filter = (
        "status",
        "instrument_key",
        "version",
        "organisation__land",
        "organisation__wz_section",
    )
    search_fields = ("organisation__legal_name",)
    list_select_related = ("organisation",)
    date_hierarchy = "opened_at"
    fields = (
        "organisation",
        "instrument_key",
        "version",
        "status",
        "opened_at",
        "closed_at",
        "answer_count",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Assessment]:
        return super().get_queryset(request).annotate(_answers=Count("responses"))

    @admin.display(description=_("Antworten"), ordering="_answers")
    def answer_count(self, assessment: Assessment) -> int:
        return getattr(assessment, "_answers", 0)


class AnonymousFilter(admin.SimpleListFilter):
    title = _("anonym")
    parameter_name = "anonymous"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("ja")), ("no", _("nein"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "yes":
            return queryset.filter(perspective=Perspective.ANONYMOUS)
        if self.value() == "no":
            return queryset.exclude(perspective=Perspective.ANONYMOUS)
        return queryset


METADATA = (
    "instrument_key",
    "version",
    "perspective",
    "organisation",
    "assessment",
    "started_at",
    "updated_at",
    "submitted_at",
)


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = (
        "instrument_key",
        "version",
        "perspective",
        "organisation",
        "person",
        "started_at",
        "submitted_at",
    )
    list_filter = ("instrument_key", "version", "perspective", AnonymousFilter)
    search_fields = ("organisation__legal_name",)
    list_select_related = ("organisation", "respondent")
    date_hierarchy = "started_at"

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None or obj.is_anonymous:
            return METADATA
        return (*METADATA, "person", "answers", "result")

    @admin.display(description=_("Person"))
    def person(self, response: Response) -> str:
        if response.is_anonymous:
            return str(_("anonym"))
        user = response.respondent
        if user is None:
            return str(_("ohne Konto oder gelöscht"))
        if getattr(user, "erased_at", None):
            return str(_("gelöschte Person"))
        return str(user)
