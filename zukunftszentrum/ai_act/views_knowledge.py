"""Knowledge pages: fact sheets on AI techniques (public) and the Art. 50 notice templates
(public; a company's lead fills the placeholders with the company's name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.access import public, requires
from zukunftszentrum.organisations.middleware import AnyMemberRequest, MemberRequest
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.queries import access_organisation
from zukunftszentrum.organisations.roles import Capability

from .content_source import LANGUAGES
from .factsheets import render_markdown
from .knowledge import factsheets, notices
from .notices import Notice, fill

LANGUAGE_LABELS = {"de": _("Deutscher Text"), "en": _("Englischer Text")}


def lang() -> str:
    code = (get_language() or "de")[:2]
    return code if code in LANGUAGES else "de"


@dataclass(frozen=True)
class RenderedSection:
    heading: str
    anchor: str
    html: SafeString


@public
def knowledge_index(request: AnyMemberRequest) -> HttpResponse:
    code = lang()
    sheets = [
        {"family": s.family, "title": s.title[code], "summary": s.summary[code], "as_of": s.as_of}
        for s in factsheets().values()
    ]
    return render(request, "ai_act/knowledge/index.html", {"sheets": sheets})


@public
def factsheet(request: AnyMemberRequest, family: str) -> HttpResponse:
    sheet = factsheets().get(family)
    if sheet is None:
        raise Http404("unknown family")
    code = lang()
    # Safe: render_markdown escapes raw HTML and refuses script links (see factsheets.py).
    sections = [
        RenderedSection(s.heading, s.anchor, mark_safe(render_markdown(s.markdown)))  # noqa: S308
        for s in sheet.sections[code]
    ]
    context = {"sheet": sheet, "title": sheet.title[code], "summary": sheet.summary[code]}
    return render(request, "ai_act/knowledge/factsheet.html", context | {"sections": sections})


class ContactForm(forms.Form):
    kontakt = forms.CharField(
        label=_("Kontakt für Rückfragen"),
        help_text=_("Zum Beispiel eine E-Mail-Adresse, eine Telefonnummer oder eine Webadresse."),
        max_length=200,
        required=False,
    )


def notice_cards(values: dict[str, str]) -> list[dict[str, Any]]:
    """What the page shows of each notice, in the current language, its text in both."""
    code = lang()
    return [_card(notice, code, values) for notice in notices().values()]


def _card(notice: Notice, code: str, values: dict[str, str]) -> dict[str, Any]:
    texts = [
        {"lang": tl, "label": LANGUAGE_LABELS[tl], "text": fill(notice.text[tl], values)}
        for tl in LANGUAGES
    ]
    return {
        "id": notice.id,
        "title": notice.title[code],
        "article": notice.article,
        "law": notice.law[code],
        "applies_from": notice.applies_from,
        "applies_when": notice.applies_when[code],
        "placement": notice.placement[code] if notice.placement else "",
        "texts": texts,
    }


@public
def notice_templates(request: AnyMemberRequest) -> HttpResponse:
    member = request.member
    own = (
        member.organisation_id
        if member is not None and Capability.MANAGE_AI_SYSTEMS in request.capabilities
        else None
    )
    context = {"notices": notice_cards({}), "fill_for": own, "organisation": None}
    return render(request, "ai_act/knowledge/notices.html", context)


@requires(Capability.MANAGE_AI_SYSTEMS)
def notice_templates_filled(request: MemberRequest, organisation: int) -> HttpResponse:
    """The notices with the company's name; the contact comes from the form (nothing stored)."""
    org: Organisation = access_organisation(request.member, organisation)
    form = ContactForm(request.GET or None)
    contact = form.cleaned_data["kontakt"] if form.is_valid() else ""
    values = {"company": org.legal_name, "contact": contact}
    context = {"notices": notice_cards(values), "organisation": org, "form": form}
    return render(request, "ai_act/knowledge/notices.html", context | {"fill_for": None})
