"""iCalendar (RFC 5545) for offers: the attachment of each email and a centre's public feed.
Pure: no Django imports. A small writer of our own instead of a library: we only write VEVENTs,
and the rules that matter (CRLF, escaping, folding at 75 octets, UTC times) fit on this page.

Every session of an offer is one VEVENT whose UID is the offer's UID plus the session number,
so a calendar replaces the entries when an update arrives (higher SEQUENCE) and removes them on
METHOD:CANCEL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//Zukunftszentren KI//Lernkatalog//DE"


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False
    organizer: str = ""  # an email address, required by METHOD:REQUEST/CANCEL
    attendee: str = ""  # the recipient's email address (emails only, never in a feed)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545 3.1), never inside a
    UTF-8 character; continuation lines begin with a space."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # the leading space takes one octet
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC form (20260512T070000Z)."""
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organizer:
        lines.append(f"ORGANIZER:mailto:{event.organizer}")
    if event.attendee:
        lines.append(f"ATTENDEE;RSVP=FALSE:mailto:{event.attendee}")
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[Event], *, stamp: datetime, method: str | None = None, name: str = ""
) -> str:
    """A VCALENDAR with the events; `method` REQUEST or CANCEL for email, None for a feed."""
    if method not in (None, "REQUEST", "CANCEL", "PUBLISH"):
        raise ValueError(f"unsupported METHOD {method!r}")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
