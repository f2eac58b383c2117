"""Filling a page's form as a hurried person would (the load test's and the fault scripts')."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    """The fields of the first POST form of a page, filled as a hurried person would."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str | list[str]] = {}
        self.inside = False
        self.done = False
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post" and not self.done:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "hidden" or (kind in ("radio", "checkbox") and name not in self.data):
                self.data[name] = a.get("value", "")
            elif kind == "number":
                self.data[name] = a.get("min", "1") or "1"
            elif kind in ("text", "email"):
                self.data.setdefault(name, "Lasttest")
        elif tag == "textarea" and name:
            self.data[name] = "Lasttest"
        elif tag == "select" and name:
            self.textarea = name  # take the first option
        elif tag == "option" and self.textarea and a.get("value"):
            self.data.setdefault(self.textarea, a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.textarea = None
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_of(html: str) -> dict[str, str | list[str]]:
    parser = _Form()
    parser.feed(html)
    return parser.data
