"""The extension points' registries: order, refused duplicates, and what each hands out."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.management import CommandError
from django.db import models
from django.test import override_settings

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards
from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.audit_actions import UnregisteredAction
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.core.registry import DuplicateEntry, Registry


@dataclass(frozen=True)
class Item:
    name: str
    order: int


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        ([], []),
        ([("b", 20), ("a", 10)], ["a", "b"]),
        ([("z", 10), ("a", 10)], ["a", "z"]),  # ties: by name, never by import order
        ([("late", 90), ("early", -5), ("mid", 40)], ["early", "mid", "late"]),
    ],
)
def test_registry_hands_out_entries_by_order_then_name(added, expected):
    registry = Registry[Item]("thing")
    for name, order in added:
        registry.add(Item(name, order))
    assert [item.name for item in registry] == expected
    assert len(registry) == len(expected)


def test_registry_refuses_a_name_twice_and_names_both_entries():
    registry = Registry[Item]("menu entry")
    registry.add(Item("needs.dashboard", 40))
    with pytest.raises(DuplicateEntry, match=r"menu entry 'needs.dashboard' is registered twice"):
        registry.add(Item("needs.dashboard", 50))
    assert [item.order for item in registry] == [40]


def test_registering_the_same_entry_again_changes_nothing():
    # AppConfig.ready() may run twice (tests call it); the same contribution is not a clash.
    registry = Registry[Item]("thing")
    registry.add(Item("a", 1))
    registry.add(Item("a", 1))
    assert list(registry) == [Item("a", 1)]


# --- menu --------------------------------------------------------------------------------------


def _request(*, capabilities=(), view_name=None):
    match = SimpleNamespace(view_name=view_name) if view_name else None
    return SimpleNamespace(capabilities=frozenset(capabilities), resolver_match=match)


def _menu() -> Registry[navigation.MenuEntry]:
    menu = Registry[navigation.MenuEntry]("menu entry")
    entry = navigation.MenuEntry
    menu.add(entry("profile", "Profil", "organisations:profile", 90))
    menu.add(entry("network", "Netzwerk", "organisations:network", 10, signed_in=False))
    menu.add(entry("needs", "Bedarf", "needs:dashboard", 40, capability="view_needs_analysis"))
    menu.add(
        entry(
            "checks",
            "Checks",
            "assessments:overview",
            30,
            current=("assessments:overview", "assessments:result"),
        )
    )
    return menu


@pytest.mark.parametrize(
    ("signed_in", "capabilities", "view_name", "expected"),
    [
        (False, (), None, ["Netzwerk"]),
        (True, (), None, ["Netzwerk", "Checks", "Profil"]),
        (True, ("view_needs_analysis",), None, ["Netzwerk", "Checks", "Bedarf", "Profil"]),
        (True, (), "assessments:result", ["Netzwerk", "*Checks", "Profil"]),
        (True, (), "organisations:profile", ["Netzwerk", "Checks", "*Profil"]),
        (False, (), "organisations:network", ["*Netzwerk"]),
    ],
)
def test_menu_shows_entries_by_sign_in_and_capability_and_marks_the_current(
    signed_in, capabilities, view_name, expected
):
    request = _request(capabilities=capabilities, view_name=view_name)
    links = navigation.menu_for(request, signed_in=signed_in, entries=_menu())  # type: ignore[arg-type]
    assert [("*" if link.current else "") + str(link.label) for link in links] == expected


def test_a_predicate_can_hide_a_menu_entry():
    menu = Registry[navigation.MenuEntry]("menu entry")
    menu.add(
        navigation.MenuEntry(
            "x", "X", "core:home", 1, shows=lambda request: "beta" in request.capabilities
        )
    )
    hidden = navigation.menu_for(_request(), signed_in=True, entries=menu)  # type: ignore[arg-type]
    shown = navigation.menu_for(_request(capabilities=("beta",)), signed_in=True, entries=menu)  # type: ignore[arg-type]
    assert (hidden, [str(link.label) for link in shown]) == ([], ["X"])


def test_every_app_registered_its_menu_entries_in_the_menu_order_and_area():
    assert [(entry.name, entry.area) for entry in navigation.menu] == [
        ("organisations.dashboard", None),
        ("assessments.overview", None),
        ("learning.paths", "learning"),
        ("learning.competences", "learning"),
        ("self_learning.units", "learning"),
        ("learning.catalogue", "learning"),
        ("credentials.manage", "learning"),
        ("credentials.mine", "learning"),
        ("learning.job_profiles", "learning"),
        ("needs.dashboard", "region"),
        ("concepts.index", "region"),
        ("self_learning.statistics", "learning"),
        ("organisations.network", "region"),
        ("ai_act.systems", "company_ai"),
        ("participation.projects", "company_ai"),
        ("ai_act.knowledge", "company_ai"),
        ("organisations.profile", None),
    ]


def _area_menu() -> Registry[navigation.MenuEntry]:
    menu = Registry[navigation.MenuEntry]("menu entry")
    entry = navigation.MenuEntry
    menu.add(entry("home", "Home", "organisations:dashboard", 20))
    menu.add(entry("path", "Weg", "learning:paths", 35, capability="learn", area="learning"))
    menu.add(entry("units", "Einheiten", "self_learning:list", 37, area="learning"))
    menu.add(
        entry(
            "stats",
            "Statistik",
            "self_learning:statistics",
            41,
            capability="author",
            area="learning",
        )
    )
    menu.add(entry("network", "Netzwerk", "organisations:network", 42, area="region"))
    menu.add(entry("profile", "Profil", "organisations:profile", 90))
    return menu


@pytest.mark.parametrize(
    ("capabilities", "view_name", "expected", "second_row"),
    [
        # an area of one entry is shown as that entry, in the area's place
        ((), None, ["Home", "Einheiten", "Netzwerk", "Profil"], None),
        ((), "self_learning:list", ["Home", "*Einheiten", "Netzwerk", "Profil"], None),
        # two entries make an area
        (("learn",), None, ["Home", "Lernen[Weg,Einheiten]", "Netzwerk", "Profil"], None),
        (
            ("author",),
            "self_learning:statistics",
            ["Home", "*Lernen[Einheiten,Statistik]", "Netzwerk", "Profil"],
            ["Einheiten", "*Statistik"],
        ),
        (
            ("learn", "author"),
            "learning:paths",
            ["Home", "*Lernen[Weg,Einheiten,Statistik]", "Netzwerk", "Profil"],
            ["*Weg", "Einheiten", "Statistik"],
        ),
        # a page outside the area has no second row
        (
            ("learn",),
            "organisations:dashboard",
            ["*Home", "Lernen[Weg,Einheiten]", "Netzwerk", "Profil"],
            None,
        ),
    ],
)
def test_areas_group_entries_collapse_when_single_and_give_the_second_row(
    capabilities, view_name, expected, second_row
):
    request = _request(capabilities=capabilities, view_name=view_name)
    links = navigation.menu_for(request, signed_in=True, entries=_area_menu())  # type: ignore[arg-type]

    def shown(link: navigation.MenuLink) -> str:
        text = ("*" if link.current else "") + str(link.label)
        if link.children:
            assert link.url == link.children[0].url  # an area leads to its first entry
            text += "[" + ",".join(str(c.label) for c in link.children) + "]"
        return text

    assert [shown(link) for link in links] == expected
    area = navigation.area_menu_for(links)
    assert (area and [shown(c) for c in area.children]) == second_row


@pytest.mark.parametrize(
    ("current", "view_name", "expected"),
    [
        ((), "core:home", True),  # by default, its own URL
        ((), "core:other", False),
        (("app:*",), "app:anything", True),  # a whole app
        (("app:*",), "apps:thing", False),  # not another app that starts alike
        (("app:*",), None, False),
        (("app:one", "app:two"), "app:two", True),
    ],
)
def test_an_entry_is_current_for_its_views_or_its_whole_app(current, view_name, expected):
    entry = navigation.MenuEntry("x", "X", "core:home", 1, current=current)
    assert entry.is_current(view_name) is expected


def test_entries_of_an_unknown_area_are_refused():
    with pytest.raises(ValueError, match="unknown area"):
        navigation.register_menu_entry(
            "x.y", label="X", url_name="core:home", order=1, area="nowhere"
        )


# --- overview cards ----------------------------------------------------------------------------


def test_overview_cards_filter_by_member_share_their_data_and_group_links_by_place():
    calls: list[str] = []

    def shared(member):
        calls.append(member.role)
        return {"shared": member.role}

    cards = Registry[overview_cards.OverviewCard]("overview card")
    card = overview_cards.OverviewCard
    cards.add(card("b", "b.html", 20, shows=lambda m: True, context=shared))
    cards.add(card("a", "a.html", 10, shows=lambda m: True, context=shared))
    cards.add(card("hidden", "h.html", 5, shows=lambda m: False, context=lambda m: {"no": 1}))
    links = Registry[overview_cards.OverviewLink]("overview link")
    link = overview_cards.OverviewLink
    links.add(link("l2", "row", "Zwei", "core:home", 20, shows=lambda m: True))
    links.add(link("l1", "row", "Eins", "core:home", 10, shows=lambda m: True, primary=True))
    links.add(link("l3", "other", "Drei", "core:home", 10, shows=lambda m: False))

    result = overview_cards.overview_cards_for(
        SimpleNamespace(role="lead"), card_registry=cards, link_registry=links
    )

    assert [c.name for c in result["overview_cards"]] == ["a", "b"]
    assert calls == ["lead"] and result["shared"] == "lead" and "no" not in result
    assert {place: [x.name for x in row] for place, row in result["overview_links"].items()} == {
        "row": ["l1", "l2"]
    }
    assert [x.style for x in result["overview_links"]["row"]] == ["primary", "secondary"]


# --- demo steps --------------------------------------------------------------------------------


def test_demo_steps_run_operator_then_network_then_checks_then_needs():
    names = [step.name for step in demo_steps.selected_steps()]
    assert names == [
        "operator",
        "network",
        "checks",
        "needs",
        "learning_catalogue",
        "competences",
        "units",
        "ai_systems",
        "credentials",
        "participation",
        "learning_paths",
        "concepts",
    ]
    assert [step.name for step in demo_steps.selected_steps(["needs", "network"])] == [
        "network",
        "needs",
    ]


def test_an_unknown_demo_step_is_named_with_the_known_ones():
    with pytest.raises(
        CommandError,
        match=(
            r"Unbekannter Schritt: kuchen\. Es gibt: operator, network, checks, needs, "
            r"learning_catalogue, competences, units, ai_systems, credentials, participation, "
            r"learning_paths"
        ),
    ):
        demo_steps.selected_steps(["kuchen"])


@pytest.mark.parametrize(
    ("debug", "force", "allowed"),
    [(True, False, True), (False, True, True), (False, False, False), (True, True, True)],
)
def test_one_guard_for_all_demo_data(debug, force, allowed):
    with override_settings(DEBUG=debug):
        assert demo_steps.demo_allowed(force=force) is allowed
        if not allowed:
            with pytest.raises(CommandError, match="--force"):
                demo_steps.ensure_demo_allowed(force=force)


# --- audit actions -----------------------------------------------------------------------------


class _Example(models.TextChoices):
    ONE = "one", "Eins"
    TWO = "two", "Zwei"


def test_audit_actions_keep_their_app_block_order_and_refuse_duplicates():
    registry = Registry[audit_actions.AuditAction]("audit action")
    audit_actions.register_actions(_Example, order=100, own_summary=["two"], registry=registry)
    assert [(a.name, a.order, a.own_summary) for a in registry] == [
        ("one", 100, False),
        ("two", 101, True),
    ]
    with pytest.raises(DuplicateEntry, match="audit action 'one'"):
        audit_actions.register_actions(_Example, order=300, registry=registry)


def test_own_summary_must_name_the_apps_own_actions():
    registry = Registry[audit_actions.AuditAction]("audit action")
    with pytest.raises(ValueError, match="three"):
        audit_actions.register_actions(_Example, order=0, own_summary=["three"], registry=registry)


def test_every_logged_action_is_registered_with_a_label():
    codes = dict(audit_actions.action_choices())
    assert {"assessment_opened", "assessment_closed", "login", "population_uploaded"} <= set(codes)
    assert str(codes["assessment_opened"]) == "Unternehmens-Check eröffnet"
    assert {"invitation_refused", "operator_page_published", "login_locked_out"} <= set(codes)
    assert {"accompaniment_asked", "accompaniment_answered"} <= set(codes)
    assert all(str(label) for label in codes.values())  # every code has a label


@pytest.mark.django_db
def test_an_unregistered_action_cannot_be_logged():
    with pytest.raises(UnregisteredAction, match="'assessment_renamed'"):
        record_event("assessment_renamed")
    record_event("assessment_opened")
    assert AuditEvent.objects.get().action == "assessment_opened"


def test_an_unregistered_code_is_shown_as_it_is():
    assert AuditEvent(action="retired_action").get_action_display() == "retired_action"
    assert AuditEvent(action="role_granted").get_action_display() == "Rolle vergeben"
