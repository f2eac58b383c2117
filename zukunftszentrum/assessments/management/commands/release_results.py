"""`release_results`: make every batch release that is due (once after upgrading; cron later).

Company check results are shown only from releases, which the submit and close actions make.
Runs answered before releases existed have none until this command (or the next submission)
makes them; it is safe to run at any time, because a release is made only when one is due.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from zukunftszentrum.assessments.models import Assessment
from zukunftszentrum.assessments.releases import make_release


class Command(BaseCommand):
    help = "Gibt die Ergebnisse aller Unternehmens-Checks frei, bei denen eine Freigabe fällig ist."

    def handle(self, *args: Any, **options: Any) -> None:
        made = 0
        for assessment in Assessment.objects.order_by("pk").iterator():
            with transaction.atomic():
                made += make_release(assessment) is not None
        self.stdout.write(_("%(count)d Freigabe(n) erstellt.") % {"count": made})
