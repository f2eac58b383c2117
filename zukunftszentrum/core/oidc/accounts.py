"""The identities a person linked at identity providers: the audit entries when one is linked
or unlinked (at a first sign-in or on allauth's page "3rdparty"), "Meine Daten" and deletion."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.signals import social_account_added, social_account_removed
from django.dispatch import receiver
from django.http import HttpRequest

from ..audit import record_event
from ..audit_actions import CoreAction


@receiver(social_account_added)
def _on_linked(sender: Any, request: HttpRequest, sociallogin: Any, **kwargs: Any) -> None:
    user = sociallogin.user
    record_event(
        CoreAction.OIDC_LINKED,
        actor=user,
        summary=user.email,
        request=request,
        provider=sociallogin.account.provider,
    )


@receiver(social_account_removed)
def _on_unlinked(sender: Any, request: HttpRequest, socialaccount: Any, **kwargs: Any) -> None:
    user = socialaccount.user
    record_event(
        CoreAction.OIDC_UNLINKED,
        actor=user,
        summary=user.email,
        request=request,
        provider=socialaccount.provider,
    )


def export_linked_identities(user: Any) -> list[dict[str, Any]]:
    """Which provider, the person's identifier there, and when it was linked and last used.
    The claims the provider sent are left out: they repeat the account's own data."""
    return [
        {
            "provider": account.provider,
            "uid": account.uid,
            "linked_at": account.date_joined.isoformat(),
            "last_login": account.last_login.isoformat() if account.last_login else None,
        }
        for account in SocialAccount.objects.filter(user=user).order_by("pk")
    ]


def erase_linked_identities(user: Any) -> None:
    SocialAccount.objects.filter(user=user).delete()
