"""Accessibility scans with axe-core: every page a journey visits is checked against WCAG 2.1 AA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: n.html, summary: n.failureSummary,
    })),
  }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its WCAG 2.1 A/AA violations."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing ({AXE_JS}): run `npm ci` in the repository root.")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's Content-Security-Policy forbids
        # inline scripts, so a <script> tag with axe's source would be refused.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    """A readable list: rule, impact, what to fix, and the offending elements."""
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            summary = (node["summary"] or "").replace("\n", " ")
            lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more element(s)")
    return "\n".join(lines)


def check_a11y(page: Page) -> None:
    """Fail the test with a readable list when the page violates WCAG 2.1 A/AA rules."""
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    if violations:
        pytest.fail(format_violations(page.url, violations), pytrace=False)


# The elements that stick out to the right of the screen, widest first (for the message).
_OVERFLOW = r"""() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      // Content of a box that scrolls on its own does not widen the page, unless it is
      // positioned absolutely and the box is not its containing block (then it escapes).
      const absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      let inside = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
        if (clips && (!absolute || style.position !== 'static')) { inside = true; break; }
        if (absolute && style.position !== 'static') break;  // its containing block, unclipped
      }
      if (!inside) out.push([Math.round(box.right), el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')]);
    }
  }
  out.sort((a, b) => b[0] - a[0]);
  return {page: document.documentElement.scrollWidth, screen: width, elements: out.slice(0, 6)};
}"""


def check_fits(page: Page) -> None:
    """Fail when the page is wider than the screen (it would pan sideways on a phone)."""
    found = page.evaluate(_OVERFLOW)
    if found["page"] > found["screen"] + 1:
        parts = ", ".join(f"{name} (to {right} px)" for right, name in found["elements"])
        pytest.fail(
            f"{page.url} is {found['page']} px wide on a {found['screen']} px screen: {parts}",
            pytrace=False,
        )


def visit(page: Page, url: str) -> Page:
    """Open a URL, expect a successful answer, and check that the page fits the screen's width
    and has no accessibility problems."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.ok, f"{url} answered {response.status}"
    check_fits(page)
    check_a11y(page)
    return page
