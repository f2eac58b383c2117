"""The demo network as plain tables: fictional centres, companies, solo self-employed and people.

Pure data (no Django), read by `demo.py`. Every name here is invented; addresses use example.org.
"""

from __future__ import annotations

from typing import NamedTuple

DEMO_PASSWORD = "demo-zukunft-2026"  # noqa: S105 - printed on purpose: the demo's one password
DEMO_DOMAIN = "demo.example.org"
RANDOM_SEED = 2026


class CentreRow(NamedTuple):
    slug: str
    name: str
    lands: str  # comma-separated Land codes; empty: the supra-regional centre (network-wide)
    city: str
    postcode: str
    phone_area: str
    advisors: int
    summary: str
    description: str


_REGIONAL_TEXT = (
    "Das Zentrum begleitet kleine und mittlere Unternehmen, ihre Beschäftigten und "
    "Solo-Selbstständige in {region} dabei, digitale Technik und KI selbstbestimmt einzuführen: "
    "mit Bedarfsanalysen, Workshops im Betrieb, passgenauer Weiterbildung und Beteiligung der "
    "Belegschaft von Anfang an. Dies ist ein fiktives Demo-Zentrum."
)

CENTRES: tuple[CentreRow, ...] = (
    CentreRow("nord", "Zukunftszentrum Nord (Demo)", "SH,HH,HB,NI,MV", "Hamburg", "20095",
              "40", 2, "KI und digitale Arbeit für Betriebe zwischen Nordsee und Ostsee.",
              _REGIONAL_TEXT.format(region="den fünf norddeutschen Ländern")),
    CentreRow("west", "Zukunftszentrum West (Demo)", "NW", "Dortmund", "44135",
              "231", 3, "Beratung und Weiterbildung für den Mittelstand an Rhein und Ruhr.",
              _REGIONAL_TEXT.format(region="Nordrhein-Westfalen")),
    CentreRow("mitte", "Zukunftszentrum Mitte (Demo)", "HE,RP,SL", "Frankfurt am Main", "60311",
              "69", 2, "Gemeinsam mit Beschäftigten KI im Betrieb gestalten – in Hessen, "
              "Rheinland-Pfalz und im Saarland.",
              _REGIONAL_TEXT.format(region="Hessen, Rheinland-Pfalz und dem Saarland")),
    CentreRow("sued-west", "Zukunftszentrum Süd-West (Demo)", "BW", "Stuttgart", "70173",
              "711", 2, "Praxisnahe KI-Projekte für Handwerk, Industrie und Dienstleistung.",
              _REGIONAL_TEXT.format(region="Baden-Württemberg")),
    CentreRow("sued", "Zukunftszentrum Süd (Demo)", "BY", "Nürnberg", "90402",
              "911", 2, "Vom ersten KI-Check bis zur Betriebsvereinbarung – für Bayerns KMU.",
              _REGIONAL_TEXT.format(region="Bayern")),
    CentreRow("ost", "Zukunftszentrum Ost (Demo)", "BE,BB,SN", "Berlin", "10117",
              "30", 2, "Digitaler Wandel mit den Menschen im Betrieb – in Berlin, Brandenburg "
              "und Sachsen.",
              _REGIONAL_TEXT.format(region="Berlin, Brandenburg und Sachsen")),
    CentreRow("mitte-ost", "Zukunftszentrum Mitte-Ost (Demo)", "ST,TH", "Magdeburg", "39104",
              "391", 1, "Lernen, erproben, mitgestalten: KI für Betriebe in Sachsen-Anhalt und "
              "Thüringen.",
              _REGIONAL_TEXT.format(region="Sachsen-Anhalt und Thüringen")),
    CentreRow("wissen", "KI-Wissens- und Weiterbildungszentrum (Demo)", "", "Berlin", "10115",
              "30", 1, "Bündelt das Wissen aller Zentren und macht es bundesweit nutzbar.",
              "Das überregionale Zentrum sammelt Anwendungsfälle, Methoden und Lernangebote aus "
              "allen Regionen, bereitet sie auf und stellt sie dem ganzen Netzwerk zur Verfügung. "
              "Es entwickelt Weiterbildungskonzepte zu menschenzentrierter KI und wertet den "
              "Bedarf länderübergreifend aus. Dies ist ein fiktives Demo-Zentrum."),
)  # fmt: skip


