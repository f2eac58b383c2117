"""The rules: from one system's facts to its risk class and the obligations binding this
organisation, under one law version. Pure: no Django.

Order of the rules (issue 14, item 7): not an AI system (Art. 3(1)), then out of scope (Art. 2),
then prohibited (Art. 5) > high risk (Art. 6, Annex I, Annex III) > transparency (Art. 50) >
minimal. The risk class describes the system, whoever bears the duties; the obligations are only
those that bind this organisation in its role. Each rule that fires leaves a `Reason` with its
source, so a result can show why.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zukunftszentrum.core.content_yaml import Text

from .facts import Facts
from .obligations import Obligation
from .versions import LawVersion, Source

ADOPTED_HTML = "https://eur-lex.europa.eu/legal-content/DE/TXT/HTML/?uri=OJ:L_202401689"

#: every fact the classification rules below read (the obligation conditions read more)
RULE_FACTS = frozenset(
    {
        "is_ai_system",
        "excluded",
        "prohibited",
        "medical_or_safety_reason",
        "annex_i_safety_component",
        "annex_iii",
        "art_6_3_exception",
        "profiles_natural_persons",
        "interacts_with_natural_persons",
        "generates_synthetic_content",
        "emotion_recognition_or_biometric_categorisation",
        "deep_fake",
        "public_interest_text",
        "role",
    }
)


@dataclass(frozen=True)
class Reason:
    """A rule that fired: a key for tests, a text for people, and where it stands in the law."""

    key: str
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class BoundObligation:
    id: str
    applies_from: datetime.date
    role: str  # the role in which this organisation is bound: provider | deployer
    title: Text
    explanation: Text
    evidence: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Assessment:
    law: str  # the law version applied (every result names it)
    risk: str
    obligations: tuple[BoundObligation, ...]
    reasons: tuple[Reason, ...]
    derived: Mapping[str, Any] = field(default_factory=dict)

    @property
    def applies_from(self) -> dict[str, str]:
        """Obligation id -> ISO date, as the command and the API print it."""
        return {o.id: o.applies_from.isoformat() for o in self.obligations}


def source(article: str, paragraph: str | None, law: str = "adopted") -> Source:
    """An article of the Regulation's published text (EUR-Lex, with an anchor)."""
    anchor = article.split()[-1]
    if article.startswith("Annex"):
        url = f"{ADOPTED_HTML}#anx_{anchor}"
    else:
        url = f"{ADOPTED_HTML}#art_{anchor}"
    return Source(article, paragraph, law, url)


class _Trail:
    """The reasons so far. They cite the published text (`adopted`); a rule that holds only under
    an amended version cites that version's own text as well."""

    def __init__(self, law: LawVersion) -> None:
        self.law = law
        self.reasons: list[Reason] = []

    def add(self, key: str, de: str, en: str, *refs: tuple[str, str | None]) -> None:
        sources = tuple(source(a, p) for a, p in refs)
        self.reasons.append(Reason(key, Text(de, en), sources))

    def add_amended(self, key: str, de: str, en: str, article: str, paragraph: str) -> None:
        """A reason that rests on the version applied (e.g. a practice only it prohibits)."""
        amended = Source(article, paragraph, self.law.key, self.law.url)
        self.reasons.append(Reason(key, Text(de, en), (source(article, paragraph), amended)))


EXCLUSIONS = {
    "military_defence": (
        "3",
        "militärische Zwecke, Verteidigung oder nationale Sicherheit",
        "military, defence or national security purposes",
    ),
    "research_only": (
        "6",
        "ausschließlich wissenschaftliche Forschung und Entwicklung",
        "scientific research and development only",
    ),
    "personal_non_professional": (
        "10",
        "rein persönliche, nicht berufliche Nutzung",
        "purely personal, non-professional use",
    ),
}


