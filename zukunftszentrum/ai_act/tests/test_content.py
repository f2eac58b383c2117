"""The shipped AI-Act content: it loads, every question and obligation has a source, both law
versions are complete; broken files are refused naming file, line and field; the tree lint finds
every kind of structural problem in a broken fixture and none in the shipped tree."""

from __future__ import annotations

import shutil

import pytest

from zukunftszentrum.ai_act.content import load
from zukunftszentrum.ai_act.law import ContentError, lint_tree, load_obligations, load_tree
from zukunftszentrum.ai_act.law.facts import FACT_SCHEMA

from .conftest import CONTENT, FIXTURES

EURLEX = "https://eur-lex.europa.eu/"


def test_every_question_has_help_and_a_source_with_a_link(content) -> None:
    assert len(content.tree.questions) >= 15
    for q in content.tree.questions:
        assert q.sources, q.id
        assert q.help.de and q.help.en, q.id
        for s in q.sources:
            assert s.url.startswith(EURLEX) and s.law in content.laws and s.article, q.id
        for a in q.answers:
            assert a.label.de and a.label.en, (q.id, a.value)


def test_every_obligation_has_a_source_evidence_and_a_date_per_version(content) -> None:
    for ob in content.obligations:
        assert ob.sources and all(s.url.startswith(EURLEX) for s in ob.sources), ob.id
        assert ob.evidence.de and ob.explanation.en, ob.id
        versions = {"omnibus"} if ob.id == "Art. 5(1)(i)" else {"adopted", "omnibus"}
        assert set(ob.applies_from) == versions, ob.id


def test_the_catalogue_covers_the_articles_of_the_issue(content) -> None:
    ids = {ob.id for ob in content.obligations}
    wanted = {"Art. 4", "Art. 6(4)", "Art. 16", "Art. 26", "Art. 26(7)", "Art. 26(11)", "Art. 27"}
    wanted |= {f"Art. 50({n})" for n in range(1, 5)}
    wanted |= {f"Art. 5(1)({letter})" for letter in "abcdefghi"}
    assert wanted <= ids


def test_the_two_law_versions_and_their_dates(content) -> None:
    adopted, omnibus = content.laws["adopted"], content.laws["omnibus"]
    assert (adopted.status, omnibus.status) == ("in_force", "pending_publication")
    assert str(adopted.dates["annex_iii"]) == "2026-08-02"
    assert str(omnibus.dates["annex_iii"]) == "2027-12-02"
    assert str(omnibus.dates["annex_i"]) == "2028-08-02"
    assert "intimate_content_non_consensual" in omnibus.practices
    assert "intimate_content_non_consensual" not in adopted.practices
    assert omnibus.with_status("published").is_final and not omnibus.is_final


def test_the_shipped_tree_has_no_lint_findings_and_sets_every_fact(content) -> None:
    assert lint_tree(content.tree, content.obligations) == []
    set_somewhere = {n for q in content.tree.questions for a in q.answers for n in a.sets}
    assert set_somewhere == set(FACT_SCHEMA)


def test_lint_finds_every_problem_in_a_broken_tree() -> None:
    tree = load_tree(FIXTURES / "tree_broken.yaml")
    findings = lint_tree(tree)
    kinds = {(f.kind, f.where) for f in findings}
    assert ("no_next", "first") in kinds  # answer "no" has no next step
    assert ("unknown_next", "second") in kinds  # "lost" leads to "nowhere"
    assert ("unreachable", "orphan") in kinds
    assert ("cycle", "second") in kinds  # "back" returns to "first"
    assert ("fact_set_nowhere", "annex_iii") in kinds
    assert ("fact_never_read", "used_at_workplace") in kinds  # no obligation given here
    assert ("fact_never_read", "is_ai_system") not in kinds  # the rules read it
    no_next = next(f for f in findings if f.kind == "no_next")
    assert no_next.line == 15 and "line 15" in str(no_next)  # where the answer starts


def test_the_obligations_read_the_facts_the_rules_do_not(content) -> None:
    tree = load_tree(FIXTURES / "tree_broken.yaml")
    kinds = {(f.kind, f.where) for f in lint_tree(tree, content.obligations)}
    assert ("fact_never_read", "used_at_workplace") not in kinds


@pytest.mark.parametrize(
    ("loader", "fixture", "expected"),
    [
        (
            "tree",
            "tree_bad_value.yaml",
            ("line 12", "questions[0].answers[0].sets.annex_iii", "hr_department"),
        ),
        ("tree", "tree_no_source.yaml", ("line 8", "questions[0].sources", "non-empty list")),
        (
            "obligations",
            "obligations_bad_condition.yaml",
            ("line 4", "obligations[0].when.uses_magic", "unknown fact"),
        ),
        (
            "obligations",
            "obligations_bad_date.yaml",
            ("line 10", "applies_from.adopted.annex_iii", "someday"),
        ),
        (
            "obligations",
            "obligations_bad_id.yaml",
            ("line 2", "obligations[0].id", "article reference"),
        ),
    ],
)
def test_broken_files_name_file_line_and_field(content, loader, fixture, expected) -> None:
    path = FIXTURES / fixture
    with pytest.raises(ContentError) as caught:
        if loader == "tree":
            load_tree(path)
        else:
            load_obligations(path, content.laws)
    message = str(caught.value)
    assert message.startswith(str(path))
    for part in expected:
        assert part in message, message


def test_loading_refuses_a_tree_with_lint_findings(tmp_path) -> None:
    shutil.copytree(CONTENT, tmp_path / "ai_act")
    shutil.copy(FIXTURES / "tree_broken.yaml", tmp_path / "ai_act" / "tree.yaml")
    with pytest.raises(ContentError, match="no_next"):
        load(tmp_path / "ai_act")


def test_a_missing_law_version_is_refused(tmp_path) -> None:
    shutil.copytree(CONTENT, tmp_path / "ai_act")
    laws = tmp_path / "ai_act" / "laws.yaml"
    text = laws.read_text(encoding="utf-8")
    laws.write_text(text[: text.index("  - key: omnibus")], encoding="utf-8")
    with pytest.raises(ContentError, match="missing law version 'omnibus'"):
        load(tmp_path / "ai_act")


def test_the_app_loads_from_the_content_folder_and_refuses_broken_content(
    settings, tmp_path
) -> None:
    from zukunftszentrum.ai_act import content as loaded

    shutil.copytree(CONTENT, tmp_path / "ai_act")
    (tmp_path / "ai_act" / "obligations.yaml").write_text("obligations: []\n", encoding="utf-8")
    original, settings.ZZ_CONTENT_DIR = settings.ZZ_CONTENT_DIR, tmp_path
    try:
        with pytest.raises(ContentError, match=r"obligations\.yaml.*field obligations"):
            loaded.reload()
    finally:
        settings.ZZ_CONTENT_DIR = original
        loaded.reload()
    assert loaded.current_tree().version and len(loaded.obligations()) > 20
