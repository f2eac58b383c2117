"""The dashboard's selection from a request's query string: shared by the page, the exports,
the PDF and the API, so each applies the same rules (an area or Land that is not the viewer's
is a 404)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404

from zukunftszentrum.organisations.models import Land, Membership

from .dashboard import WEIGHTED
from .forms import DashboardFilter
from .queries import Window, current_window, parse_window
from .scope import Area, areas_for, pick_area


@dataclass
class Selection:
    window: Window
    area: Area
    areas: list[Area]
    land: Land | None
    section: str | None
    weighting: str
    topic: str  # "" = the top-ranked topic
    form: DashboardFilter

    def query(self, **changes: str | None) -> str:
        """The query string of this selection with some parameters changed ("" drops one)."""
        return urlencode(self.params(**changes))

    def params(self, **changes: str | None) -> dict[str, str]:
        params = {
            "zeitraum": self.window.key,
            "gebiet": self.area.slug if len(self.areas) > 1 else "",
            "land": self.land.code if self.land else "",
            "wz": self.section or "",
            "gewichtung": "" if self.weighting == WEIGHTED else self.weighting,
            "thema": self.topic,
        }
        params.update({k: v or "" for k, v in changes.items()})
        return {k: v for k, v in params.items() if v}


def select(member: Membership | None, params: Mapping[str, str]) -> Selection:
    """Resolve the parameters for this viewer; another centre's region or Land raises Http404."""
    areas = areas_for(member)
    area = pick_area(areas, params.get("gebiet"))
    if area is None:
        raise Http404("area")
    code = params.get("land") or ""
    land = next((x for x in area.lands if x.code == code), None)
    if code and land is None:
        raise Http404("land")
    # Bound with the defaults, so the form shows what the page shows.
    defaults = {"zeitraum": current_window().key, "gewichtung": WEIGHTED}
    data = {**defaults, **{k: v for k, v in params.items() if v}}
    form = DashboardFilter(data, areas=areas, area=area)
    window = parse_window(form.value("zeitraum")) or current_window()
    return Selection(
        window=window,
        area=area,
        areas=areas,
        land=land,
        section=form.value("wz") or None,
        weighting=form.value("gewichtung") or WEIGHTED,
        topic=form.value("thema"),
        form=form,
    )
