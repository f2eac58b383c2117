"""Answers a perspective gives without being asked (`implied_for`): the works council is not
asked whether there is a works council. The loader validates it, the engine fills it in where a
perspective's answers start and hides the item from that perspective only."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.engine import logic
from zukunftszentrum.assessments.engine.loader import ContentError, load_catalog, load_instrument
from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.navigation import visible_ids
from zukunftszentrum.assessments.queries import instrument_of
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

FIXTURES = Path(__file__).parent / "fixtures" / "content"
EXAMPLE = Path("instruments") / "example" / "2026.1.yaml"


def _load(tmp_path: Path, change: dict[str, Any], perspectives: list[str] | None = None):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES, root)
    data = yaml.safe_load((root / EXAMPLE).read_text(encoding="utf-8"))
    data["pages"][1]["items"][0].update(change)  # uses_data: a single item without scores
    if perspectives is not None:
        data["perspectives"] = perspectives
    (root / EXAMPLE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_catalog(root).get("example")


def test_an_implied_answer_loads(tmp_path: Path) -> None:
    inst = _load(tmp_path, {"implied_for": {"employee": "yes"}})
    item = inst.item("uses_data")
    assert item.implied("employee") == "yes"
    assert item.implied("company_lead") is None and item.implied(None) is None


@pytest.mark.parametrize(
    ("change", "perspectives", "message"),
    [
        ({"implied_for": {"employee": "maybe"}}, None, "not one of the options"),
        ({"implied_for": {"auditor": "yes"}}, None, "unknown key 'auditor'"),
        ({"implied_for": {}}, None, "at least one perspective"),
        ({"implied_for": {"works_council": "yes"}}, None, "instrument's perspectives"),
    ],
    ids=["unknown option", "unknown perspective", "empty", "perspective not asked"],
)
def test_a_wrong_implied_answer_is_a_content_error(
    tmp_path: Path, change: dict[str, Any], perspectives: list[str] | None, message: str
) -> None:
    with pytest.raises(ContentError) as caught:
        _load(tmp_path, change, perspectives)
    assert message in str(caught.value)
    assert "implied_for" in caught.value.field


@pytest.mark.parametrize(
    ("page", "index", "answer"), [(1, 1, "good"), (0, 0, "3")], ids=["scored single", "likert"]
)
def test_only_an_unscored_single_item_can_be_implied(
    tmp_path: Path, page: int, index: int, answer: str
) -> None:
    """An implied answer must never move a score."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES, root)
    data = yaml.safe_load((root / EXAMPLE).read_text(encoding="utf-8"))
    data["pages"][page]["items"][index]["implied_for"] = {"employee": answer}
    (root / EXAMPLE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="single item without scores"):
        load_instrument(root / EXAMPLE)


def test_the_engine_fills_in_and_hides_only_for_that_perspective(tmp_path: Path) -> None:
    inst = _load(tmp_path, {"implied_for": {"employee": "yes"}})
    filled = logic.with_implied(inst, "employee", {"uses_data": "no"})
    assert filled["uses_data"] == "yes"
    assert logic.with_implied(inst, "company_lead", {}) == {}
    asked = [i.id for i in logic.asked_items(inst, filled, "employee")]
    assert "uses_data" not in asked and "d_state" in asked  # its follow-up is asked
    assert "uses_data" in [i.id for i in logic.asked_items(inst, filled, "company_lead")]


def test_the_readiness_check_does_not_ask_the_works_council_about_itself() -> None:
    item = catalog().get("readiness").item("has_works_council")
    assert item is not None and item.implied("works_council") == "yes"
    assert item.implied("employee") is None


@pytest.mark.django_db
def test_a_works_council_answer_starts_with_yes_and_hides_the_question() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="readiness")
    mine, _ = actions.start_assessment_response(member=council, assessment=assessment)
    theirs, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    inst = instrument_of(mine)
    assert mine.answers == {"has_works_council": "yes"} and theirs.answers == {}
    council_sees = visible_ids(inst, mine.answers, mine.perspective)
    assert "has_works_council" not in council_sees and "part_wc_early" in council_sees
    assert "has_works_council" in visible_ids(inst, theirs.answers, theirs.perspective)


@pytest.mark.django_db
def test_a_submitted_answer_keeps_what_was_stored() -> None:
    """An old works council answer "no" (given before the item was implied) stays as it is."""
    lead = make_member(Role.COMPANY_LEAD)
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="readiness")
    response, _ = actions.start_assessment_response(member=council, assessment=assessment)
    response.answers = {"has_works_council": "no"}
    response.submitted_at = response.updated_at
    response.result = {"overall": None, "dimensions": {}}
    response.save()
    response.refresh_from_db()
    assert response.answers == {"has_works_council": "no"}