class CompanyRow(NamedTuple):
    name: str
    land: str
    wz: str  # WZ 2008 section
    headcount: int  # 1: a solo self-employed person
    works_council: bool
    kreis_ags: str
    kreis_name: str
    # by the regional centre covering the Land: A active, R requested, D declined, "" none
    accompaniment: str
    staff: int  # employees with an account (5-12 for companies that show their members)


# name, Land, WZ, headcount, works council, Kreis AGS, Kreis, accompaniment, staff with accounts
COMPANIES: tuple[CompanyRow, ...] = tuple(CompanyRow(*row) for row in (
    # Nord
    ("Hanse Präzisionstechnik GmbH (fiktiv)", "HH", "C", 68, True, "02000", "Hamburg", "A", 10),
    ("Elbkontor Logistik GmbH (fiktiv)", "HH", "H", 34, False, "02000", "Hamburg", "R", 0),
    ("Alsterblick Hotel & Café KG (fiktiv)", "HH", "I", 22, False, "", "", "", 0),
    ("Tischlerei Beispiel GmbH (fiktiv)", "SH", "C", 9, False, "01002", "Kiel", "A", 5),
    ("Förde Pflegedienst gGmbH (fiktiv)", "SH", "Q", 46, True, "", "", "A", 0),
    ("Weserwerft Musterbau GmbH (fiktiv)", "HB", "C", 140, True, "04011", "Bremen", "", 0),
    ("Hafenhandel Beispiel OHG (fiktiv)", "HB", "G", 12, False, "04011", "Bremen", "", 0),
    ("Heide Agrartechnik GmbH (fiktiv)", "NI", "C", 85, True, "03241", "Region Hannover", "D", 0),
    ("Steuerbüro Lindemann & Partner (fiktiv)", "NI", "M", 14, False, "03403", "Oldenburg", "R",
     0),
    ("Dachdeckerei Muster GmbH (fiktiv)", "NI", "F", 18, False, "", "", "", 0),
    ("Landarztpraxis am Deich (fiktiv)", "NI", "Q", 8, False, "", "", "", 0),
    ("Ostseeblick Ferienhöfe GmbH (fiktiv)", "MV", "I", 27, False, "13003", "Rostock", "A", 0),
    ("Warnow Software GmbH (fiktiv)", "MV", "J", 11, False, "13004", "Schwerin", "", 0),
    ("Linienwerk Grafikdesign – Lena Vogt (fiktiv)", "HH", "M", 1, False, "", "", "R", 0),
    ("Übersetzungsbüro Wortbrücke – Jan Okafor (fiktiv)", "SH", "M", 1, False, "", "", "", 0),
    # West
    ("Rheinland Stahlbau GmbH (fiktiv)", "NW", "C", 120, True, "05111", "Düsseldorf", "A", 6),
    ("Domstadt Medien GmbH (fiktiv)", "NW", "J", 24, False, "05315", "Köln", "A", 0),
    ("Ruhr Elektro Beispiel GmbH (fiktiv)", "NW", "F", 38, True, "05913", "Dortmund", "R", 0),
    ("Westfalen Lebensmittelgroßhandel KG (fiktiv)", "NW", "G", 310, True, "05515", "Münster",
     "", 0),
    ("Physiotherapie Beispiel Praxis (fiktiv)", "NW", "Q", 7, False, "", "", "", 0),
    ("Brauhaus Muster GmbH (fiktiv)", "NW", "I", 31, False, "", "", "", 0),
    ("Ingenieurbüro Sauerland Beispiel (fiktiv)", "NW", "M", 16, False, "", "", "", 0),
    ("Kunststofftechnik Bergisch GmbH (fiktiv)", "NW", "C", 64, True, "", "", "A", 0),
    ("Kletterhalle Beispiel GmbH (fiktiv)", "NW", "R", 19, False, "", "", "", 0),
    ("IT-Beratung Schmitz – Deniz Schmitz (fiktiv)", "NW", "J", 1, False, "", "", "", 0),
    # Mitte
    ("Mainufer Finanzberatung GmbH (fiktiv)", "HE", "K", 19, False, "06412", "Frankfurt am Main",
     "A", 0),
    ("Taunus Gebäudetechnik GmbH (fiktiv)", "HE", "F", 52, True, "", "", "R", 0),
    ("Sanitätshaus Beispiel Kassel (fiktiv)", "HE", "G", 13, False, "", "", "", 0),
    ("Lektorat Feder – Miriam Hahn (fiktiv)", "HE", "M", 1, False, "06414", "Wiesbaden", "", 0),
    ("Pfälzer Weinkellerei Muster eG (fiktiv)", "RP", "C", 26, False, "", "", "A", 0),
    ("Moselland Reisen GmbH (fiktiv)", "RP", "N", 9, False, "", "", "", 0),
    ("Rheinhessen Zerspanung GmbH (fiktiv)", "RP", "C", 88, True, "07315", "Mainz", "A", 0),
    ("Saar Logistik Beispiel GmbH (fiktiv)", "SL", "H", 44, True, "10041", "Saarbrücken", "R", 0),
    ("Kreativagentur Saarschleife (fiktiv)", "SL", "M", 6, False, "", "", "", 0),
    # Süd-West
    ("Schwarzwald Feinmechanik GmbH (fiktiv)", "BW", "C", 190, True, "", "", "A", 8),
    ("Neckar Software Labs GmbH (fiktiv)", "BW", "J", 42, False, "08111", "Stuttgart", "A", 0),
    ("Bäckerei Muster & Söhne (fiktiv)", "BW", "C", 21, False, "", "", "R", 0),
    ("Kurpfalz Pflege gGmbH (fiktiv)", "BW", "Q", 75, True, "08221", "Heidelberg", "", 0),
    ("Bodensee Bootsbau Beispiel KG (fiktiv)", "BW", "C", 12, False, "", "", "", 0),
    ("Autohaus Beispiel Karlsruhe GmbH (fiktiv)", "BW", "G", 48, True, "08212", "Karlsruhe", "", 0),
    ("Schneiderei Nadelöhr – Sabine Koch (fiktiv)", "BW", "S", 1, False, "", "", "", 0),
    # Süd
    ("Isartal Maschinenbau AG (fiktiv)", "BY", "C", 1250, True, "09162", "München", "", 0),
    ("Frankenbau Musterhaus GmbH (fiktiv)", "BY", "F", 58, True, "09564", "Nürnberg", "A", 6),
    ("Gasthof Alpenblick Beispiel (fiktiv)", "BY", "I", 15, False, "", "", "R", 0),
    ("Lechfeld Steuerberatung Muster (fiktiv)", "BY", "M", 11, False, "09761", "Augsburg", "A", 0),
    ("Oberpfälzer Granit Beispiel GmbH (fiktiv)", "BY", "B", 27, False, "", "", "", 0),
    ("Tagespflege Sonnenhof gGmbH (fiktiv)", "BY", "Q", 33, True, "", "", "", 0),
    ("Glasmanufaktur Bayerwald Beispiel (fiktiv)", "BY", "C", 8, False, "", "", "", 0),
    ("Webentwicklung Kraus – Florian Kraus (fiktiv)", "BY", "J", 1, False, "", "", "", 0),
    # Ost
    ("Spree Digital GmbH (fiktiv)", "BE", "J", 29, False, "11000", "Berlin", "A", 0),
    ("Kiezküche Beispiel GmbH (fiktiv)", "BE", "I", 17, False, "11000", "Berlin", "R", 0),
    ("Hauptstadt Sicherheitsdienste Muster GmbH (fiktiv)", "BE", "N", 95, True, "", "", "A", 0),
    ("Coaching Neuland – Nora Albrecht (fiktiv)", "BE", "P", 1, False, "11000", "Berlin", "", 0),
    ("Havelland Solartechnik GmbH (fiktiv)", "BB", "D", 23, False, "12054", "Potsdam", "A", 0),
    ("Lausitzer Metallbau Beispiel GmbH (fiktiv)", "BB", "C", 61, False, "12052", "Cottbus", "", 0),
    ("Elbflorenz Optik GmbH (fiktiv)", "SN", "C", 54, True, "14612", "Dresden", "A", 0),
    ("Buchbinderei Muster Leipzig (fiktiv)", "SN", "C", 7, False, "14713", "Leipzig", "", 0),
    ("Erzgebirge Holzspielwaren Beispiel eG (fiktiv)", "SN", "C", 36, False, "", "", "R", 0),
    # Mitte-Ost
    ("Recycling Beispiel Magdeburg GmbH (fiktiv)", "ST", "E", 57, True, "15003", "Magdeburg",
     "A", 0),
    ("Saale Immobilien Muster GmbH (fiktiv)", "ST", "L", 6, False, "15002", "Halle (Saale)", "", 0),
    ("Thüringer Optronik Beispiel GmbH (fiktiv)", "TH", "C", 110, True, "16053", "Jena", "A", 0),
    ("Garten- und Landschaftsbau Muster (fiktiv)", "TH", "N", 14, False, "16051", "Erfurt", "R",
     0),
    ("Ergotherapie mobil – Katja Brandt (fiktiv)", "TH", "Q", 1, False, "", "", "", 0),
))  # fmt: skip


