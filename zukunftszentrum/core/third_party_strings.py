"""Messages of third-party packages that we word differently (formal "Sie" in German).

Listing them here puts them into our catalogs, which Django consults before the packages' own.
Nothing imports this module; `makemessages` reads it.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("You must type the same password each time."),
    gettext_noop("You must type the same email each time."),
    gettext_noop("Your account has no password set up."),
    gettext_noop("Your account has no verified email address."),
    # allauth.mfa's German mixes "du" into these two.
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
]
