"""Reference data: the 16 Länder, their Kreise and the WZ 2008 sections. Pure: no Django
imports."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple


class LandRef(NamedTuple):
    code: str  # two letters, the part after "DE-" in ISO 3166-2
    iso_3166_2: str
    ags: str  # Amtlicher Gemeindeschlüssel, two digits
    name: str


LAENDER: tuple[LandRef, ...] = (
    LandRef("SH", "DE-SH", "01", "Schleswig-Holstein"),
    LandRef("HH", "DE-HH", "02", "Hamburg"),
    LandRef("NI", "DE-NI", "03", "Niedersachsen"),
    LandRef("HB", "DE-HB", "04", "Bremen"),
    LandRef("NW", "DE-NW", "05", "Nordrhein-Westfalen"),
    LandRef("HE", "DE-HE", "06", "Hessen"),
    LandRef("RP", "DE-RP", "07", "Rheinland-Pfalz"),
    LandRef("BW", "DE-BW", "08", "Baden-Württemberg"),
    LandRef("BY", "DE-BY", "09", "Bayern"),
    LandRef("SL", "DE-SL", "10", "Saarland"),
    LandRef("BE", "DE-BE", "11", "Berlin"),
    LandRef("BB", "DE-BB", "12", "Brandenburg"),
    LandRef("MV", "DE-MV", "13", "Mecklenburg-Vorpommern"),
    LandRef("SN", "DE-SN", "14", "Sachsen"),
    LandRef("ST", "DE-ST", "15", "Sachsen-Anhalt"),
    LandRef("TH", "DE-TH", "16", "Thüringen"),
)

# WZ 2008 sections (= NACE Rev. 2): code -> (German name, English name).
WZ_SECTIONS: dict[str, tuple[str, str]] = {
    "A": ("Land- und Forstwirtschaft, Fischerei", "Agriculture, forestry and fishing"),
    "B": ("Bergbau und Gewinnung von Steinen und Erden", "Mining and quarrying"),
    "C": ("Verarbeitendes Gewerbe", "Manufacturing"),
    "D": ("Energieversorgung", "Electricity, gas, steam and air conditioning supply"),
    "E": (
        "Wasserversorgung, Abwasser- und Abfallentsorgung",
        "Water supply, sewerage and waste management",
    ),
    "F": ("Baugewerbe", "Construction"),
    "G": ("Handel; Instandhaltung und Reparatur von Kfz", "Wholesale and retail trade"),
    "H": ("Verkehr und Lagerei", "Transportation and storage"),
    "I": ("Gastgewerbe", "Accommodation and food service activities"),
    "J": ("Information und Kommunikation", "Information and communication"),
    "K": ("Finanz- und Versicherungsdienstleistungen", "Financial and insurance activities"),
    "L": ("Grundstücks- und Wohnungswesen", "Real estate activities"),
    "M": (
        "Freiberufliche, wissenschaftliche und technische Dienstleistungen",
        "Professional, scientific and technical activities",
    ),
    "N": ("Sonstige wirtschaftliche Dienstleistungen", "Administrative and support services"),
    "O": ("Öffentliche Verwaltung, Verteidigung, Sozialversicherung", "Public administration"),
    "P": ("Erziehung und Unterricht", "Education"),
    "Q": ("Gesundheits- und Sozialwesen", "Human health and social work"),
    "R": ("Kunst, Unterhaltung und Erholung", "Arts, entertainment and recreation"),
    "S": ("Erbringung von sonstigen Dienstleistungen", "Other service activities"),
    "T": ("Private Haushalte mit Hauspersonal", "Activities of households as employers"),
    "U": ("Exterritoriale Organisationen und Körperschaften", "Extraterritorial organisations"),
}


def kreis_belongs_to_land(kreis_ags: str, land_ags: str) -> bool:
    """A Kreis's 5-digit AGS starts with the 2-digit AGS of its Land."""
    return len(kreis_ags) == 5 and kreis_ags.isdigit() and kreis_ags.startswith(land_ags)


# --- Kreise (districts and district-free cities), territorial status 31.12.2018 -------------
# The list ships with the package (see docs/data-sources.md); people choose their Kreis by name
# and the form stores its 5-digit AGS and name.

KREISE_FILE = Path(__file__).parent / "data" / "kreise_2018.csv"


class KreisRef(NamedTuple):
    ags: str  # 5 digits; the first two are the Land's AGS
    name: str  # as published, e.g. "Flensburg, Stadt"
    kind: str  # "Kreisfreie Stadt", "Kreis", "Landkreis", ...


def load_kreise(path: Path = KREISE_FILE) -> tuple[KreisRef, ...]:
    """The Kreise from the shipped CSV (semicolon-separated, UTF-8, header row)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            KreisRef(row["AGS"].strip(), row["name"].strip(), row["type"].strip())
            for row in csv.DictReader(handle, delimiter=";")
        )


KREISE: tuple[KreisRef, ...] = load_kreise()
KREIS_BY_AGS: dict[str, KreisRef] = {kreis.ags: kreis for kreis in KREISE}


def kreise_by_land() -> list[tuple[LandRef, list[KreisRef]]]:
    """Every Land with its Kreise sorted by name, in the order of `LAENDER`."""
    return [
        (land, sorted((k for k in KREISE if k.ags[:2] == land.ags), key=lambda k: k.name))
        for land in LAENDER
    ]
