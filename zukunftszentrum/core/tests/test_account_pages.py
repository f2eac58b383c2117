"""The account pages (django-allauth) in the product's layout, German, and working end to end."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.core import mail
from django.template import Context, Origin, Template
from django.test import Client
from django.urls import reverse

from zukunftszentrum.organisations.models import User
from zukunftszentrum.organisations.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner)\b", re.IGNORECASE)


def _login(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _main(html: str) -> str:
    """The page's main content, without header and footer."""
    return html.split('<main id="inhalt"', 1)[1].split("</main>", 1)[0]


# --- Login -----------------------------------------------------------------------------------


def test_login_page_uses_the_product_layout_in_german(client: Client) -> None:
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="zz-skip-link"' in html and 'class="zz-header"' in html
    assert '<html lang="de">' in html
    assert "<title>Anmelden · " in html
    assert '<h1 class="kern-heading-large">Anmelden</h1>' in html
    assert html.count("<h1") == 1
    assert 'for="id_login"' in html and 'for="id_password"' in html
    assert "Angemeldet bleiben" in html
    assert f'href="{reverse("account_reset_password")}">Passwort vergessen?</a>' in html
    assert "Einladung" in _main(html)  # no open sign-up: accounts come through invitations
    assert reverse("account_signup") not in html
    assert "Sign In" not in html and "Remember Me" not in html


def test_login_with_the_right_password_signs_in(client: Client) -> None:
    make_user("anna@example.org")
    answer = _login(client, "anna@example.org", PASSWORD)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("organisations:dashboard")
    assert _logged_in(client)


def test_wrong_password_shows_an_alert_and_keeps_the_email(client: Client) -> None:
    make_user("anna@example.org")
    answer = _login(client, "anna@example.org", "not-the-password")
    html = _main(answer.content.decode())
    assert answer.status_code == 200
    assert not _logged_in(client)
    assert 'class="kern-alert kern-alert--danger zz-account__alert" role="alert"' in html
    assert "Passwort sind leider falsch" in html
    assert re.search(r'<input type="email" name="login" value="anna@example.org"', html)
    assert 'value="not-the-password"' not in html  # a password is never echoed back


def test_a_missing_email_is_marked_at_the_field(client: Client) -> None:
    html = _main(_login(client, "", "irrelevant").content.decode())
    assert 'id="id_login-error"' in html
    assert re.search(r'<input type="email" name="login"[^>]*aria-invalid="true"', html)
    assert re.search(
        r'<input type="email" name="login"[^>]*aria-describedby="id_login-error"', html
    )


# --- Sign-up is closed -----------------------------------------------------------------------


def test_signup_url_explains_invitations(client: Client) -> None:
    html = _main(client.get(reverse("account_signup")).content.decode())
    assert "Ein Konto erhalten Sie mit einer Einladung" in html
    assert "Geschäftsführung" in html and "Zukunftszentrum" in html
    assert f'href="{reverse("account_login")}"' in html
    assert "<form" not in html


def test_signup_post_creates_no_account(client: Client) -> None:
    before = User.objects.count()
    answer = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "ein-langes-passwort-42",
            "password2": "ein-langes-passwort-42",
        },
    )
    assert answer.status_code == 200
    assert "Ein Konto erhalten Sie mit einer Einladung" in answer.content.decode()
    assert User.objects.count() == before
    assert not User.objects.filter(email="new@example.org").exists()
    assert not _logged_in(client)


# --- Password reset --------------------------------------------------------------------------


def _request_reset(client: Client, email: str):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_password_reset_round_trip(client: Client) -> None:
    make_user("anna@example.org")
    answer = _request_reset(client, "anna@example.org")
    assert answer["Location"] == reverse("account_reset_password_done")
    assert "Postfach" in client.get(answer["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "Neues Passwort für Ihr Konto" in message.subject
    assert message.body.startswith("Guten Tag,")
    assert "nur einmal" in message.body
    assert not INFORMAL.search(message.body), message.body
    link = re.search(r"https?://\S+", message.body).group(0)

    opened = client.get(link)  # allauth moves the key into the session and redirects
    assert opened.status_code == 302
    form_page = client.get(opened["Location"])
    assert "Neues Passwort festlegen" in form_page.content.decode()

    new_password = "Sommer-im-Garten-2026"
    done = client.post(opened["Location"], {"password1": new_password, "password2": new_password})
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    assert "Jetzt anmelden" in client.get(done["Location"]).content.decode()

    fresh = Client()
    assert _login(fresh, "anna@example.org", PASSWORD).status_code == 200  # old one no longer works
    assert not _logged_in(fresh)
    assert _login(fresh, "anna@example.org", new_password).status_code == 302
    assert _logged_in(fresh)


def test_a_used_reset_link_says_so_and_offers_a_new_one(client: Client) -> None:
    make_user("anna@example.org")
    _request_reset(client, "anna@example.org")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    target = client.get(link)["Location"]
    client.post(
        target, {"password1": "Sommer-im-Garten-2026", "password2": "Sommer-im-Garten-2026"}
    )

    html = _main(Client().get(link).content.decode())
    assert "Dieser Link gilt nicht mehr" in html
    assert f'href="{reverse("account_reset_password")}"' in html


def test_mismatched_new_passwords_are_marked_at_the_field(client: Client) -> None:
    make_user("anna@example.org")
    _request_reset(client, "anna@example.org")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    target = client.get(link)["Location"]
    html = _main(
        client.post(
            target, {"password1": "Sommer-im-Garten-2026", "password2": "anders"}
        ).content.decode()
    )
    assert 'id="id_password2-error"' in html
    assert "kern-form-input--error" in html


def test_reset_for_an_unknown_address_points_to_invitations_not_signup(client: Client) -> None:
    _request_reset(client, "nobody@example.org")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "kein Konto" in body and "Einladung" in body
    assert reverse("account_signup") not in body
    assert not INFORMAL.search(body), body


# --- Logout ----------------------------------------------------------------------------------


def test_logout_page_asks_and_get_does_not_log_out(client: Client) -> None:
    client.force_login(make_user())
    html = _main(client.get(reverse("account_logout")).content.decode())
    assert f'<form method="post" action="{reverse("account_logout")}"' in html
    assert "Jetzt abmelden" in html
    assert _logged_in(client)


def test_logout_by_post_logs_out(client: Client) -> None:
    client.force_login(make_user())
    answer = client.post(reverse("account_logout"))
    assert answer.status_code == 302
    assert not _logged_in(client)
    assert "Sie haben sich abgemeldet." in client.get(answer["Location"]).content.decode()


# --- Signed-in account pages -----------------------------------------------------------------


def test_password_change_needs_a_login(client: Client) -> None:
    answer = client.get(reverse("account_change_password"))
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("account_login"))


def test_password_change_marks_a_wrong_current_password(client: Client) -> None:
    client.force_login(make_user())
    html = _main(
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": "falsch",
                "password1": "Neu-und-lang-2026",
                "password2": "Neu-und-lang-2026",
            },
        ).content.decode()
    )
    assert '<h1 class="kern-heading-large">Passwort ändern</h1>' in html
    assert re.search(r'name="oldpassword"[^>]*aria-invalid="true"', html)
    assert 'id="id_oldpassword-error"' in html


