"""allauth's OpenID Connect provider, with the platform's views (views.py, urls.py).

allauth finds the URLs of a provider class in the package it lives in; settings name this class
as the `openid_connect` provider_class, so its sign-in and callback views are the ones here.
"""

from __future__ import annotations

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from .views import VerifyingOAuth2Adapter


class VerifyingOpenIDConnectProvider(OpenIDConnectProvider):
    oauth2_adapter_class = VerifyingOAuth2Adapter
