"""Load and validate instrument and framework files. Pure: no Django imports.

Every error is a `ContentError` naming file, line and field path, e.g.
`content/instruments/readiness/2026.1.yaml, line 42, field pages[1].items[3].options: ...`
(list positions count from 0).
"""

from __future__ import annotations

import re
from pathlib import Path

from .items import build_item
from .schema import (
    KINDS,
    PERSPECTIVES,
    Catalog,
    Dimension,
    Framework,
    Instrument,
    Item,
    Level,
    Page,
    Recommendation,
)
from .yamlsource import ContentError, Node, parse

__all__ = ["ContentError", "load_catalog", "load_framework", "load_instrument"]

KEY_RE = re.compile(r"^[a-z_]+$")
FRAMEWORK_RE = re.compile(r"^[a-z0-9_-]+$")
ID_RE = re.compile(r"^[a-z0-9_]+$")
REC_ID_RE = re.compile(r"^[a-z0-9_-]+$")
TAG_RE = re.compile(r"^[a-z][a-z0-9_-]*:[^\s:]+$")
LEVEL_COUNT = 5

INSTRUMENT_KEYS = {"key", "version", "kind", "title", "description", "duration_minutes", "pages"}
INSTRUMENT_OPTIONAL = {"anonymous", "perspectives", "dimensions", "dimensions_from", "levels"}
INSTRUMENT_OPTIONAL |= {"recommendations"}


def identifier(node: Node, key: str, pattern: re.Pattern[str]) -> str:
    value = node.string(key)
    if not pattern.match(value):
        raise node.error(f"{value!r} does not match {pattern.pattern}", key)
    return value


def unique(nodes: list[Node], values: list[str], what: str) -> None:
    seen: set[str] = set()
    for node, value in zip(nodes, values, strict=True):
        if value in seen:
            raise node.error(f"duplicate {what} {value!r}")
        seen.add(value)


def positive(node: Node, key: str, default: float) -> float:
    value = node.number(key, default)
    if value <= 0:
        raise node.error("must be greater than 0", key)
    return float(value) if isinstance(value, float) else value


def load_dimensions(
    node: Node, key: str = "dimensions", *, extra: frozenset[str] = frozenset()
) -> tuple[Dimension, ...]:
    nodes = node.children(key)
    dims = []
    for n in nodes:
        n.check_keys({"id", "title"}, {"description", "weight"} | extra)
        dim_id = identifier(n, "id", ID_RE)
        dims.append(
            Dimension(
                dim_id, n.text("title"), n.optional_text("description"), positive(n, "weight", 1)
            )
        )
    unique(nodes, [d.id for d in dims], "dimension id")
    return tuple(dims)


def load_levels(node: Node) -> tuple[Level, ...]:
    nodes = node.children("levels")
    if len(nodes) != LEVEL_COUNT:
        raise node.error(f"exactly {LEVEL_COUNT} levels required, got {len(nodes)}", "levels")
    levels: list[Level] = []
    for number, n in enumerate(nodes, start=1):
        n.check_keys({"level", "min", "label"}, set())
        if n.get("level", int) != number:
            raise n.error(f"expected level {number}", "level")
        minimum = n.number("min")
        if number == 1 and minimum != 0:
            raise n.error("the first level must start at 0", "min")
        if levels and minimum <= levels[-1].min:
            raise n.error("levels must have ascending min values", "min")
        if minimum > 100:
            raise n.error("min must be at most 100", "min")
        levels.append(Level(number, minimum, n.text("label")))
    return tuple(levels)


def load_recommendations(node: Node, dimensions: set[str]) -> tuple[Recommendation, ...]:
    nodes = node.children("recommendations", allow_empty=True)
    recs = []
    for n in nodes:
        n.check_keys({"id", "dimension", "levels", "text"}, {"priority", "tags"})
        dim = n.string("dimension")
        if dim not in dimensions:
            raise n.error(f"unknown dimension {dim!r}", "dimension")
        levels = n.scalars("levels", int)
        if not levels or any(lv not in range(1, LEVEL_COUNT + 1) for lv in levels):
            raise n.error("levels must be a non-empty list of numbers 1 to 5", "levels")
        priority = n.get("priority", int, 1)
        if priority < 1:
            raise n.error("priority must be 1 or more", "priority")
        tags = n.scalars("tags", str)
        for i, tag in enumerate(tags):
            if not TAG_RE.match(tag):
                raise n.error(f"tag {tag!r} must look like prefix:value", f"tags[{i}]")
        rec_id = identifier(n, "id", REC_ID_RE)
        recs.append(
            Recommendation(rec_id, dim, tuple(levels), priority, n.text("text"), tuple(tags))
        )
    unique(nodes, [r.id for r in recs], "recommendation id")
    return tuple(recs)


def load_pages(node: Node, dimensions: set[str]) -> tuple[Page, ...]:
    nodes = node.children("pages")
    earlier: dict[str, Item] = {}
    pages = []
    for n in nodes:
        n.check_keys({"id", "title", "items"}, {"intro"})
        page_id = identifier(n, "id", ID_RE)
        items = []
        for item_node in n.children("items"):
            item = build_item(item_node, dimensions, earlier)
            if item.id in earlier:
                raise item_node.error(f"duplicate item id {item.id!r}", "id")
            earlier[item.id] = item
            items.append(item)
        pages.append(Page(page_id, n.text("title"), tuple(items), n.optional_text("intro")))
    unique(nodes, [p.id for p in pages], "page id")
    return tuple(pages)


# Keys of a framework file that only the learning module reads.
LEARNING_KEYS = ("competence_levels", "alignments")


