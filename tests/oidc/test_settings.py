"""Reading the identity providers from the environment (config/settings/oidc.py): pure, a table."""

from __future__ import annotations

import json

import pytest

from config.settings.oidc import OidcConfigError, providers_from_environ, socialaccount_providers

KEYCLOAK = {
    "ZZ_OIDC_ID": "keycloak",
    "ZZ_OIDC_NAME": "Landesportal",
    "ZZ_OIDC_SERVER_URL": "https://sso.example.org/realms/zz",
    "ZZ_OIDC_CLIENT_ID": "zukunftszentrum",
    "ZZ_OIDC_CLIENT_SECRET": "geheim",
}
ENTRY = {
    "id": "keycloak",
    "name": "Landesportal",
    "server_url": "https://sso.example.org/realms/zz",
    "client_id": "zukunftszentrum",
    "client_secret": "geheim",
}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, []),
        ({"ZZ_OIDC_PROVIDERS": " "}, []),
        (KEYCLOAK, [{**ENTRY, "signup": True}]),
        ({**KEYCLOAK, "ZZ_OIDC_SIGNUP": "0"}, [{**ENTRY, "signup": False}]),
        ({"ZZ_OIDC_PROVIDERS": json.dumps([ENTRY])}, [{**ENTRY, "signup": True}]),
        (
            {"ZZ_OIDC_PROVIDERS": json.dumps([{**ENTRY, "signup": False}, {**ENTRY, "id": "b"}])},
            [{**ENTRY, "signup": False}, {**ENTRY, "id": "b", "signup": True}],
        ),
    ],
)
def test_configured_providers(environ: dict[str, str], expected: list[dict]) -> None:
    assert providers_from_environ(environ) == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"ZZ_OIDC_ID": "keycloak"}, "lacks: name, server_url, client_id, client_secret"),
        ({**KEYCLOAK, "ZZ_OIDC_PROVIDERS": json.dumps([ENTRY])}, "not both"),
        ({"ZZ_OIDC_PROVIDERS": "[{"}, "not valid JSON"),
        ({"ZZ_OIDC_PROVIDERS": json.dumps(ENTRY)}, "must be a JSON list"),
        ({"ZZ_OIDC_PROVIDERS": json.dumps(["x"])}, "#1 is not a JSON object"),
        ({"ZZ_OIDC_PROVIDERS": json.dumps([ENTRY, ENTRY])}, "ids must differ"),
        ({**KEYCLOAK, "ZZ_OIDC_ID": "Key Cloak"}, "lower-case letters"),
        ({**KEYCLOAK, "ZZ_OIDC_SERVER_URL": "sso.example.org"}, "http(s) address"),
        ({"ZZ_OIDC_PROVIDERS": json.dumps([{**ENTRY, "signup": "no"}])}, "true or false"),
    ],
)
def test_incomplete_or_wrong_configuration_stops_the_start(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(OidcConfigError) as error:
        providers_from_environ(environ)
    assert message in str(error.value)


def test_allauth_settings_always_name_the_provider_class_and_require_pkce() -> None:
    empty = socialaccount_providers([], "x.Provider")
    assert empty == {"openid_connect": {"provider_class": "x.Provider", "APPS": []}}
    (app,) = socialaccount_providers(providers_from_environ(KEYCLOAK), "x.Provider")[
        "openid_connect"
    ]["APPS"]
    assert app["provider_id"] == "keycloak"
    assert app["secret"] == "geheim"
    assert app["settings"] == {
        "server_url": "https://sso.example.org/realms/zz",
        "oauth_pkce_enabled": True,
        "signup": True,
    }
