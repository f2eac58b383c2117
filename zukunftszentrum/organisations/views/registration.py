"""Self-registration for companies and solo self-employed people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import public

from ..middleware import SESSION_KEY
from ..registration import EmailTaken, Registration, register_organisation
from ..registration_forms import RegistrationForm


@public
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        messages.info(request, _("Sie sind bereits angemeldet."))
        return redirect("organisations:dashboard")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "privacy"}
        try:
            membership = register_organisation(
                Registration(**{**fields, "headcount": fields["headcount"] or 1})
            )
        except EmailTaken as error:
            form.add_error("email", str(error))
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_KEY] = membership.pk
            messages.success(
                request, _("Willkommen! Ihr Konto und Ihre Organisation sind angelegt.")
            )
            return redirect("organisations:dashboard")
    return render(request, "organisations/register.html", {"form": form})
