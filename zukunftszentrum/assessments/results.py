"""The personal result of one response: its score (in the version it was answered in), the
prioritised recommendations, the knowledge quiz, the peer comparison and the progress since
the person's previous check. Reads only; the caller has made sure the viewer owns the response
or holds its private link.

Privacy: peers are means over other people's responses through `engine.aggregate.mean_profile`,
so the minimum group size is applied in one place; progress compares only the person's own
responses (an anonymous response has no respondent and therefore no progress).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.charts import format_score

from . import pdf
from .charts import build_profile
from .engine import logic, scoring
from .engine.schema import NO_ANSWER, Instrument, Recommendation
from .instruments import get_instrument
from .models import Response
from .peers import PeerGroup, is_company_check, peer_group

TOP_RECOMMENDATIONS = 5


def scored(response: Response) -> tuple[Instrument, scoring.Result]:
    """The response scored with its own instrument version (KeyError when the version is gone)."""
    inst = get_instrument(response.instrument_key, response.version)
    return inst, scoring.score(inst, response.answers)


# --- recommendations ------------------------------------------------------------------------
@dataclass(frozen=True)
class RecommendationGroup:
    dimension: str
    level: int | None
    level_label: str
    texts: tuple[str, ...]


def recommendation_groups(
    inst: Instrument, result: scoring.Result, lang: str
) -> tuple[list[RecommendationGroup], list[RecommendationGroup]]:
    """The first five recommendations and the rest, each grouped by dimension in priority order."""
    recs = result.recommendations
    return (
        _grouped(inst, result, recs[:TOP_RECOMMENDATIONS], lang),
        _grouped(inst, result, recs[TOP_RECOMMENDATIONS:], lang),
    )


def _grouped(
    inst: Instrument, result: scoring.Result, recs: Sequence[Recommendation], lang: str
) -> list[RecommendationGroup]:
    texts: dict[str, list[str]] = {}
    for rec in recs:
        texts.setdefault(rec.dimension, []).append(rec.text.get(lang))
    groups = []
    for dim_id, items in texts.items():
        dim = inst.dimension(dim_id)
        dim_result = result.dimensions.get(dim_id)
        level = inst.level(dim_result.level) if dim_result else None
        groups.append(
            RecommendationGroup(
                dimension=dim.title.get(lang) if dim else dim_id,
                level=level.level if level else None,
                level_label=level.label.get(lang) if level else "",
                texts=tuple(items),
            )
        )
    return groups


# --- knowledge quiz -------------------------------------------------------------------------
@dataclass(frozen=True)
class QuizQuestion:
    text: str
    answer: str  # the chosen option's text; "" when not answered
    correct_answer: str
    is_correct: bool
    help: str


@dataclass(frozen=True)
class QuizDimension:
    dimension: str
    percent: float | None
    correct: int
    answered: int
    questions: tuple[QuizQuestion, ...]

    @property
    def percent_display(self) -> str:
        return format_score(self.percent)


def quiz(inst: Instrument, result: scoring.Result, answers: Any, lang: str) -> list[QuizDimension]:
    """The knowledge questions per dimension: the share right, and per question the answer given,
    the right answer and the explanation. Self-ratings are never mixed in."""
    questions: dict[str, list[QuizQuestion]] = {}
    for item in logic.visible_items(inst, answers):
        if item.type != "knowledge" or not item.dimension:
            continue
        given = answers.get(item.id)
        chosen = item.option(given) if isinstance(given, str) and given != NO_ANSWER else None
        right = item.option(item.correct or "")
        questions.setdefault(item.dimension, []).append(
            QuizQuestion(
                text=item.text.get(lang),
                answer=chosen.text.get(lang) if chosen else "",
                correct_answer=right.text.get(lang) if right else str(item.correct),
                is_correct=chosen is not None and chosen.value == item.correct,
                help=item.help.get(lang) if item.help else "",
            )
        )
    return [
        QuizDimension(
            dimension=dim.title.get(lang),
            percent=result.knowledge.get(dim.id),
            correct=sum(q.is_correct for q in questions[dim.id]),
            answered=sum(bool(q.answer) for q in questions[dim.id]),
            questions=tuple(questions[dim.id]),
        )
        for dim in inst.dimensions
        if dim.id in questions
    ]


# --- peers ----------------------------------------------------------------------------------
# --- progress -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgressRow:
    label: str
    before: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return self.now - self.before

    @property
    def before_display(self) -> str:
        return format_score(self.before) or "–"

    @property
    def now_display(self) -> str:
        return format_score(self.now) or "–"

    @property
    def change_display(self) -> str:
        change = self.change
        if change is None:
            return "–"
        text = format_score(abs(change))
        if text == "0":
            return "±0"
        return f"+{text}" if change > 0 else f"\u2212{text}"  # minus sign


@dataclass(frozen=True)
class Progress:
    date: str
    version: str
    other_version: bool  # the previous answers belong to another instrument version
    rows: tuple[ProgressRow, ...]
    overall: ProgressRow


def previous_response(response: Response) -> Response | None:
    """The person's previous submitted response to the same check: for individual checks any
    earlier one, for company checks the own answer (same perspective) in the organisation's
    earlier check run. Anonymous responses have no respondent and so no previous one."""
    if response.respondent_id is None or response.submitted_at is None:
        return None
    qs = Response.objects.filter(
        respondent_id=response.respondent_id,
        instrument_key=response.instrument_key,
        submitted_at__lt=response.submitted_at,
    ).exclude(pk=response.pk)
    if is_company_check(response):
        qs = qs.filter(
            assessment__isnull=False,
            organisation=response.organisation,
            perspective=response.perspective,
        ).exclude(assessment=response.assessment)
    else:
        qs = qs.filter(assessment__isnull=True)
    return qs.order_by("-submitted_at").first()


def progress(
    response: Response, inst: Instrument, result: scoring.Result, lang: str
) -> Progress | None:
    """Before / now / change per dimension; dimensions only one version has show "–"."""
    previous = previous_response(response)
    if previous is None or previous.submitted_at is None:
        return None
    try:
        old_inst, old = scored(previous)
    except KeyError:  # its version is no longer shipped: nothing to compare with
        return None
    labels = {d.id: d.title.get(lang) for d in inst.dimensions}
    for dim in old_inst.dimensions:
        labels.setdefault(dim.id, dim.title.get(lang))
    rows = tuple(
        ProgressRow(label, _dim_score(old, key), _dim_score(result, key))
        for key, label in labels.items()
    )
    return Progress(
        date=formats.date_format(timezone.localtime(previous.submitted_at), "DATE_FORMAT"),
        version=previous.version,
        other_version=previous.version != response.version,
        rows=rows,
        overall=ProgressRow(_("Gesamtwert"), old.overall, result.overall),
    )


def _dim_score(result: scoring.Result, key: str) -> float | None:
    dim = result.dimensions.get(key)
    return dim.score if dim else None


# --- all together ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonalResult:
    instrument: Instrument
    result: scoring.Result
    peers: PeerGroup | None
    progress: Progress | None


def personal_result(response: Response, lang: str) -> PersonalResult:
    inst, result = scored(response)
    return PersonalResult(
        instrument=inst,
        result=result,
        peers=peer_group(response),
        progress=progress(response, inst, result, lang),
    )


def progress_note(progress_: Progress | None) -> str:
    """The progress in one sentence (for the PDF report)."""
    if progress_ is None:
        return ""
    changes = "; ".join(
        f"{row.label}: {row.before_display} → {row.now_display}" for row in progress_.rows
    )
    return _("Ihr vorheriger Check vom %(date)s im Vergleich (vorher → jetzt): %(changes)s.") % {
        "date": progress_.date,
        "changes": changes,
    }


def peer_name() -> str:
    return _("Vergleichsgruppe (Mittelwert)")


def no_peers_note(response: Response) -> str:
    if response.organisation_id is None:
        return _(
            "Ein Vergleich ist nur möglich, wenn Sie den Check als Mitglied einer Organisation "
            "beantworten: Verglichen wird nach Branche, Größe und Land."
        )
    return _("Für einen Vergleich gibt es noch zu wenige vergleichbare Antworten.")


def page_context(response: Response, lang: str) -> dict[str, Any]:
    """Everything the personal result page shows."""
    data = personal_result(response, lang)
    inst, result = data.instrument, data.result
    compare = {peer_name(): data.peers.means} if data.peers else None
    profile = build_profile(
        inst,
        {key: dim.score for key, dim in result.dimensions.items()},
        lang=lang,
        title=_("Ihr Ergebnis je Bereich"),
        compare=compare,
        chart_id="result-profile",
        no_data=_("keine Daten"),
        bar_name=_("Ihr Ergebnis"),
    )
    top, more = recommendation_groups(inst, result, lang)
    overall_level = inst.level_for(result.overall)
    newest = get_instrument(response.instrument_key)
    return {
        "response": response,
        "instrument": inst,
        "title": inst.title.get(lang),
        "profile": profile,
        "overall": result.overall,
        "overall_display": format_score(result.overall),
        "overall_level": overall_level.level if overall_level else None,
        "overall_label": overall_level.label.get(lang) if overall_level else "",
        "recommendations": top,
        "more_recommendations": more,
        "more_count": max(0, len(result.recommendations) - TOP_RECOMMENDATIONS),
        "quiz": quiz(inst, result, response.answers, lang),
        "peers": data.peers,
        "no_peers_note": no_peers_note(response),
        "progress": data.progress,
        "company_check": is_company_check(response),
        "newest_version": newest.version if newest.version != inst.version else None,
        "min_group_size": settings.ZZ_MIN_GROUP_SIZE,
    }


def report(response: Response, lang: str) -> tuple[dict[str, Any], str]:
    """The PDF report's template data (same content as the page) and its file name."""
    data = personal_result(response, lang)
    day = timezone.localtime(response.submitted_at or timezone.now()).date()
    notes = [
        data.peers.note if data.peers else no_peers_note(response),
        progress_note(data.progress),
    ]
    context = pdf.report_context(
        instrument=data.instrument,
        result=data.result,
        lang=lang,
        date=day,
        compare={peer_name(): data.peers.means} if data.peers else None,
        compare_notes=[note for note in notes if note],
    )
    return context, f"{data.instrument.title.get(lang)} {day.isoformat()}.pdf"
