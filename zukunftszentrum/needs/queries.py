"""Reads of the needs analysis: population tables and the inputs of the estimation.

`needs_inputs` reads the submitted responses of the target group in ONE query and folds them into
one row per organisation: its latest needs-survey answers, its latest readiness score and the mean
competence score of its people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zukunftszentrum.assessments.queries import submitted_rows
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.roles import Capability, has_capability
from zukunftszentrum.organisations.sizes import SizeClass

from .models import PopulationTable

NEEDS_KEY = "needs"
READINESS_KEY = "readiness"
COMPETENCE_KEY = "competence"
TOPIC_PREFIX = "topic_"


# --- population tables ---
def population_tables() -> QuerySet[PopulationTable]:
    """All tables with their number of cells and establishments, the active one first."""
    return PopulationTable.objects.select_related("uploaded_by").annotate(
        n_cells=Count("cells"), total=Sum("cells__establishments")
    )


def active_population_table() -> PopulationTable | None:
    return PopulationTable.objects.filter(is_active=True).first()


# --- time windows: [since, until) ---
def quarter_window(year: int, quarter: int) -> tuple[dt.datetime, dt.datetime]:
    """The start of the quarter and the start of the next one (aware, current time zone)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1..4")
    start = dt.datetime(year, 3 * quarter - 2, 1)
    end = dt.datetime(year + 1, 1, 1) if quarter == 4 else dt.datetime(year, 3 * quarter + 1, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def year_window(year: int) -> tuple[dt.datetime, dt.datetime]:
    return timezone.make_aware(dt.datetime(year, 1, 1)), timezone.make_aware(
        dt.datetime(year + 1, 1, 1)
    )


def quarter_label(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Window:
    """A time window of the analysis: a calendar year ("2026") or a quarter ("2026-Q3")."""

    key: str
    year: int
    quarter: int | None = None

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        if self.quarter is None:
            return year_window(self.year)
        return quarter_window(self.year, self.quarter)

    def quarters(self, count: int = 8) -> list[Window]:
        """The `count` quarters ending with this window's last quarter, oldest first."""
        year, quarter = self.year, self.quarter or 4
        out = []
        for _ in range(count):
            out.append(Window(f"{year}-Q{quarter}", year, quarter))
            year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        return out[::-1]


FIRST_YEAR = 2024  # no responses can be older than the platform


def parse_window(key: str | None) -> Window | None:
    """ "2026" or "2026-Q3" -> Window; anything else (or a year out of range) -> None."""
    text = (key or "").strip()
    year_text, sep, quarter_text = text.partition("-Q")
    if not year_text.isdigit() or len(year_text) != 4:
        return None
    year = int(year_text)
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        return None
    if not sep:
        return Window(text, year)
    if quarter_text not in ("1", "2", "3", "4"):
        return None
    return Window(text, year, int(quarter_text))


def current_window() -> Window:
    """The default: the current calendar year."""
    year = timezone.localdate().year
    return Window(str(year), year)


def windows_of(moment: dt.datetime) -> tuple[str, str]:
    """The keys of the year and the quarter a moment falls into."""
    return str(timezone.localtime(moment).year), quarter_label(moment)


def window_choices(count_years: int = 3) -> list[Window]:
    """The years from this one back, each followed by its quarters (latest first)."""
    this_year = timezone.localdate().year
    out = []
    for year in range(this_year, max(FIRST_YEAR, this_year - count_years + 1) - 1, -1):
        out.append(Window(str(year), year))
        out += [Window(f"{year}-Q{q}", year, q) for q in (4, 3, 2, 1)]
    return out


# --- inputs ---
@dataclass
class InputRow:
    organisation_id: int
    land: str
    wz_section: str
    size_class: str
    quarter: str  # of the organisation's latest response in the window
    record_key: int = 0  # the organisation's secret key for disclosure control (never shown)
    topics: dict[str, float | None] = field(default_factory=dict)  # topic id -> 0..100 / None
    formats: tuple[str, ...] = ()
    time_budget: str | None = None
    obstacles: tuple[str, ...] = ()
    willingness: str | None = None
    readiness: float | None = None  # overall score of the latest readiness response
    competence: float | None = None  # mean overall competence score of its people
    has_needs: bool = False
    _latest: dt.datetime | None = field(default=None, repr=False)
    _competence: list[float] = field(default_factory=list, repr=False)


def likert_score(value: Any) -> float | None:
    """A likert answer 1..5 as 0..100; "na", missing or out-of-range answers give None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
        return None
    return (float(value) - 1.0) / 4.0 * 100.0


def needs_inputs(
    *, since: dt.datetime, until: dt.datetime, lands: Sequence[str] | None = None
) -> list[InputRow]:
    """One row per SME organisation with a submitted response in [since, until); one query.

    Streamed in chunks and folded on the way, so memory grows with the organisations, not the
    responses; of a result only its overall score is read from the database.
    """
    rows = submitted_rows(
        instrument_keys=(NEEDS_KEY, READINESS_KEY, COMPETENCE_KEY),
        since=since,
        until=until,
        lands=lands,
        exclude_size_classes=(SizeClass.LARGE.value,),
        chunk_size=CHUNK,
    )
    out = _fold(rows)
    _attach_record_keys(out)
    return out


def _attach_record_keys(rows: Sequence[InputRow]) -> None:
    """Each row's organisation record key (one query per chunk; the keys decide the noise of
    the published figures, see `needs.publication`)."""
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        found = dict(
            Organisation.objects.filter(pk__in=[r.organisation_id for r in chunk]).values_list(
                "pk", "record_key"
            )
        )
        for row in chunk:
            row.record_key = found[row.organisation_id]


CHUNK = 20_000


def _fold(rows: Iterable[tuple[Any, ...]]) -> list[InputRow]:
    by_org: dict[int, InputRow] = {}
    latest: dict[tuple[int, str], dt.datetime] = {}  # (organisation, instrument) -> when
    for org_id, land, section, size, key, submitted_at, answers, overall in rows:
        row = by_org.get(org_id)
        if row is None:
            row = by_org[org_id] = InputRow(org_id, land, section, size, "")
        if row._latest is None or submitted_at > row._latest:
            row._latest = submitted_at
        if key == COMPETENCE_KEY:  # each person's check counts (the mean over its people)
            if (score := _number(overall)) is not None:
                row._competence.append(score)
            continue
        seen = latest.get((org_id, key))
        if seen is not None and submitted_at <= seen:
            continue  # an older answer of the same check: the latest wins
        latest[(org_id, key)] = submitted_at
        if key == NEEDS_KEY:
            _apply_needs(row, answers or {})
        else:
            row.readiness = _number(overall)
    zone = timezone.get_current_timezone()
    for row in by_org.values():
        assert row._latest is not None
        local = row._latest.astimezone(zone)
        row.quarter = f"{local.year}-Q{(local.month - 1) // 3 + 1}"
        if row._competence:
            row.competence = sum(row._competence) / len(row._competence)
    return sorted(by_org.values(), key=lambda r: r.organisation_id)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _apply_needs(row: InputRow, answers: dict[str, Any]) -> None:
    row.has_needs = True
    row.topics = {
        key: likert_score(value) for key, value in answers.items() if key.startswith(TOPIC_PREFIX)
    }
    row.formats = tuple(_strings(answers.get("formats")))
    row.obstacles = tuple(_strings(answers.get("obstacles")))
    row.time_budget = _string(answers.get("time_budget"))
    row.willingness = _string(answers.get("willingness"))


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "na" else None


# --- one object, or 404 -------------------------------------------------------------------------
def access_population_table(member: Membership | None, pk: object) -> PopulationTable:
    """A population table the active role may manage: the programme administration's, all of
    them (they are network-wide); anyone else gets the 404 of a table that does not exist."""
    tables = PopulationTable.objects.all()
    if member is None or not has_capability(member.role, Capability.MANAGE_NETWORK):
        tables = tables.none()
    return get_object_or_404(tables, pk=pk)
