"""Where each prohibited practice and each Annex III area stands in the Regulation: its point of
Art. 5(1) and of Annex III, as the reasons and the obligations' ids name them. Pure: no Django.

Numbering of Regulation (EU) 2024/1689 as published (OJ L, 12.7.2024): Art. 5(1)(a)-(h), Annex
III points 1-8 (point 4 in (a) recruitment and (b) the work relationship; point 5 in (a) public
benefits, (b) creditworthiness, (c) life and health insurance, (d) emergency calls). The practice
the Digital Omnibus adds is numbered (i), the point after (h); the amending act as published in
the Official Journal decides, so check it once published.
"""

from __future__ import annotations

from dataclasses import dataclass

#: prohibited practice (a value of the fact `prohibited`) -> its point of Art. 5(1)
ART_5_POINTS: dict[str, str] = {
    "subliminal_manipulation": "a",
    "exploiting_vulnerabilities": "b",
    "social_scoring": "c",
    "crime_prediction_profiling": "d",
    "facial_image_scraping": "e",
    "emotion_recognition_work_education": "f",
    "biometric_categorisation_sensitive": "g",
    "realtime_remote_biometric_identification": "h",
    "intimate_content_non_consensual": "i",  # Digital Omnibus
}
#: the practices only the amended text prohibits (no point of the published Art. 5(1))
OMNIBUS_PRACTICES = frozenset({"intimate_content_non_consensual"})


@dataclass(frozen=True)
class Point:
    """A point of Annex III, as a source names it and as a sentence says it."""

    paragraph: str  # as a `Source.paragraph`: "4(a)"
    de: str  # "Nr. 4 Buchst. a"
    en: str  # "point 4(a)"


#: Annex III area (a value of the fact `annex_iii`) -> its point
ANNEX_III_POINTS: dict[str, Point] = {
    "biometrics": Point("1", "Nr. 1", "point 1"),
    "critical_infrastructure": Point("2", "Nr. 2", "point 2"),
    "education": Point("3", "Nr. 3", "point 3"),
    "employment_recruitment": Point("4(a)", "Nr. 4 Buchst. a", "point 4(a)"),
    "employment_work_relationship": Point("4(b)", "Nr. 4 Buchst. b", "point 4(b)"),
    "essential_public_services": Point(
        "5(a), 5(d)", "Nr. 5 Buchst. a und d", "points 5(a) and 5(d)"
    ),
    "credit_scoring": Point("5(b)", "Nr. 5 Buchst. b", "point 5(b)"),
    "life_health_insurance": Point("5(c)", "Nr. 5 Buchst. c", "point 5(c)"),
    "law_enforcement": Point("6", "Nr. 6", "point 6"),
    "migration": Point("7", "Nr. 7", "point 7"),
    "justice_democracy": Point("8", "Nr. 8", "point 8"),
}

#: emotion recognition allowed for medical or safety reasons (Art. 5(1)(f)) is high risk here
EMOTION_RECOGNITION = Point("1(c)", "Nr. 1 Buchst. c", "point 1(c)")


def art_5_id(practice: str) -> str:
    """The obligation id of a prohibited practice: "Art. 5(1)(f)"."""
    return f"Art. 5(1)({ART_5_POINTS[practice]})"
