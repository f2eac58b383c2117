"""Which works-council rights a system's facts point to (ai_act/works_council.py)."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.works_council import hints

CASES = [
    ("shift planner ranking staff", {"annex_iii": "employment_work_relationship",
     "used_at_workplace": True, "profiles_natural_persons": True}, ("monitoring_evaluates",)),
    ("performance evaluation without profiling", {"annex_iii": "employment_work_relationship",
     "used_at_workplace": True}, ("monitoring_evaluates",)),
    ("profiling staff outside Annex III", {"profiles_natural_persons": True,
     "used_at_workplace": True}, ("monitoring_evaluates",)),
    ("applicant screening used on internal applicants", {"annex_iii": "employment_recruitment",
     "used_at_workplace": True, "profiles_natural_persons": True},
     ("monitoring_possible", "selection_guidelines")),
    ("applicant screening, external applicants only", {"annex_iii": "employment_recruitment",
     "profiles_natural_persons": True}, ("selection_guidelines",)),
    ("transcription of staff meetings", {"used_at_workplace": True,
     "generates_synthetic_content": True}, ("monitoring_possible",)),
    ("customer chatbot", {"interacts_with_natural_persons": True}, ()),
    ("not an AI system", {"is_ai_system": False, "used_at_workplace": True}, ()),
    ("research only", {"excluded": "research_only", "used_at_workplace": True}, ()),
]  # fmt: skip


@pytest.mark.parametrize(("facts", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hints(facts, expected) -> None:
    assert hints(facts) == expected
