"""The catalogue's pages: public reading, registering, the trainer's course, the centre's
management and demand, the lead's view. Each view has a wrong-role (403) and a wrong-tenant
(404) case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.models import Module, Offer, OfferStatus, Registration
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre() -> Any:
    return make_centre(lands=("HH",))


@pytest.fixture
def offer(centre: Any) -> Offer:
    module = make_module(centre, title="Prompting im Büro", summary="Gute Aufträge an KI.")
    return make_offer(module, capacity=1, land="HH")


# --- public catalogue ---------------------------------------------------------------------
def test_catalogue_is_public_and_filters(client: Client, centre: Any, offer: Offer) -> None:
    make_module(centre, title="Datenschutz kompakt", competences={"personal_data": 2},
                format="webinar", summary="Daten schützen im Betrieb.")  # fmt: skip
    make_module(centre, title="Unveröffentlicht", published=False)
    page = client.get(reverse("learning:catalogue")).content.decode()
    assert "Prompting im Büro" in page and "Datenschutz kompakt" in page
    assert "Unveröffentlicht" not in page
    first = offer.sessions.get().starts_at
    assert f"nächster Termin am {timezone.localtime(first):%d.%m.%Y}" in page
    by_format = client.get(reverse("learning:catalogue"), {"format": "webinar"}).content.decode()
    assert "Datenschutz kompakt" in by_format and "Prompting im Büro" not in by_format
    by_land = client.get(reverse("learning:catalogue"), {"land": "HH"}).content.decode()
    assert "Prompting im Büro" in by_land and "Datenschutz kompakt" not in by_land  # no offer
    found = client.get(reverse("learning:catalogue"), {"q": "prompting"}).content.decode()
    assert "Prompting im Büro" in found and "Datenschutz kompakt" not in found
    month = offer.sessions.first().starts_at  # type: ignore[union-attr]
    later = month + timedelta(days=62)
    in_month = client.get(reverse("learning:catalogue"), {"month": f"{month:%Y-%m}"})
    assert "Prompting im Büro" in in_month.content.decode()
    other = client.get(reverse("learning:catalogue"), {"month": f"{later:%Y-%m}"})
    assert "Prompting im Büro" not in other.content.decode()
    bad = client.get(reverse("learning:catalogue"), {"month": "2027-13"})
    assert bad.status_code == 200 and "JJJJ-MM" in bad.content.decode()


def test_unpublished_module_and_draft_offer_are_404(client: Client, centre: Any) -> None:
    hidden = make_module(centre, published=False)
    draft = make_offer(make_module(centre), status=OfferStatus.DRAFT)
    assert client.get(reverse("learning:module", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("learning:offer", args=[draft.pk])).status_code == 404


def test_offer_page_shows_free_seats_and_register_button(
    login: Any, client: Client, offer: Offer
) -> None:
    anonymous = client.get(reverse("learning:offer", args=[offer.pk])).content.decode()
    assert "Verbindlich anmelden" not in anonymous
    login(make_member(Role.EMPLOYEE))
    page = client.get(reverse("learning:offer", args=[offer.pk])).content.decode()
    assert "Verbindlich anmelden" in page


# --- registering --------------------------------------------------------------------------
def test_register_then_waitlist_then_cancel(login: Any, offer: Offer) -> None:
    first, second = Client(), Client()
    a, b = make_member(Role.EMPLOYEE), make_member(Role.EMPLOYEE)
    login(a, first)
    login(b, second)
    url = reverse("learning:offer_register", args=[offer.pk])
    first.post(url)
    first.post(url)  # a double click
    second.post(url)
    assert Registration.objects.filter(offer=offer).count() == 2
    waiting = Registration.objects.get(user=b.user)
    assert waiting.status == "waitlisted"
    page = second.get(reverse("learning:offer", args=[offer.pk])).content.decode()
    assert "Platz 1 der Warteliste" in page
    mine = Registration.objects.get(user=a.user)
    first.post(reverse("learning:registration_cancel", args=[mine.pk]))
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_register_needs_learn(login: Any, client: Client, offer: Offer) -> None:
    login(make_member(Role.ADVISOR))
    assert client.post(reverse("learning:offer_register", args=[offer.pk])).status_code == 403


def test_cancel_someone_elses_registration_is_404(login: Any, client: Client, offer: Offer) -> None:
    registration = actions.register(member=make_member(Role.EMPLOYEE), offer=offer).registration
    login(make_member(Role.EMPLOYEE))
    url = reverse("learning:registration_cancel", args=[registration.pk])
    assert client.post(url).status_code == 404


def test_my_registrations(login: Any, client: Client, offer: Offer) -> None:
    member = make_member(Role.EMPLOYEE)
    actions.register(member=member, offer=offer)
    login(member)
    assert "Prompting im Büro" in client.get(reverse("learning:my_registrations")).content.decode()
    login(make_member(Role.TRAINER))
    assert client.get(reverse("learning:my_registrations")).status_code == 403


def test_lead_sees_staff_courses_only_of_own_company(
    login: Any, client: Client, offer: Offer
) -> None:
    employee = make_member(Role.EMPLOYEE)
    actions.register(member=employee, offer=offer)
    login(make_member(Role.COMPANY_LEAD, organisation=employee.organisation))
    page = client.get(reverse("learning:staff_courses")).content.decode()
    assert employee.user.full_name in page and "Prompting im Büro" in page
    login(make_member(Role.COMPANY_LEAD))
    other = client.get(reverse("learning:staff_courses")).content.decode()
    assert employee.user.full_name not in other
    login(employee)
    assert client.get(reverse("learning:staff_courses")).status_code == 403


# --- the trainer's course ------------------------------------------------------------------
def test_course_page_attendance_and_exports(
    login: Any, client: Client, centre: Any, offer: Offer
) -> None:
    learner = make_member(Role.EMPLOYEE)
    registration = actions.register(member=learner, offer=offer).registration
    login(make_member(Role.TRAINER, centre=centre))
    page = client.get(reverse("learning:course", args=[offer.pk])).content.decode()
    assert learner.user.full_name in page
    client.post(reverse("learning:course_attendance", args=[registration.pk, "teilgenommen"]))
    registration.refresh_from_db()
    assert registration.status == "attended"
    xlsx = client.get(reverse("learning:course_export", args=[offer.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    pdf = client.get(reverse("learning:course_export", args=[offer.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("learning:course_export", args=[offer.pk, "doc"])).status_code == 404


def test_course_of_another_centre_is_404_and_employee_403(
    login: Any, client: Client, offer: Offer
) -> None:
    registration = actions.register(member=make_member(Role.EMPLOYEE), offer=offer).registration
    login(make_member(Role.TRAINER))
    assert client.get(reverse("learning:course", args=[offer.pk])).status_code == 404
    url = reverse("learning:course_attendance", args=[registration.pk, "teilgenommen"])
    assert client.post(url).status_code == 404
    login(make_member(Role.EMPLOYEE))
    assert client.get(reverse("learning:course", args=[offer.pk])).status_code == 403
    assert client.get(reverse("learning:courses")).status_code == 403


# --- the centre's management --------------------------------------------------------------
def _module_post(**extra: Any) -> dict[str, Any]:
    data = {
        "key": "ki-recht", "title": "KI und Recht", "summary": "Was die KI-Verordnung verlangt.",
        "format": "webinar", "duration_hours": "2", "cost_eur": "0", "language": "de",
        "published": "on", "reach_ai_act_obligations": "2",
    }  # fmt: skip
    data.update(extra)
    return data


def test_centre_admin_creates_a_module_and_an_offer(
    login: Any, client: Client, centre: Any
) -> None:
    login(make_member(Role.CENTRE_ADMIN, centre=centre))
    answer = client.post(reverse("learning:module_create"), _module_post())
    assert answer.status_code == 302
    module = Module.objects.get(key="ki-recht")
    assert module.centre == centre and module.competences == {"ai_act_obligations": 2}
    day = (timezone.localtime() + timedelta(days=20)).strftime("%d.%m.%Y")
    answer = client.post(
        reverse("learning:offer_create", args=[module.pk]),
        {"status": "open", "online": "on", "capacity": "12", "sessions": f"{day} 09:00-12:00"},
    )
    assert answer.status_code == 302, answer.content.decode()
    offer = module.offers.get()
    assert offer.online and offer.sessions.count() == 1


def test_module_form_keeps_input_on_a_cycle(login: Any, client: Client, centre: Any) -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    basics = make_module(centre, title="Grundlagen")
    advanced = make_module(centre, title="Vertiefung")
    actions.save_module(member=admin, module=advanced, prerequisites=[basics])
    login(admin)
    data = _module_post(key=basics.key, title="Grundlagen", prerequisites=[advanced.pk])
    page = client.post(reverse("learning:module_edit", args=[basics.pk]), data).content.decode()
    assert "Kreis" in page and "Grundlagen → Vertiefung → Grundlagen" in page


def test_capacity_below_seats_is_refused_with_a_message(
    login: Any, client: Client, centre: Any, offer: Offer
) -> None:
    actions.register(member=make_member(Role.EMPLOYEE), offer=offer)
    offer.capacity = 3
    offer.save()
    for _ in range(2):
        actions.register(member=make_member(Role.EMPLOYEE), offer=offer)
    login(make_member(Role.CENTRE_ADMIN, centre=centre))
    answer = client.post(
        reverse("learning:offer_capacity", args=[offer.pk]), {"capacity": "1"}, follow=True
    )
    assert "mindestens 3" in answer.content.decode()


def test_another_centres_module_is_404_and_advisor_403(
    login: Any, client: Client, centre: Any
) -> None:
    module = make_module(centre)
    login(make_member(Role.CENTRE_ADMIN))
    assert client.get(reverse("learning:module_edit", args=[module.pk])).status_code == 404
    assert client.get(reverse("learning:offer_create", args=[module.pk])).status_code == 404
    login(make_member(Role.ADVISOR, centre=centre))
    assert client.get(reverse("learning:module_edit", args=[module.pk])).status_code == 403
    assert client.get(reverse("learning:manage")).status_code == 403


# --- demand -------------------------------------------------------------------------------
def test_demand_shows_only_disclosed_counts(login: Any, client: Client, centre: Any) -> None:
    offer = make_offer(make_module(centre, title="Gefragtes Modul"), capacity=20, land="HH")
    small = make_offer(make_module(centre, title="Kleines Modul"), capacity=20, land="HH")
    for _ in range(12):
        actions.register(member=make_member(Role.EMPLOYEE), offer=offer)
    for _ in range(2):
        actions.register(member=make_member(Role.EMPLOYEE), offer=small)
    login(make_member(Role.ADVISOR, centre=centre))
    page = client.get(reverse("learning:demand")).content.decode()
    assert "Gefragtes Modul" in page and "unter 5" in page
    assert ">2<" not in page  # the small count is never printed
    login(make_member(Role.ADVISOR))  # another centre sees none of it
    assert "Gefragtes Modul" not in client.get(reverse("learning:demand")).content.decode()
    login(make_member(Role.EMPLOYEE))
    assert client.get(reverse("learning:demand")).status_code == 403


# --- the public calendar feed -------------------------------------------------------------
def test_centre_feed_has_published_offers_and_no_people(
    client: Client, centre: Any, offer: Offer
) -> None:
    member = make_member(Role.EMPLOYEE)
    actions.register(member=member, offer=offer)
    make_offer(make_module(centre, title="Entwurfsmodul"), status=OfferStatus.DRAFT)
    answer = client.get(reverse("learning:centre_calendar", args=[centre.slug]))
    text = answer.content.decode()
    assert answer["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Prompting im Büro" in text and "Entwurfsmodul" not in text
    assert member.user.email not in text and "ATTENDEE" not in text
    assert (
        client.get(reverse("learning:centre_calendar", args=["gibt-es-nicht"])).status_code == 404
    )


def test_german_search_finds_inflected_words(client: Client, centre: Any) -> None:
    """On PostgreSQL the 'german' configuration stems ("Datenschutzes" finds "Datenschutz");
    the fallback elsewhere matches the words as typed."""
    from django.db import connection

    make_module(centre, title="Datenschutz im Betrieb", summary="Regeln für Kundendaten.")
    make_module(centre, title="Werkstatt", summary="Maschinen warten.")
    word = "Datenschutzes" if connection.vendor == "postgresql" else "datenschutz"
    page = client.get(reverse("learning:catalogue"), {"q": word}).content.decode()
    assert "Datenschutz im Betrieb" in page and "Werkstatt" not in page


def test_overview_shows_next_dates_and_the_trainers_courses(
    login: Any, client: Client, centre: Any
) -> None:
    trainer = make_member(Role.TRAINER, centre=centre)
    offer = make_offer(make_module(centre, title="Kurs für die Übersicht"), trainer=trainer)
    learner = make_member(Role.EMPLOYEE)
    actions.register(member=learner, offer=offer)
    login(learner)
    page = client.get(reverse("organisations:dashboard")).content.decode()
    assert "Ihre nächsten Termine" in page and "Kurs für die Übersicht" in page
    login(trainer)
    page = client.get(reverse("organisations:dashboard")).content.decode()
    assert "Ihre Kurse" in page and reverse("learning:course", args=[offer.pk]) in page


def test_offer_trainer_must_be_a_trainer_of_the_centre(centre: Any) -> None:
    from zukunftszentrum.learning.catalogue.exceptions import NotAllowed

    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    offer = make_offer(make_module(centre))
    offer.trainer = make_member(Role.TRAINER)  # another centre's
    with pytest.raises(NotAllowed):
        actions.save_offer(member=admin, offer=offer)
    offer.trainer = admin  # not a trainer
    with pytest.raises(NotAllowed):
        actions.save_offer(member=admin, offer=offer)
    offer.trainer = make_member(Role.TRAINER, centre=centre)
    actions.save_offer(member=admin, offer=offer)
