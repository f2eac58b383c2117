"""Issuing and revoking credentials; the one place that writes them.

`issue(holder, achievement, evidence)` is what other apps call (units will, modules do through
a claim): it is idempotent per holder and achievement — a second call returns the first credential.
`revoke(credential, reason=…, member=…)` sets the credential's bit in the status list.

A source app issues like this (units will, once a unit is passed):

    from zukunftszentrum.credentials.issuing import AchievementSpec, Evidence, issue
    from zukunftszentrum.credentials.competences import competence

    issue(user, AchievementSpec(kind="unit", source=unit.key, name=…, description=…,
          criteria="Wissenscheck bestanden (mindestens 80 %)",
          competences=(competence("prompting", 2),)),
          [Evidence(name="Wissenscheck", narrative="bestanden am …")], centre=None)
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from zukunftszentrum.core.audit import record_event

from . import addresses, competences, keys
from .audit_actions import CredentialAction
from .models import ClaimableAchievement, IssuedCredential, StatusList
from .ob3 import credential, proof, statuslist
from .ob3.credential import AchievementSpec, Evidence, xsd_datetime
from .ob3.verify import Verdict, verify_credential
from .rules import can_revoke

REVOCATION = "revocation"

__all__ = ["AchievementSpec", "Evidence", "claim", "issue", "revoke", "verify_document"]


class StatusListFull(RuntimeError):
    """No free index left (a second list would be the next step; 131,072 credentials first)."""


def _existing(holder: Any, spec: AchievementSpec) -> IssuedCredential | None:
    return IssuedCredential.objects.filter(
        holder=holder, achievement_kind=spec.kind, achievement_source=spec.source
    ).first()


def _status_list(purpose: str, *, lock: bool) -> StatusList:
    found, _created = StatusList.objects.get_or_create(
        purpose=purpose, defaults={"bits": statuslist.empty()}
    )
    if lock:
        return StatusList.objects.select_for_update().get(pk=found.pk)
    return found


def _free_index(status: StatusList) -> int:
    """A random unused index: neighbours in the list say nothing about each other."""
    used = set(
        IssuedCredential.objects.filter(status_list=status).values_list("status_index", flat=True)
    )
    if len(used) >= statuslist.MIN_BITS * 0.9:
        raise StatusListFull("the revocation status list is 90 % used")
    while True:
        index = secrets.randbelow(statuslist.MIN_BITS)
        if index not in used:
            return index


def achievement_uri(spec: AchievementSpec) -> str:
    """The same achievement gets the same id for every holder, and stays stable."""
    name = f"{addresses.issuer_id()}{spec.kind}/{spec.source}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def issuer() -> credential.Issuer:
    from django.conf import settings

    return credential.Issuer(
        id=addresses.issuer_id(),
        name=settings.ZZ_CREDENTIALS_ISSUER_NAME,
        url=addresses.absolute("/"),
    )


def issue(
    holder: Any,
    achievement: AchievementSpec,
    evidence: Sequence[Evidence] = (),
    *,
    centre: Any = None,
    now: datetime | None = None,
) -> IssuedCredential:
    """The holder's credential for `achievement`, signed now or found from before."""
    found = _existing(holder, achievement)
    if found is not None:
        return found
    now = now or timezone.now()
    key_id, key = keys.signing_key()
    try:
        with transaction.atomic():
            status = _status_list(REVOCATION, lock=True)
            index = _free_index(status)
            unsigned = credential.build(
                credential.Issue(
                    credential_id=f"urn:uuid:{uuid.uuid4()}",
                    achievement_id=achievement_uri(achievement),
                    issuer=issuer(),
                    achievement=achievement,
                    subject=credential.Subject(
                        name=holder.full_name or holder.email,
                        email=holder.email,
                        salt=secrets.token_hex(8),
                    ),
                    valid_from=now,
                    valid_until=(
                        now + timedelta(days=achievement.valid_days)
                        if achievement.valid_days
                        else None
                    ),
                    evidence=tuple(evidence),
                    status=credential.StatusEntry(addresses.status_list_url(REVOCATION), index),
                )
            )
            signed = proof.sign(
                unsigned,
                key,
                verification_method=addresses.key_url(key_id),
                created=xsd_datetime(now),
            )
            issued = IssuedCredential.objects.create(
                holder=holder,
                achievement_kind=achievement.kind,
                achievement_source=achievement.source,
                achievement_id=signed["credentialSubject"]["achievement"]["id"],
                name=achievement.name,
                centre=centre,
                credential_id=signed["id"],
                document=json.dumps(signed, ensure_ascii=False, indent=2),
                status_list=status,
                status_index=index,
                issued_at=now,
            )
    except IntegrityError:
        found = _existing(holder, achievement)  # a double submit: the other request issued it
        if found is not None:
            return found
        raise
    record_event(
        CredentialAction.CREDENTIAL_ISSUED,
        actor=holder,
        summary=achievement.name,
        centre_id=getattr(centre, "pk", None),
        credential=issued.pk,
    )
    return issued