def derive(facts: Facts, law: LawVersion) -> tuple[dict[str, Any], list[Reason]]:
    """The conclusions the rules draw (`obligations.DERIVED_SCHEMA`) and the reasons."""
    t = _Trail(law)
    d: dict[str, Any] = {
        "practice": "none",
        "high_risk_annex_i": False,
        "high_risk_annex_iii": False,
        "annex_iii_exempt": False,
        "emotion_recognition_in_use": False,
    }
    if not facts.is_ai_system:
        t.add(
            "not_ai_system",
            "Kein KI-System im Sinne der Verordnung.",
            "Not an AI system as the Regulation defines it.",
            ("Art. 3", "1"),
        )
        return {**d, "risk": "not_ai_system"}, t.reasons
    if facts.excluded in EXCLUSIONS:
        para, de, en = EXCLUSIONS[facts.excluded]
        t.add("excluded", f"Ausgenommen: {de}.", f"Excluded: {en}.", ("Art. 2", para))
        return {**d, "risk": "out_of_scope"}, t.reasons

    practice = facts.prohibited
    emotion_exception = (
        practice == "emotion_recognition_work_education" and facts.medical_or_safety_reason
    )
    if emotion_exception:
        t.add(
            "emotion_exception",
            "Emotionserkennung am Arbeitsplatz aus medizinischen oder Sicherheitsgründen ist "
            "nicht verboten, aber ein Hochrisiko-System (Anhang III Nr. 1 Buchst. c).",
            "Emotion recognition at work for medical or safety reasons is not prohibited, but "
            "it is a high-risk system (Annex III point 1(c)).",
            ("Art. 5", "1(f)"),
            ("Annex III", "1(c)"),
        )
        practice = "none"
    elif practice != "none" and practice not in law.practices:
        t.add(
            "not_prohibited_in_version",
            "Diese Praxis ist in der angewandten Fassung nicht verboten.",
            "This practice is not prohibited in the version applied.",
            ("Art. 5", "1"),
        )
        practice = "none"
    d["practice"] = practice
    d["emotion_recognition_in_use"] = (
        facts.emotion_recognition_or_biometric_categorisation or emotion_exception
    )

    d["high_risk_annex_i"] = facts.annex_i_safety_component
    if facts.annex_i_safety_component:
        t.add(
            "annex_i",
            "Sicherheitsbauteil oder Produkt nach Anhang I mit Konformitätsbewertung "
            "durch Dritte: Hochrisiko.",
            "Safety component of, or a product under, Annex I "
            "needing third-party conformity assessment: high risk.",
            ("Art. 6", "1"),
        )
    area = facts.annex_iii
    if area == "none" and emotion_exception:
        area = "biometrics"
    if area != "none":
        if facts.profiles_natural_persons:
            d["high_risk_annex_iii"] = True
            t.add(
                "profiling_override",
                "Anhang-III-Bereich mit Profiling natürlicher Personen: "
                "immer Hochrisiko, keine Ausnahme nach Art. 6 Abs. 3.",
                "Annex III area with "
                "profiling of natural persons: always high risk, no Art. 6(3) exception.",
                ("Art. 6", "3"),
                ("Annex III", None),
            )
        elif facts.art_6_3_exception != "none":
            d["annex_iii_exempt"] = True
            t.add(
                "art_6_3_exception",
                "Anhang-III-Bereich, aber eine Ausnahme nach Art. 6 Abs. 3 "
                "greift: kein Hochrisiko (vom Anbieter zu dokumentieren, Art. 6 Abs. 4).",
                "Annex III area, but an Art. 6(3) exception holds: not high risk (the provider "
                "documents this, Art. 6(4)).",
                ("Art. 6", "3"),
                ("Art. 6", "4"),
            )
        else:
            d["high_risk_annex_iii"] = True
            t.add(
                "annex_iii",
                "Anwendungsbereich nach Anhang III: Hochrisiko.",
                "Use in an Annex III area: high risk.",
                ("Art. 6", "2"),
                ("Annex III", None),
            )
    high_risk = d["high_risk_annex_i"] or d["high_risk_annex_iii"]
    art_50 = (
        facts.interacts_with_natural_persons
        or facts.generates_synthetic_content
        or d["emotion_recognition_in_use"]
        or facts.deep_fake
        or facts.public_interest_text
    )
    if art_50:
        t.add(
            "art_50",
            "Transparenzpflichten nach Art. 50.",
            "Transparency duties under Art. 50.",
            ("Art. 50", None),
        )

    if facts.excluded == "open_source_not_high_risk":
        if practice == "none" and not high_risk and not art_50:
            t.add(
                "open_source",
                "Freie und quelloffene Lizenz, weder verboten noch Hochrisiko "
                "noch Art. 50: ausgenommen.",
                "Free and open-source licence, neither prohibited "
                "nor high risk nor Art. 50: excluded.",
                ("Art. 2", "12"),
            )
            return {**d, "risk": "out_of_scope"}, t.reasons
        t.add(
            "open_source_falls_away",
            "Die Ausnahme für quelloffene Systeme gilt nicht (verboten, Hochrisiko oder Art. 50).",
            "The open-source exclusion does not apply (prohibited, high risk or Art. 50).",
            ("Art. 2", "12"),
        )

    if practice != "none":
        de, en = "Verbotene Praxis nach Art. 5.", "Prohibited practice under Art. 5."
        if law.key == "adopted":
            t.add("prohibited", de, en, ("Art. 5", "1"))
        else:
            t.add_amended("prohibited", de, en, "Art. 5", "1")
        risk = "prohibited"
    elif high_risk:
        risk = "high_risk"
    elif art_50:
        risk = "transparency"
    else:
        t.add(
            "minimal",
            "Keine besondere Einstufung: nur allgemeine Pflichten.",
            "No particular class: general duties only.",
            ("Art. 4", None),
        )
        risk = "minimal"
    return {**d, "risk": risk}, t.reasons


def assess(
    facts: Facts,
    law_key: str,
    *,
    obligations: Sequence[Obligation],
    laws: Mapping[str, LawVersion],
) -> Assessment:
    """The class of one system and the obligations binding this organisation under `law_key`."""
    if law_key not in laws:
        raise KeyError(f"unknown law version {law_key!r}")
    derived, reasons = derive(facts, laws[law_key])
    values = {**facts.as_dict(), **derived}
    routes = tuple(
        r
        for r, on in (
            ("annex_i", derived["high_risk_annex_i"]),
            ("annex_iii", derived["high_risk_annex_iii"]),
        )
        if on
    )
    bound = []
    for ob in obligations:
        if not (ob.exists_in(law_key) and ob.binds(facts.role) and ob.when.holds(values)):
            continue
        role = (
            ob.role
            if ob.role != "any"
            else ("provider" if facts.role == "provider" else "deployer")
        )
        bound.append(
            BoundObligation(
                ob.id,
                ob.date_for(law_key, routes),
                role,
                ob.title,
                ob.explain(law_key),
                ob.evidence,
                ob.sources,
            )
        )
    return Assessment(law_key, derived["risk"], tuple(bound), tuple(reasons), derived)
