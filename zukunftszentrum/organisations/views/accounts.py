"""The person: "Meine Übersicht" per role, switching roles, profile, my organisations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import login_required

from ..forms import ProfileForm
from ..middleware import SESSION_KEY, AnyMemberRequest
from ..overview import overview_for


@login_required
def dashboard(request: AnyMemberRequest) -> HttpResponse:
    return render(request, "organisations/dashboard.html", overview_for(request.member))


@login_required
@require_POST
def switch_role(request: AnyMemberRequest) -> HttpResponse:
    wanted = request.POST.get("membership", "")
    chosen = next((m for m in request.memberships if str(m.pk) == wanted), None)
    if chosen is None:
        messages.error(request, _("Diese Rolle steht Ihnen nicht zur Verfügung."))
    else:
        request.session[SESSION_KEY] = chosen.pk
        messages.success(
            request,
            _("Sie handeln jetzt als %(role)s – %(context)s.")
            % {"role": chosen.get_role_display(), "context": chosen.context_name},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = ""
    return redirect(target or "organisations:dashboard")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.preferred_language)
        messages.success(request, _("Ihr Profil wurde gespeichert."))
        response = redirect("organisations:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax", max_age=31536000
        )
        return response
    return render(request, "organisations/profile.html", {"form": form})


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/my_organisations.html")
