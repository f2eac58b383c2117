"""The "done when" of self-learning, tried as people would, through the pages only: a solo
self-employed person without an advisor takes a unit, fails the check once, passes the second
attempt, claims a credential and verifies it on the public page; a copy with one changed
character fails; a revoked one says so, with the day; and a company lead downloads the Art. 4
record, which names nobody (above all nobody who did not share)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.credentials.models import ClaimableAchievement, IssuedCredential
from zukunftszentrum.learning.sharing.completions import completions_of, set_shared
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation, make_user

from .. import actions, content
from ..models import Attempt
from .helpers import form_answers

pytestmark = pytest.mark.django_db

UNIT = "ki-fuer-solo-selbststaendige"
SOLO_NAME = "Selma Solodinova"


def _location(answer) -> str:
    assert answer.status_code == 302, answer.status_code
    return answer["Location"]


def _read_the_unit(client: Client) -> str:
    """From the list to the check, section by section; returns the check's address."""
    unit = content.unit(UNIT)
    assert unit is not None
    assert unit.title.de in client.get(reverse("self_learning:list")).content.decode()
    page = client.get(reverse("self_learning:unit", args=[UNIT])).content.decode()
    assert "Einheit beginnen" in page and "Rechtsstand" in page
    here = _location(client.post(reverse("self_learning:start", args=[UNIT])))
    for number in range(1, len(unit.sections) + 1):
        assert here == reverse("self_learning:section", args=[UNIT, number])
        assert client.get(here).status_code == 200
        here = _location(client.post(here, {"step": "next"}))
    assert here == reverse("self_learning:quiz", args=[UNIT])
    return here


def _attempt(client: Client, quiz: str) -> Attempt:
    url = _location(client.post(quiz))
    attempt = Attempt.objects.get(pk=url.rstrip("/").split("/")[-1])
    assert url == reverse("self_learning:attempt", args=[attempt.pk])
    assert client.get(url).content.decode().count("<fieldset") == len(attempt.questions)
    return attempt


def _verify(text: str) -> str:
    """The public check, by someone without an account."""
    answer = Client().post(reverse("credentials:verify"), {"text": text})
    assert answer.status_code == 200
    return answer.content.decode()


