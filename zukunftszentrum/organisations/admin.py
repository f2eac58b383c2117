"""The Django admin at /verwaltung/: only for superusers and the programme administration.

Who may enter is one predicate (`may_administer`), installed as the default site's
`has_permission`; every ModelAdmin grants its permissions through the same predicate
(core.admin.SiteAccessMixin), because programme administrators hold no Django model permissions.
Signing in happens on the platform's own login page (rate-limited, audited), not the admin's.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from zukunftszentrum.core.admin import ReadOnlyAdmin, SiteAccessMixin
from zukunftszentrum.core.audit import record_event

from .audit_actions import OrganisationAction
from .consent import safe_next
from .models import Accompaniment, Centre, Invitation, Land, Membership, Organisation, User
from .roles import Role

_CACHE_ATTR = "_zz_may_administer"


def may_administer(request: HttpRequest) -> bool:
    """True for active superusers and people with an active programme administration role."""
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        cached = (
            user.is_superuser
            or Membership.objects.filter(
                user=user, role=Role.PROGRAMME_ADMIN, ended_at__isnull=True
            ).exists()
        )
        setattr(request, _CACHE_ATTR, cached)
    return cached


@never_cache
def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Send people to the platform's login; a signed-in person without the role gets 403."""
    next_url = safe_next(request, request.GET.get(REDIRECT_FIELD_NAME)) or reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not may_administer(request):
        raise PermissionDenied("admin")
    return HttpResponseRedirect(next_url)