class KeyPerson(NamedTuple):
    """A person whose login the demo prints: one per role."""

    local_part: str  # before @demo.example.org
    full_name: str
    role: str  # Role value
    where: str  # organisation legal name, centre slug, or "" for the network
    label: str  # German role name for the printed table


SOLO_NAME_SEPARATOR = " – "  # "Studio – Lena Vogt (fiktiv)": a solo's name is in the firm's
SHOWCASE_COMPANY = "Hanse Präzisionstechnik GmbH (fiktiv)"
SHOWCASE_SOLO = "Linienwerk Grafikdesign – Lena Vogt (fiktiv)"
SHOWCASE_CENTRE = "nord"

# The works council member is also an employee (two memberships), to show role switching.
KEY_PEOPLE: tuple[KeyPerson, ...] = (
    KeyPerson("geschaeftsfuehrung", "Katrin Albers", "company_lead", SHOWCASE_COMPANY,
              "Geschäftsführung"),
    KeyPerson("beschaeftigte", "Jonas Petersen", "employee", SHOWCASE_COMPANY, "Beschäftigte:r"),
    KeyPerson("betriebsrat", "Mehmet Demir", "works_council", SHOWCASE_COMPANY,
              "Betriebsrat (auch beschäftigt)"),
    KeyPerson("solo", "Lena Vogt", "solo", SHOWCASE_SOLO, "Solo-Selbstständige:r"),
    KeyPerson("zentrumsleitung", "Birte Hansen", "centre_admin", SHOWCASE_CENTRE,
              "Zentrumsleitung"),
    KeyPerson("beratung", "Ole Jensen", "advisor", SHOWCASE_CENTRE, "Beratung"),
    KeyPerson("weiterbildung", "Amira Haddad", "trainer", SHOWCASE_CENTRE, "Weiterbildung"),
    KeyPerson("programm", "Dr. Ulrike Brandes", "programme_admin", "", "Programmverwaltung"),
    KeyPerson("gutachten", "Prof. Tobias Wendt", "reviewer", "", "Gutachter:in"),
)  # fmt: skip

