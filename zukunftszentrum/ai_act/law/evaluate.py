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
from .points import ANNEX_III_POINTS, ART_5_POINTS, EMOTION_RECOGNITION, OMNIBUS_PRACTICES, Point
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

    def add_amended(
        self, key: str, de: str, en: str, article: str, paragraph: str, published: str
    ) -> None:
        """A reason that rests on the version applied (e.g. a practice only it prohibits):
        `published` is where the published text stands, `paragraph` where the amended one."""
        amended = Source(article, paragraph, self.law.key, self.law.url)
        self.reasons.append(Reason(key, Text(de, en), (source(article, published), amended)))


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


#: Art. 50 paragraph -> whom it binds (the risk class describes the system; these say who acts)
ART_50_BINDS = {"1": "provider", "2": "provider", "3": "deployer", "4": "deployer"}


def _art_50_reason(t: _Trail, facts: Facts, emotion_in_use: bool) -> None:
    """Which paragraphs of Art. 50 the system triggers, and who bears them: a company that only
    deploys a bought-in chatbot reads why the class is "transparency" while Art. 50(1) binds
    the provider, and what is left for it to check."""
    paragraphs = [
        p
        for p, on in (
            ("1", facts.interacts_with_natural_persons),
            ("2", facts.generates_synthetic_content),
            ("3", emotion_in_use),
            ("4", facts.deep_fake or facts.public_interest_text),
        )
        if on
    ]
    listed = ", ".join(paragraphs)
    de = f"Transparenzpflichten nach Art. 50 Abs. {listed}."
    en = f"Transparency duties under Art. 50({'), ('.join(paragraphs)})."
    on_provider = tuple(p for p in paragraphs if ART_50_BINDS[p] == "provider")
    if on_provider and not facts.is_provider:
        de += " " + PROVIDER_NOTE[on_provider][0]
        en += " " + PROVIDER_NOTE[on_provider][1]
    t.add("art_50", de, en, *(("Art. 50", p) for p in paragraphs))


#: what a deployer reads when Art. 50 paragraphs hold that bind the provider
PROVIDER_NOTE = {
    ("1",): (
        "Abs. 1 verpflichtet den Anbieter (Hinweis auf die KI); prüfen Sie als Betreiber, dass "
        "der Hinweis bei Ihnen erscheint.",
        "Paragraph 1 binds the provider (disclosing the AI); as deployer, check that the notice "
        "appears.",
    ),
    ("2",): (
        "Abs. 2 verpflichtet den Anbieter (Kennzeichnung erzeugter Inhalte); prüfen Sie als "
        "Betreiber, dass die Kennzeichnung bei Ihnen ankommt.",
        "Paragraph 2 binds the provider (marking generated content); as deployer, check that "
        "the marking reaches you.",
    ),
    ("1", "2"): (
        "Abs. 1 und 2 verpflichten den Anbieter (Hinweis auf die KI, Kennzeichnung erzeugter "
        "Inhalte); prüfen Sie als Betreiber, dass beides bei Ihnen ankommt.",
        "Paragraphs 1 and 2 bind the provider (disclosing the AI, marking generated content); "
        "as deployer, check that both reach your users.",
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
    point: Point | None = ANNEX_III_POINTS.get(area)
    if area == "none" and emotion_exception:
        area, point = "biometrics", EMOTION_RECOGNITION
    if point is not None:
        annex = ("Annex III", point.paragraph)
        if facts.profiles_natural_persons:
            d["high_risk_annex_iii"] = True
            t.add(
                "profiling_override",
                f"Anhang III {point.de} mit Profiling natürlicher Personen: "
                "immer Hochrisiko, keine Ausnahme nach Art. 6 Abs. 3.",
                f"Annex III {point.en} with "
                "profiling of natural persons: always high risk, no Art. 6(3) exception.",
                ("Art. 6", "3"),
                annex,
            )
        elif facts.art_6_3_exception != "none":
            d["annex_iii_exempt"] = True
            t.add(
                "art_6_3_exception",
                f"Anhang III {point.de}, aber eine Ausnahme nach Art. 6 Abs. 3 "
                "greift: kein Hochrisiko (vom Anbieter zu dokumentieren, Art. 6 Abs. 4).",
                f"Annex III {point.en}, but an Art. 6(3) exception holds: not high risk (the "
                "provider documents this, Art. 6(4)).",
                ("Art. 6", "3"),
                ("Art. 6", "4"),
                annex,
            )
        else:
            d["high_risk_annex_iii"] = True
            t.add(
                "annex_iii",
                f"Einsatz nach Anhang III {point.de}: Hochrisiko (Art. 6 Abs. 2).",
                f"Use under Annex III {point.en}: high risk (Art. 6(2)).",
                ("Art. 6", "2"),
                annex,
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
        _art_50_reason(t, facts, d["emotion_recognition_in_use"])

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
        letter = ART_5_POINTS[practice]
        de = f"Verbotene Praxis nach Art. 5 Abs. 1 Buchst. {letter}."
        en = f"Prohibited practice under Art. 5(1)({letter})."
        if law.key == "adopted":
            t.add("prohibited", de, en, ("Art. 5", f"1({letter})"))
        else:
            # a practice only the amended text lists has no point in the published one
            published = "1" if practice in OMNIBUS_PRACTICES else f"1({letter})"
            t.add_amended("prohibited", de, en, "Art. 5", f"1({letter})", published)
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
