"""Sign-in through an operator's identity provider with OpenID Connect (django-allauth).

The providers come from settings only (config/settings/oidc.py). What the platform adds to
allauth's `openid_connect` provider:

- provider.py, views.py, urls.py: the ID token's signature is always checked against the
  provider's published keys, also when the token came straight from the token endpoint (where
  allauth would skip it, as the specification allows over TLS);
- adapter.py: who may sign in. An identity seen before signs in to its account. A first sign-in
  with an address that belongs to an account links to it only when the provider says the address
  is verified; otherwise the person gets a clear message and nothing is linked. A new person gets
  a new account (unless the provider's `signup` is off) and then the usual consent step. Every
  outcome is written to the audit log;
- accounts.py: the linked identities in "Meine Daten", and their removal with the account.

The second factor is the platform's own: an account with one is asked for it after the provider
(allauth's login stages run for every way of signing in), and admins must have one as before.
A second factor at the provider does not count.
"""
