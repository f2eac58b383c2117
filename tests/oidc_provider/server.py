"""A small OpenID Connect provider for the sign-in tests: Authlib's authorization server on Flask.

Run as its own process on loopback (it shares nothing with the Django project under test):

    python tests/oidc_provider/server.py CONFIG_JSON

It binds 127.0.0.1 on a free port and prints one line, `READY <port>`, once it serves. CONFIG_JSON
names the client (`client_id`, `client_secret`, `redirect_uri`) and the people who can sign in
(`users`: name -> claims such as `email` and `email_verified`). `"foreign_signing_key": true`
signs ID tokens with a key that its key set does not publish, as a forged token would be.

What it offers is what the platform relies on: discovery, the authorization code flow with PKCE
(S256, required), ID tokens signed with RS256, a key set, and userinfo. Signing in at the provider
is a form: a POST to the authorization URL with `username` approves the request as that person.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, request
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

KID = "test-key-1"


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uri: str

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "profile", "email"}
        return " ".join(s for s in (scope or "").split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri == self.redirect_uri

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class User:
    name: str
    claims: dict[str, Any]

    def get_user_id(self) -> str:
        return self.name


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: User
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


@dataclass
class Token:
    access_token: str
    scope: str
    user: User
    client_id: str
    issued_at: float = field(default_factory=time.time)

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return 3600

    def is_expired(self) -> bool:
        return time.time() > self.issued_at + 3600

    def is_revoked(self) -> bool:
        return False

    def get_user(self) -> User:
        return self.user


def create_app(config: dict[str, Any], issuer_holder: list[str]) -> Flask:
    """The provider's Flask app; `issuer_holder[0]` is its address once the port is known."""
    app = Flask(__name__)
    client = Client(config["client_id"], config["client_secret"], config["redirect_uri"])
    users = {name: User(name, claims) for name, claims in config["users"].items()}
    codes: dict[str, AuthorizationCode] = {}
    tokens: dict[str, Token] = {}
    published_key = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig"})
    signing_key = (
        RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig"})
        if config.get("foreign_signing_key")
        else published_key
    )

    def issuer() -> str:
        return issuer_holder[0]

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, req: Any) -> None:
            data = req.payload.data
            codes[code] = AuthorizationCode(
                code=code,
                client_id=req.client.client_id,
                redirect_uri=req.payload.redirect_uri,
                scope=req.payload.scope,
                user=req.user,
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
            )

        def query_authorization_code(self, code: str, client: Client) -> Any:
            found = codes.get(code)
            return found if found and found.client_id == client.client_id else None

        def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
            codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: AuthorizationCode) -> User:
            return authorization_code.user

    class IdToken(OpenIDCode):
        def exists_nonce(self, nonce: str, req: Any) -> bool:
            return any(code.nonce == nonce for code in codes.values())

        def resolve_client_private_key(self, client: Client) -> RSAKey:
            return signing_key

        def get_client_algorithm(self, client: Client) -> str:
            return "RS256"

        def get_client_claims(self, client: Client) -> dict[str, Any]:
            return {"iss": issuer(), "aud": [client.client_id]}

        def get_encode_header(self, client: Client) -> dict[str, str]:
            return {"alg": "RS256", "kid": KID}

        def generate_user_info(self, user: User, scope: str) -> UserInfo:
            return user_info(user, scope)

    class Pkce(CodeChallenge):
        def get_authorization_code_challenge(self, code: AuthorizationCode) -> str | None:
            return code.code_challenge

        def get_authorization_code_challenge_method(self, code: AuthorizationCode) -> str | None:
            return code.code_challenge_method

    def save_token(token: dict[str, Any], req: Any) -> None:
        tokens[token["access_token"]] = Token(
            token["access_token"], token.get("scope", ""), req.user, req.client.client_id
        )

    server = AuthorizationServer(
        app,
        query_client=lambda cid: client if cid == client.client_id else None,
        save_token=save_token,
    )
    server.register_grant(CodeGrant, [Pkce(required=True), IdToken(require_nonce=False)])

    class Bearer(BearerTokenValidator):
        def authenticate_token(self, token_string: str) -> Token | None:
            return tokens.get(token_string)

    protect = ResourceProtector()
    protect.register_token_validator(Bearer())

    @app.get("/.well-known/openid-configuration")
    def discovery() -> Any:
        base = issuer()
        return jsonify(
            issuer=base,
            authorization_endpoint=f"{base}/authorize",
            token_endpoint=f"{base}/token",
            userinfo_endpoint=f"{base}/userinfo",
            jwks_uri=f"{base}/jwks",
            response_types_supported=["code"],
            subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"],
            scopes_supported=["openid", "profile", "email"],
            token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
            code_challenge_methods_supported=["S256"],
        )

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(KeySet([published_key]).as_dict(private=False))

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize() -> Any:
        # PKCE is required of every client here, confidential ones included: a request without
        # an S256 challenge is refused, so a passing sign-in proves the platform sends one.
        if request.args.get("code_challenge_method") != "S256":
            return "PKCE (S256) is required", 400
        if request.method == "GET":
            return '<form method="post"><input name="username"><button>Sign in</button></form>'
        user = users.get(request.form.get("username", ""))
        return server.create_authorization_response(grant_user=user)

    @app.post("/token")
    def token() -> Any:
        return server.create_token_response()

    @app.route("/userinfo", methods=["GET", "POST"])
    @protect("openid")
    def userinfo() -> Any:
        from authlib.integrations.flask_oauth2 import current_token

        return jsonify(user_info(current_token.user, current_token.scope))

    return app


def user_info(user: User, scope: str) -> UserInfo:
    """The claims the scope grants: `sub` always, name and email by scope."""
    info = UserInfo(sub=user.name)
    granted = set(scope.split())
    for claim, value in user.claims.items():
        if claim.startswith("email") and "email" not in granted:
            continue
        if claim in {"name", "given_name", "family_name"} and "profile" not in granted:
            continue
        info[claim] = value
    return info


def main() -> None:
    # Loopback only, and the test's own traffic: Authlib refuses plain HTTP unless told.
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    config = json.loads(sys.argv[1])
    issuer_holder = [""]
    app = create_app(config, issuer_holder)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    issuer_holder[0] = f"http://127.0.0.1:{httpd.server_port}"
    print(f"READY {httpd.server_port}", flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