@never_cache
def admin_password_change(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """One place to change one's password: the platform's page (it writes the audit log)."""
    return HttpResponseRedirect(reverse("account_change_password"))


admin.site.has_permission = may_administer  # type: ignore[method-assign]
admin.site.login = admin_login  # type: ignore[method-assign,assignment]
admin.site.password_change = admin_password_change  # type: ignore[method-assign,assignment]
admin.site.site_header = _("Zukunftszentren: Verwaltung")
admin.site.site_title = _("Verwaltung")
admin.site.index_title = _("Daten der Plattform")

# Permissions come from roles, not Django groups; allauth's copy of the address follows the
# user's email. Neither belongs in the administration.
admin.site.unregister(Group)
admin.site.unregister(EmailAddress)


class AuditedAdmin(SiteAccessMixin, admin.ModelAdmin):
    """Changes made in the admin land in the audit log like changes made in the platform."""

    audit_action: str = ""

    def audit_scope(self, obj: Any) -> dict[str, int | None]:
        return {}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if self.audit_action:
            verb = _("geändert") if change else _("angelegt")
            record_event(
                self.audit_action,
                actor=request.user,
                summary=f"{obj} ({verb}, Verwaltung)",
                request=request,
                fields=sorted(form.changed_data),
                **self.audit_scope(obj),
            )


class UserAddForm(forms.ModelForm):
    """A new account without a password: the person sets one through "Passwort vergessen"."""

    class Meta:
        model = User
        fields = ("email", "full_name", "preferred_language")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class MembershipInline(SiteAccessMixin, admin.TabularInline):
    """A person's roles, shown on their page; granted and ended under "Mitgliedschaften"."""

    model = Membership
    fk_name = "user"
    extra = 0
    allow_add = False
    allow_change = False
    fields = ("role", "centre", "organisation", "created_at", "ended_at")
    readonly_fields = fields
    show_change_link = True


@admin.register(User)
class PersonAdmin(SiteAccessMixin, UserAdmin):
    inlines = (MembershipInline,)
    form = forms.ModelForm
    add_form = UserAddForm
    add_form_template = None
    fieldsets = (
        (None, {"fields": ("email", "full_name", "preferred_language")}),
        (
            _("Zugang"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Zeitpunkte"), {"fields": ("date_joined", "last_login", "erased_at")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "preferred_language")}),)
    list_display = ("email", "full_name", "is_active", "is_staff", "is_superuser", "erased_at")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("email", "full_name")
    ordering = ("email",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fixed = ("date_joined", "last_login", "erased_at")
        if request.user.is_superuser:
            return fixed
        # Only a superuser makes superusers or hands out Django permissions.
        return (*fixed, "is_superuser", "groups", "user_permissions")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A programme administrator cannot take over a superuser's account by changing its address.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self) -> list[Any]:
        # No setting of other people's passwords: people reset their own by email.
        return [u for u in super().get_urls() if u.name != "auth_user_password_change"]


class SizeClassFilter(admin.SimpleListFilter):
    # The size class is computed by the database; this filter names its classes in words.
    title = _("Größenklasse")
    parameter_name = "size_class"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(Organisation.Size.choices)

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(size_class=self.value()) if self.value() else queryset


class ActiveFilter(admin.SimpleListFilter):
    title = _("Stand")
    parameter_name = "stand"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("aktiv", _("aktiv")), ("beendet", _("beendet"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "aktiv":
            return queryset.filter(ended_at__isnull=True)
        if self.value() == "beendet":
            return queryset.filter(ended_at__isnull=False)
        return queryset


@admin.register(Land)
class LandAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "iso_3166_2", "ags")
    search_fields = ("name",)


@admin.register(Centre)
class CentreAdmin(AuditedAdmin):
    audit_action = OrganisationAction.CENTRE_CHANGED
    list_display = ("name", "kind", "city", "email")
    list_filter = ("kind", "lands")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("lands",)

    def audit_scope(self, obj: Centre) -> dict[str, int | None]:
        return {"centre_id": obj.pk}


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    audit_action = OrganisationAction.ORGANISATION_CHANGED
    list_display = ("legal_name", "kind", "land", "wz_section", "size_class", "headcount")
    list_filter = ("land", "wz_section", SizeClassFilter, "kind", "has_works_council")
    search_fields = ("legal_name", "kreis_name")
    readonly_fields = ("size_class", "created_at")

    def audit_scope(self, obj: Organisation) -> dict[str, int | None]:
        return {"organisation_id": obj.pk}


@admin.register(Membership)
class MembershipAdmin(SiteAccessMixin, admin.ModelAdmin):
    list_display = ("user", "role", "context_name", "created_at", "ended_at")
    list_filter = (ActiveFilter, "role", "centre")
    search_fields = ("user__email", "user__full_name", "organisation__legal_name", "centre__name")
    list_select_related = ("user", "centre", "organisation")
    autocomplete_fields = ("user", "centre", "organisation")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # A role is granted or ended, never turned into another role or moved elsewhere.
        return ("user", "role", "centre", "organisation", "created_at") if obj else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        base = ["user", "role", "centre", "organisation"]
        return [*base, "created_at", "ended_at"] if obj else base

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        ended_now = change and "ended_at" in form.changed_data and obj.ended_at is not None
        super().save_model(request, obj, form, change)
        if change and not ended_now:
            return
        record_event(
            OrganisationAction.ROLE_ENDED if change else OrganisationAction.ROLE_GRANTED,
            actor=request.user,
            summary=f"{obj.user.email}: {obj.get_role_display()} – {obj.context_name}",
            centre_id=obj.centre_id,
            organisation_id=obj.organisation_id,
            request=request,
            user_id=obj.user_id,
            role=obj.role,
        )


@admin.register(Invitation)
class InvitationAdmin(SiteAccessMixin, admin.ModelAdmin):
    # Invitations are made in the platform, where the link is created and emailed.
    allow_add = False
    list_display = (
        "email",
        "role",
        "centre",
        "organisation",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    list_filter = ("role",)
    search_fields = ("email",)
    list_select_related = ("centre", "organisation")
    readonly_fields = (
        "email",
        "role",
        "centre",
        "organisation",
        "token_hash",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_by",
    )


@admin.register(Accompaniment)
class AccompanimentAdmin(ReadOnlyAdmin):
    # Read-only: an accompaniment exists only by the organisation's consent, which the
    # organisation gives in the platform; the admin must not create or change it around them.
    list_display = ("centre", "organisation", "status", "requested_at", "decided_at", "ended_at")
    list_filter = ("status", "centre")
    search_fields = ("organisation__legal_name", "centre__name")
    list_select_related = ("centre", "organisation")
