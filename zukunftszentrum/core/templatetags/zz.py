"""Template helpers shared by every app."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from ..navigation import MenuLink, area_menu_for, menu_for

register = template.Library()

_WIDGET_CLASS = {
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "textarea": "kern-form-input__input",
}


@register.simple_tag
def kern_widget(field: BoundField) -> SafeString:
    """Render a field's widget with KERN classes and the ARIA links to its hint and error."""
    css = _WIDGET_CLASS.get(field.widget_type, "kern-form-input__input")
    described = []
    attrs: dict[str, str | bool] = {}
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        css += f" {css}--error"
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    attrs["class"] = css
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[MenuLink]:
    """The main menu's entries as the apps registered them (see core/navigation.py)."""
    user = context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    return menu_for(context.get("request"), signed_in=signed_in)


@register.simple_tag
def area_menu(links: list[MenuLink]) -> MenuLink | None:
    """The current area with its entries, for the second row of the menu (or None)."""
    return area_menu_for(links)
