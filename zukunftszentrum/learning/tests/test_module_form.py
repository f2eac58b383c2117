"""The module form as a centre admin meets it: fieldsets with help texts, and every refusal
(a prerequisite cycle, a prerequisite level at or above the level taught, no competence, a
taken key) says what is wrong where it is fixed and keeps every input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.models import Module
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module

pytestmark = pytest.mark.django_db
CREATE = reverse("learning:module_create")


@pytest.fixture
def centre() -> Any:
    return make_centre(lands=("HH",))


@pytest.fixture
def admin(centre: Any) -> Any:
    return make_member(Role.CENTRE_ADMIN, centre=centre)


def _post(**extra: Any) -> dict[str, Any]:
    data = {
        "key": "ki-recht", "title": "KI und Recht", "summary": "Was die KI-Verordnung verlangt.",
        "format": "webinar", "duration_hours": "2.5", "cost_eur": "40", "language": "de",
        "licence": "CC BY 4.0", "published": "on", "reach_ai_act_obligations": "2",
    }  # fmt: skip
    data.update(extra)
    return data


def _selected(html: str, name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select[1])
    return chosen[1] if chosen else None


def _error_at(html: str, field: str) -> str:
    found = re.search(
        rf'id="id_{field}-error"[^>]*>.*?<span class="kern-body">(.*?)</span>', html, re.S
    )
    return found[1] if found else ""


def test_the_form_comes_in_fieldsets_with_help(login: Any, client: Client, admin: Any) -> None:
    login(admin)
    html = client.get(CREATE).content.decode()
    legends = re.findall(r'<legend class="kern-heading-small">(.*?)</legend>', html)
    assert legends == [
        "Das Modul",
        "Format, Dauer und Kosten",
        "Kompetenzen, die das Modul vermittelt",
        "Voraussetzungen",
        "Barrierefreiheit, Lizenz und Veröffentlichung",
    ]
    assert "prompting-buero" in html and "alle Sitzungen zusammen" in html
    assert "Ein Kreis (A setzt B voraus" in html


def test_a_cycle_is_named_at_the_prerequisites_and_keeps_every_input(
    login: Any, client: Client, centre: Any, admin: Any
) -> None:
    basics = make_module(centre, title="Grundlagen")
    advanced = make_module(centre, title="Vertiefung")
    actions.save_module(member=admin, module=advanced, prerequisites=[basics])
    login(admin)
    data = _post(
        key=basics.key, title="Grundlagen neu", prerequisites=[advanced.pk],
        need_prompting="1", reach_prompting="3",
    )  # fmt: skip
    answer = client.post(reverse("learning:module_edit", args=[basics.pk]), data)
    html = answer.content.decode()
    assert answer.status_code == 400
    # named with the titles as typed, so the admin recognises the chain
    assert "Kreis: Grundlagen neu → Vertiefung → Grundlagen neu" in _error_at(html, "prerequisites")
    assert "Ihre übrigen Eingaben sind erhalten" in html
    assert 'value="Grundlagen neu"' in html and 'value="2.5"' in html
    assert re.search(rf'value="{advanced.pk}"[^>]*checked', html)
    assert _selected(html, "reach_prompting") == "3" and _selected(html, "need_prompting") == "1"
    basics.refresh_from_db()
    assert basics.title == "Grundlagen" and not basics.prerequisite_modules.exists()


@pytest.mark.parametrize(
    ("case", "extra", "field", "message"),
    [
        (
            "requires what it teaches",
            {"reach_prompting": "2", "need_prompting": "2"},
            "need_prompting",
            "bis Stufe 2; voraussetzen kann es nur eine niedrigere Stufe",
        ),
        ("no key", {"key": ""}, "key", "Dieses Feld ist zwingend erforderlich."),
        ("no hours", {"duration_hours": "0"}, "duration_hours", "mehr als 0 Stunden"),
        ("negative cost", {"cost_eur": "-5"}, "cost_eur", "nicht negativ"),
    ],
)
def test_a_wrong_field_is_marked_and_the_rest_kept(
    login: Any,
    client: Client,
    admin: Any,
    case: str,
    extra: dict[str, str],
    field: str,
    message: str,
) -> None:
    login(admin)
    answer = client.post(CREATE, _post(**extra))
    html = answer.content.decode()
    assert answer.status_code == 400, case
    assert message in _error_at(html, field) and _error_at(html, field)
    assert 'value="KI und Recht"' in html and "Was die KI-Verordnung verlangt." in html
    assert _selected(html, "reach_ai_act_obligations") == "2"
    assert not Module.objects.exists()


def test_without_any_competence_the_summary_says_so(login: Any, client: Client, admin: Any) -> None:
    login(admin)
    answer = client.post(CREATE, _post(reach_ai_act_obligations="0"))
    assert answer.status_code == 400
    assert "mindestens eine Kompetenz, die das Modul vermittelt" in answer.content.decode()


def test_a_key_the_centre_has_is_refused_at_the_key(
    login: Any, client: Client, centre: Any, admin: Any
) -> None:
    make_module(centre, key="ki-recht")
    login(admin)
    html = client.post(CREATE, _post()).content.decode()
    assert "schon ein Modul mit diesem Kürzel" in _error_at(html, "key")


def test_another_centres_module_is_404_and_an_advisor_403(
    login: Any, client: Client, centre: Any
) -> None:
    module = make_module(centre)
    login(make_member(Role.CENTRE_ADMIN))
    assert (
        client.post(reverse("learning:module_edit", args=[module.pk]), _post()).status_code == 404
    )
    login(make_member(Role.ADVISOR, centre=centre))
    assert client.post(CREATE, _post()).status_code == 403
