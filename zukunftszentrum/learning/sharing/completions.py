"""Sharing completions with one's organisation: what could be shared, what is, and the change.

An individual's completion reaches the employer only when that person shares it. What can be
shared are completions, by title and date: modules whose attendance a trainer confirmed and units
whose knowledge check was passed — never self-ratings, levels, gaps or quiz scores. The person
shares all, some or none, for the organisation of the active role, and may withdraw at any time;
the next read (`shared_completions`) no longer counts what was withdrawn. Each change is written
to the audit log, which the person reads in "Meine Daten".

`shared_completions(organisation)` is the one read other modules use (the AI-Act app's Art. 4
record): current members only, completions as the evidence log holds them now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.queries import members_of_organisation
from zukunftszentrum.organisations.roles import Capability, has_capability

from ..audit_actions import SharingAction
from ..models import CompletionSharing, Evidence, EvidenceKind, Offer, SharedCompletion

ATTENDED = "attended"
UNIT_PASSED = "unit_passed"
KIND_LABELS = {
    ATTENDED: gettext_lazy("Modul mit bestätigter Teilnahme"),
    UNIT_PASSED: gettext_lazy("Lerneinheit bestanden"),
}
_KINDS = {EvidenceKind.ATTENDED.value: ATTENDED, EvidenceKind.UNIT_PASSED.value: UNIT_PASSED}


@dataclass(frozen=True)
class Completion:
    """One thing a person completed, as it may be shared: no level, no score."""

    ref: str  # "offer:<id>" or "unit:<id>"
    kind: str  # ATTENDED or UNIT_PASSED
    title: str
    date: dt.date
    competences: tuple[str, ...]

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class Shared:
    """A completion one person shares with the organisation (for the organisation's record)."""

    person: Any
    kind: str
    title: str
    date: dt.date
    competences: tuple[str, ...]
    ref: str
    record_key: int  # the person's key for the organisation's counts (core.disclosure)


def _ref(kind: str, source: str) -> str | None:
    """The completion an evidence entry belongs to: an offer, or a unit (all its versions)."""
    if kind == EvidenceKind.ATTENDED and source.startswith("offer:"):
        return source
    if kind == EvidenceKind.UNIT_PASSED and source.startswith("unit:"):
        return source.split("@", 1)[0]
    return None


def _completions(entries: Iterable[Evidence]) -> dict[int, dict[str, Completion]]:
    """user id -> ref -> completion, from attended and unit-passed entries (corrected ones
    do not count): the earliest date, every competence, the module's title for an offer."""
    entries = list(entries)
    corrected = {e.corrects_id for e in entries if e.corrects_id}
    grouped: dict[tuple[int, str], list[Evidence]] = {}
    for entry in entries:
        ref = _ref(entry.kind, entry.source)
        if ref is not None and entry.pk not in corrected:
            grouped.setdefault((entry.user_id, ref), []).append(entry)
    offer_ids = {int(ref.split(":")[1]) for _user, ref in grouped if ref.startswith("offer:")}
    titles = {
        f"offer:{pk}": title
        for pk, title in Offer.objects.filter(pk__in=offer_ids).values_list("pk", "module__title")
    }
    result: dict[int, dict[str, Completion]] = {}
    for (user_id, ref), group in grouped.items():
        first = min(group, key=lambda e: (e.recorded_at, e.pk))
        result.setdefault(user_id, {})[ref] = Completion(
            ref=ref,
            kind=_KINDS[first.kind],
            title=titles.get(ref) or first.note or ref,
            date=timezone.localdate(first.recorded_at),
            competences=tuple(sorted({e.competence for e in group})),
        )
    return result


def _entries(user_ids: Iterable[int]) -> Iterable[Evidence]:
    return Evidence.objects.filter(user_id__in=list(user_ids), kind__in=list(_KINDS)).order_by(
        "recorded_at", "pk"
    )


def completions_of(user: Any) -> list[Completion]:
    """What the person could share, newest first."""
    found = _completions(_entries([user.pk])).get(user.pk, {})
    return sorted(found.values(), key=lambda c: (c.date, c.ref), reverse=True)


def may_share(member: Membership | None) -> Answer:
    """Sharing needs an organisation to share with and the capability to learn."""
    if member is None or not member.organisation_id:
        return refused(
            _("Sie können Nachweise nur mit einem Unternehmen teilen, dem Sie angehören.")
        )
    if not has_capability(member.role, Capability.LEARN):
        return refused(_("In dieser Rolle können Sie keine Lernnachweise teilen."))
    return ALLOWED


def shared_refs(user: Any, organisation: Organisation) -> set[str]:
    return set(
        SharedCompletion.objects.filter(
            sharing__user=user, sharing__organisation=organisation
        ).values_list("ref", flat=True)
    )


class NotAllowed(Exception):
    """The active role may not share (a rule's reason)."""


def set_shared(*, member: Membership, refs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Share exactly `refs` (of what the person could share) with the member's organisation;
    everything else shared before is withdrawn at once. Returns (added, withdrawn)."""
    may_share(member).enforce(NotAllowed)
    user, organisation = member.user, member.organisation
    assert organisation is not None
    possible = {c.ref for c in completions_of(user)}
    wanted = set(refs) & possible
    with transaction.atomic():
        sharing, _created = CompletionSharing.objects.get_or_create(
            user=user, organisation=organisation
        )
        current = set(sharing.items.values_list("ref", flat=True))
        added = sorted(wanted - current)
        withdrawn = sorted(current - wanted)
        sharing.items.filter(ref__in=withdrawn).delete()
        SharedCompletion.objects.bulk_create(
            [SharedCompletion(sharing=sharing, ref=ref) for ref in added]
        )
        for action, changed in (
            (SharingAction.COMPLETION_SHARED, added),
            (SharingAction.COMPLETION_WITHDRAWN, withdrawn),
        ):
            for ref in changed:
                record_event(action, actor=user, summary=ref, organisation_id=organisation.pk)
    return added, withdrawn


def shared_completions(organisation: Organisation) -> list[Shared]:
    """Every completion the organisation's current members share with it, oldest first."""
    members = {m.user_id: m.user for m in members_of_organisation(organisation)}
    sharings = CompletionSharing.objects.filter(
        organisation=organisation, user_id__in=list(members)
    ).prefetch_related("items")
    wanted = {s.user_id: (s.record_key, {i.ref for i in s.items.all()}) for s in sharings}
    wanted = {user_id: entry for user_id, entry in wanted.items() if entry[1]}
    found = _completions(_entries(wanted))
    rows = [
        Shared(
            person=members[user_id],
            kind=c.kind,
            title=c.title,
            date=c.date,
            competences=c.competences,
            ref=c.ref,
            record_key=key,
        )
        for user_id, (key, refs) in wanted.items()
        for ref, c in found.get(user_id, {}).items()
        if ref in refs
    ]
    return sorted(rows, key=lambda r: (r.date, r.ref, r.person.pk))
