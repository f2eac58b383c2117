"""The versions of the AI Act the product applies, from `content/ai_act/laws.yaml`. Pure: no Django.

Two versions: `adopted` (Regulation (EU) 2024/1689 as published) and `omnibus` (as amended by the
Digital Omnibus on AI). A version's status comes from the file; the programme admin can record a
later status (e.g. the Omnibus's publication in the Official Journal) — the Django side applies that
with `LawVersion.with_status`, the file stays the default.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from zukunftszentrum.core.content_yaml import ContentError, Node, Text, read

from .facts import FACT_SCHEMA

LAW_KEYS = ("adopted", "omnibus")
STATUSES = ("in_force", "pending_publication", "published")


@dataclass(frozen=True)
class LawVersion:
    key: str  # adopted | omnibus
    title: Text
    short: Text  # a few words for tables and headings
    status: str  # in_force | pending_publication | published
    url: str  # the official text (EUR-Lex) or, while pending, the best public source
    note: Text | None
    #: the prohibited practices (`facts.FACT_SCHEMA["prohibited"]` values) this version lists
    practices: tuple[str, ...] = ()
    #: named milestones, e.g. "prohibitions": 2025-02-02, "annex_iii": 2026-08-02
    dates: dict[str, datetime.date] = field(default_factory=dict)

    def with_status(self, status: str) -> LawVersion:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        return dataclasses.replace(self, status=status)

    @property
    def is_final(self) -> bool:
        """True once the text is law (in force or published), not only agreed."""
        return self.status != "pending_publication"


def load_laws(path: Path) -> dict[str, LawVersion]:
    """Both law versions by key, in the file's order; ContentError for broken content."""
    root = Node(read(path), str(path), "", 1)
    root.check_keys({"versions"})
    laws: dict[str, LawVersion] = {}
    for n in root.children("versions"):
        n.check_keys(
            {"key", "title", "short", "status", "url", "dates", "prohibited_practices"}, {"note"}
        )
        key = n.string("key")
        if key not in LAW_KEYS:
            raise n.error(f"unknown law version {key!r} (allowed: {', '.join(LAW_KEYS)})", "key")
        if key in laws:
            raise n.error(f"duplicate law version {key!r}", "key")
        status = n.string("status")
        if status not in STATUSES:
            raise n.error(f"unknown status {status!r} (allowed: {', '.join(STATUSES)})", "status")
        url = n.string("url")
        if not url.startswith("https://"):
            raise n.error("must be an https:// link", "url")
        dates_node = n.child("dates")
        dates = {name: dates_node.date(name) for name in dates_node.data}
        if not dates:
            raise n.error("at least one date is required", "dates")
        note = n.text("note") if n.has("note") else None
        practices = n.get("prohibited_practices", list, [])
        for value in practices:
            if value == "none" or value not in FACT_SCHEMA["prohibited"]:  # type: ignore[operator]
                raise n.error(f"unknown prohibited practice {value!r}", "prohibited_practices")
        laws[key] = LawVersion(
            key, n.text("title"), n.text("short"), status, url, note, tuple(practices), dates
        )
    missing = [k for k in LAW_KEYS if k not in laws]
    if missing:
        raise ContentError(str(path), root.line, "versions", f"missing law version {missing[0]!r}")
    return laws


@dataclass(frozen=True)
class Source:
    """Where a question or an obligation stands in the law."""

    article: str  # "Art. 26", "Annex III"
    paragraph: str | None  # "7", "1(f)", "point 4(a)"; None for the whole article
    law: str  # the law version's key
    url: str  # the official text, ideally with an anchor

    def label(self) -> str:
        return f"{self.article} {self.paragraph}" if self.paragraph else self.article


def load_sources(node: Node, key: str = "sources") -> tuple[Source, ...]:
    """A non-empty list of sources; law keys and links are checked."""
    sources = []
    for n in node.children(key):
        n.check_keys({"article", "law", "url"}, {"paragraph"})
        law = n.string("law")
        if law not in LAW_KEYS:
            raise n.error(f"unknown law version {law!r} (allowed: {', '.join(LAW_KEYS)})", "law")
        url = n.string("url")
        if not url.startswith("https://"):
            raise n.error("must be an https:// link", "url")
        paragraph = str(n.data["paragraph"]).strip() if n.has("paragraph") else None
        sources.append(Source(n.string("article"), paragraph, law, url))
    return tuple(sources)
