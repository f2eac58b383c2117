"""The iCalendar writer: RFC 5545 line rules and the fields calendars rely on."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from zukunftszentrum.learning.catalogue.ical import Event, calendar, escape, fold, utc

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Prompting", "Prompting"),
        ("Hamburg, Raum 2; EG", "Hamburg\\, Raum 2\\; EG"),
        ("a\\b", "a\\\\b"),
        ("Zeile 1\nZeile 2", "Zeile 1\\nZeile 2"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


@pytest.mark.parametrize("length", [10, 75, 76, 200])
def test_fold_keeps_lines_within_75_octets(length: int) -> None:
    line = "SUMMARY:" + "ä" * length
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_utc_converts_berlin_time_and_refuses_naive() -> None:
    assert utc(datetime(2026, 7, 1, 9, 0, tzinfo=BERLIN)) == "20260701T070000Z"
    assert utc(datetime(2026, 1, 15, 9, 0, tzinfo=BERLIN)) == "20260115T080000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        utc(datetime(2026, 1, 15, 9, 0))


def _event(**extra: object) -> Event:
    return Event(
        uid="abc-1@zukunftszentren",
        starts_at=datetime(2027, 1, 15, 9, 0, tzinfo=BERLIN),
        ends_at=datetime(2027, 1, 15, 12, 0, tzinfo=BERLIN),
        summary="Prompting für Einsteiger",
        location="Hamburg, Raum 2",
        **extra,  # type: ignore[arg-type]
    )


def test_request_has_the_fields_calendars_need() -> None:
    text = calendar([_event(organizer="kurs@example.org")], stamp=STAMP, method="REQUEST")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and text.endswith("END:VCALENDAR\r\n")
    for expected in (
        "METHOD:REQUEST",
        "UID:abc-1@zukunftszentren",
        "DTSTAMP:20261201T080000Z",
        "DTSTART:20270115T080000Z",
        "DTEND:20270115T110000Z",
        "SUMMARY:Prompting für Einsteiger",
        "LOCATION:Hamburg\\, Raum 2",
        "STATUS:CONFIRMED",
        "ORGANIZER:mailto:kurs@example.org",
    ):
        assert expected in lines


def test_cancel_marks_the_event_cancelled() -> None:
    text = calendar([_event(cancelled=True, sequence=2)], stamp=STAMP, method="CANCEL")
    assert "METHOD:CANCEL\r\n" in text and "STATUS:CANCELLED\r\n" in text
    assert "SEQUENCE:2\r\n" in text


def test_feed_has_no_method_and_refuses_unknown_methods() -> None:
    assert "METHOD" not in calendar([_event()], stamp=STAMP, name="Zentrum Nord")
    with pytest.raises(ValueError, match="METHOD"):
        calendar([], stamp=STAMP, method="REPLY")
