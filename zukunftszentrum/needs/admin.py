"""Population tables in the Django admin: shown, never written (uploads go through the page,
which validates and audits them)."""

from django.contrib import admin

from zukunftszentrum.core.admin import ReadOnlyAdmin, SiteAccessMixin

from .models import PopulationCell, PopulationTable


class PopulationCellInline(SiteAccessMixin, admin.TabularInline):
    model = PopulationCell
    extra = 0
    allow_add = False
    allow_change = False
    fields = ("land", "wz_section", "establishments")


@admin.register(PopulationTable)
class PopulationTableAdmin(ReadOnlyAdmin):
    list_display = ("name", "source", "year", "is_active", "is_default", "uploaded_at")
    list_filter = ("is_active", "is_default")
    inlines = [PopulationCellInline]
