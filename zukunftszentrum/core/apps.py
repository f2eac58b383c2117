from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zukunftszentrum.core"
    label = "core"
    verbose_name = _("Grundfunktionen")

    def ready(self) -> None:
        from . import (  # noqa: F401 - checks registers itself
            audit,
            audit_actions,
            checks,
            login_protection,
            personal_data,
        )

        audit_actions.register_actions(
            audit_actions.CoreAction, order=0, own_summary=audit_actions.CORE_OWN_SUMMARY
        )
        from . import demo_steps, mail, operator_pages, prepared, tasks

        tasks.register_recovery("core.outgoing_mail", mail.requeue_stuck)
        tasks.register_recovery("core.prepared_downloads", prepared.requeue_lost)
        from . import metrics

        metrics.register()

        demo_steps.register_demo_step(
            "operator", order=5, run=operator_pages.seed_demo_operator_pages
        )

        personal_data.register(
            "consents",
            export=_export_consents,
            erase=_erase_consents,
            order=10,
            position=50,
            title=_("Einwilligungen"),
            description=_(
                "Welche Fassung der Datenschutzhinweise Sie wann zur Kenntnis genommen haben. "
                "Wird beim Löschen entfernt."
            ),
        )
        personal_data.register(
            "outgoing_mail",
            export=_export_outgoing_mail,
            erase=_erase_outgoing_mail,
            order=20,
            position=80,
            title=_("E-Mails im Versand"),
            description=_(
                "E-Mails an Sie, die noch unterwegs sind oder nicht zugestellt werden konnten, "
                "ohne ihren Text. Gesendete E-Mails werden nicht aufbewahrt. Wird beim Löschen "
                "entfernt."
            ),
        )
        personal_data.register(
            "prepared_downloads",
            export=_export_prepared_downloads,
            erase=_erase_prepared_downloads,
            order=30,
            position=85,
            title=_("Vorbereitete Dateien"),
            description=_(
                "Berichte und Tabellen, die Sie in den letzten 24 Stunden angefordert haben, ohne "
                "die Dateien selbst. Sie werden nach einem Tag gelöscht, beim Löschen Ihres "
                "Kontos sofort."
            ),
        )
        personal_data.register(
            "second_factors",
            export=_export_second_factors,
            erase=_erase_second_factors,
            order=20,
            position=60,
            title=_("Zwei-Faktor-Anmeldung"),
            description=_(
                "Welche zweiten Faktoren Sie eingerichtet haben und wann sie zuletzt benutzt "
                "wurden, ohne die Geheimnisse selbst. Wird beim Löschen entfernt."
            ),
        )
        from .oidc.accounts import erase_linked_identities, export_linked_identities

        personal_data.register(
            "linked_identities",
            export=export_linked_identities,
            erase=erase_linked_identities,
            order=20,
            position=65,
            title=_("Verknüpfte Identitätsanbieter"),
            description=_(
                "Bei welchem Identitätsanbieter Ihrer Organisation Sie sich anmelden, mit Ihrer "
                "Kennung dort. Wird beim Löschen entfernt."
            ),
        )
        personal_data.register(
            "audit_log",
            export=audit.export_audit_events,
            erase=audit.erase_audit_identity,
            order=900,
            position=90,
            title=_("Sicherheitsprotokoll"),
            description=_(
                "Anmeldungen, Abmeldungen, Passwortänderungen, Rollen, Einladungen und Exporte "
                "mit Zeitpunkt und IP-Adresse. Beim Löschen bleibt nur das Ereignis erhalten, "
                "ohne Ihre Adresse, Ihre IP-Adresse und Ihren Namen."
            ),
        )


def _export_consents(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": c.kind,
            "version": c.version,
            "given_at": c.given_at.isoformat(),
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in user.consents.all()
    ]


def _erase_consents(user: Any) -> None:
    user.consents.all().delete()


def _outgoing_mail(user: Any) -> Any:
    from .models import OutgoingMail

    return OutgoingMail.objects.filter(to__iexact=user.email) if user.email else None


def _export_outgoing_mail(user: Any) -> list[dict[str, Any]]:
    rows = _outgoing_mail(user)
    return [
        {
            "kind": m.kind,
            "created_at": m.created_at.isoformat(),
            "failed_at": m.failed_at.isoformat() if m.failed_at else None,
        }
        for m in (rows if rows is not None else [])
    ]


def _erase_outgoing_mail(user: Any) -> None:
    rows = _outgoing_mail(user)
    if rows is not None:
        rows.delete()


def _export_second_factors(user: Any) -> list[dict[str, Any]]:
    from allauth.mfa.models import Authenticator

    return [
        {
            "type": a.type,
            "created_at": a.created_at.isoformat(),
            "last_used_at": a.last_used_at.isoformat() if a.last_used_at else None,
        }
        for a in Authenticator.objects.filter(user=user)
    ]


def _erase_second_factors(user: Any) -> None:
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=user).delete()


def _export_prepared_downloads(user: Any) -> list[dict[str, Any]]:
    from .models import PreparedDownload

    return [
        {"label": d.label, "requested_at": d.requested_at.isoformat(), "status": d.status}
        for d in PreparedDownload.objects.filter(user=user).order_by("requested_at")
    ]


def _erase_prepared_downloads(user: Any) -> None:
    from .prepared import remove_for

    remove_for(user)
