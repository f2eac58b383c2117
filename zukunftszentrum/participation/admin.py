"""The participation projects in the admin: which company runs which project in which phase.

Privacy: no ideas, concerns, comments or votes here. A list of contributions with their days
and filters lets an administrator narrow an anonymous one down; moderation happens on the
project's pages, by the facilitator the project chose.
"""

from __future__ import annotations

from django.contrib import admin

from zukunftszentrum.core.admin import ReadOnlyAdmin

from .models import Project

FIELDS = ("title", "organisation", "current_phase", "all_employees", "ai_system_id", "created_at")


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "current_phase")
    search_fields = ("title", "organisation__legal_name")
    list_select_related = ("organisation",)
    fields = FIELDS
    readonly_fields = FIELDS
