"""Keyboard only: the skip link comes first and takes focus to the main content."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .axe import check_a11y, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_first_tab_reaches_skip_link_which_moves_focus_to_main(page: Page, url) -> None:
    visit(page, url("core:home"))

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    check_a11y(page)

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert page.url.endswith("#inhalt")

    page.keyboard.press("Tab")
    focused_in_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert focused_in_main, "the next Tab after the skip link should stay inside the main content"
