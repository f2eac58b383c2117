"""Django admin for the glue records, and the permission mixin every ModelAdmin of the project uses.

Who may enter the admin is decided in one place, the site's `has_permission` (set by the
organisations app: superusers and programme administrators). Programme administrators hold no
Django model permissions, so the ModelAdmins ask the site instead of `user.has_perm`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .audit_actions import action_choices
from .models import AuditEvent, ConsentRecord


class SiteAccessMixin:
    """Grants a ModelAdmin's permissions to whoever may enter the admin site.

    Deleting is off unless a ModelAdmin opts in: accounts are deleted through "Meine Daten"
    (which pseudonymises), and records such as roles and consents are history that stays.
    """

    admin_site: admin.AdminSite
    allow_add = True
    allow_change = True
    allow_delete = False

    def _may_enter(self, request: HttpRequest) -> bool:
        return bool(self.admin_site.has_permission(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_enter(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_enter(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.allow_add and self._may_enter(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.allow_change and self._may_enter(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.allow_delete and self._may_enter(request)


class ReadOnlyAdmin(SiteAccessMixin, admin.ModelAdmin):
    """Shown, never written through the admin."""

    allow_add = False
    allow_change = False


class AuditActionFilter(admin.SimpleListFilter):
    """Filter by action, listing every action the apps registered (the field has no choices)."""

    title = _("Ereignis")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return action_choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = (
        "at",
        "action_label",
        "person",
        "summary",
        "centre_id",
        "organisation_id",
        "ip_address",
    )
    list_filter = (AuditActionFilter,)
    search_fields = ("summary", "actor__email", "actor__full_name")
    date_hierarchy = "at"
    list_select_related = ("actor",)
    list_per_page = 50

    @admin.display(description=_("Ereignis"), ordering="action")
    def action_label(self, event: AuditEvent) -> str:
        return event.get_action_display()

    @admin.display(description=_("Person"))
    def person(self, event: AuditEvent) -> str:
        if event.actor is None:
            return self.get_empty_value_display()
        if getattr(event.actor, "erased_at", None):
            return str(_("gelöschte Person"))
        return str(event.actor)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ("user", "kind", "version", "given_at", "withdrawn_at")
    list_filter = ("kind", "version")
    search_fields = ("user__email",)
    list_select_related = ("user",)
