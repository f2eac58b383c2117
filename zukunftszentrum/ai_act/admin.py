"""The AI-Act records in the Django admin: the programme administration records a law version's
status (the Digital Omnibus's publication in the Official Journal). Companies' inventories are
not shown here; they belong to the companies."""

from __future__ import annotations

from django.contrib import admin

from zukunftszentrum.core.admin import SiteAccessMixin

from .models import LawVersionStatus


@admin.register(LawVersionStatus)
class LawVersionStatusAdmin(SiteAccessMixin, admin.ModelAdmin):
    list_display = ("law_version", "status", "note", "recorded_at")
    fields = ("law_version", "status", "note")
