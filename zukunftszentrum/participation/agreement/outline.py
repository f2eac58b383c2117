"""A works-agreement outline generated from a project description. Pure: no Django imports.

German text in our own words, structured as DOMAIN.md lists the usual topics of an AI framework
agreement: scope and principles, the introduction process, limits on performance and behaviour
monitoring, data protection, training, work organisation, evaluation, changes and termination,
and one annex per system. It is a draft for the parties to negotiate, not legal advice: every
gap is a `Placeholder`, and the notice says so on every export.
"""

from __future__ import annotations

from .model import (
    Block,
    Bullets,
    Outline,
    Paragraph,
    Placeholder,
    ProjectDescription,
    Run,
    Runs,
    Section,
    System,
)

NOTICE = (
    "ENTWURF – keine Rechtsberatung. Dieser Gliederungsvorschlag wurde aus den Angaben des "
    "Beteiligungsprojekts erzeugt. Arbeitgeber und Betriebsrat prüfen, verhandeln und ergänzen "
    "ihn; Stellen in eckigen Klammern sind auszufüllen. Maßgeblich sind die Gesetze und die "
    "Rechtsprechung; lassen Sie den endgültigen Text rechtlich prüfen."
)


def ph(label: str) -> Placeholder:
    return Placeholder(label)


def _clauses(*clauses: Runs | str) -> tuple[Block, ...]:
    """Numbered clauses "(1) ...", "(2) ..." as paragraphs."""
    blocks: list[Block] = []
    for n, clause in enumerate(clauses, 1):
        runs: Runs = (clause,) if isinstance(clause, str) else clause
        blocks.append(Paragraph((f"({n}) ", *runs)))
    return tuple(blocks)


def _or(value: str, label: str) -> Run:
    return value.strip() if value and value.strip() else ph(label)


def _list_or(values: tuple[str, ...], label: str) -> tuple[Runs, ...]:
    items = tuple((v.strip(),) for v in values if v.strip())
    return items or ((ph(label),),)


def build_outline(project: ProjectDescription) -> Outline:
    systems = project.systems
    annex_of = {s.name: f"Anlage {i}" for i, s in enumerate(systems, 1)}
    return Outline(
        title="Betriebsvereinbarung über die Einführung und Anwendung von KI-Systemen",
        notice=NOTICE,
        parties=(
            ("zwischen ", _or(project.company, "Name des Unternehmens"), " (Arbeitgeber)"),
            (
                "und dem Betriebsrat des Betriebs ",
                ph("Name und Ort des Betriebs"),
                " (Betriebsrat)",
            ),
            ("zum Vorhaben „", _or(project.project, "Name des Vorhabens"), "“"),
        ),
        sections=(
            _scope(project),
            _introduction(),
            _monitoring(systems, annex_of),
            _data_protection(),
            _training(project),
            _work_organisation(),
            _evaluation(project),
            _changes(),
        ),
        annexes=tuple(_annex(i, s) for i, s in enumerate(systems, 1)),
        signatures=(
            (ph("Ort"), ", ", ph("Datum")),
            ("Für den Arbeitgeber: ", ph("Name, Funktion, Unterschrift")),
            ("Für den Betriebsrat: ", ph("Name, Vorsitz, Unterschrift")),
        ),
    )


def _scope(project: ProjectDescription) -> Section:
    names = ", ".join(s.name for s in project.systems) or "die in den Anlagen genannten Systeme"
    return Section(
        "§ 1",
        "Geltungsbereich und Grundsätze",
        _clauses(
            (
                "Diese Vereinbarung gilt für alle Beschäftigten des Betriebs ",
                ph("Name und Ort des Betriebs"),
                " mit Ausnahme der leitenden Angestellten. Sie regelt Einführung und Anwendung "
                f"von Systemen der Künstlichen Intelligenz, derzeit: {names}. Jedes System ist in "
                "einer Anlage beschrieben; die Anlagen sind Teil dieser Vereinbarung.",
            ),
            "KI-Systeme sollen die Arbeit der Beschäftigten unterstützen und erleichtern, nicht "
            "ersetzen. Entscheidungen über Beschäftigte (etwa über Einstellung, Versetzung, "
            "Bewertung oder Kündigung) trifft ein Mensch, der die Vorschläge eines Systems prüfen "
            "und verwerfen kann.",
            (
                "Die Einführung soll nicht zu betriebsbedingten Kündigungen führen. ",
                ph("Regelung zur Beschäftigungssicherung, falls vereinbart"),
            ),
            "Die Beschäftigten werden bei der Einführung beteiligt; ihre Ideen und Bedenken "
            "werden gesammelt und beantwortet. Die Rechte des Betriebsrats nach dem "
            "Betriebsverfassungsgesetz bleiben unberührt.",
        ),
    )


