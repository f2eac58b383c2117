"""`ai_act assess FILE.yaml [--law adopted|omnibus]`: classify a file of systems, print JSON.

The file is a YAML list of systems, each an `id` and its facts (docs/methods/ai-act.md). The
output is `[{"id", "risk", "obligations", "applies_from"}]`; the law version applied is named on
stderr so that stdout stays pure JSON. A bad file is refused with exit code 2, naming the entry
and the unknown fact or value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zukunftszentrum.ai_act import content
from zukunftszentrum.ai_act.batch import BatchError, assess_batch, describe
from zukunftszentrum.ai_act.law import LAW_KEYS


class Command(BaseCommand):
    help = "KI-Verordnung: Systeme aus einer Datei einstufen (assess DATEI.yaml [--law …])."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="BEFEHL")
        assess = sub.add_parser(
            "assess",
            help="Systeme einstufen und das Ergebnis als JSON ausgeben",
            description="Liest eine YAML-Liste von Systemen (id und Merkmale) und gibt je System "
            "Risikoklasse, Pflichten und ihre Geltungsdaten als JSON aus.",
        )
        assess.add_argument("file", metavar="DATEI", help="YAML-Datei mit den Systemen")
        assess.add_argument(
            "--law",
            choices=LAW_KEYS,
            default="adopted",
            help="Fassung der Verordnung: adopted (Standard) oder omnibus",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            message = _("Datei nicht lesbar: %(path)s (%(reason)s)")
            raise CommandError(
                message % {"path": path, "reason": exc.strerror}, returncode=2
            ) from exc
        except yaml.YAMLError as exc:
            message = _("%(path)s ist kein gültiges YAML: %(reason)s")
            raise CommandError(message % {"path": path, "reason": exc}, returncode=2) from exc
        law_key = options["law"]
        try:
            results = assess_batch(data, law_key)
        except BatchError as exc:
            raise CommandError(f"{path}: {describe(exc)}", returncode=2) from exc
        law = content.laws()[law_key]
        self.stderr.write(
            _("Angewandte Fassung: %(title)s (%(status)s)")
            % {"title": law.title.de, "status": content.STATUS_LABELS[law.status]}
        )
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
