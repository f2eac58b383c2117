"""Issuing, revoking, the status list and the keys, through the database."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from zukunftszentrum.credentials import issuing, keys
from zukunftszentrum.credentials.models import ClaimableAchievement, IssuedCredential
from zukunftszentrum.credentials.ob3 import statuslist
from zukunftszentrum.credentials.ob3.verify import Check, Outcome
from zukunftszentrum.credentials.personal_data import erase, export
from zukunftszentrum.credentials.receivers import record_attendance
from zukunftszentrum.learning.signals import attendance_confirmed
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member, make_user

from .factories import make_claimable, make_credential, spec

pytestmark = pytest.mark.django_db


def _document(issued: IssuedCredential) -> dict:
    return json.loads(issued.document)


def test_issue_signs_a_credential_that_verifies():
    issued = make_credential(make_user(name="Alex Muster"))
    document = _document(issued)
    assert document["issuer"]["id"] == "https://zz.example/nachweise/aussteller/"
    assert document["proof"]["verificationMethod"].startswith(
        "https://zz.example/nachweise/aussteller/schluessel/"
    )
    assert document["credentialStatus"]["statusListIndex"] == str(issued.status_index)
    assert issuing.verify_document(document).outcome is Outcome.VALID


def test_issue_is_idempotent_per_holder_and_achievement():
    user = make_user()
    first = make_credential(user)
    assert make_credential(user).pk == first.pk
    assert make_credential(user, source="m9").pk != first.pk
    assert IssuedCredential.objects.filter(holder=user).count() == 2


def test_one_changed_character_is_tampered():
    text = make_credential(make_user(name="Alex Muster")).document
    changed = json.loads(text.replace("Alex Muster", "Alex Mustar"))
    verdict = issuing.verify_document(changed)
    assert (verdict.outcome, verdict.check) == (Outcome.TAMPERED, Check.SIGNATURE)


def test_revoked_credential_says_so_and_others_stay_valid():
    centre = make_centre()
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    issued = make_credential(make_user(), centre=centre)
    other = make_credential(make_user(), centre=centre)
    issuing.revoke(issued, reason="Teilnahme irrtümlich bestätigt", member=admin)
    assert issuing.verify_document(_document(issued)).outcome is Outcome.REVOKED
    assert issuing.verify_document(_document(other)).outcome is Outcome.VALID
    issued.refresh_from_db()
    assert issued.revocation_reason == "Teilnahme irrtümlich bestätigt"
    # The published list carries the bit too, signed.
    published = json.loads(issuing.status_list_document("revocation"))
    bits = statuslist.decode(published["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072
    assert statuslist.is_set(bits, issued.status_index)
    assert not statuslist.is_set(bits, other.status_index)
    assert issuing.verify_document(published).outcome is Outcome.VALID


def test_only_the_issuing_centre_or_the_programme_revokes():
    centre = make_centre()
    issued = make_credential(make_user(), centre=centre)
    with pytest.raises(PermissionDenied):
        issuing.revoke(issued, reason="x", member=make_member(Role.CENTRE_ADMIN))
    with pytest.raises(PermissionDenied):
        issuing.revoke(issued, reason="x", member=make_member(Role.ADVISOR, centre=centre))
    issuing.revoke(issued, reason="x", member=make_member(Role.PROGRAMME_ADMIN))
    assert issuing.verify_document(_document(issued)).outcome is Outcome.REVOKED


def test_expired_credential():
    issued = issuing.issue(make_user(), spec("short", valid_days=30))
    later = timezone.now() + timedelta(days=31)
    assert issuing.verify_document(_document(issued), now=later).outcome is Outcome.EXPIRED
    assert issuing.verify_document(_document(issued)).outcome is Outcome.VALID


def test_keys_are_private_files_and_rotation_keeps_old_credentials_valid(key_folder):
    old = make_credential(make_user())
    old_id = keys.current_id()
    assert stat.S_IMODE(os.stat(key_folder / f"{old_id}.key").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(key_folder).st_mode) == 0o700
    call_command("credentials_keys", "rotate")
    new_id = keys.current_id()
    assert new_id != old_id
    assert not (key_folder / f"{old_id}.key").exists()
    new = make_credential(make_user())
    assert new_id in _document(new)["proof"]["verificationMethod"]
    assert issuing.verify_document(_document(old)).outcome is Outcome.VALID
    assert issuing.verify_document(_document(new)).outcome is Outcome.VALID
    assert {k.id for k in keys.public_keys()} == {old_id, new_id}


def test_a_credential_signed_by_a_removed_key_fails(key_folder):
    issued = make_credential(make_user())
    (key_folder / f"{keys.current_id()}.pub").unlink()
    verdict = issuing.verify_document(_document(issued))
    assert (verdict.outcome, verdict.check) == (Outcome.TAMPERED, Check.KEY)


def test_create_keeps_an_existing_key():
    first, made = keys.create()
    assert made
    assert keys.create() == (first, False)


def test_confirmed_attendance_makes_the_module_claimable_and_claim_issues_once():
    centre = make_centre()
    member = make_member(Role.SOLO)
    module = SimpleNamespace(pk=41, title="KI im Büro", description="Grundlagen")
    offer = SimpleNamespace(pk=7, module=module, centre=centre, title="KI im Büro, 3. März")
    attendance_confirmed.send(
        sender=object,
        user=member.user,
        offer=offer,
        competences={"prompting": 2},
        confirmed_by=make_user(),
    )
    claimable = ClaimableAchievement.objects.get(holder=member.user)
    assert (claimable.kind, claimable.source, claimable.centre) == ("module", "41", centre)
    assert not IssuedCredential.objects.exists()  # the person decides
    issued = issuing.claim(member, claimable)
    assert issuing.claim(member, claimable).pk == issued.pk
    alignment = _document(issued)["credentialSubject"]["achievement"]["alignment"][0]
    assert alignment["targetCode"] == "prompting"
    with pytest.raises(PermissionDenied):
        issuing.claim(make_member(Role.SOLO), claimable)


def test_a_second_confirmation_updates_rather_than_duplicates():
    user = make_user()
    offer = SimpleNamespace(pk=1, module=SimpleNamespace(pk=5, title="A"), centre=None)
    record_attendance(None, user=user, offer=offer, competences={})
    record_attendance(None, user=user, offer=offer, competences={"ai_basics": 1})
    assert ClaimableAchievement.objects.get(holder=user).competences == [
        {"id": "ai_basics", "level": 1}
    ]


def test_personal_data_export_and_erasure():
    user = make_user()
    make_credential(user)
    make_claimable(user)
    data = export(user)
    assert data["issued"][0]["credential"]["type"][1] == "OpenBadgeCredential"
    assert data["claimable"][0]["name"] == "KI im Handwerk"
    erase(user)
    assert not ClaimableAchievement.objects.filter(holder=user).exists()
    assert IssuedCredential.objects.get(holder=user).document == ""  # the index stays reserved


def test_deploy_checks_warn_about_a_local_base_url_and_missing_keys(settings):
    from zukunftszentrum.credentials.checks import credentials_ready

    settings.ZZ_CREDENTIALS_BASE_URL = "http://127.0.0.1:8000"
    assert {w.id for w in credentials_ready()} == {
        "zukunftszentrum.credentials.W001",
        "zukunftszentrum.credentials.W002",
    }
    settings.ZZ_CREDENTIALS_BASE_URL = "https://zukunftszentrum.example.org"
    keys.create()
    assert credentials_ready() == []


def test_demo_step_is_repeatable():
    from zukunftszentrum.credentials.demo import seed_demo_credentials
    from zukunftszentrum.organisations.demo import seed_demo

    seed_demo()
    assert "ausgestellt" in seed_demo_credentials()
    seed_demo_credentials()
    assert IssuedCredential.objects.count() == 1
    assert ClaimableAchievement.objects.count() == 2
    assert (
        issuing.verify_document(_document(IssuedCredential.objects.get())).outcome is Outcome.VALID
    )


def test_the_backup_holds_the_credential_keys(key_folder):
    from zukunftszentrum.core.backup import folders

    keys.create()
    assert key_folder.parent == folders()["keys"]
