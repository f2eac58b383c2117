"""The pages: "Meine Nachweise", downloads, the public check, issuer documents, revocation."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zukunftszentrum.credentials import issuing, keys
from zukunftszentrum.credentials.models import IssuedCredential
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .factories import make_claimable, make_credential

pytestmark = pytest.mark.django_db

VERIFY = "/nachweise/pruefen/"


def _outcome(response) -> str:
    assert response.status_code == 200
    return response.context["verdict"].outcome.value


@pytest.fixture
def solo():
    return make_member(Role.SOLO)


def test_my_credentials_lists_claimable_and_issued(login, solo):
    make_claimable(solo.user)
    make_credential(solo.user)
    page = login(solo).get(reverse("credentials:mine"))
    assert page.status_code == 200
    assert "KI im Handwerk" in page.content.decode()
    assert "Prompting für den Arbeitsalltag" in page.content.decode()


def test_claim_issues_and_a_double_submit_counts_once(login, solo):
    claimable = make_claimable(solo.user)
    client = login(solo)
    url = reverse("credentials:claim", kwargs={"pk": claimable.pk})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert IssuedCredential.objects.filter(holder=solo.user).count() == 1


def test_roles_without_learning_get_403(login):
    for role in (Role.CENTRE_ADMIN, Role.ADVISOR, Role.TRAINER, Role.PROGRAMME_ADMIN):
        assert (
            login(make_member(role), Client()).get(reverse("credentials:mine")).status_code == 403
        )


def test_another_persons_credential_is_404(login, solo):
    issued = make_credential(solo.user)
    claimable = make_claimable(solo.user)
    other = login(make_member(Role.SOLO))
    for name in ("credentials:download_json", "credentials:download_pdf"):
        assert other.get(reverse(name, kwargs={"pk": issued.pk})).status_code == 404
    claim = reverse("credentials:claim", kwargs={"pk": claimable.pk})
    assert other.post(claim).status_code == 404


def test_json_download_is_the_signed_document(login, solo):
    issued = make_credential(solo.user)
    answer = login(solo).get(reverse("credentials:download_json", kwargs={"pk": issued.pk}))
    assert answer.status_code == 200
    assert answer.content.decode() == issued.document
    assert "attachment" in answer["Content-Disposition"]


def test_pdf_certificate(login, solo):
    issued = make_credential(solo.user)
    answer = login(solo).get(reverse("credentials:download_pdf", kwargs={"pk": issued.pk}))
    assert answer.status_code == 200
    assert answer.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("das ist kein json", "not_json"),
        ('{"hallo": "welt"}', "not_credential"),
    ],
)
def test_verify_bad_input(client, text, outcome):
    assert _outcome(client.post(VERIFY, {"text": text})) == outcome


def test_verify_pasted_uploaded_tampered_revoked(client, solo):
    centre = make_centre()
    issued = make_credential(solo.user, centre=centre)
    assert _outcome(client.post(VERIFY, {"text": issued.document})) == "valid"
    upload = SimpleUploadedFile("n.json", issued.document.encode(), "application/json")
    assert _outcome(client.post(VERIFY, {"upload": upload})) == "valid"
    changed = issued.document.replace("Arbeitsalltag", "Arbeitsalltaq")
    answer = client.post(VERIFY, {"text": changed})
    assert _outcome(answer) == "tampered"
    assert answer.context["verdict"].check.value == "signature"
    issuing.revoke(issued, reason="irrtümlich", member=make_member(Role.PROGRAMME_ADMIN))
    assert _outcome(client.post(VERIFY, {"text": issued.document})) == "revoked"
    stored = client.get(reverse("credentials:verify_stored", kwargs={"uuid": issued.uuid}))
    assert _outcome(stored) == "revoked"


def test_verify_unknown_context_and_foreign_issuer(client, solo):
    document = json.loads(make_credential(solo.user).document)
    document["@context"].append("https://evil.example/context")
    answer = client.post(VERIFY, {"text": json.dumps(document)})
    assert _outcome(answer) == "tampered"
    assert answer.context["verdict"].check.value == "context"
    document = json.loads(make_credential(solo.user, source="m7").document)
    document["issuer"]["id"] = "https://other.example/issuer"
    answer = client.post(VERIFY, {"text": json.dumps(document)})
    assert answer.context["verdict"].check.value == "issuer"
    assert "nicht von dieser Plattform" in answer.content.decode()


def test_verify_needs_input(client):
    answer = client.post(VERIFY, {"text": "  "})
    assert answer.status_code == 200 and "verdict" not in answer.context


def test_verify_is_rate_limited(client, settings):
    cache.clear()  # other tests' posts in the same window must not count
    settings.ZZ_RATE_LIMITS = {"credentials:verify": (2, 600)}
    statuses = [client.post(VERIFY, {"text": "x"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_issuer_publishes_every_key_as_multikey(client, solo):
    make_credential(solo.user)
    keys.rotate()
    document = client.get(reverse("credentials:issuer")).json()
    assert len(document["verificationMethod"]) == 2
    assert {m["type"] for m in document["verificationMethod"]} == {"Multikey"}
    assert document["assertionMethod"] == [m["id"] for m in document["verificationMethod"]]
    key_id = keys.current_id()
    key = client.get(reverse("credentials:issuer_key", kwargs={"key_id": key_id})).json()
    assert key["publicKeyMultibase"].startswith("z6Mk")
    assert (
        client.get(reverse("credentials:issuer_key", kwargs={"key_id": "nope"})).status_code == 404
    )


def test_status_list_is_public_and_only_for_revocation(client):
    answer = client.get(reverse("credentials:status_list", kwargs={"purpose": "revocation"}))
    assert json.loads(answer.content)["type"][1] == "BitstringStatusListCredential"
    other = client.get(reverse("credentials:status_list", kwargs={"purpose": "suspension"}))
    assert other.status_code == 404


def test_centre_admin_revokes_its_own_and_not_another_centres(login, solo):
    centre = make_centre()
    issued = make_credential(solo.user, centre=centre)
    url = reverse("credentials:revoke", kwargs={"pk": issued.pk})
    stranger = login(make_member(Role.CENTRE_ADMIN), Client())
    assert stranger.get(url).status_code == 404
    assert stranger.post(url, {"reason": "x"}).status_code == 404
    admin = login(make_member(Role.CENTRE_ADMIN, centre=centre), Client())
    assert admin.get(reverse("credentials:manage")).status_code == 200
    assert admin.post(url, {"reason": ""}).status_code == 200  # a reason is required
    assert admin.post(url, {"reason": "Teilnahme nicht vollständig"}).status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None
    page = login(solo, Client()).get(reverse("credentials:mine")).content.decode()
    assert "Teilnahme nicht vollständig" in page


def test_revocation_is_refused_to_other_roles(login, solo):
    issued = make_credential(solo.user, centre=make_centre())
    url = reverse("credentials:revoke", kwargs={"pk": issued.pk})
    for role in (Role.SOLO, Role.ADVISOR, Role.TRAINER):
        assert login(make_member(role), Client()).post(url, {"reason": "x"}).status_code == 403


def test_the_check_of_an_erased_credential_is_gone(client, solo):
    from zukunftszentrum.credentials.personal_data import erase

    issued = make_credential(solo.user)
    erase(solo.user)
    url = reverse("credentials:verify_stored", kwargs={"uuid": issued.uuid})
    assert client.get(url).status_code == 404


def test_the_overview_shows_credentials_ready_to_claim(login, solo):
    page = login(solo).get(reverse("organisations:dashboard")).content.decode()
    assert "Nachweise zum Abholen" not in page
    make_claimable(solo.user)
    page = login(solo).get(reverse("organisations:dashboard")).content.decode()
    assert "Nachweise zum Abholen" in page and "KI im Handwerk" in page