def spec_of(claimable: ClaimableAchievement) -> tuple[AchievementSpec, tuple[Evidence, ...]]:
    aligned = tuple(
        competences.competence(str(c.get("id")), c.get("level"))
        for c in claimable.competences
        if isinstance(c, Mapping) and c.get("id")
    )
    spec = AchievementSpec(
        kind=claimable.kind,
        source=claimable.source,
        name=claimable.name,
        description=claimable.description or claimable.name,
        criteria=claimable.criteria or claimable.name,
        competences=aligned,
    )
    evidence = tuple(
        Evidence(name=str(e.get("name", "")), narrative=str(e.get("narrative", "")))
        for e in claimable.evidence
        if isinstance(e, Mapping)
    )
    return spec, evidence


def claim(member: Any, claimable: ClaimableAchievement) -> IssuedCredential:
    """The person turns a recorded achievement of their own into a credential."""
    if claimable.holder_id != member.user.pk:
        raise PermissionDenied("not your achievement")
    spec, evidence = spec_of(claimable)
    return issue(member.user, spec, evidence, centre=claimable.centre)


def revoke(credential_obj: IssuedCredential, *, reason: str, member: Any) -> IssuedCredential:
    """Revoke for good (a status list bit is never cleared again); a second call changes nothing."""
    can_revoke(member, credential_obj).enforce(PermissionDenied)
    if not reason.strip():
        raise ValueError("a revocation needs a reason")
    with transaction.atomic():
        locked = IssuedCredential.objects.select_for_update().get(pk=credential_obj.pk)
        if locked.revoked_at is not None:
            return locked
        status = StatusList.objects.select_for_update().get(pk=locked.status_list_id)
        status.bits = statuslist.with_bit(bytes(status.bits), locked.status_index)
        status.signed = ""  # the published list is signed anew on its next request
        status.save(update_fields=["bits", "signed", "updated_at"])
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason.strip()
        locked.revoked_by = member.user
        locked.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    record_event(
        CredentialAction.CREDENTIAL_REVOKED,
        actor=member.user,
        summary=locked.name,
        centre_id=locked.centre_id,
        credential=locked.pk,
    )
    return locked


def status_list_document(purpose: str) -> str | None:
    """The signed BitstringStatusListCredential, re-signed only when a bit or the key changed."""
    if purpose != REVOCATION:
        return None
    key_id, key = keys.signing_key()
    current = _status_list(purpose, lock=False)
    if current.signed and current.signed_with == key_id:
        return current.signed
    with transaction.atomic():
        status = _status_list(purpose, lock=True)
        if status.signed and status.signed_with == key_id:
            return status.signed
        now = timezone.now()
        url = addresses.status_list_url(purpose)
        unsigned = statuslist.status_list_credential(
            url=url,
            issuer_id=addresses.issuer_id(),
            purpose=purpose,
            bits=bytes(status.bits),
            valid_from=now,
        )
        signed = proof.sign(
            unsigned, key, verification_method=addresses.key_url(key_id), created=xsd_datetime(now)
        )
        status.signed = json.dumps(signed, indent=2)
        status.signed_with = key_id
        status.save(update_fields=["signed", "signed_with", "updated_at"])
        return status.signed


def _resolve_key(verification_method: str) -> Any:
    route = addresses.own_route(verification_method)
    if route is None or route[0] != "credentials:issuer_key":
        return None
    found = keys.public_key(route[1]["key_id"])
    return found.key if found else None


def _is_revoked(entry: Mapping[str, Any]) -> bool | None:
    route = addresses.own_route(entry.get("statusListCredential"))
    if route is None or route[0] != "credentials:status_list":
        return None
    purpose = route[1]["purpose"]
    status = StatusList.objects.filter(purpose=purpose).first()
    if status is None or entry.get("statusPurpose") != purpose:
        return None
    try:
        return statuslist.is_set(bytes(status.bits), int(str(entry.get("statusListIndex"))))
    except (ValueError, statuslist.StatusListError):
        return None


def verify_document(document: Mapping[str, Any], *, now: datetime | None = None) -> Verdict:
    """The verdict on a credential someone pasted: our keys, our status list, the time now."""
    return verify_credential(
        document,
        resolve_key=_resolve_key,
        status_lookup=_is_revoked,
        now=now or timezone.now(),
        expected_issuer=addresses.issuer_id(),
    )