def _introduction() -> Section:
    return Section(
        "§ 2",
        "Einführungsprozess",
        _clauses(
            (
                "Der Arbeitgeber unterrichtet den Betriebsrat über geplante KI-Systeme, sobald er "
                "ihren Einsatz erwägt, spätestens ",
                ph("Frist in Wochen"),
                " Wochen vor einer Entscheidung, mit den nötigen Unterlagen: Zweck, Anbieter, "
                "Betrieb und Speicherort, verarbeitete Daten, Auswertungsmöglichkeiten und "
                "erwartete Folgen für die Arbeit.",
            ),
            "Arbeitgeber und Betriebsrat beraten das Vorhaben so früh, dass Vorschläge und "
            "Bedenken des Betriebsrats und der Beschäftigten die Planung noch verändern können.",
            (
                "Vor dem Regelbetrieb wird jedes System in einer Erprobungsphase von ",
                ph("Dauer"),
                " mit ausgewählten Beschäftigten getestet. Schon in der Erprobung gelten die "
                "Grenzen dieser Vereinbarung.",
            ),
            "Der Betriebsrat kann zur Beurteilung von KI-Systemen Sachverständige hinzuziehen; "
            "Thema, Person und Kosten werden vorher vereinbart.",
            (
                "Ein System wird erst eingesetzt, wenn seine Anlage vereinbart ist. Ansprechperson "
                "des Arbeitgebers: ",
                ph("Name, Funktion"),
                "; Ansprechperson des Betriebsrats: ",
                ph("Name"),
                ".",
            ),
        ),
    )


def _monitoring(systems: tuple[System, ...], annex_of: dict[str, str]) -> Section:
    blocks = list(
        _clauses(
            "Die KI-Systeme werden nicht zur Kontrolle von Leistung oder Verhalten einzelner "
            "Beschäftigter eingesetzt, soweit eine Anlage nicht ausdrücklich etwas anderes "
            "regelt.",
            (
                "Auswertungen über Personen sind nur zusammengefasst für Gruppen von mindestens ",
                ph("Mindestgruppengröße, z. B. 5"),
                " Beschäftigten zulässig. Vergleiche, aus denen sich Angaben über Einzelne "
                "ableiten lassen, sind ausgeschlossen.",
            ),
            "Daten, die unter Verstoß gegen diese Vereinbarung gewonnen wurden, werden nicht für "
            "arbeitsrechtliche Maßnahmen verwendet und sind zu löschen.",
        )
    )
    watched = [s for s in systems if s.monitoring_possibilities]
    if watched:
        blocks.append(
            Paragraph(
                (
                    "(4) Die folgenden Systeme sind technisch geeignet, Verhalten oder Leistung "
                    "zu überwachen. Für sie gelten die Grenzen dieses Paragraphen und die "
                    "Festlegungen ihrer Anlage zu zulässigen Auswertungen, Zugriffsrechten und "
                    "Löschfristen:",
                )
            )
        )
        blocks.append(
            Bullets(
                tuple(
                    (
                        f"{s.name} ({annex_of[s.name]}): "
                        + "; ".join(m.strip() for m in s.monitoring_possibilities),
                    )
                    for s in watched
                )
            )
        )
    return Section("§ 3", "Grenzen der Leistungs- und Verhaltenskontrolle", tuple(blocks))


def _data_protection() -> Section:
    return Section(
        "§ 4",
        "Datenschutz und Nichtdiskriminierung",
        _clauses(
            "Personenbezogene Daten werden nur für die in der Anlage genannten Zwecke und nur im "
            "nötigen Umfang verarbeitet. Es gelten die Datenschutz-Grundverordnung und die "
            "ergänzenden nationalen Vorschriften.",
            (
                "Vor dem Einsatz prüft der Arbeitgeber mit der oder dem Datenschutzbeauftragten, ob "
                "eine Datenschutz-Folgenabschätzung nötig ist, und legt sie dem Betriebsrat vor. "
                "Datenschutzbeauftragte Person: ",
                ph("Name, Kontakt"),
                ".",
            ),
            "Es werden keine Persönlichkeits- oder Verhaltensprofile von Beschäftigten erstellt. "
            "Systeme, die Personen bewerten oder auswählen, werden vor dem Einsatz und danach "
            "regelmäßig auf Benachteiligungen geprüft.",
            (
                "Eingaben und Ergebnisse werden nach ",
                ph("Löschfrist"),
                " gelöscht, soweit die Anlage nichts anderes regelt. Die Beschäftigten erfahren, "
                "welche Daten über sie verarbeitet werden.",
            ),
        ),
    )


def _training(project: ProjectDescription) -> Section:
    return Section(
        "§ 5",
        "Qualifizierung",
        (
            *_clauses(
                "Beschäftigte, deren Tätigkeit sich durch ein System ändert, erhalten vor dem "
                "Einsatz die nötige Qualifizierung. Die Teilnahme gilt als Arbeitszeit; die Kosten "
                "trägt der Arbeitgeber.",
                "Arbeitgeber und Betriebsrat vereinbaren Inhalte und Umfang; vorgesehen sind:",
            ),
            Bullets(
                _list_or(project.training_measures, "Qualifizierungsmaßnahme, Umfang, Zielgruppe")
            ),
            Paragraph(
                (
                    "(3) Beschäftigte können jederzeit Fragen zum Umgang mit den Systemen an ",
                    ph("Ansprechperson oder Stelle"),
                    " richten.",
                )
            ),
        ),
    )