FIRST_NAMES = (
    "Anna", "Ben", "Carla", "David", "Elif", "Felix", "Greta", "Hannes", "Ilka", "Jakob",
    "Kübra", "Lukas", "Marie", "Nils", "Olga", "Paul", "Rana", "Sven", "Tanja", "Uwe",
    "Vera", "Wiebke", "Yusuf", "Zoe", "Piotr", "Fatma", "Lars", "Mia", "Emil", "Sophie",
)  # fmt: skip
LAST_NAMES = (
    "Arendt", "Bauer", "Celik", "Dietrich", "Engel", "Fischer", "Graf", "Hoffmann", "Ivanova",
    "Jung", "Keller", "Lorenz", "Meyer", "Nowak", "Otto", "Pohl", "Richter", "Schulz", "Thiel",
    "Ulrich", "Vogel", "Weber", "Yildiz", "Zimmer", "Kowalski", "Brandt", "Haas", "Kühn",
)  # fmt: skip

# Open invitations of the showcase company and centre: (local part, role, expired?)
COMPANY_INVITATIONS = (
    ("neue.kollegin", "employee", False),
    ("zweite.geschaeftsfuehrung", "company_lead", False),
    ("aushilfe.sommer", "employee", True),
)
CENTRE_INVITATIONS = (("verstaerkung.beratung", "advisor", False),)
