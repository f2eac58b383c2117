"""Django admin for the glue records, and the permission mixin every ModelAdmin of the project uses.

Who may enter the admin is decided in one place, the site's `has_permission` (set by the
organisations app: superusers and programme administrators). Programme administrators hold no
Django model permissions, so the ModelAdmins ask the site instead of `user.has_perm`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from . import operator_pages
from .audit_actions import action_choices
from .models import (
    AccessibilityPage,
    AuditEvent,
    ConsentRecord,
    ImprintPage,
    OutgoingMail,
    PrivacyPage,
)


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


# --- the operator's pages: every save is a new version ------------------------------------------


def _form_field(field: operator_pages.Field) -> forms.Field:
    common: dict[str, Any] = {
        "label": field.label,
        "required": False,  # an incomplete version may be saved; the deploy check names the gaps
        "help_text": field.help,
    }
    if field.kind == "choice":
        return forms.ChoiceField(choices=[("", "—"), *field.choices], **common)
    if field.kind == "email":
        return forms.EmailField(**common)
    if field.kind == "url":
        return forms.URLField(assume_scheme="https", **common)
    if field.kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if field.kind == "long":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    return forms.CharField(max_length=300, **common)


def _page_form(kind: str, model: Any) -> type[forms.ModelForm]:
    fields = {f.name: _form_field(f) for f in operator_pages.FIELDS[kind]}
    meta = type("Meta", (), {"model": model, "fields": ()})
    return type(f"{kind.title()}PageForm", (forms.ModelForm,), {**fields, "Meta": meta})


class OperatorPageAdmin(SiteAccessMixin, admin.ModelAdmin):
    """Versions of one page: listed, shown, and a new version starts from the latest."""

    kind: str = ""
    allow_change = False
    list_display = ("version", "created_at", "created_by", "complete")
    readonly_fields = ("version", "created_at", "created_by", "shown_content")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is not None:  # an existing version is only shown
            return super().get_form(request, obj, change=change, **kwargs)
        return _page_form(self.kind, self.model)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return self.readonly_fields
        return [f.name for f in operator_pages.FIELDS[self.kind]]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        latest = operator_pages.current(self.kind)
        content = latest.content if latest else {}
        return {f.name: content.get(f.name, f.default) for f in operator_pages.FIELDS[self.kind]}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        values = {k: "" if v is None else v for k, v in form.cleaned_data.items()}
        page = operator_pages.publish(self.kind, values, user=request.user)
        obj.pk, obj.version, obj.kind = page.pk, page.version, page.kind
        missing = operator_pages.missing_fields(self.kind, page.content)
        if missing:
            names = ", ".join(str(f.label) for f in missing)
            self.message_user(
                request,
                _("Fassung %(v)s gespeichert. Noch nicht ausgefüllt: %(names)s.")
                % {"v": page.version, "names": names},
                messages.WARNING,
            )

    @admin.display(description=_("vollständig"), boolean=True)
    def complete(self, page: Any) -> bool:
        return not operator_pages.missing_fields(self.kind, page.content)

    @admin.display(description=_("Angaben"))
    def shown_content(self, page: Any) -> Any:
        rows = [
            (f.label, page.content.get(f.name, "") or "—") for f in operator_pages.FIELDS[self.kind]
        ]
        return format_html_join("", "<p><strong>{}</strong><br>{}</p>", rows)


@admin.register(ImprintPage)
class ImprintPageAdmin(OperatorPageAdmin):
    kind = operator_pages.Kind.IMPRINT


@admin.register(AccessibilityPage)
class AccessibilityPageAdmin(OperatorPageAdmin):
    kind = operator_pages.Kind.ACCESSIBILITY


@admin.register(PrivacyPage)
class PrivacyPageAdmin(OperatorPageAdmin):
    kind = operator_pages.Kind.PRIVACY


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdmin):
    """Emails on their way and those that failed for good (deleting one gives it up).

    The text is not shown: it may hold a one-time link meant only for the recipient."""

    allow_delete = True
    list_display = ("created_at", "kind", "to", "attempts", "failed_at", "last_error")
    list_filter = ("kind", ("failed_at", admin.EmptyFieldListFilter))
    exclude = ("body", "html_body")


def _open_to_the_site(model: Any, *, allow_delete: bool = False, **extra: Any) -> None:
    """A third-party ModelAdmin, opened to whoever may enter the admin, read-only."""
    if not admin.site.is_registered(model):
        return
    original = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    options = {"allow_add": False, "allow_change": False, "allow_delete": allow_delete, **extra}
    admin.site.register(model, type(original.__name__, (SiteAccessMixin, original), options))


def _open_operations_admins() -> None:
    # Login lockouts (deleting an attempt unlocks the address at once), background tasks and
    # second factors.
    from allauth.mfa.models import Authenticator
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    _open_to_the_site(AccessAttempt, allow_delete=True)
    _open_to_the_site(AccessLog)
    _open_to_the_site(AccessFailureLog)
    _open_to_the_site(DBTaskResult)
    # Second factors: deleting one lets a person who lost phone and recovery codes set up anew.
    # Their data (encrypted secrets, recovery codes) is never shown.
    _open_to_the_site(Authenticator, allow_delete=True, exclude=("data",))
    # Identities linked at an identity provider: deleting one unlinks it (the next sign-in there
    # links anew only by a verified address). Providers come from settings, and tokens are not
    # kept, so allauth's pages for those two stay out.
    from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

    _open_to_the_site(SocialAccount, allow_delete=True, exclude=("extra_data",))
    for model in (SocialApp, SocialToken):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_open_operations_admins()
