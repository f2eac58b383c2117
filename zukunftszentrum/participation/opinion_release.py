"""Releasing the opinion map in batches, and a released map as stored data. Pure: no Django.

The map a project's people see is the latest *release*: computed once, stored, and never
recomputed on a page view, so reloading before and after one more vote teaches nothing. A new
release needs at least the minimum group size of people whose votes are new or changed since
the previous release (`check`): the difference between two releases then stems from at least
that many people. Which people changed is found from a keyed digest of each placed person's
votes, stored with the release (`digests`); the digest reveals nothing without the key.
Residual risk and method: docs/methods/opinion-map.md, "Releases".
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from zukunftszentrum.core.disclosure import Published, Reason, Unit

from .opinion_map import (
    Direction,
    Dividing,
    Group,
    MapReason,
    OpinionMap,
    StatementShares,
    Vote,
)


@dataclass(frozen=True)
class ReleaseCheck:
    """Whether a release may be made now. `changed` is a raw count of people: it decides, and
    is never shown."""

    due: bool
    changed: int


def vote_digest(key: bytes, votes: Iterable[tuple[Hashable, int]]) -> str:
    """A keyed digest of one person's votes (statement, value), independent of their order."""
    text = ";".join(sorted(f"{statement}={value}" for statement, value in votes))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:32]


def digests(key: bytes, votes: Sequence[Vote], placed: Iterable[Hashable]) -> dict[str, str]:
    """Participant (as text) -> digest of their votes, for the participants the map places."""
    chosen = set(placed)
    by_person: dict[Hashable, list[tuple[Hashable, int]]] = defaultdict(list)
    for v in votes:
        if v.participant in chosen:
            by_person[v.participant].append((v.statement, v.value))
    return {str(p): vote_digest(key, rows) for p, rows in by_person.items()}


def changed_people(now: Mapping[str, str], before: Mapping[str, str]) -> int:
    """People whose row of the map differs from the previous release: placed for the first
    time, with other votes than then, or no longer placed."""
    differs = sum(1 for person, digest in now.items() if before.get(person) != digest)
    return differs + sum(1 for person in before if person not in now)


def check(now: Mapping[str, str], before: Mapping[str, str] | None, minimum: int) -> ReleaseCheck:
    """A release is due when at least `minimum` people changed since the previous one (the
    first release: when at least `minimum` people are placed)."""
    changed = changed_people(now, before or {})
    return ReleaseCheck(changed >= minimum, changed)


# --- the released map as JSON ---------------------------------------------------------------


def _published(p: Published) -> dict[str, Any]:
    return {
        k: (str(v) if k in ("unit", "reason") and v is not None else v)
        for k, v in asdict(p).items()
    }


def _shares(s: StatementShares) -> dict[str, Any]:
    return {
        "statement": str(s.statement),
        "agree": _published(s.agree),
        "disagree": _published(s.disagree),
    }


def to_data(m: OpinionMap, texts: Mapping[Hashable, str]) -> dict[str, Any]:
    """The map and the texts of its statements as JSON-ready data (stored with the release)."""
    return {
        "participants": _published(m.participants),
        "left_out": _published(m.left_out),
        "reason": str(m.reason) if m.reason else None,
        "groups": [
            {
                "label": g.label,
                "size": _published(g.size),
                "dividing": [
                    {
                        "statement": str(d.statement),
                        "direction": str(d.direction),
                        "group": _shares(d.group),
                        "others": _shares(d.others),
                    }
                    for d in g.dividing
                ],
            }
            for g in m.groups
        ],
        "uniting": [_shares(s) for s in m.uniting],
        "texts": {str(k): v for k, v in texts.items()},
    }


def _published_from(d: Mapping[str, Any]) -> Published:
    return Published(
        unit=Unit(d["unit"]),
        value=d.get("value"),
        count=d.get("count"),
        low=d.get("low"),
        high=d.get("high"),
        reason=Reason(d["reason"]) if d.get("reason") else None,
    )


def _shares_from(d: Mapping[str, Any]) -> StatementShares:
    return StatementShares(
        d["statement"], _published_from(d["agree"]), _published_from(d["disagree"])
    )


def from_data(data: Mapping[str, Any]) -> tuple[OpinionMap, dict[str, str]]:
    """A stored map back as an `OpinionMap` (statements by their id as text) and its texts."""
    groups = tuple(
        Group(
            g["label"],
            _published_from(g["size"]),
            tuple(
                Dividing(
                    d["statement"],
                    Direction(d["direction"]),
                    _shares_from(d["group"]),
                    _shares_from(d["others"]),
                )
                for d in g["dividing"]
            ),
        )
        for g in data["groups"]
    )
    result = OpinionMap(
        _published_from(data["participants"]),
        _published_from(data["left_out"]),
        groups,
        tuple(_shares_from(s) for s in data["uniting"]),
        MapReason(data["reason"]) if data.get("reason") else None,
    )
    return result, dict(data.get("texts", {}))
