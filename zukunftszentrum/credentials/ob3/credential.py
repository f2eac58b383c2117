"""An OpenBadgeCredential (Open Badges 3.0 on the W3C Verifiable Credentials Data Model 2.0).

Only the data goes in here; ids and URLs come from the caller, so this module knows no site.
The subject is named by identity objects (a salted SHA-256 of the e-mail address, and the name
as printed on the certificate), not by an account id: the credential must mean something outside
this platform, and the address is not readable from it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .contexts import OB_V3, VC_V2

FRAMEWORK_TYPE = "ceasn:Competency"


@dataclass(frozen=True)
class Competence:
    """A competence of the framework the achievement aligns to."""

    id: str  # e.g. "prompting"
    name: str
    framework: str  # e.g. "KI-Kompetenzrahmen der Zukunftszentren 2027.1"
    url: str  # a stable URI of the competence (a URN where there is no public page)
    level: int | None = None  # 1..4, the level the achievement shows


@dataclass(frozen=True)
class AchievementSpec:
    """What was achieved: the caller's description; `kind` + `source` identify it per holder."""

    kind: str  # "module" (attendance confirmed), "unit" (a unit passed), ...
    source: str  # the id in the source app, e.g. the module's key
    name: str
    description: str
    criteria: str  # criteria.narrative: what a person had to do
    competences: tuple[Competence, ...] = ()
    achievement_type: str = "Course"  # an OB 3.0 AchievementType
    valid_days: int | None = None  # None: does not expire


@dataclass(frozen=True)
class Evidence:
    name: str
    narrative: str
    description: str = ""


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str
    email: str = ""


@dataclass(frozen=True)
class Subject:
    name: str
    email: str
    salt: str  # random per credential, so the same address hashes differently each time


@dataclass(frozen=True)
class StatusEntry:
    list_url: str
    index: int
    purpose: str = "revocation"


@dataclass(frozen=True)
class Issue:
    credential_id: str  # urn:uuid:…
    achievement_id: str  # a URI
    issuer: Issuer
    achievement: AchievementSpec
    subject: Subject
    valid_from: datetime
    valid_until: datetime | None = None
    evidence: Sequence[Evidence] = field(default_factory=tuple)
    status: StatusEntry | None = None


def xsd_datetime(moment: datetime) -> str:
    """UTC, whole seconds, with "Z" — the form every verifier parses."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_xsd_datetime(value: object) -> datetime:
    """The inverse of xsd_datetime for any offset; ValueError for anything else."""
    if not isinstance(value, str):
        raise ValueError("not a date-time string")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("date-time without a time zone")
    return parsed


def identity_hash(value: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((value.strip().lower() + salt).encode("utf-8")).hexdigest()


def build(issue: Issue) -> dict[str, Any]:
    """The unsigned credential as a JSON-ready dict."""
    spec = issue.achievement
    achievement: dict[str, Any] = {
        "id": issue.achievement_id,
        "type": ["Achievement"],
        "achievementType": spec.achievement_type,
        "name": spec.name,
        "description": spec.description,
        "criteria": {"narrative": spec.criteria},
    }
    if spec.competences:
        achievement["alignment"] = [_alignment(c) for c in spec.competences]
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(issue.subject.email, issue.subject.salt),
                "salt": issue.subject.salt,
            },
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": issue.subject.name,
            },
        ],
        "achievement": achievement,
    }
    issuer: dict[str, Any] = {
        "id": issue.issuer.id,
        "type": ["Profile"],
        "name": issue.issuer.name,
        "url": issue.issuer.url,
    }
    if issue.issuer.email:
        issuer["email"] = issue.issuer.email
    credential: dict[str, Any] = {
        "@context": [VC_V2, OB_V3],
        "id": issue.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": spec.name,
        "issuer": issuer,
        "validFrom": xsd_datetime(issue.valid_from),
    }
    if issue.valid_until is not None:
        credential["validUntil"] = xsd_datetime(issue.valid_until)
    credential["credentialSubject"] = subject
    if issue.evidence:
        credential["evidence"] = [
            {
                "type": ["Evidence"],
                "name": e.name,
                "narrative": e.narrative,
                **({"description": e.description} if e.description else {}),
            }
            for e in issue.evidence
        ]
    if issue.status is not None:
        credential["credentialStatus"] = status_entry(issue.status)
    return credential


def _alignment(competence: Competence) -> dict[str, Any]:
    description = competence.name
    if competence.level:
        description = f"{competence.name} (Stufe {competence.level})"
    return {
        "type": ["Alignment"],
        "targetName": competence.name,
        "targetDescription": description,
        "targetUrl": competence.url,
        "targetCode": competence.id,
        "targetFramework": competence.framework,
        "targetType": FRAMEWORK_TYPE,
    }


def status_entry(entry: StatusEntry) -> dict[str, Any]:
    return {
        "id": f"{entry.list_url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": entry.purpose,
        "statusListIndex": str(entry.index),
        "statusListCredential": entry.list_url,
    }