def _work_organisation() -> Section:
    return Section(
        "§ 6",
        "Arbeitsorganisation, Gesundheit und Vergütung",
        _clauses(
            "Arbeitgeber und Betriebsrat beraten, wie sich Aufgaben, Arbeitsmenge und Abläufe "
            "durch die Systeme ändern. Zeit, die ein System einspart, wird nicht ohne Beratung "
            "mit dem Betriebsrat mit zusätzlichen Aufgaben gefüllt.",
            "Die Gefährdungsbeurteilung wird für die betroffenen Arbeitsplätze ergänzt, "
            "einschließlich psychischer Belastung.",
            (
                "Der Einsatz eines Systems führt nicht zu einer niedrigeren Eingruppierung. ",
                ph("Regelung zu Vergütungsfolgen, falls vereinbart"),
            ),
        ),
    )


def _evaluation(project: ProjectDescription) -> Section:
    dates = tuple(
        (f"{d.day:02d}.{d.month:02d}.{d.year}",) for d in sorted(project.evaluation_dates)
    )
    return Section(
        "§ 7",
        "Evaluation",
        (
            *_clauses(
                "Arbeitgeber und Betriebsrat werten gemeinsam aus, wie die Systeme wirken: auf "
                "Arbeitsmenge, Qualität, Qualifizierungsbedarf und Belastung. Die Beschäftigten "
                "werden dazu anonym befragt; Ergebnisse werden nur für Gruppen ab der "
                "Mindestgruppengröße gezeigt.",
                "Vereinbarte Termine der Evaluation:",
            ),
            Bullets(dates or ((ph("Datum der ersten Evaluation"),),)),
            Paragraph(("(3) Ergibt die Evaluation Handlungsbedarf, wird die Anlage angepasst.",)),
        ),
    )


def _changes() -> Section:
    return Section(
        "§ 8",
        "Änderungen, Inkrafttreten und Kündigung",
        _clauses(
            "Neue Systeme, neue Funktionen oder neue Zwecke eines Systems werden nach § 2 "
            "behandelt und erst mit einer neuen oder geänderten Anlage eingesetzt. Updates, die "
            "Daten, Auswertungen oder Zwecke ändern, gelten als neue Funktion.",
            ("Diese Vereinbarung tritt am ", ph("Datum"), " in Kraft."),
            (
                "Sie kann mit einer Frist von ",
                ph("Anzahl"),
                " Monaten zum Monatsende gekündigt werden, auch einzelne Anlagen. ",
                ph("Regelung zur Nachwirkung"),
            ),
            "Ist eine Bestimmung unwirksam, bleiben die übrigen wirksam; die Parteien ersetzen "
            "sie durch eine Regelung, die ihrem Zweck möglichst nahekommt.",
        ),
    )


def _annex(number: int, system: System) -> Section:
    monitoring: tuple[Runs, ...] = tuple(
        (m.strip(),) for m in system.monitoring_possibilities if m.strip()
    ) or (("Nach Angaben des Arbeitgebers keine. Geprüft am ", ph("Datum"), "."),)
    blocks: list[Block] = [
        Paragraph(("Bezeichnung: ", system.name)),
        Paragraph(("Anbieter: ", _or(system.vendor, "Anbieter"))),
        Paragraph(("Betrieb und Speicherort: ", _or(system.hosting, "Betrieb und Speicherort"))),
        Paragraph(("Zweck: ", _or(system.purpose, "Zweck"))),
        Paragraph(("Verarbeitete Daten:",)),
        Bullets(_list_or(system.data, "Datenarten")),
        Paragraph(("Möglichkeiten der Leistungs- und Verhaltenskontrolle:",)),
        Bullets(monitoring),
    ]
    if system.monitoring_possibilities:
        blocks.append(
            Paragraph(
                (
                    "Diese Möglichkeiten werden nicht genutzt, um Leistung oder Verhalten "
                    "einzelner Beschäftigter zu kontrollieren (§ 3). Zulässig sind nur: ",
                    ph("zulässige Auswertungen, nur zusammengefasst"),
                    ".",
                )
            )
        )
    blocks += [
        Paragraph(("Zugriffsberechtigt: ", ph("Rollen mit Zugriff"))),
        Paragraph(("Löschfristen: ", ph("Löschfristen"))),
        Paragraph(
            ("Risikoeinstufung nach der KI-Verordnung: ", ph("Einstufung aus dem KI-Inventar"))
        ),
    ]
    return Section(f"Anlage {number}", system.name, tuple(blocks), annex=True)
