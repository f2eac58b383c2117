"""The person shares completions with their organisation, or withdraws them
(learning/sharing/completions.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..sharing import completions as sharing


@requires(Capability.LEARN)
def share(request: MemberRequest) -> HttpResponse:
    """GET lists what could be shared, ticked where shared; POST saves the choice
    ("all", "none" or the ticked ones)."""
    member = request.member
    allowed = sharing.may_share(member)
    completions = sharing.completions_of(request.user)
    if request.method == "POST" and allowed:
        choice = request.POST.get("choice", "")
        if choice == "all":
            refs = [c.ref for c in completions]
        elif choice == "none":
            refs = []
        else:
            refs = request.POST.getlist("ref")
        added, withdrawn = sharing.set_shared(member=member, refs=refs)
        if added or withdrawn:
            messages.success(request, _("Ihre Auswahl ist gespeichert und gilt ab sofort."))
        else:
            messages.info(request, _("Es hat sich nichts geändert."))
        return redirect("learning:sharing")
    organisation = member.organisation
    shared = sharing.shared_refs(request.user, organisation) if organisation else set[str]()
    context = {
        "allowed": bool(allowed),
        "reason": allowed.reason,
        "organisation": organisation,
        "rows": [(c, c.ref in shared) for c in completions],
    }
    return render(request, "learning/sharing/share.html", context)
