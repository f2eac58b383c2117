"""The participation tables in the admin, for the programme's administrators.

An anonymous item or comment shows no author because there is none; the admin adds nothing
that could point to one (no creation time, no votes by person).
"""

from __future__ import annotations

from django.contrib import admin

from .models import AnswerEntry, Item, Project, ProjectMember, ProjectPhase


class PhaseInline(admin.TabularInline):
    model = ProjectPhase
    extra = 0


class MemberInline(admin.TabularInline):
    model = ProjectMember
    extra = 0
    raw_id_fields = ("membership",)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "current_phase")
    search_fields = ("title", "organisation__legal_name")
    inlines = (PhaseInline, MemberInline)
    exclude = ("vote_secret",)


class AnswerInline(admin.TabularInline):
    model = AnswerEntry
    extra = 0
    readonly_fields = ("status", "reason", "answered_by", "answered_at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "kind", "category", "status", "posted_on")
    list_filter = ("kind", "category", "status")
    search_fields = ("title",)
    ordering = ("-posted_on", "id")
    readonly_fields = ("is_anonymous", "author", "posted_on")
    inlines = (AnswerInline,)
