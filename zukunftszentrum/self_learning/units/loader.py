"""Read and validate self-learning units. Pure: no Django.

A unit is `<id>.md` (a YAML header between `---` lines, then sections marked by HTML comments)
and `<id>.quiz.yaml` (the question bank). Every error names the file, the line and the field,
so an author finds the mistake without reading code; the app refuses to start with broken units.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from zukunftszentrum.assessments.engine.schema import Text
from zukunftszentrum.assessments.engine.yamlsource import ContentError, Node, parse

from .schema import AUDIENCES, QUESTION_TYPES, Option, Question, Section, SectionText, Source, Unit

UNIT_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SECTION_ID_RE = UNIT_ID_RE
SECTION_RE = re.compile(r"^<!--\s*section:\s*(?P<id>\S+)\s*-->\s*$")
LANG_RE = re.compile(r"^<!--\s*(?P<lang>de|en)\s*-->\s*$")
COMMENT_RE = re.compile(r"^<!--.*-->\s*$")
# A cited provision: "Art. 4", "Art. 26(7)", "§ 87", "§§ 90".
PROVISION_RE = re.compile(r"(?:\bArt\.|§)\s*\d")
MIN_SECTIONS, MAX_SECTIONS = 4, 7
MIN_MINUTES, MAX_MINUTES = 10, 20
MIN_OPTIONS, MAX_OPTIONS = 3, 5
LEVELS = (1, 2, 3, 4)
# Every bank mixes the kinds of question (units-format.md): at least this many of each.
REQUIRED_TYPES = {"multiple": 1, "ordering": 1, "scenario": 2}
QUIZ_SUFFIX = ".quiz.yaml"


def _read(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(display, None, "", f"cannot read the file: {exc}") from exc


def _split_header(source: str, display: str) -> tuple[str, list[str], int]:
    """(header YAML with its file line numbers kept, body lines, line number of the body's first line)."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(display, 1, "", "the file must start with a '---' line (the header)")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            # A leading newline keeps YAML's line numbers equal to the file's.
            return "\n" + "\n".join(lines[1:index]), lines[index + 1 :], index + 2
    raise ContentError(display, 1, "", "the header has no closing '---' line")


def _competences(root: Node, known: Collection[str]) -> dict[str, int]:
    node = root.child("competences")
    if not node.data:
        raise root.error("name at least one competence", "competences")
    result: dict[str, int] = {}
    for key, level in node.data.items():
        if key not in known:
            raise node.error(f"unknown competence {key!r} (not in the competence framework)", key)
        if isinstance(level, bool) or level not in LEVELS:
            raise node.error(f"{level!r} is not a level (allowed: 1-4)", key)
        result[key] = int(level)
    return result


def _header(text: str, display: str, stem: str, known: Collection[str]) -> Node:
    root = Node(parse(text, display), display, "", 1)
    root.check_keys(
        {
            "id",
            "version",
            "minutes",
            "competences",
            "title",
            "summary",
            "audience",
            "quiz",
            "sources",
        },
        {"law_as_of"},
    )
    unit_id = root.string("id")
    if not UNIT_ID_RE.match(unit_id):
        raise root.error(f"{unit_id!r} is not a unit id (lowercase letters, digits, hyphens)", "id")
    if unit_id != stem:
        raise root.error(f"the id {unit_id!r} differs from the file name {stem!r}", "id")
    return root


def _sections(body: list[str], first_line: int, display: str) -> tuple[Section, ...]:
    """Split the body at `<!-- section: id -->`, each with one `<!-- de -->` then one `<!-- en -->`."""
    raw: list[tuple[str, int, list[tuple[str, int, list[str]]]]] = []
    for offset, line in enumerate(body):
        number = first_line + offset
        stripped = line.strip()
        section = SECTION_RE.match(stripped)
        lang = LANG_RE.match(stripped)
        if section:
            raw.append((section.group("id"), number, []))
        elif lang:
            if not raw:
                raise ContentError(display, number, "", "a language block before any section")
            raw[-1][2].append((lang.group("lang"), number, []))
        elif stripped and not raw:
            raise ContentError(display, number, "", "text before the first '<!-- section: id -->'")
        elif raw and not raw[-1][2] and stripped:
            field = f"sections.{raw[-1][0]}"
            raise ContentError(display, number, field, "text before the '<!-- de -->' block")
        elif raw and raw[-1][2] and not COMMENT_RE.match(stripped):
            raw[-1][2][-1][2].append(line)
    if not MIN_SECTIONS <= len(raw) <= MAX_SECTIONS:
        raise ContentError(
            display,
            first_line,
            "sections",
            f"{len(raw)} sections; a unit has {MIN_SECTIONS}-{MAX_SECTIONS}",
        )
    sections: list[Section] = []
    seen: set[str] = set()
    for section_id, number, blocks in raw:
        field = f"sections.{section_id}"
        if not SECTION_ID_RE.match(section_id):
            raise ContentError(display, number, field, f"{section_id!r} is not a section id")
        if section_id in seen:
            raise ContentError(display, number, field, "duplicate section id")
        seen.add(section_id)
        langs = [b[0] for b in blocks]
        for wanted in ("de", "en"):
            if wanted not in langs:
                raise ContentError(display, number, f"{field}.{wanted}", "language block missing")
        if langs != ["de", "en"]:
            raise ContentError(
                display, number, field, "exactly one '<!-- de -->' block, then one '<!-- en -->'"
            )
        texts = {
            lang: _section_text(lines, at, display, f"{field}.{lang}") for lang, at, lines in blocks
        }
        sections.append(Section(section_id, texts["de"], texts["en"]))
    return tuple(sections)


def _section_text(lines: list[str], at: int, display: str, field: str) -> SectionText:
    content = "\n".join(lines).strip()
    if not content:
        raise ContentError(display, at, field, "the block is empty")
    heading, _newline, rest = content.partition("\n")
    if not heading.startswith("## ") or not heading[3:].strip():
        raise ContentError(display, at + 1, field, "the block must start with a '## ' heading")
    if not rest.strip():
        raise ContentError(display, at + 1, field, "the block has a heading but no text")
    return SectionText(heading[3:].strip(), rest.strip())


def _sources(root: Node) -> tuple[Source, ...]:
    """Links, or plain citations: a court decision cited by court, date and file number is found
    without a link, and a guessed link would be worse than none."""
    sources = []
    for node in root.children("sources"):
        node.check_keys({"title"}, {"url"})
        url = node.get("url", str, "")
        if url and not url.startswith("https://"):
            raise node.error("a source's URL must start with https://", "url")
        sources.append(Source(node.string("title"), url))
    if not any(s.url for s in sources):
        raise root.error("at least one source needs an https:// link", "sources")
    return tuple(sources)


def _law_as_of(root: Node, sections: tuple[Section, ...]) -> Text | None:
    """A unit that cites a provision (Art. …, § …) says which version of the law it was
    written against; a legal statement without its version could not be checked later."""
    law = root.optional_text("law_as_of")
    cites = any(PROVISION_RE.search(text.body) for s in sections for text in (s.de, s.en))
    if cites and law is None:
        raise root.error(
            "the text cites a provision: name the law versions it refers to", "law_as_of"
        )
    return law


def _option(node: Node, qtype: str) -> Option:
    if qtype == "ordering":
        node.check_keys({"id", "text", "feedback"}, set())
        correct = False
    else:
        node.check_keys({"id", "text", "feedback", "correct"}, set())
        correct = node.get("correct", bool)
        if correct is None:
            raise node.error("required key 'correct' is missing", "correct")
    return Option(node.string("id"), node.text("text"), node.text("feedback"), bool(correct))


def _question(node: Node, competences: dict[str, int]) -> Question:
    qtype = node.string("type")
    if qtype not in QUESTION_TYPES:
        raise node.error(f"unknown type {qtype!r} (allowed: {', '.join(QUESTION_TYPES)})", "type")
    node.check_keys(
        {"id", "type", "competence", "text", "options"},
        {"scenario"} if qtype == "scenario" else set(),
    )
    competence = node.string("competence")
    if competence not in competences:
        raise node.error(f"{competence!r} is not one of the unit's competences", "competence")
    scenario = node.text("scenario") if qtype == "scenario" else None
    option_nodes = node.children("options")
    if not MIN_OPTIONS <= len(option_nodes) <= MAX_OPTIONS:
        raise node.error(
            f"{len(option_nodes)} options; a question has {MIN_OPTIONS}-{MAX_OPTIONS}", "options"
        )
    options = tuple(_option(o, qtype) for o in option_nodes)
    _unique(option_nodes, [o.id for o in options], "option id")
    right = sum(o.correct for o in options)
    if qtype in ("single", "scenario") and right != 1:
        message = "no correct option" if right == 0 else f"{right} correct options"
        raise node.error(f"{message}; a {qtype} question has exactly one", "options")
    if qtype == "multiple" and right == 0:
        raise node.error("no correct option; a multiple question has at least one", "options")
    return Question(node.string("id"), qtype, competence, node.text("text"), options, scenario)


def _unique(nodes: list[Node], values: list[str], what: str) -> None:
    seen: set[str] = set()
    for node, value in zip(nodes, values, strict=True):
        if value in seen:
            raise node.error(f"duplicate {what} {value!r}")
        seen.add(value)


def _questions(
    path: Path,
    display: str,
    unit_id: str,
    version: str,
    competences: dict[str, int],
    per_attempt: int,
) -> tuple[Question, ...]:
    root = Node(parse(_read(path, display), display), display, "", 1)
    root.check_keys({"unit", "version", "questions"}, set())
    if root.string("unit") != unit_id:
        raise root.error(f"belongs to unit {root.string('unit')!r}, not {unit_id!r}", "unit")
    if root.string("version") != version:
        raise root.error(f"version differs from the unit's {version!r}", "version")
    nodes = root.children("questions")
    questions = tuple(_question(n, competences) for n in nodes)
    _unique(nodes, [q.id for q in questions], "question id")
    if len(questions) < 2 * per_attempt:
        raise root.error(
            f"{len(questions)} questions; the bank needs at least 2 x per_attempt"
            f" = {2 * per_attempt}",
            "questions",
        )
    for qtype, needed in REQUIRED_TYPES.items():
        if sum(q.type == qtype for q in questions) < needed:
            raise root.error(f"the bank needs at least {needed} {qtype} question(s)", "questions")
    return questions


def load_unit(
    md_path: Path | str,
    quiz_path: Path | str,
    competences: Collection[str],
    *,
    display_root: Path | str | None = None,
) -> Unit:
    """One unit from its two files; `competences` are the framework's competence ids."""
    md_path, quiz_path = Path(md_path), Path(quiz_path)

    def shown(p: Path) -> str:
        return str(Path(display_root) / p.name) if display_root is not None else str(p)

    display = shown(md_path)
    header_text, body, body_line = _split_header(_read(md_path, display), display)
    root = _header(header_text, display, md_path.stem, competences)
    version = root.get("version", str)
    if not version or not version.strip():
        raise root.error('required text, e.g. "2027.1" (in quotes)', "version")
    minutes = root.get("minutes", int)
    if minutes is None or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise root.error(
            f"{minutes!r}: a unit takes {MIN_MINUTES}-{MAX_MINUTES} minutes", "minutes"
        )
    unit_competences = _competences(root, competences)
    audience = root.scalars("audience", str)
    for index, who in enumerate(audience):
        if who not in AUDIENCES:
            raise root.error(
                f"unknown audience {who!r} (allowed: {', '.join(AUDIENCES)})",
                f"audience[{index}]",
                line=root.line_of("audience"),
            )
    quiz = root.child("quiz")
    quiz.check_keys({"per_attempt", "pass_mark"}, set())
    per_attempt = quiz.get("per_attempt", int)
    if not per_attempt or per_attempt < 1:
        raise quiz.error("a positive whole number", "per_attempt")
    pass_mark = quiz.number("pass_mark")
    if pass_mark is None or not 0 < pass_mark <= 1:
        raise quiz.error("a share between 0 (exclusive) and 1, e.g. 0.8", "pass_mark")
    title, summary = root.text("title"), root.text("summary")
    sources = _sources(root)
    sections = _sections(body, body_line, display)
    law_as_of = _law_as_of(root, sections)
    questions = _questions(
        quiz_path, shown(quiz_path), root.string("id"), version, unit_competences, per_attempt
    )
    return Unit(
        id=root.string("id"),
        version=version,
        minutes=int(minutes),
        competences=unit_competences,
        title=title,
        summary=summary,
        audience=tuple(audience),
        sources=sources,
        law_as_of=law_as_of,
        per_attempt=int(per_attempt),
        pass_mark=float(pass_mark),
        sections=sections,
        questions=questions,
    )


def load_units(
    directory: Path | str, competences: Collection[str], *, display_root: Path | str | None = None
) -> dict[str, Unit]:
    """Every unit of a directory, by id; a Markdown file without a bank (or the reverse) is an error."""
    directory = Path(directory)
    shown = Path(display_root) if display_root is not None else directory
    units: dict[str, Unit] = {}
    md_files = sorted(directory.glob("*.md"))
    md_files = [p for p in md_files if p.name.lower() != "readme.md"]
    for quiz in sorted(directory.glob(f"*{QUIZ_SUFFIX}")):
        stem = quiz.name.removesuffix(QUIZ_SUFFIX)
        if not (directory / f"{stem}.md").exists():
            raise ContentError(str(shown / quiz.name), None, "", f"no unit {stem}.md for this bank")
    for md in md_files:
        quiz = directory / f"{md.stem}{QUIZ_SUFFIX}"
        if not quiz.exists():
            raise ContentError(
                str(shown / md.name), None, "", f"the question bank {quiz.name} is missing"
            )
        unit = load_unit(md, quiz, competences, display_root=shown)
        units[unit.id] = unit
    return units
