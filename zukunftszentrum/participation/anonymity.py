"""The one-time rate protection for anonymous posts, without identity. Pure: no Django.

An anonymous item cannot carry who posted it, so a flood cannot be traced back either. The
limit is a per-project counter for today kept in the person's session only, never with the
content: it says how many anonymous posts the session made today, not which ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

ANONYMOUS_POSTS_PER_DAY = 5
SESSION_KEY = "zz_participation_anonymous"


def allowance(counters: Any, project_id: int, today: dt.date) -> int:
    """How many anonymous posts the session may still make in the project today."""
    entry = (counters or {}).get(str(project_id)) if isinstance(counters, dict) else None
    if not isinstance(entry, list) or len(entry) != 2 or entry[0] != today.isoformat():
        return ANONYMOUS_POSTS_PER_DAY
    return max(0, ANONYMOUS_POSTS_PER_DAY - int(entry[1]))


def counted(counters: Any, project_id: int, today: dt.date) -> dict[str, list[Any]]:
    """The counters after one more anonymous post today; other days are dropped."""
    day = today.isoformat()
    kept = {
        k: v
        for k, v in (counters if isinstance(counters, dict) else {}).items()
        if isinstance(v, list) and len(v) == 2 and v[0] == day
    }
    used = ANONYMOUS_POSTS_PER_DAY - allowance(kept, project_id, today)
    kept[str(project_id)] = [day, used + 1]
    return kept