def _root(path: Path, display: str | None) -> Node:
    shown = display or str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(shown, None, "", f"cannot read the file: {exc}") from exc
    return Node(parse(source, shown), shown, "", 1)


def _dimensions(root: Node, path: Path, frameworks_dir: Path | None) -> tuple[Dimension, ...]:
    if root.has("dimensions") == root.has("dimensions_from"):
        raise root.error("give exactly one of 'dimensions' and 'dimensions_from'")
    if root.has("dimensions"):
        return load_dimensions(root)
    name = identifier(root, "dimensions_from", FRAMEWORK_RE)
    folder = frameworks_dir or path.parent.parent.parent / "frameworks"
    target = folder / f"{name}.yaml"
    if not target.is_file():
        raise root.error(f"no framework file frameworks/{name}.yaml", "dimensions_from")
    return load_framework(target).dimensions


def load_framework(path: Path | str, *, display: str | None = None) -> Framework:
    """Load `content/frameworks/<key>.yaml`: key, version, title, dimensions.

    The competences, their levels and alignments belong to the learning module, which
    validates them itself (learning/competence/framework.py); the self-checks use only the dimensions."""
    path = Path(path)
    root = _root(path, display)
    root.check_keys({"key", "version", "title", "dimensions"}, {"description", *LEARNING_KEYS})
    key = identifier(root, "key", FRAMEWORK_RE)
    if key != path.stem:
        raise root.error(f"key {key!r} must equal the file name {path.stem!r}", "key")
    return Framework(
        key=key,
        version=root.string("version"),
        title=root.text("title"),
        dimensions=load_dimensions(root, extra=frozenset({"competences"})),
        description=root.optional_text("description"),
    )


def load_instrument(
    path: Path | str, *, display: str | None = None, frameworks_dir: Path | None = None
) -> Instrument:
    """Load `content/instruments/<key>/<version>.yaml` and validate it completely."""
    path = Path(path)
    root = _root(path, display)
    root.check_keys(INSTRUMENT_KEYS, INSTRUMENT_OPTIONAL)
    key = identifier(root, "key", KEY_RE)
    if key != path.parent.name:
        raise root.error(f"key {key!r} must equal the folder name {path.parent.name!r}", "key")
    version = root.string("version")
    if version != path.stem:
        raise root.error(f"version {version!r} must equal the file name {path.stem!r}", "version")
    kind = _choice(root, "kind", KINDS)
    duration = root.get("duration_minutes", int)
    if duration < 1:
        raise root.error("must be at least 1", "duration_minutes")
    dimensions = _dimensions(root, path, frameworks_dir)
    dim_ids = {d.id for d in dimensions}
    perspectives = _perspectives(root, kind)
    pages = load_pages(root, dim_ids)
    _check_implied(root, pages, perspectives)
    return Instrument(
        key=key,
        version=version,
        kind=kind,
        title=root.text("title"),
        description=root.text("description"),
        duration_minutes=duration,
        anonymous=root.get("anonymous", bool, False),
        perspectives=perspectives,
        dimensions=dimensions,
        levels=load_levels(root),
        recommendations=load_recommendations(root, dim_ids),
        pages=pages,
        dimensions_from=root.get("dimensions_from", str),
    )


def _check_implied(root: Node, pages: tuple[Page, ...], perspectives: tuple[str, ...]) -> None:
    """An answer implied for a perspective the instrument does not ask would never apply."""
    for page_no, page in enumerate(pages):
        for item_no, item in enumerate(page.items):
            for perspective, _value in item.implied_for:
                if perspectives and perspective not in perspectives:
                    raise root.error(
                        f"{perspective!r} is not one of the instrument's perspectives",
                        f"pages[{page_no}].items[{item_no}].implied_for",
                    )


def _choice(node: Node, key: str, allowed: tuple[str, ...]) -> str:
    value = node.string(key)
    if value not in allowed:
        raise node.error(f"{value!r} is not one of {', '.join(allowed)}", key)
    return value


def _perspectives(root: Node, kind: str) -> tuple[str, ...]:
    values = root.scalars("perspectives", str)
    for i, value in enumerate(values):
        if value not in PERSPECTIVES:
            raise root.error(
                f"{value!r} is not one of {', '.join(PERSPECTIVES)}", f"perspectives[{i}]"
            )
    if kind == "company" and not values:
        raise root.error("a company check needs a non-empty list of perspectives", "perspectives")
    return tuple(values)


def load_catalog(content_root: Path | str) -> Catalog:
    """Every framework and every version of every instrument under `content_root`."""
    root = Path(content_root)
    frameworks_dir = root / "frameworks"
    frameworks = [
        load_framework(p, display=_display(root, p)) for p in _yaml_files(root, frameworks_dir)
    ]
    instruments = [
        load_instrument(p, display=_display(root, p), frameworks_dir=frameworks_dir)
        for p in _yaml_files(root, root / "instruments", nested=True)
    ]
    return Catalog(instruments, frameworks)


def _display(root: Path, path: Path) -> str:
    return str(Path(root.name) / path.relative_to(root))


def _yaml_files(root: Path, folder: Path, nested: bool = False) -> list[Path]:
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if nested and entry.is_dir():
            found.extend(_yaml_files(root, entry))
        elif entry.suffix == ".yml":
            raise ContentError(_display(root, entry), None, "", "use the file extension .yaml")
        elif nested and entry.suffix == ".yaml":
            message = "store it in a folder named after the instrument key"
            raise ContentError(_display(root, entry), None, "", message)
        elif entry.suffix == ".yaml":
            found.append(entry)
    return found
