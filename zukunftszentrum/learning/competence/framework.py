"""The competence framework and the job profiles as validated data. Pure: no Django.

`load_framework(path)` reads `content/frameworks/ai-competence.yaml` (areas -> competences ->
four levels with observable descriptors, aligned to DigComp 3.0 and UNESCO) and
`load_job_profiles(path, framework)` reads `content/learning/job_profiles.yaml` (target levels per
competence). Broken content raises `ContentError` naming file, line and field, like the self-check
content: the YAML reading and the error type are the self-checks' engine's, so both kinds of
content report errors alike. The Django side (`competence/content.py`) loads both once at start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zukunftszentrum.assessments.engine.schema import Text
from zukunftszentrum.assessments.engine.yamlsource import ContentError, Node, parse

__all__ = [
    "LEVELS",
    "Area",
    "Competence",
    "CompetenceFramework",
    "ContentError",
    "JobProfile",
    "load_framework",
    "load_job_profiles",
]

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# The scale: 0 "not yet", then 1-4 (contracts: Kennen ... Anleiten und gestalten).
LEVELS = (1, 2, 3, 4)
MAX_LEVEL = LEVELS[-1]
ALIGNMENT_KINDS = ("digcomp", "unesco")


@dataclass(frozen=True)
class LevelName:
    level: int
    title: Text


@dataclass(frozen=True)
class Alignment:
    """An area of DigComp 3.0 or a dimension of the UNESCO framework (structure only)."""

    kind: str  # one of ALIGNMENT_KINDS
    id: str
    title: Text


@dataclass(frozen=True)
class Competence:
    id: str
    area: str
    title: Text
    digcomp: str
    unesco: str
    descriptors: dict[int, tuple[Text, ...]]  # level 1-4 -> observable descriptors


@dataclass(frozen=True)
class Area:
    id: str
    title: Text
    description: Text | None
    competences: tuple[Competence, ...]


@dataclass(frozen=True)
class CompetenceFramework:
    key: str
    version: str
    title: Text
    levels: tuple[LevelName, ...]
    areas: tuple[Area, ...]
    alignments: dict[tuple[str, str], Alignment]

    @property
    def competences(self) -> tuple[Competence, ...]:
        return tuple(c for area in self.areas for c in area.competences)

    def competence(self, competence_id: str) -> Competence | None:
        return next((c for c in self.competences if c.id == competence_id), None)

    def level_title(self, level: int) -> Text | None:
        return next((n.title for n in self.levels if n.level == level), None)

    def alignment(self, kind: str, alignment_id: str) -> Alignment | None:
        return self.alignments.get((kind, alignment_id))


@dataclass(frozen=True)
class JobProfile:
    id: str
    title: Text
    description: Text
    targets: dict[str, int]  # competence id -> target level 1-4


def _identifier(node: Node, key: str) -> str:
    value = node.string(key)
    if not ID_RE.match(value):
        raise node.error(f"{value!r} does not match {ID_RE.pattern}", key)
    return value


def _unique(nodes: list[Node], values: list[str], what: str) -> None:
    seen: set[str] = set()
    for node, value in zip(nodes, values, strict=True):
        if value in seen:
            raise node.error(f"duplicate {what} {value!r}")
        seen.add(value)


def _level(node: Node, key: str, expected: int | None = None) -> int:
    value = node.get(key, int)
    if value is None:
        raise node.error(f"required key {key!r} is missing", key)
    if value not in LEVELS:
        raise node.error(f"{value!r} is not a level (allowed: 1-{MAX_LEVEL})", key)
    if expected is not None and value != expected:
        raise node.error(f"expected level {expected}", key)
    return int(value)


def _root(path: Path, display: str | None) -> Node:
    shown = display or str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(shown, None, "", f"cannot read the file: {exc}") from exc
    return Node(parse(source, shown), shown, "", 1)


def _level_names(root: Node) -> tuple[LevelName, ...]:
    nodes = root.children("competence_levels")
    if len(nodes) != len(LEVELS):
        raise root.error(f"exactly {len(LEVELS)} levels required", "competence_levels")
    names = []
    for number, node in enumerate(nodes, start=1):
        node.check_keys({"level", "title"}, set())
        names.append(LevelName(_level(node, "level", number), node.text("title")))
    return tuple(names)


def _alignments(root: Node) -> dict[tuple[str, str], Alignment]:
    node = root.child("alignments") if root.has("alignments") else None
    if node is None:
        raise root.error("required key 'alignments' is missing", "alignments")
    node.check_keys(set(ALIGNMENT_KINDS), set())
    found: dict[tuple[str, str], Alignment] = {}
    for kind in ALIGNMENT_KINDS:
        block = node.child(kind)
        block.check_keys({"title", "entries"}, set())
        block.text("title")
        entries = block.children("entries")
        ids = []
        for entry in entries:
            entry.check_keys({"id", "title"}, set())
            ids.append(_identifier(entry, "id"))
            found[(kind, ids[-1])] = Alignment(kind, ids[-1], entry.text("title"))
        _unique(entries, ids, f"{kind} id")
    return found


def _competence(node: Node, area: str, alignments: dict[tuple[str, str], Alignment]) -> Competence:
    node.check_keys({"id", "title", "digcomp", "unesco", "levels"}, set())
    refs = {}
    for kind in ALIGNMENT_KINDS:
        value = node.string(kind)
        if (kind, value) not in alignments:
            known = ", ".join(sorted(i for k, i in alignments if k == kind))
            raise node.error(f"{value!r} is not one of the {kind} entries ({known})", kind)
        refs[kind] = value
    level_nodes = node.children("levels")
    if len(level_nodes) != len(LEVELS):
        raise node.error(f"exactly {len(LEVELS)} levels required", "levels")
    descriptors: dict[int, tuple[Text, ...]] = {}
    for number, level_node in enumerate(level_nodes, start=1):
        level_node.check_keys({"level", "descriptors"}, set())
        level = _level(level_node, "level", number)
        texts = level_node.children("descriptors")
        descriptors[level] = tuple(_descriptor(t) for t in texts)
    return Competence(
        id=_identifier(node, "id"),
        area=area,
        title=node.text("title"),
        digcomp=refs["digcomp"],
        unesco=refs["unesco"],
        descriptors=descriptors,
    )


def _descriptor(node: Node) -> Text:
    node.check_keys({"de", "en"}, set())
    return Text(de=node.string("de").strip(), en=node.string("en").strip())


def load_framework(path: Path | str, *, display: str | None = None) -> CompetenceFramework:
    """Load and validate the competence framework (every competence id unique across areas)."""
    path = Path(path)
    root = _root(path, display)
    root.check_keys(
        {"key", "version", "title", "dimensions", "competence_levels", "alignments"},
        {"description"},
    )
    alignments = _alignments(root)
    area_nodes = root.children("dimensions")
    areas: list[Area] = []
    all_nodes: list[Node] = []
    for area_node in area_nodes:
        area_node.check_keys({"id", "title", "competences"}, {"description", "weight"})
        area_id = _identifier(area_node, "id")
        comp_nodes = area_node.children("competences")
        all_nodes += comp_nodes
        competences = tuple(_competence(n, area_id, alignments) for n in comp_nodes)
        areas.append(
            Area(
                area_id,
                area_node.text("title"),
                area_node.optional_text("description"),
                competences,
            )
        )
    _unique(area_nodes, [a.id for a in areas], "area id")
    _unique(all_nodes, [c.id for a in areas for c in a.competences], "competence id")
    return CompetenceFramework(
        key=root.string("key"),
        version=root.string("version"),
        title=root.text("title"),
        levels=_level_names(root),
        areas=tuple(areas),
        alignments=alignments,
    )


def load_job_profiles(
    path: Path | str, framework: CompetenceFramework, *, display: str | None = None
) -> tuple[JobProfile, ...]:
    """Load the job profiles; every target names a competence of `framework` and a level 1-4."""
    path = Path(path)
    root = _root(path, display)
    root.check_keys({"profiles"}, {"version"})
    nodes = root.children("profiles")
    profiles = []
    for node in nodes:
        node.check_keys({"id", "title", "description", "targets"}, set())
        targets_node = node.child("targets")
        targets: dict[str, int] = {}
        for competence_id in targets_node.data:
            if framework.competence(competence_id) is None:
                raise targets_node.error(
                    f"{competence_id!r} is not a competence of {framework.key} {framework.version}",
                    competence_id,
                )
            targets[competence_id] = _level(targets_node, competence_id)
        if not targets:
            raise node.error("must name at least one target", "targets")
        profiles.append(
            JobProfile(
                id=_identifier(node, "id"),
                title=node.text("title"),
                description=node.text("description"),
                targets=targets,
            )
        )
    _unique(nodes, [p.id for p in profiles], "profile id")
    return tuple(profiles)
