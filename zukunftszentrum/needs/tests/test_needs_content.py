"""The needs analysis reads the needs survey by item id: the shipped instrument must keep them."""

from __future__ import annotations

from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.needs.queries import TOPIC_PREFIX

TOPICS = {
    "topic_basics",
    "topic_genai_office",
    "topic_data",
    "topic_production",
    "topic_customer_service",
    "topic_law",
    "topic_codetermination",
    "topic_change",
    "topic_vendors",
    "topic_funding",
}
CHOICES = {
    "formats": ("multiple", {"in_person", "live_online", "self_paced", "inhouse_lab", "coaching"}),
    "time_budget": ("single", {"lt2", "2to4", "4to8", "gt8"}),
    "willingness": ("single", {"yes", "maybe", "no"}),
    "obstacles": ("multiple", None),
}


def test_needs_survey_keeps_the_items_the_analysis_reads() -> None:
    survey = catalog().get("needs")
    items = {item.id: item for item in survey.items}
    topics = {i for i in items if i.startswith(TOPIC_PREFIX)}
    assert topics == TOPICS
    assert all(items[t].type == "likert" for t in topics)
    for item_id, (kind, values) in CHOICES.items():
        assert items[item_id].type == kind, item_id
        if values is not None:
            assert set(items[item_id].option_values) == values, item_id
    assert items["participants"].type == "number"
