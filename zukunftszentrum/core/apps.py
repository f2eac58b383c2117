from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zukunftszentrum.core"
    label = "core"
    verbose_name = _("Grundfunktionen")

    def ready(self) -> None:
        from . import audit, personal_data

        del audit  # imported for its signal receivers (login, logout, failed login)
        personal_data.register(
            "consents", export=_export_consents, erase=_erase_consents, order=10
        )
        personal_data.register(
            "security_log", export=_export_audit, erase=_erase_audit, order=900
        )


def _export_consents(user):  # type: ignore[no-untyped-def]
    return [
        {"kind": c.kind, "version": c.version, "given_at": c.given_at.isoformat()}
        for c in user.consents.all()
    ]


def _erase_consents(user):  # type: ignore[no-untyped-def]
    user.consents.all().delete()


def _export_audit(user):  # type: ignore[no-untyped-def]
    from .models import AuditEvent

    return [
        {"at": e.at.isoformat(), "action": e.action, "summary": e.summary}
        for e in AuditEvent.objects.filter(actor=user)[:1000]
    ]


def _erase_audit(user):  # type: ignore[no-untyped-def]
    # The security log keeps what happened, but no longer who: addresses and summaries go.
    from .models import AuditEvent

    from django.db.models import Q

    AuditEvent.objects.filter(
        Q(actor=user) | Q(details__user_id=user.pk) | Q(summary__icontains=user.email)
    ).update(ip_address=None, summary="")
