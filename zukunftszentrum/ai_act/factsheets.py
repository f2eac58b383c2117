"""Fact sheets on how AI techniques work: one Markdown file per technique family under
`content/ai_act/factsheets/<family>.md`. Pure: no Django imports.

A file is a YAML header between `---` lines (family, version, as_of, title, summary, sources),
then the German text after a line `# de` and the English text after a line `# en`. Each language
has exactly the six `## ` sections of SECTION_COUNT, in the same order in both languages. The
loader refuses a file that breaks this, naming file, line and field, so broken content stops the
start (the app loads the folder in `ready()`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from .content_source import LANGUAGES, ContentError, Header, check_url, split_front_matter

# The technique families of the issue, in the order the overview shows them (the first six
# follow the technology fields of the Plattform Lernende Systeme's map, speech split from text).
FAMILIES = (
    "language_text",
    "image_recognition",
    "speech",
    "forecasting",
    "recommendation",
    "robotics_autonomous",
    "data_analysis",
)
SECTION_COUNT = 6  # how it works, uses, data, errors and limits, vendor questions, employees
MIN_WORDS, MAX_WORDS = 600, 1000
VERSION_RE = re.compile(r"^\d{4}\.\d+$")
LAW = "2024/1689"  # a text that names an article must name the regulation it means

HEADER_KEYS = {"family", "version", "as_of", "title", "summary", "sources"}


@dataclass(frozen=True)
class Section:
    heading: str
    anchor: str
    markdown: str


@dataclass(frozen=True)
class Source:
    label: str
    url: str


@dataclass(frozen=True)
class FactSheet:
    family: str
    version: str
    as_of: datetime.date
    title: dict[str, str]
    summary: dict[str, str]
    sources: tuple[Source, ...]
    sections: dict[str, tuple[Section, ...]]  # language -> sections
    words: dict[str, int]


# Raw HTML is escaped (html=False) and markdown-it refuses javascript:, vbscript: and data: links.
_markdown = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> str:
    """Markdown to HTML with raw HTML escaped: content authors cannot inject markup or scripts."""
    return _markdown.render(text)


def anchor(heading: str, taken: set[str]) -> str:
    """A stable id for a heading (lower case ASCII, umlauts spelt out), unique on the page."""
    text = heading.lower()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "abschnitt"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def count_words(text: str) -> int:
    return len(re.findall(r"[0-9A-Za-zÄÖÜäöüß]+(?:[-'\u2019][0-9A-Za-zÄÖÜäöüß]+)*", text))


def _languages(body: str, path: str, first_line: int) -> dict[str, tuple[int, list[str]]]:
    """Split the body at `# de` / `# en` lines: language -> (line of the marker, its lines)."""
    parts: dict[str, tuple[int, list[str]]] = {}
    current: list[str] | None = None
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if re.match(r"^# ", line):
            lang = line[2:].strip()
            expected = LANGUAGES[len(parts)] if len(parts) < len(LANGUAGES) else None
            if lang != expected:
                want = f"'# {expected}'" if expected else "no further '# ' heading"
                raise ContentError(path, number, "body", f"found {line.strip()!r}, expected {want}")
            current = []
            parts[lang] = (number, current)
        elif current is None:
            if line.strip():
                raise ContentError(path, number, "body", "text before the '# de' line")
        else:
            current.append(line)
    if len(parts) < len(LANGUAGES):
        missing = LANGUAGES[len(parts)]
        raise ContentError(
            path, first_line, f"body.{missing}", f"the '# {missing}' part is missing"
        )
    return parts


def _sections(lang: str, marker: int, lines: list[str], path: str) -> tuple[Section, ...]:
    taken: set[str] = set()
    sections: list[tuple[str, list[str]]] = []
    for offset, line in enumerate(lines, start=1):
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip():
            message = "text before the first '## ' section"
            raise ContentError(path, marker + offset, f"body.{lang}", message)
    if len(sections) != SECTION_COUNT:
        message = f"expected {SECTION_COUNT} '## ' sections, found {len(sections)}"
        raise ContentError(path, marker, f"body.{lang}", message)
    result = []
    for heading, body in sections:
        text = "\n".join(body).strip()
        if not heading or not text:
            raise ContentError(path, marker, f"body.{lang}", f"section {heading!r} is empty")
        result.append(Section(heading, anchor(heading, taken), text))
    return tuple(result)


def _sources(header: Header) -> tuple[Source, ...]:
    raw = header.data.get("sources")
    if not isinstance(raw, list) or not raw:
        raise header.error("sources", "must be a non-empty list")
    sources = []
    for i, entry in enumerate(raw):
        field = f"sources[{i}]"
        if not isinstance(entry, dict) or set(entry) - {"label", "url"}:
            raise header.error(field, "each source has a label and a url (and nothing else)")
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            raise header.error(f"{field}.label", "must not be empty")
        sources.append(Source(label.strip(), check_url(header, f"{field}.url", entry.get("url"))))
    return tuple(sources)


def parse_factsheet(text: str, path: str) -> FactSheet:
    """One fact sheet from its file text; ContentError names file, line and field."""
    header, body, body_line = split_front_matter(text, path)
    header.check_keys(HEADER_KEYS)
    family = header.string("family")
    if family not in FAMILIES:
        raise header.error("family", f"unknown family {family!r} (known: {', '.join(FAMILIES)})")
    stem = Path(path).name.removesuffix(".md")
    if stem != family:
        raise header.error("family", f"must equal the file name {stem!r}")
    sections, words = {}, {}
    for lang, (marker, lines) in _languages(body, path, body_line).items():
        sections[lang] = _sections(lang, marker, lines, path)
        text_of_lang = "\n".join(lines)
        words[lang] = count_words(text_of_lang)
        if not MIN_WORDS <= words[lang] <= MAX_WORDS:
            message = f"{words[lang]} words; write {MIN_WORDS} to {MAX_WORDS}"
            raise ContentError(path, marker, f"body.{lang}", message)
        if "Art. " in text_of_lang and LAW not in text_of_lang:
            message = f"names an article but not the regulation (EU) {LAW}"
            raise ContentError(path, marker, f"body.{lang}", message)
    return FactSheet(
        family=family,
        version=header.string("version", VERSION_RE),
        as_of=header.date("as_of"),
        title=header.texts("title"),
        summary=header.texts("summary"),
        sources=_sources(header),
        sections=sections,
        words=words,
    )


def load_factsheets(directory: Path) -> dict[str, FactSheet]:
    """Every family's sheet from `directory`, in FAMILIES order; a missing or unknown file fails."""
    sheets: dict[str, FactSheet] = {}
    for path in sorted(directory.glob("*.md")):
        if path.name == "README.md":  # the folder's description for authors
            continue
        sheet = parse_factsheet(path.read_text(encoding="utf-8"), str(path))
        sheets[sheet.family] = sheet
    for family in FAMILIES:
        if family not in sheets:
            raise ContentError(str(directory / f"{family}.md"), None, "", "the file is missing")
    return {family: sheets[family] for family in FAMILIES}