def test_a_solo_self_employed_person_learns_proves_and_verifies(login) -> None:
    solo = make_member(Role.SOLO, user=make_user(name=SOLO_NAME))
    client = login(solo)
    quiz = _read_the_unit(client)
    assert "Test beginnen" in client.get(quiz).content.decode()

    # first attempt: two wrong, not passed, nothing to claim, a retry offered after the review
    first = _attempt(client, quiz)
    review = _location(
        client.post(reverse("self_learning:attempt", args=[first.pk]), form_answers(first, wrong=2))
    )
    page = client.get(review).content.decode()
    assert "3 von 5 richtig" in page and "Zum Bestehen brauchen Sie 4" in page
    assert "Neuen Versuch beginnen" in page and "Nachweis beantragen" not in page
    assert not ClaimableAchievement.objects.exists()

    # second attempt: drawn anew, passed, the way to the credential is shown
    second = _attempt(client, quiz)
    assert second.pk != first.pk
    review = _location(
        client.post(reverse("self_learning:attempt", args=[second.pk]), form_answers(second))
    )
    page = client.get(review).content.decode()
    assert "5 von 5 richtig" in page and "Bestanden." in page
    assert reverse("credentials:mine") in page

    # claim the credential and download it
    mine = client.get(reverse("credentials:mine")).content.decode()
    claimable = ClaimableAchievement.objects.get(holder=solo.user)
    assert claimable.name in mine and "Nachweis ausstellen lassen" in mine
    client.post(reverse("credentials:claim", args=[claimable.pk]))
    issued = IssuedCredential.objects.get(holder=solo.user)
    mine = client.get(reverse("credentials:mine")).content.decode()
    assert issued.name in mine and "Im Moment gibt es nichts abzuholen" in mine
    download = client.get(reverse("credentials:download_json", args=[issued.pk]))
    text = download.content.decode("utf-8")
    assert json.loads(text)["credentialSubject"]["achievement"]["name"] == issued.name

    # anyone can check it: valid, and it says for whom and what
    page = _verify(text)
    assert 'data-outcome="valid"' in page and "Gültig" in page
    assert SOLO_NAME in page and issued.name in page
    day = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"<dd>{day}</dd>" in page  # valid from: a day people read, not ISO text

    # one changed character in the name: tampered, and the page says what that means
    assert text.count(SOLO_NAME) == 1
    page = _verify(text.replace(SOLO_NAME, SOLO_NAME.replace("Selma", "Selmo")))
    assert 'data-outcome="tampered"' in page
    assert "Nach der Ausstellung wurde etwas geändert" in page
    assert '<dl class="zz-stack">' not in page  # what a forged copy claims is not vouched for

    # revoked by the programme administration: the same file now says so, with the day
    admin = login(make_member(Role.PROGRAMME_ADMIN), Client())
    revoke = reverse("credentials:revoke", args=[issued.pk])
    assert _location(admin.post(revoke, {"reason": "Test irrtümlich gewertet"}))
    page = _verify(text)
    assert 'data-outcome="revoked"' in page
    assert f"Widerrufen am {day}" in page and "gilt seitdem nicht mehr" in page
    assert "irrtümlich" not in page  # the reason is for the holder, not the public
    stored = Client().get(reverse("credentials:verify_stored", args=[issued.uuid]))
    assert 'data-outcome="revoked"' in stored.content.decode()
    assert "irrtümlich" in client.get(reverse("credentials:mine")).content.decode()


def _passes_and_maybe_shares(company, name: str, *, shares: bool) -> str:
    """An employee passes the unit in the player and shares it with the company, or not."""
    member = make_member(Role.EMPLOYEE, user=make_user(name=name), organisation=company)
    unit = content.unit(UNIT)
    assert unit is not None
    progress, _token = actions.start_unit(user=member.user, unit=unit)
    attempt = actions.start_attempt(progress, unit)
    answers = {
        q.id: list(q.right_order) or [o.id for o in q.options if o.correct]
        for q in actions.drawn_questions(attempt)
    }
    actions.submit_attempt(attempt=attempt, answers=answers, unit=unit)
    refs = [c.ref for c in completions_of(member.user)]
    assert refs == [f"unit:{UNIT}"]
    set_shared(member=member, refs=refs if shares else [])
    return name


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "nachweis.pdf"
    path.write_bytes(data)
    out = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return " ".join(out.stdout.decode("utf-8").split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_company_lead_sees_measures_but_nobody_who_did_not_share(login, tmp_path) -> None:
    company = make_organisation(name="Hanse Probebetrieb GmbH")
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    sharing = [
        _passes_and_maybe_shares(company, f"Geteilt {name}", shares=True)
        for name in ("Amsel", "Buchfink", "Dohle", "Elster", "Fink", "Goldammer")
    ]
    silent = _passes_and_maybe_shares(company, "Wiebke Verschwiegen", shares=False)
    client = login(lead)

    page = client.get(reverse("ai_act:literacy", args=[company.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    unit = content.unit(UNIT)
    assert unit is not None and unit.title.de in html  # the measure is there
    answer = client.get(reverse("ai_act:literacy_pdf", args=[company.pk]))
    pdf = fetch_prepared(client, answer) if answer.status_code == 302 else answer
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content, tmp_path)
    assert "Nachweis über Maßnahmen zur KI-Kompetenz" in text
    assert unit.title.de.split(":")[0] in text
    for name in (silent, *sharing):  # counts only; above all, not who kept it to themselves
        assert name not in html and name not in text
        assert name.split()[-1] not in text