def test_password_change_works(client: Client) -> None:
    user = make_user()
    client.force_login(user)
    answer = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Neu-und-lang-2026",
            "password2": "Neu-und-lang-2026",
        },
    )
    assert answer.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neu-und-lang-2026")


def test_email_page_shows_only_the_persons_own_addresses(client: Client) -> None:
    anna, other = make_user("anna@example.org"), make_user("other@example.org")
    EmailAddress.objects.create(user=other, email="other@example.org", primary=True, verified=True)
    client.force_login(anna)
    html = _main(client.get(reverse("account_email")).content.decode())
    assert '<legend class="kern-label">Ihre Adressen</legend>' in html
    assert "anna@example.org" in html
    assert "other@example.org" not in html

    client.post(reverse("account_email"), {"email": "other@example.org", "action_remove": ""})
    assert EmailAddress.objects.filter(user=other, email="other@example.org").exists()


def test_inactive_and_reauthenticate_pages_are_german(client: Client) -> None:
    assert (
        "Dieses Konto ist nicht aktiv" in client.get(reverse("account_inactive")).content.decode()
    )
    client.force_login(make_user())
    html = _main(client.get(reverse("account_reauthenticate")).content.decode())
    assert "Bitte bestätigen Sie, dass Sie es sind" in html
    assert 'for="id_password"' in html


# --- allauth's building blocks, for pages we do not override ---------------------------------


class _Sample(forms.Form):
    email = forms.EmailField(label="E-Mail-Adresse", help_text="Ihre Adresse bei der Arbeit")


def test_elements_render_kern_markup() -> None:
    form = _Sample(data={"email": "kein-at"})
    html = Template(
        "{% load allauth %}"
        '{% element form method="post" action="/x/" %}{% slot body %}'
        "{% element fields form=form %}{% endelement %}{% endslot %}"
        '{% slot actions %}{% element button type="submit" %}Los{% endelement %}'
        '{% element button href="/back/" tags="link,cancel" %}Zurück{% endelement %}{% endslot %}'
        "{% endelement %}"
        "{% element h1 %}Titel{% endelement %}"
        '{% element alert tags="warning" %}{% slot message %}Achtung{% endslot %}{% endelement %}',
        origin=Origin(name="sample.html", template_name="sample.html"),
    ).render(Context({"form": form}))
    assert '<form method="post" action="/x/" class="zz-form zz-account__form" novalidate>' in html
    assert 'class="kern-form-input kern-form-input--error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert 'class="kern-btn kern-btn--primary" type="submit"' in html
    assert '<a class="kern-btn kern-btn--tertiary" href="/back/">' in html
    assert '<h1 class="kern-heading-large">Titel</h1>' in html
    assert "kern-alert kern-alert--warning" in html


def test_a_deactivated_person_is_told_whom_to_ask(client: Client) -> None:
    user = make_user("anna@example.org")
    user.is_active = False
    user.save()
    answer = _login(client, "anna@example.org", PASSWORD)
    assert not _logged_in(client)
    assert answer.status_code == 302 and answer["Location"] == reverse("account_inactive")
    html = _main(client.get(answer["Location"]).content.decode())
    assert "Zukunftszentrum" in html and "Geschäftsführung" in html


def test_adding_an_address_sends_a_formal_confirmation_that_works(client: Client) -> None:
    user = make_user("anna@example.org")
    client.force_login(user)
    client.post(reverse("account_email"), {"email": "anna@privat.example", "action_add": ""})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in mail.outbox[0].subject
    assert not INFORMAL.search(body), body
    link = re.search(r"https?://\S+", body).group(0)
    page = _main(client.get(link).content.decode())
    assert "<strong>anna@privat.example</strong>" in page
    client.post(link)
    assert EmailAddress.objects.get(user=user, email="anna@privat.example").verified


def test_an_invalid_confirmation_link_points_to_the_email_page(client: Client) -> None:
    html = _main(
        client.get(reverse("account_confirm_email", args=["kein-schluessel"])).content.decode()
    )
    assert "abgelaufen oder ungültig" in html
    assert f'href="{reverse("account_email")}"' in html
