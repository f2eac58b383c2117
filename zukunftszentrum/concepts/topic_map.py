"""The bridge from the catalogue to the needs analysis, read from `content/concepts/
topic_map.yaml`: which needs topics a competence covers and how fully, which trainer area
teaches it, and which module formats serve a learning format the companies asked for.
Pure: no Django; every error names file, line and field (core.content_yaml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from zukunftszentrum.core.content_yaml import ContentError, Node, Text, read

MODULE_FORMATS = ("self_learning", "webinar", "workshop", "inhouse_lab", "blended")


@dataclass(frozen=True)
class TopicMap:
    topics: tuple[str, ...]
    topic_names: Mapping[str, Text]
    areas: Mapping[str, Text]  # trainer area id -> name, in file order
    competence_area: Mapping[str, str]
    competence_topics: Mapping[str, Mapping[str, float]]
    formats: Mapping[str, tuple[str, ...]]  # survey format -> module formats

    def module_topics(self, competences: Mapping[str, int]) -> dict[str, float]:
        """How fully one run of a module covers each topic: its best competence's share, scaled
        by the level the module reaches (level 1 three quarters, level 2 and above fully)."""
        out: dict[str, float] = {}
        for competence, level in competences.items():
            factor = min(1.0, 0.5 + 0.25 * int(level))
            for topic, share in self.competence_topics.get(competence, {}).items():
                out[topic] = max(out.get(topic, 0.0), round(share * factor, 4))
        return out

    def module_area(self, competences: Mapping[str, int]) -> str:
        """The trainer area of a module: that of the competence it teaches to the highest
        level (the first in file order on a tie); the first area if none is known."""
        known = [(c, int(level)) for c, level in competences.items() if c in self.competence_area]
        if not known:
            return next(iter(self.areas))
        order = list(self.competence_area)
        best = max(known, key=lambda cl: (cl[1], -order.index(cl[0])))
        return self.competence_area[best[0]]

    def format_shares(self, survey_shares: Mapping[str, float]) -> dict[str, float]:
        """Survey shares per learning format (multiple choice, so they sum past 1) as shares
        per module format summing to 1: each survey format's share split evenly over the
        module formats that serve it. Empty when nobody named a format."""
        total = sum(v for k, v in survey_shares.items() if k in self.formats and v > 0)
        if total <= 0:
            return {}
        out: dict[str, float] = {}
        for survey, share in survey_shares.items():
            served = self.formats.get(survey, ())
            if share <= 0 or not served:
                continue
            for module_format in served:
                out[module_format] = out.get(module_format, 0.0) + share / total / len(served)
        return out


def load(path: Path | str) -> TopicMap:
    """Read and check the topic map; a ContentError names file, line and field."""
    root = Node(read(path), str(path), "", 1)
    root.check_keys({"topics", "trainer_areas", "competences", "formats"})
    names: dict[str, Text] = {}
    for node in root.children("topics"):
        node.check_keys({"id", "name"})
        topic = node.string("id")
        if topic in names:
            raise node.error(f"topic {topic!r} appears twice", "id")
        names[topic] = node.text("name")
    topics = list(names)
    areas: dict[str, Text] = {}
    for node in root.children("trainer_areas"):
        node.check_keys({"id", "name"})
        area = node.string("id")
        if area in areas:
            raise node.error(f"trainer area {area!r} appears twice", "id")
        areas[area] = node.text("name")
    competences = root.child("competences")
    area_of: dict[str, str] = {}
    topic_shares: dict[str, dict[str, float]] = {}
    for competence in competences.data:
        node = competences.child(competence)
        node.check_keys({"area", "topics"})
        area = node.string("area")
        if area not in areas:
            raise node.error(f"unknown trainer area {area!r}", "area")
        shares = node.child("topics")
        topic_shares[competence] = {}
        for topic in shares.data:
            if topic not in topics:
                raise shares.error(f"unknown topic {topic!r}", topic)
            share = shares.get(topic, (int, float))
            if not 0 < share <= 1:
                raise shares.error("must be above 0 and at most 1", topic)
            topic_shares[competence][topic] = float(share)
        area_of[competence] = area
    formats_node = root.child("formats")
    formats: dict[str, tuple[str, ...]] = {}
    for survey in formats_node.data:
        served = []
        for value, field, line in formats_node.raw_children(survey):
            if value not in MODULE_FORMATS:
                raise ContentError(str(path), line, field, f"unknown module format {value!r}")
            served.append(value)
        formats[survey] = tuple(served)
    return TopicMap(tuple(topics), names, areas, area_of, topic_shares, formats)
