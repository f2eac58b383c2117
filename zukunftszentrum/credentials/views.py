"""Thin views: "Meine Nachweise", downloads, the public verification page and issuer documents,
and revocation by a centre's or the programme's administration."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import public, requires
from zukunftszentrum.core.exports import file_response
from zukunftszentrum.core.pdf import pdf_response
from zukunftszentrum.organisations.middleware import AnyMemberRequest, MemberRequest
from zukunftszentrum.organisations.roles import Capability

from . import addresses, issuing, keys, queries
from .forms import RevokeForm, VerifyForm
from .models import IssuedCredential
from .ob3.contexts import OB_V3
from .ob3.credential import parse_xsd_datetime
from .ob3.verify import Outcome, Verdict, parse
from .verdicts import message

ADMINS = (Capability.MANAGE_CENTRE, Capability.MANAGE_NETWORK)
CID_V1 = "https://www.w3.org/ns/cid/v1"
SIGNATURE_HELD = (Outcome.VALID, Outcome.REVOKED, Outcome.EXPIRED, Outcome.NOT_YET_VALID)


@requires(Capability.LEARN)
def mine(request: MemberRequest) -> HttpResponse:
    context = {
        "claimable": queries.claimable_for(request.member),
        "credentials": queries.credentials_of(request.member),
    }
    return render(request, "credentials/mine.html", context)


@requires(Capability.LEARN)
@require_POST
def claim(request: MemberRequest, pk: int) -> HttpResponse:
    claimable = queries.access_claimable(request.member, pk)
    issued = issuing.claim(request.member, claimable)
    messages.success(request, _("Ihr Nachweis „%(name)s“ ist ausgestellt.") % {"name": issued.name})
    return redirect("credentials:mine")


@requires(Capability.LEARN)
def download_json(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_credential(request.member, pk)
    return file_response(
        found.document.encode("utf-8"), "application/vc+ld+json", f"nachweis-{found.uuid}.json"
    )


@requires(Capability.LEARN)
def download_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_credential(request.member, pk)
    url = addresses.verify_url(found.uuid)
    qr = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    context = {"credential": found, "document": json.loads(found.document), "qr": qr, "url": url}
    return pdf_response("credentials/certificate.html", context, f"zertifikat-{found.uuid}.pdf")


@public
def verify(request: AnyMemberRequest) -> HttpResponse:
    """Paste or upload: POST only does work (and is rate-limited, see ZZ_RATE_LIMITS)."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        parsed = parse(form.cleaned_data["content"])
        verdict = parsed if isinstance(parsed, Verdict) else issuing.verify_document(parsed)
        context.update(_verdict_context(verdict))
    return render(request, "credentials/verify.html", context)


@public
def verify_stored(request: AnyMemberRequest, uuid: str) -> HttpResponse:
    """The QR code's target: the stored credential checked as a pasted one would be."""
    found = IssuedCredential.objects.filter(credential_id=f"urn:uuid:{uuid}").first()
    if found is None or not found.document:  # an erased account leaves no copy here
        raise Http404
    verdict = issuing.verify_document(json.loads(found.document))
    context = {"form": VerifyForm(), "stored": True, **_verdict_context(verdict)}
    return render(request, "credentials/verify.html", context)


def _verdict_context(verdict: Verdict) -> dict[str, Any]:
    """The verdict in words, and what the credential says — only when its signature held."""
    revoked_on = None
    if verdict.outcome is Outcome.REVOKED and isinstance(verdict.credential, Mapping):
        revoked_on = queries.revoked_on(verdict.credential.get("id"))
    context: dict[str, Any] = {
        "verdict": verdict,
        "message": message(verdict, revoked_on=revoked_on),
    }
    if verdict.outcome not in SIGNATURE_HELD or not isinstance(verdict.credential, Mapping):
        return context
    document = verdict.credential
    subject = document.get("credentialSubject")
    subject = subject if isinstance(subject, Mapping) else {}
    identifiers = subject.get("identifier")
    names = [
        i.get("identityHash")
        for i in (identifiers if isinstance(identifiers, list) else [])
        if isinstance(i, Mapping) and i.get("identityType") == "name" and not i.get("hashed")
    ]
    achievement = subject.get("achievement")
    context.update(
        achievement=achievement if isinstance(achievement, Mapping) else {},
        holder_name=names[0] if names else "",
        valid_from=_day(document.get("validFrom")),
        valid_until=_day(document.get("validUntil")),
    )
    return context


def _day(value: object) -> str:
    """A credential's xsd:dateTime as the day people read ("6. Dezember 2026"), not ISO text."""
    if value is None:
        return ""
    try:
        moment = parse_xsd_datetime(value)
    except ValueError:
        return str(value)
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


@public
def issuer(request: AnyMemberRequest) -> HttpResponse:
    """The issuer's profile and controller document: every key that ever signed, as Multikey."""
    from django.conf import settings

    issuer_id = addresses.issuer_id()
    methods = [_multikey(k) for k in keys.public_keys()]
    document = {
        "@context": [CID_V1, OB_V3],
        "id": issuer_id,
        "type": ["Profile"],
        "name": settings.ZZ_CREDENTIALS_ISSUER_NAME,
        "url": addresses.absolute("/"),
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
    return _json(document)


@public
def issuer_key(request: AnyMemberRequest, key_id: str) -> HttpResponse:
    found = keys.public_key(key_id)
    if found is None:
        raise Http404
    return _json({"@context": CID_V1, **_multikey(found)})


@public
def status_list(request: AnyMemberRequest, purpose: str) -> HttpResponse:
    document = issuing.status_list_document(purpose)
    if document is None:
        raise Http404
    response = HttpResponse(document, content_type="application/vc+ld+json")
    response["Cache-Control"] = "public, max-age=300"  # verifiers may cache it briefly
    return response


def _multikey(key: keys.PublicKey) -> dict[str, Any]:
    return {
        "id": addresses.key_url(key.id),
        "type": "Multikey",
        "controller": addresses.issuer_id(),
        "publicKeyMultibase": key.multibase,
    }


def _json(document: dict[str, Any]) -> HttpResponse:
    response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response


@requires(*ADMINS)
def manage(request: MemberRequest) -> HttpResponse:
    found = queries.revocable_for(request.member)[:200]
    return render(request, "credentials/manage.html", {"credentials": found})


@requires(*ADMINS)
def revoke(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_revocable(request.member, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and found.revoked_at is None and form.is_valid():
        issuing.revoke(found, reason=form.cleaned_data["reason"], member=request.member)
        messages.success(request, _("Der Nachweis ist widerrufen."))
        return redirect("credentials:manage")
    return render(request, "credentials/revoke.html", {"credential": found, "form": form})
