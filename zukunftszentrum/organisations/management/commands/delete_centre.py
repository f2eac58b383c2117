"""`delete_centre`: remove a centre that no longer covers any Land and has no staff."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.exceptions import OrganisationError
from zukunftszentrum.organisations.models import Centre


class Command(BaseCommand):
    help = "Entfernt ein Zentrum, das keine Länder mehr betreut und kein Team mehr hat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzname des Zentrums in der Adresse, z. B. zentrum-nord")

    def handle(self, *args: Any, **options: Any) -> None:
        centre = Centre.objects.filter(slug=options["slug"]).first()
        if centre is None:
            raise CommandError(
                _("Es gibt kein Zentrum mit dem Kurznamen „%(slug)s“.") % {"slug": options["slug"]}
            )
        name, pk = centre.name, centre.pk
        try:
            actions.delete_centre(member=None, centre=centre)
        except OrganisationError as error:
            raise CommandError(str(error)) from error
        record_event(OrganisationAction.CENTRE_CHANGED, summary=f"{name}: gelöscht", centre_id=pk)
        self.stdout.write(self.style.SUCCESS(_("Zentrum „%(name)s“ entfernt.") % {"name": name}))
