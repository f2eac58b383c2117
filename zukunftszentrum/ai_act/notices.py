"""Art. 50 notice templates (transparency towards people): one YAML file per notice under
`content/ai_act/templates/<id>.yaml`. Pure: no Django imports.

Each notice names its article and the version of the law, says when it applies, and gives a short
text in German and English with the placeholders {company} and {contact}, filled for a company by
`fill`. The loader refuses a file that breaks this, naming file, line and field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .content_source import LANGUAGES, ContentError, Header, parse_yaml

# The notices the issue asks for, in the order the page shows them.
NOTICES = ("chatbot", "deep_fake", "public_text", "emotion_biometric")
PLACEHOLDERS = ("company", "contact")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]*)\}")
ARTICLE_RE = re.compile(r"^Art\. 50\([1-5]\)$")
VERSION_RE = re.compile(r"^\d{4}\.\d+$")

KEYS = {"id", "version", "article", "law", "applies_from", "title", "applies_when", "text"}
OPTIONAL = {"placement"}


@dataclass(frozen=True)
class Notice:
    id: str
    version: str
    article: str
    law: dict[str, str]
    applies_from: datetime.date
    title: dict[str, str]
    applies_when: dict[str, str]
    text: dict[str, str]
    placement: dict[str, str] | None


def _placeholders(header: Header, key: str, texts: dict[str, str]) -> None:
    """Only known placeholders, and the same ones in both languages."""
    found = {}
    for lang in LANGUAGES:
        names = set(PLACEHOLDER_RE.findall(texts[lang]))
        unknown = names - set(PLACEHOLDERS)
        if unknown:
            allowed = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            raise header.error(
                f"{key}.{lang}",
                f"unknown placeholder {{{sorted(unknown)[0]}}} (allowed: {allowed})",
            )
        found[lang] = names
    if found["de"] != found["en"]:
        raise header.error(f"{key}.en", "uses other placeholders than the German text")


def parse_notice(text: str, path: str) -> Notice:
    """One notice template from its file text; ContentError names file, line and field."""
    header = parse_yaml(text, path)
    header.check_keys(KEYS, OPTIONAL)
    notice_id = header.string("id")
    if notice_id not in NOTICES:
        raise header.error("id", f"unknown notice {notice_id!r} (known: {', '.join(NOTICES)})")
    if Path(path).stem != notice_id:
        raise header.error("id", f"must equal the file name {Path(path).stem!r}")
    law = header.texts("law")
    for lang in LANGUAGES:
        if "2024/1689" not in law[lang]:
            raise header.error(f"law.{lang}", "must name Regulation (EU) 2024/1689 and its version")
    texts = header.texts("text")
    _placeholders(header, "text", texts)
    return Notice(
        id=notice_id,
        version=header.string("version", VERSION_RE),
        article=header.string("article", ARTICLE_RE),
        law=law,
        applies_from=header.date("applies_from"),
        title=header.texts("title"),
        applies_when=header.texts("applies_when"),
        text=texts,
        placement=header.texts("placement") if "placement" in header.data else None,
    )


def load_notices(directory: Path) -> dict[str, Notice]:
    """Every notice from `directory`, in NOTICES order; a missing or unknown file fails."""
    notices: dict[str, Notice] = {}
    for path in sorted(directory.glob("*.yaml")):
        notice = parse_notice(path.read_text(encoding="utf-8"), str(path))
        notices[notice.id] = notice
    for notice_id in NOTICES:
        if notice_id not in notices:
            raise ContentError(
                str(directory / f"{notice_id}.yaml"), None, "", "the file is missing"
            )
    return {notice_id: notices[notice_id] for notice_id in NOTICES}


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the placeholders that have a non-empty value; the others stay visible."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "").strip()
        return value or match.group(0)

    return PLACEHOLDER_RE.sub(replace, text)
