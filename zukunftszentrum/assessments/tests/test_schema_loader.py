"""The loader: valid files load; every broken file names file, line and field."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from zukunftszentrum.assessments.engine.loader import (
    ContentError,
    load_catalog,
    load_framework,
    load_instrument,
)
from zukunftszentrum.assessments.engine.schema import Catalog, Text, version_key

FIXTURES = Path(__file__).parent / "fixtures" / "content"
EXAMPLE = FIXTURES / "instruments" / "example" / "2026.1.yaml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the fixture content folder."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES, root)
    return root


def write_example(content: Path, data: dict[str, Any]) -> Path:
    path = content / "instruments" / "example" / "2026.1.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def example_data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_example_loads_completely():
    inst = load_instrument(EXAMPLE)
    assert (inst.key, inst.version, inst.kind) == ("example", "2026.1", "company")
    assert inst.title == Text("Beispiel-Check", "Example check")
    assert inst.title.get("en") == "Example check" and inst.title.get("fr") == "Beispiel-Check"
    assert [d.id for d in inst.dimensions] == ["strategy", "data", "skills"]
    assert inst.dimension("strategy").weight == 2
    assert [p.id for p in inst.pages] == ["strategy", "data", "skills"]
    assert len(inst.items) == 12
    budget = inst.item("s_budget")
    assert (budget.type, budget.weight, budget.reversed) == ("likert", 2, False)
    assert inst.item("s_unclear").reversed is True
    state = inst.item("d_state")
    assert state.show_if.item == "uses_data" and state.show_if.op == "equals"
    assert state.show_if.value == "yes" and state.required is True
    assert [o.score for o in state.options] == [0, 50, 100]
    assert inst.item("d_sources").show_if.value == ("yes",)
    assert inst.item("d_team").show_if.op == "min"
    assert inst.item("k_quiz_2").correct == "no"
    assert inst.item("remarks").max_length == 20
    assert inst.item("d_staff").unit == Text("Personen", "people")
    assert [lv.min for lv in inst.levels] == [0, 20, 40, 60, 80]
    assert inst.recommendations[2].tags == ("competence:using_tools", "format:workshop")
    assert inst.recommendations[3].priority == 1  # the default


def test_dimensions_from_framework():
    inst = load_instrument(FIXTURES / "instruments" / "framed" / "2026.1.yaml")
    assert inst.dimensions_from == "sample-competence"
    assert [(d.id, d.weight) for d in inst.dimensions] == [
        ("understanding_ai", 1),
        ("using_tools", 2),
    ]
    assert inst.anonymous is True and inst.perspectives == ()
    framework = load_framework(FIXTURES / "frameworks" / "sample-competence.yaml")
    assert framework.dimensions == inst.dimensions


def test_error_text_names_file_line_and_field(content: Path):
    path = content / "instruments" / "example" / "2026.1.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("reversed: true", "reversd: true"), encoding="utf-8")
    line = source.splitlines().index("        reversed: true") + 1
    with pytest.raises(ContentError) as caught:
        load_catalog(content)
    assert str(caught.value).startswith(
        f"content/instruments/example/2026.1.yaml, line {line}, "
        "field pages[0].items[2].reversd: unknown key 'reversd' (allowed: "
    )
    assert caught.value.line == line and caught.value.field == "pages[0].items[2].reversd"


def test_yaml_syntax_error_names_the_line(content: Path):
    path = content / "instruments" / "example" / "2026.1.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[9] = "    title: {de: Strategie, en: Strategy"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError, match=r"2026.1.yaml, line 1[01]: invalid YAML"):
        load_catalog(content)


def test_duplicate_yaml_key_is_an_error(content: Path):
    path = content / "instruments" / "example" / "2026.1.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("duration_minutes: 5", "duration_minutes: 5\nkind: needs"))
    with pytest.raises(ContentError, match=r"line 8, field kind: duplicate key"):
        load_catalog(content)


def item(data: dict[str, Any], page: int, index: int) -> dict[str, Any]:
    return data["pages"][page]["items"][index]


Mutation = Callable[[dict[str, Any]], object]

BROKEN: list[tuple[str, Mutation, str, str]] = [
    ("unknown top-level key", lambda d: d.update(titel=d["title"]), "titel", "unknown key"),
    ("missing title", lambda d: d.pop("title"), "title", "required key 'title' is missing"),
    (
        "missing English",
        lambda d: item(d, 0, 0)["text"].pop("en"),
        "pages[0].items[0].text.en",
        "missing",
    ),
    ("empty German", lambda d: d["title"].update(de="  "), "title.de", "must not be empty"),
    ("wrong kind", lambda d: d.update(kind="firm"), "kind", "not one of"),
    (
        "version as number",
        lambda d: d.update(version=2026.1),
        "version",
        "expected text, got a number",
    ),
    ("key not folder", lambda d: d.update(key="other"), "key", "folder name"),
    ("version not file", lambda d: d.update(version="2026.2"), "version", "file name"),
    ("bad key", lambda d: d.update(key="Example"), "key", "does not match"),
    ("duration", lambda d: d.update(duration_minutes="5"), "duration_minutes", "expected a number"),
    ("no perspectives", lambda d: d.pop("perspectives"), "perspectives", "company check"),
    (
        "bad perspective",
        lambda d: d["perspectives"].append("boss"),
        "perspectives[2]",
        "not one of",
    ),
    (
        "both dimension sources",
        lambda d: d.update(dimensions_from="sample-competence"),
        "",
        "exactly one",
    ),
    (
        "missing framework",
        lambda d: (d.pop("dimensions"), d.update(dimensions_from="nope")),
        "dimensions_from",
        "no framework file",
    ),
    (
        "duplicate dimension",
        lambda d: d["dimensions"][1].update(id="strategy"),
        "dimensions[1]",
        "duplicate dimension id",
    ),
    (
        "bad dimension weight",
        lambda d: d["dimensions"][0].update(weight=0),
        "dimensions[0].weight",
        "greater than 0",
    ),
    ("four levels", lambda d: d["levels"].pop(), "levels", "exactly 5 levels"),
    ("levels not ascending", lambda d: d["levels"][2].update(min=10), "levels[2].min", "ascending"),
    ("first level not 0", lambda d: d["levels"][0].update(min=5), "levels[0].min", "start at 0"),
    ("level above 100", lambda d: d["levels"][4].update(min=101), "levels[4].min", "at most 100"),
    (
        "level numbering",
        lambda d: d["levels"][1].update(level=3),
        "levels[1].level",
        "expected level 2",
    ),
    (
        "rec dimension",
        lambda d: d["recommendations"][0].update(dimension="x"),
        "recommendations[0].dimension",
        "unknown dimension",
    ),
    (
        "rec levels",
        lambda d: d["recommendations"][0].update(levels=[6]),
        "recommendations[0].levels",
        "1 to 5",
    ),
    (
        "rec tag",
        lambda d: d["recommendations"][0].update(tags=["scaling"]),
        "recommendations[0].tags[0]",
        "prefix:value",
    ),
    (
        "rec tag type",
        lambda d: d["recommendations"][0].update(tags=[3]),
        "recommendations[0].tags[0]",
        "wrong type",
    ),
    (
        "rec duplicate",
        lambda d: d["recommendations"][1].update(id="strategy-scale"),
        "recommendations[1]",
        "duplicate recommendation id",
    ),
    (
        "duplicate page",
        lambda d: d["pages"][1].update(id="strategy"),
        "pages[1]",
        "duplicate page id",
    ),
    ("empty page", lambda d: d["pages"][1].update(items=[]), "pages[1].items", "non-empty list"),
    (
        "duplicate item",
        lambda d: item(d, 1, 0).update(id="s_goals"),
        "pages[1].items[0].id",
        "duplicate item id",
    ),
    (
        "bad item id",
        lambda d: item(d, 0, 0).update(id="S-Goals"),
        "pages[0].items[0].id",
        "does not match",
    ),
    (
        "unknown type",
        lambda d: item(d, 0, 0).update(type="slider"),
        "pages[0].items[0].type",
        "not one of",
    ),
    (
        "key of other type",
        lambda d: item(d, 0, 0).update(options=[]),
        "pages[0].items[0].options",
        "unknown key",
    ),
    (
        "item dimension",
        lambda d: item(d, 0, 0).update(dimension="money"),
        "pages[0].items[0].dimension",
        "unknown dimension",
    ),
    (
        "item weight",
        lambda d: item(d, 0, 0).update(weight="two"),
        "pages[0].items[0].weight",
        "expected a number",
    ),
    (
        "required not bool",
        lambda d: item(d, 0, 0).update(required="yes"),
        "pages[0].items[0].required",
        "expected true/false",
    ),
    (
        "option score",
        lambda d: item(d, 1, 1)["options"][0].update(score=120),
        "pages[1].items[1].options[0].score",
        "between 0 and 100",
    ),
    (
        "mixed scores",
        lambda d: item(d, 1, 1)["options"][0].pop("score"),
        "pages[1].items[1].options",
        "every option a score",
    ),
    (
        "duplicate option",
        lambda d: item(d, 1, 1)["options"][1].update(value="poor"),
        "pages[1].items[1].options[1].value",
        "duplicate option value",
    ),
    (
        "unquoted yes",
        lambda d: item(d, 1, 0)["options"][0].update(value=True),
        "pages[1].items[0].options[0].value",
        "put it in quotes",
    ),
    (
        "no options",
        lambda d: item(d, 1, 0).update(options=[]),
        "pages[1].items[0].options",
        "non-empty list",
    ),
    (
        "dimension without score",
        lambda d: item(d, 1, 0).update(dimension="data"),
        "pages[1].items[0].dimension",
        "no score",
    ),
    (
        "max_choices",
        lambda d: item(d, 1, 2).update(max_choices=5),
        "pages[1].items[2].max_choices",
        "between 1",
    ),
    (
        "later item",
        lambda d: item(d, 1, 1)["show_if"].update(item="d_team"),
        "pages[1].items[1].show_if.item",
        "not an earlier item",
    ),
    (
        "unknown item",
        lambda d: item(d, 1, 1)["show_if"].update(item="nope"),
        "pages[1].items[1].show_if.item",
        "not an earlier item",
    ),
    (
        "self reference",
        lambda d: item(d, 1, 1)["show_if"].update(item="d_state"),
        "pages[1].items[1].show_if.item",
        "not an earlier item",
    ),
    (
        "operator for type",
        lambda d: item(d, 1, 1).update(show_if={"item": "uses_data", "min": 1}),
        "pages[1].items[1].show_if.min",
        "does not work for a single item",
    ),
    (
        "two operators",
        lambda d: item(d, 1, 1)["show_if"].update({"in": ["no"]}),
        "pages[1].items[1].show_if",
        "exactly one",
    ),
    (
        "unknown operator",
        lambda d: item(d, 1, 1)["show_if"].update(equal="yes"),
        "pages[1].items[1].show_if.equal",
        "unknown key",
    ),
    (
        "condition value",
        lambda d: item(d, 1, 1)["show_if"].update(equals="maybe"),
        "pages[1].items[1].show_if.equals",
        "not an option",
    ),
    (
        "likert condition",
        lambda d: item(d, 1, 0).update(show_if={"item": "s_goals", "equals": 7}),
        "pages[1].items[0].show_if.equals",
        "1 to 5",
    ),
    (
        "text condition",
        lambda d: item(d, 2, 0).update(show_if={"item": "remarks", "equals": "x"}),
        "pages[2].items[0].show_if.item",
        "not an earlier item",
    ),
    (
        "number condition",
        lambda d: item(d, 1, 4)["show_if"].update(min="ten"),
        "pages[1].items[4].show_if.min",
        "expected a number",
    ),
    (
        "correct",
        lambda d: item(d, 2, 1).update(correct="c"),
        "pages[2].items[1].correct",
        "not one of the options",
    ),
    (
        "no correct",
        lambda d: item(d, 2, 1).pop("correct"),
        "pages[2].items[1].correct",
        "needs 'correct'",
    ),
    (
        "knowledge score",
        lambda d: item(d, 2, 1)["options"][0].update(score=5),
        "pages[2].items[1].options[0].score",
        "unknown key",
    ),
    (
        "knowledge dimension",
        lambda d: item(d, 2, 1).pop("dimension"),
        "pages[2].items[1].dimension",
        "needs a dimension",
    ),
    (
        "min above max",
        lambda d: item(d, 1, 3).update(min=2000),
        "pages[1].items[3].min",
        "greater than max",
    ),
    (
        "score range",
        lambda d: item(d, 1, 3).update(score_range=[5]),
        "pages[1].items[3].score_range",
        "two different numbers",
    ),
    (
        "text length",
        lambda d: item(d, 2, 3).update(max_length=0),
        "pages[2].items[3].max_length",
        "at least 1",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "field", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_content_names_the_field(content: Path, mutate: Mutation, field: str, message: str):
    data = example_data()
    mutate(data)
    write_example(content, data)
    with pytest.raises(ContentError) as caught:
        load_catalog(content)
    error = caught.value
    assert error.path == "content/instruments/example/2026.1.yaml"
    assert error.field == field, str(error)
    assert message in error.message, str(error)
    assert error.line and error.line > 0


def test_text_condition_on_earlier_text_item_is_rejected(content: Path):
    data = example_data()
    extra = dict(item(data, 2, 0), id="after_remarks", show_if={"item": "remarks", "equals": "x"})
    extra.pop("dimension")
    extra["type"] = "text"
    data["pages"][2]["items"].append(extra)
    write_example(content, data)
    with pytest.raises(ContentError, match="does not work for a text item"):
        load_catalog(content)


def test_framework_key_must_match_file_name(content: Path):
    path = content / "frameworks" / "sample-competence.yaml"
    path.write_text(path.read_text().replace("key: sample-competence", "key: other"))
    with pytest.raises(ContentError, match=r"frameworks/sample-competence.yaml, line 1, field key"):
        load_catalog(content)


@pytest.mark.parametrize(
    ("name", "message"),
    [("instruments/example/2026.2.yml", ".yaml"), ("instruments/loose.yaml", "folder")],
)
def test_misplaced_files_are_errors(content: Path, name: str, message: str):
    (content / name).write_text("key: x\n")
    with pytest.raises(ContentError, match=message):
        load_catalog(content)


def test_empty_file_is_an_error(content: Path):
    (content / "instruments" / "example" / "2026.1.yaml").write_text("# nothing\n")
    with pytest.raises(ContentError, match="the file is empty"):
        load_catalog(content)


def test_catalog_loads_all_and_orders_versions_naturally(content: Path):
    source = (content / "instruments" / "example" / "2026.1.yaml").read_text()
    for version in ("2026.9", "2026.10"):
        path = content / "instruments" / "example" / f"{version}.yaml"
        path.write_text(source.replace('version: "2026.1"', f'version: "{version}"'))
    catalog = load_catalog(content)
    assert catalog.versions("example") == ["2026.1", "2026.9", "2026.10"]
    assert catalog.get("example").version == "2026.10"
    assert catalog.get("example", "2026.9").version == "2026.9"
    assert [i.key for i in catalog.all_latest()] == ["example", "framed"]
    assert len(catalog) == 4 and catalog.framework("sample-competence").version == "2026.1"


def test_catalog_unknown_key_or_version_is_a_clear_key_error():
    inst = load_instrument(EXAMPLE)
    catalog = Catalog([inst, dataclasses.replace(inst, version="2027.1")])
    with pytest.raises(KeyError, match=r"Unknown instrument 'nope' \(known: example\)"):
        catalog.get("nope")
    with pytest.raises(KeyError, match=r"no version '1.0' \(known: 2026.1, 2027.1\)"):
        catalog.get("example", "1.0")
    with pytest.raises(KeyError, match="Unknown framework"):
        catalog.framework("nope")


@pytest.mark.parametrize(
    ("older", "newer"),
    [("2026.9", "2026.10"), ("2026.1", "2026.1.1"), ("2025.12", "2026.1"), ("1", "2")],
)
def test_version_key_orders_naturally(older: str, newer: str):
    assert version_key(older) < version_key(newer)


def test_level_for_uses_the_highest_reached_threshold():
    inst = load_instrument(EXAMPLE)
    assert [inst.level_for(s).level for s in (0, 19.99, 20, 39.9, 40, 60, 79.99, 80, 100)] == [
        1, 1, 2, 2, 3, 4, 4, 5, 5,
    ]  # fmt: skip
    assert inst.level_for(None) is None
