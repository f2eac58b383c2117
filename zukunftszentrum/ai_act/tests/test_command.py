"""`zukunftszentrum ai-act assess FILE.yaml [--law …]`: JSON out, bad files refused with exit 2."""

from __future__ import annotations

import json

import pytest

from zukunftszentrum.cli import main

SYSTEMS = """
- id: chatbot-website
  is_ai_system: true
  role: deployer
  interacts_with_natural_persons: true
- id: bewerbungen
  annex_iii: employment_recruitment
  used_at_workplace: true
- id: makro
  is_ai_system: false
"""


@pytest.fixture
def systems(tmp_path):
    path = tmp_path / "systems.yaml"
    path.write_text(SYSTEMS, encoding="utf-8")
    return path


def test_assess_prints_the_json_of_the_issue(systems, capsys) -> None:
    assert main(["ai-act", "assess", str(systems)]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [r["id"] for r in out] == ["chatbot-website", "bewerbungen", "makro"]
    assert out[0] == {
        "id": "chatbot-website",
        "risk": "transparency",
        "obligations": ["Art. 4"],
        "applies_from": {"Art. 4": "2025-02-02"},
    }
    assert out[1]["risk"] == "high_risk"
    assert out[1]["applies_from"]["Art. 26(7)"] == "2026-08-02"
    assert out[2] == {"id": "makro", "risk": "not_ai_system", "obligations": [], "applies_from": {}}
    assert "Verordnung (EU) 2024/1689" in captured.err  # the version applied is named


def test_assess_under_the_omnibus_moves_the_annex_iii_dates(systems, capsys) -> None:
    assert main(["ai-act", "assess", str(systems), "--law", "omnibus"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out[1]["applies_from"]["Art. 26"] == "2027-12-02"
    assert "Digital-Omnibus" in captured.err and "ausstehend" in captured.err


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("- {id: x, uses_magic: true}", "unbekanntes Merkmal „uses_magic“"),
        ("- {id: x, annex_iii: hr}", "unbekannter Wert „hr“ für „annex_iii“"),
        ("- {id: x, deep_fake: maybe}", "unbekannter Wert „maybe“ für „deep_fake“"),
        ("- {role: deployer}", "Eintrag 1: die Angabe „id“ fehlt"),
        ("- {id: a}\n- {id: a}", "Eintrag 2 („a“): die id kommt mehrfach vor"),
        ("id: x", "Erwartet wird eine Liste"),
    ],
)
def test_a_bad_file_is_refused_naming_the_problem(tmp_path, capsys, line, named) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(line + "\n", encoding="utf-8")
    assert main(["ai-act", "assess", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert named in captured.err and str(path) in captured.err


def test_a_missing_file_and_an_unknown_law(tmp_path, capsys) -> None:
    assert main(["ai-act", "assess", str(tmp_path / "none.yaml")]) == 2
    assert "Datei nicht lesbar" in capsys.readouterr().err
    path = tmp_path / "ok.yaml"
    path.write_text("- {id: a}\n", encoding="utf-8")
    assert main(["ai-act", "assess", str(path), "--law", "draft"]) != 0


def test_a_recorded_status_replaces_the_files(systems, capsys) -> None:
    from zukunftszentrum.ai_act import content

    content.register_status_source(lambda: {"omnibus": "published"})
    try:
        assert content.laws()["omnibus"].status == "published"
        assert main(["ai-act", "assess", str(systems), "--law", "omnibus"]) == 0
        assert "im Amtsblatt veröffentlicht" in capsys.readouterr().err
    finally:
        content.register_status_source(None)
    assert content.laws()["omnibus"].status == "pending_publication"
