"""Demo answers to the regional needs survey: about 1,200 fictional companies across Germany.

The demo network (`organisations.demo`) has 63 organisations, far too few for the regional
needs analysis. `seed_needs_survey()` adds "survey companies": organisations without members that
answered the needs survey through a centre's private link (no account: the response carries a
token hash nobody holds). It is idempotent (natural key: the legal name, which ends in SUFFIX)
and deterministic: every part draws from its own `random.Random` seeded with SEED and the part's
name, so what exists already changes no draw.

The picture: Länder roughly in proportion to the Destatis establishments, with a response
propensity that differs by Land; Saarland and Bremen deliberately too thin to show; industries in
proportion to the establishments of the Land; larger firms over-represented (as in real
surveys); answers spread over the last eight quarters, more in recent ones, with a trend
(generative AI in the office and legal questions gain importance, the basics lose a little).
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from zukunftszentrum.assessments.demo import (
    _assessment,
    _Batch,
    _response,
    moment_in_quarter,
    quarter_start,
)
from zukunftszentrum.assessments.demo_answers import needs_answers
from zukunftszentrum.assessments.instruments import get_instrument
from zukunftszentrum.assessments.models import Assessment, Perspective, Response
from zukunftszentrum.core.tokens import hash_token
from zukunftszentrum.organisations.demo_data import LAST_NAMES
from zukunftszentrum.organisations.models import Organisation

from .estimation.population import load_default_population
from .queries import NEEDS_KEY, Window, active_population_table, windows_of
from .runs import compute, current_run, mark_stale

SEED = 2028
SUFFIX = " (fiktiv, Umfrage)"  # marks a survey company (the network's companies end "(fiktiv)")
TOTAL = 1200
MIN_PER_LAND = 20  # every Land except the thin ones shows figures
# Too thin to show: so few companies that every window stays below the minimum group size, even
# with the network's own companies there (two each). The quarters (back from now) put at most
# two survey companies of a Land into one calendar year.
THIN_QUARTERS = {"SL": (1, 5), "HB": (0, 3, 6)}
# Response propensity by Land (1 elsewhere): where the centres advertised the survey more.
PROPENSITY = {
    "SN": 1.5, "BW": 1.5, "NW": 1.5, "BE": 1.2, "TH": 1.2, "BY": 0.9, "RP": 0.8, "ST": 0.8,
    "MV": 0.6,
}  # fmt: skip
# Size class: share of the sample and headcount range (no large firms: outside the target group).
SIZE_MIX = (("micro", 0.50, 2, 9), ("small", 0.33, 10, 49), ("medium", 0.17, 50, 249))
WORKS_COUNCIL_CHANCE = {"micro": 0.02, "small": 0.12, "medium": 0.45}
QUARTERS = 8
QUARTER_WEIGHTS = (5, 6, 8, 10, 12, 14, 17, 20)  # oldest .. current quarter: the survey grew
# Change of a topic's importance (0..1 scale) from the oldest to the current quarter.
TREND = {"genai_office": 0.28, "law": 0.22, "basics": -0.1}

TRADES = {
    "B": ("Kieswerk", "Natursteinbruch", "Sandgewinnung"),
    "C": ("Metallbau", "Feinmechanik", "Kunststofftechnik", "Maschinenbau", "Druckerei",
          "Backwaren", "Möbelwerkstätten", "Elektrotechnik", "Verpackungen", "Feinkost"),
    "D": ("Solarstrom", "Windenergie", "Energieversorgung", "Biogas"),
    "E": ("Entsorgung", "Recycling", "Wasserservice", "Wertstoffe"),
    "F": ("Bau", "Haustechnik", "Dachdeckerei", "Elektroinstallation", "Malerbetrieb", "Tiefbau",
          "Fliesen"),
    "G": ("Handel", "Autohaus", "Fachhandel", "Großhandel", "Baustoffhandel", "Modehaus",
          "Landhandel"),
    "H": ("Logistik", "Spedition", "Kurierdienst", "Transporte", "Umzüge"),
    "I": ("Hotel", "Gasthaus", "Catering", "Ferienwohnungen", "Café"),
    "J": ("Software", "IT-Service", "Medien", "Webdesign", "Verlag", "Datenservice"),
    "K": ("Finanzberatung", "Versicherungsmakler", "Vermögensberatung"),
    "L": ("Immobilien", "Hausverwaltung", "Wohnbau"),
    "M": ("Ingenieurbüro", "Steuerberatung", "Architekten", "Unternehmensberatung", "Labor",
          "Werbeagentur"),
    "N": ("Gebäudereinigung", "Personalservice", "Sicherheitsdienst", "Gartenpflege",
          "Veranstaltungstechnik"),
    "P": ("Bildungswerk", "Sprachschule", "Fahrschule", "Akademie"),
    "Q": ("Pflegedienst", "Praxis", "Therapiezentrum", "Tagespflege", "Sanitätshaus"),
    "R": ("Sportcenter", "Kletterhalle", "Kulturbühne", "Freizeitbad"),
    "S": ("Friseursalon", "Textilreinigung", "Kosmetikstudio", "Reparaturservice"),
}  # fmt: skip
PLACES = {
    "SH": ("Förde", "Holstein", "Nordsee", "Dithmarschen"),
    "HH": ("Elbe", "Alster", "Hanse", "Harburg"),
    "NI": ("Heide", "Weser", "Harz", "Emsland", "Wendland"),
    "HB": ("Weser", "Hanse", "Vegesack"),
    "NW": ("Rhein", "Ruhr", "Sauerland", "Münsterland", "Niederrhein", "Bergisch", "Lippe"),
    "HE": ("Taunus", "Main", "Rhön", "Vogelsberg", "Odenwald"),
    "RP": ("Pfalz", "Mosel", "Eifel", "Hunsrück", "Westerwald"),
    "BW": ("Schwarzwald", "Neckar", "Alb", "Bodensee", "Kraichgau", "Hohenlohe"),
    "BY": ("Allgäu", "Franken", "Isar", "Chiemgau", "Donau", "Oberpfalz"),
    "SL": ("Saar", "Bliestal"),
    "BE": ("Spree", "Spreebogen", "Tempelhof", "Wedding"),
    "BB": ("Havelland", "Spreewald", "Uckermark", "Barnim", "Fläming"),
    "MV": ("Ostsee", "Müritz", "Rügen", "Vorpommern", "Warnow"),
    "SN": ("Elbtal", "Erzgebirge", "Lausitz", "Vogtland", "Muldental"),
    "ST": ("Harz", "Altmark", "Saale", "Börde", "Anhalt"),
    "TH": ("Rennsteig", "Saale", "Werra", "Eichsfeld", "Ilmtal"),
}
EXTRA_NAMES = (
    "Albrecht", "Beck", "Böhm", "Franke", "Hartmann", "Krause", "Lange", "Möller", "Neumann",
    "Peters", "Sommer", "Wagner", "Winkler", "Schröder", "Schuster", "Voigt", "Wolf", "Ziegler",
)  # fmt: skip
# Legal forms with their weight by size class (a sole trader "e. K." is not a mid-sized firm).
FORMS = {
    "micro": (("GmbH", 6), ("e. K.", 4), ("UG (haftungsbeschränkt)", 2), ("OHG", 1), ("KG", 1)),
    "small": (("GmbH", 10), ("GmbH & Co. KG", 3), ("e. K.", 1), ("OHG", 1), ("KG", 1)),
    "medium": (("GmbH", 10), ("GmbH & Co. KG", 5), ("KG", 1), ("AG", 1)),
}


@dataclass(frozen=True)
class SurveyCompany:
    name: str
    land: str
    wz_section: str
    headcount: int
    works_council: bool


def _rng(part: str) -> random.Random:
    return random.Random(f"{SEED}:{part}")


# --- the plan: which companies, where, how large ---------------------------------------------


def land_counts(establishments: Mapping[str, float], total: int = TOTAL) -> dict[str, int]:
    """Companies per Land: establishments x propensity, at least MIN_PER_LAND (largest
    remainder), and the thin Länder fixed."""
    thin = {land: len(quarters) for land, quarters in THIN_QUARTERS.items()}
    weights = {
        land: count * PROPENSITY.get(land, 1.0)
        for land, count in establishments.items()
        if land not in thin
    }
    counts: dict[str, int] = {}
    while True:  # Länder below the floor get the floor; the rest share what is left
        left = total - sum(thin.values()) - sum(counts.values())
        pool = {land: w for land, w in weights.items() if land not in counts}
        scale = left / sum(pool.values())
        low = {land for land, w in pool.items() if w * scale < MIN_PER_LAND}
        if not low:
            break
        counts.update(dict.fromkeys(low, MIN_PER_LAND))
    exact = {land: w * scale for land, w in pool.items()}
    share = {land: math.floor(v) for land, v in exact.items()}
    by_remainder = sorted(exact, key=lambda land: (share[land] - exact[land], land))
    for land in by_remainder[: left - sum(share.values())]:
        share[land] += 1
    return {**thin, **counts, **share}


def plan() -> list[SurveyCompany]:
    """The survey companies, always the same ones in the same order."""
    table = load_default_population()
    rng = _rng("companies")
    establishments = dict(zip(table.dims.lands, table.establishments.sum(axis=1), strict=True))
    sizes = [(name, low, high) for name, _share, low, high in SIZE_MIX]
    size_weights = [share for _name, share, _low, _high in SIZE_MIX]
    taken: set[str] = set()
    out = []
    for land, count in land_counts(establishments).items():
        row = table.establishments[table.dims.lands.index(land)]
        for _ in range(count):
            section = rng.choices(table.dims.sections, weights=row)[0]
            size, low, high = rng.choices(sizes, weights=size_weights)[0]
            headcount = min(high, int(low * ((high + 1) / low) ** rng.random()))
            council = rng.random() < WORKS_COUNCIL_CHANCE[size]
            name = _name(rng, land, section, size, taken)
            out.append(SurveyCompany(name, land, section, headcount, council))
    return out


def _name(rng: random.Random, land: str, section: str, size: str, taken: set[str]) -> str:
    """A plausible legal name, unique among the survey companies."""
    surnames = LAST_NAMES + EXTRA_NAMES
    forms = [form for form, _weight in FORMS[size]]
    form_weights = [weight for _form, weight in FORMS[size]]
    if section in "PQ":  # education and care: often non-profit
        forms, form_weights = [*forms, "gGmbH"], [*form_weights, 4]
    while True:
        trade, form = rng.choice(TRADES[section]), rng.choices(forms, weights=form_weights)[0]
        person, place = rng.choice(surnames), rng.choice(PLACES[land])
        pattern = rng.randrange(3)
        stem = (f"{person} {trade}", f"{trade} {person}", f"{place} {trade}")[pattern]
        name = f"{stem} {form}{SUFFIX}"
        if name not in taken:
            taken.add(name)
            return name


# --- seeding ---------------------------------------------------------------------------------


def seed_needs_survey() -> dict[str, int]:
    """Add the survey companies and their needs surveys (nothing new if they exist)."""
    now = timezone.now()
    companies = plan()
    with transaction.atomic():
        existing = set(
            Organisation.objects.filter(legal_name__endswith=SUFFIX).values_list(
                "legal_name", flat=True
            )
        )
        new = [_organisation(c) for c in companies if c.name not in existing]
        Organisation.objects.bulk_create(new, batch_size=500)
        batch = _surveys(companies, now)
        batch.save()
    windows = {key for r in batch.responses if r.submitted_at for key in windows_of(r.submitted_at)}
    if windows:
        mark_stale(windows)  # bulk inserts send no signals
    return {"companies": len(new), "responses": len(batch.responses)}


def _organisation(company: SurveyCompany) -> Organisation:
    return Organisation(
        kind=Organisation.Kind.COMPANY,
        legal_name=company.name,
        land_id=company.land,
        wz_section=company.wz_section,
        headcount=company.headcount,
        has_works_council=company.works_council,
    )


def _surveys(companies: list[SurveyCompany], now: datetime) -> _Batch:
    """One closed needs check and its submitted answers per company that has none yet."""
    rng = _rng("surveys")
    inst = get_instrument(NEEDS_KEY)
    organisations = {
        o.legal_name: o for o in Organisation.objects.filter(legal_name__endswith=SUFFIX)
    }
    done = set(
        Assessment.objects.filter(
            instrument_key=NEEDS_KEY, organisation__legal_name__endswith=SUFFIX
        ).values_list("organisation_id", flat=True)
    )
    thin = {land: list(quarters) for land, quarters in THIN_QUARTERS.items()}
    batch = _Batch()
    for company in companies:
        org = organisations[company.name]
        back = thin[company.land].pop(0) if company.land in thin else _quarter(rng, now)
        answered = moment_in_quarter(rng, now, back)
        answers = needs_answers(inst, rng, org, drift=_drift(back))
        opened = answered - timedelta(days=rng.randint(1, 20))
        if org.pk in done:
            continue
        closed = min(answered + timedelta(days=14), now)
        assessment = _assessment(batch, org, NEEDS_KEY, opened, closed, None)
        _response(
            batch,
            NEEDS_KEY,
            answers,
            answered,
            assessment=assessment,
            organisation=org,
            perspective=Perspective.COMPANY_LEAD,
            # answered through a private link: no account, a token nobody holds
            resume_token_hash=hash_token(secrets.token_urlsafe(24)),
        )
    return batch


def _quarter(rng: random.Random, now: datetime) -> int:
    """How many quarters back: more answers in recent quarters; the current quarter's weight
    shrinks with the part of it that has not happened yet."""
    weights = [float(w) for w in QUARTER_WEIGHTS]
    elapsed = (now - quarter_start(now, 0)) / timedelta(days=91)
    weights[-1] *= max(0.35, min(1.0, elapsed))
    index = rng.choices(range(QUARTERS), weights=weights)[0]
    return QUARTERS - 1 - index


def _drift(back: int) -> dict[str, float]:
    """The trend at a quarter: centred, so the whole period keeps the base importance."""
    progress = (QUARTERS - 1 - back) / (QUARTERS - 1) - 0.5
    return {topic: change * progress for topic, change in TREND.items()}


# --- estimates -------------------------------------------------------------------------------


def refresh_estimates(*, force: bool = False) -> list[str]:
    """Compute this year's and last year's estimates now (if answers fall into them and the
    current run is missing or stale, or `force`), so the dashboard opens at once."""
    if active_population_table() is None:
        return []
    this_year = timezone.localdate().year
    computed = []
    for year in (this_year, this_year - 1):
        window = Window(str(year), year)
        since, until = window.bounds
        if not _has_answers(since, until):
            continue
        run = current_run(window)
        if force or run is None or run.stale:
            compute(window.key)
            computed.append(window.key)
    return computed


def _has_answers(since: datetime, until: datetime) -> bool:
    return Response.objects.filter(
        instrument_key=NEEDS_KEY, submitted_at__gte=since, submitted_at__lt=until
    ).exists()
