"""The shared form markup (core/form_fields.html): each kind of field in KERN's pattern."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string

CHOICES = [("a", "Erste Wahl"), ("b", "Zweite Wahl")]


class Sample(forms.Form):
    name = forms.CharField(label="Name")
    several = forms.MultipleChoiceField(
        label="Mehrere", choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="So viele Sie wollen.",
    )  # fmt: skip
    one = forms.ChoiceField(label="Eine", choices=CHOICES, widget=forms.RadioSelect)
    agreed = forms.BooleanField(label="Einverstanden", required=False)


def _render(data: dict | None = None) -> str:
    return render_to_string("core/form_fields.html", {"form": Sample(data)})


def test_several_checkboxes_are_a_group_with_a_legend_not_text_inputs() -> None:
    html = _render({"name": "x", "several": ["b"], "one": "a"})
    assert '<legend class="kern-label">Mehrere' in html
    for value in ("a", "b"):
        assert f'name="several" value="{value}"' in html
    assert (
        'class="kern-form-check__checkbox" type="checkbox" id="id_several_1" name="several" value="b" checked'
        in html
    )
    assert 'id="id_several_0" name="several" value="a" >' in html  # not chosen
    assert 'aria-describedby="id_several-hint"' in html and "So viele Sie wollen." in html
    # the text-input class made each box as wide as a text field, drawn over the next fields
    boxes = re.findall(r'<input[^>]*name="several"[^>]*>', html)
    assert len(boxes) == 2 and not any("kern-form-input__input" in box for box in boxes)


def test_an_error_on_a_group_is_named_and_linked() -> None:
    form = Sample({"name": "x", "several": ["z"], "one": "a"})
    html = render_to_string("core/form_fields.html", {"form": form})
    assert "kern-fieldset kern-fieldset--error" in html
    assert 'aria-describedby="id_several-hint id_several-error"' in html
    assert 'id="id_several-error" role="alert"' in html


def test_the_empty_choice_of_a_model_field_speaks_german() -> None:
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("de"):
        assert str(BLANK_CHOICE_LABEL) == "– Bitte wählen –"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
