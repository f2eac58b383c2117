"""Building, signing and verifying an OpenBadgeCredential, table-driven, without Django."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from zukunftszentrum.credentials.ob3 import credential, proof, statuslist
from zukunftszentrum.credentials.ob3.verify import Check, Outcome, parse, verify_credential

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
VM = "https://zz.example/nachweise/aussteller/schluessel/k1"
ISSUER = credential.Issuer(
    id="https://zz.example/nachweise/aussteller/", name="Zukunftszentrum", url="https://zz.example/"
)
LIST_URL = "https://zz.example/nachweise/statusliste/revocation/"
SPEC = credential.AchievementSpec(
    kind="module",
    source="prompting-basics",
    name="Prompting für den Arbeitsalltag",
    description="Ein Workshop über gute Aufträge an Sprachmodelle.",
    criteria="Teilnahme am ganzen Workshop, bestätigt von der Trainerin.",
    competences=(
        credential.Competence(
            id="prompting",
            name="Prompting",
            framework="KI-Kompetenzrahmen 2027.1",
            url="urn:zukunftszentrum:ai-competence:2027.1:prompting",
            level=2,
        ),
    ),
)


def _signed(*, key=KEY, valid_from=NOW - timedelta(days=1), valid_until=None, index=7) -> dict:
    unsigned = credential.build(
        credential.Issue(
            credential_id="urn:uuid:0b1b0c5e-2f1c-4a57-9d1e-2d5a3f0f9a11",
            achievement_id="urn:uuid:5a0c7e1e-0000-4000-8000-000000000001",
            issuer=ISSUER,
            achievement=SPEC,
            subject=credential.Subject(name="Alex Muster", email="alex@example.org", salt="s4lt"),
            valid_from=valid_from,
            valid_until=valid_until,
            evidence=(credential.Evidence(name="Teilnahme", narrative="Bestätigt am 1.3.2027"),),
            status=credential.StatusEntry(list_url=LIST_URL, index=index),
        )
    )
    return proof.sign(unsigned, key, verification_method=VM, created="2027-02-28T12:00:00Z")


def _verify(document, *, revoked=frozenset(), now=NOW):
    def lookup(entry):
        if entry.get("statusListCredential") != LIST_URL:
            return None
        return int(entry["statusListIndex"]) in revoked

    return verify_credential(
        document,
        resolve_key=lambda vm: KEY.public_key() if vm == VM else None,
        status_lookup=lookup,
        now=now,
        expected_issuer=ISSUER.id,
    )


def test_round_trip_is_valid_and_has_the_open_badges_shape():
    document = _signed()
    assert _verify(document).outcome is Outcome.VALID
    achievement = document["credentialSubject"]["achievement"]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert achievement["criteria"]["narrative"].startswith("Teilnahme")
    assert achievement["alignment"][0]["targetCode"] == "prompting"
    assert document["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert "alex@example.org" not in json.dumps(document)


def _change_one_character(document: dict) -> dict:
    changed = json.loads(json.dumps(document))
    changed["credentialSubject"]["achievement"]["name"] = "Prompting für den Arbeitsalltaq"
    return changed


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def _with(path: tuple[str, ...], value):
    def change(document: dict) -> dict:
        changed = json.loads(json.dumps(document))
        target = changed
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        return changed

    return change


@pytest.mark.parametrize(
    ("change", "outcome", "check"),
    [
        (_change_one_character, Outcome.TAMPERED, Check.SIGNATURE),
        (_with(("validFrom",), "2020-01-01T00:00:00Z"), Outcome.TAMPERED, Check.SIGNATURE),
        (_with(("proof", "proofValue"), "z111"), Outcome.TAMPERED, Check.PROOF),
        (
            _with(("proof", "verificationMethod"), "https://evil.example/k"),
            Outcome.TAMPERED,
            Check.KEY,
        ),
        (_with(("issuer", "id"), "https://evil.example/"), Outcome.TAMPERED, Check.ISSUER),
        (_with(("proof",), None), Outcome.TAMPERED, Check.PROOF),
        (
            _with(("@context",), [credential.VC_V2, "https://evil.example/ctx"]),
            Outcome.TAMPERED,
            Check.CONTEXT,
        ),
        (_with(("@context",), ["https://evil.example/ctx"]), Outcome.NOT_CREDENTIAL, Check.SHAPE),
        (_with(("type",), ["OpenBadgeCredential"]), Outcome.NOT_CREDENTIAL, Check.SHAPE),
        (_with(("evidence",), [{"type": "Evidence"}] * 500), Outcome.NOT_CREDENTIAL, Check.SHAPE),
        (_with(("name",), _nested(40)), Outcome.NOT_CREDENTIAL, Check.SHAPE),
    ],
)
def test_changed_credentials_fail_at_the_named_check(change, outcome, check):
    verdict = _verify(change(_signed()))
    assert (verdict.outcome, verdict.check) == (outcome, check)


def test_signed_with_another_key_is_tampered():
    verdict = _verify(_signed(key=OTHER_KEY))
    assert (verdict.outcome, verdict.check) == (Outcome.TAMPERED, Check.SIGNATURE)


def test_revoked():
    assert _verify(_signed(index=7), revoked={7}).outcome is Outcome.REVOKED
    assert _verify(_signed(index=8), revoked={7}).outcome is Outcome.VALID


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "outcome"),
    [
        (NOW - timedelta(days=10), NOW - timedelta(seconds=1), Outcome.EXPIRED),
        (NOW - timedelta(days=10), NOW, Outcome.EXPIRED),
        (NOW - timedelta(days=10), NOW + timedelta(days=1), Outcome.VALID),
        (NOW + timedelta(days=1), None, Outcome.NOT_YET_VALID),
        (NOW, None, Outcome.VALID),
    ],
)
def test_validity_dates(valid_from, valid_until, outcome):
    document = _signed(valid_from=valid_from, valid_until=valid_until)
    assert _verify(document).outcome is outcome


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("", Outcome.NOT_JSON),
        ("{'a': 1}", Outcome.NOT_JSON),
        ('{"a": 1', Outcome.NOT_JSON),
        ("[1, 2]", Outcome.NOT_CREDENTIAL),
        ('"text"', Outcome.NOT_CREDENTIAL),
    ],
)
def test_parse(text, outcome):
    verdict = parse(text)
    assert verdict.outcome is outcome


def test_parse_and_verify_a_pasted_credential():
    document = parse(json.dumps(_signed(), indent=2))
    assert _verify(document).outcome is Outcome.VALID
    assert _verify(parse('{"hello": "world"}')).outcome is Outcome.NOT_CREDENTIAL


@pytest.mark.parametrize("index", [0, 1, 7, 8, 131_071])
def test_status_list_bits_survive_encoding(index):
    bits = statuslist.with_bit(statuslist.empty(), index)
    decoded = statuslist.decode(statuslist.encode(bits))
    assert len(decoded) * 8 == statuslist.MIN_BITS
    assert statuslist.is_set(decoded, index)
    assert (
        sum(
            statuslist.is_set(decoded, i)
            for i in range(index - 1, index + 2)
            if 0 <= i < statuslist.MIN_BITS
        )
        == 1
    )
    assert not statuslist.is_set(statuslist.with_bit(bits, index, False), index)


def test_status_list_bit_order_is_leftmost_first():
    assert statuslist.with_bit(statuslist.empty(), 0)[0] == 0b1000_0000


def test_status_list_refuses_short_lists_and_bad_indexes():
    with pytest.raises(statuslist.StatusListError):
        statuslist.encode(bytes(100))
    with pytest.raises(statuslist.StatusListError):
        statuslist.is_set(statuslist.empty(), statuslist.MIN_BITS)
    with pytest.raises(statuslist.StatusListError):
        statuslist.decode("unot-gzip")


def test_status_list_credential_is_signable_and_verifies():
    unsigned = statuslist.status_list_credential(
        url=LIST_URL,
        issuer_id=ISSUER.id,
        purpose="revocation",
        bits=statuslist.empty(),
        valid_from=NOW,
    )
    signed = proof.sign(unsigned, KEY, verification_method=VM, created="2027-03-01T12:00:00Z")
    proof.verify(signed, KEY.public_key())
    assert signed["credentialSubject"]["encodedList"].startswith("uH4sI")


def _string_paths(node, path=()):
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_paths(value, (*path, index))


def test_changing_any_one_character_of_any_value_fails_verification():
    document = _signed()
    paths = list(_string_paths(document))
    assert len(paths) > 40
    for path in paths:
        changed = json.loads(json.dumps(document))
        target = changed
        for part in path[:-1]:
            target = target[part]
        value = target[path[-1]]
        position = len(value) // 2
        swapped = "x" if value[position : position + 1] != "x" else "y"
        target[path[-1]] = value[:position] + swapped + value[position + 1 :]
        assert _verify(changed).outcome is not Outcome.VALID, path
