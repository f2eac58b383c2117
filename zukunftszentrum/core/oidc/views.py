"""The sign-in and callback views of the OpenID Connect provider, checking every ID token.

allauth skips the ID token's signature when the token came straight from the token endpoint
(allowed by OpenID Connect Core 3.1.3.7 over TLS). The platform checks it anyway: a provider
reached without TLS, or a proxy in the way, then cannot hand over a forged identity.
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest, HttpResponse


class VerifyingOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict[str, Any]:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2LoginView.adapter_view(VerifyingOAuth2Adapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as missing:
        raise Http404 from missing


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2CallbackView.adapter_view(VerifyingOAuth2Adapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as missing:
        raise Http404 from missing
