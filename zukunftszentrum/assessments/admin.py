"""The self-checks in the Django admin: company checks as records, never anyone's answers.

Privacy: the administration shows which company runs which check and in what state — no
response, named or anonymous, no person who answered, no count of answers, and no search or
filter over answers. A list of responses with their days, perspectives and companies (even
without answers) lets a filter isolate a single anonymous answer; a count of answers per check
changes by one when one person answers. Figures over answers are published through the
disclosure-control module on the pages built for them, not here.
"""

from __future__ import annotations

from django.contrib import admin

from zukunftszentrum.core.admin import ReadOnlyAdmin

from .models import Assessment

FIELDS = ("organisation", "instrument_key", "version", "status", "opened_at", "closed_at")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = FIELDS
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
    fields = FIELDS
