"""The identities a person linked at identity providers, in "Meine Daten" and on deletion."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.models import SocialAccount


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
