"""What makes a drill's evaluation signable: the evaluation lead's texts (per-area conclusions,
cause analysis per finding or per area, the overall conclusion), drafted here from the one
evaluation and then edited by the lead; the document standard (AQ/T 9009 / GB/T 46792, or HSEEP
AAR/IP) and how it is chosen; the HSEEP capability element a finding's cause falls under.

Text keys: "conclusion", "area:<area>", "cause:<finding id>", "cause_area:<area>". A text the
lead has not written (or reset) is the draft, made in the document's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from drills.errors import Problem, problem
from i18n import join_names, t
from i18n.glossary import (
    CAPABILITY_AREAS,
    FINDING_GRADES,
    OUTCOME_CATEGORIES,
    QUALITY_MARKS,
    SCORE_GRADES,
)

STANDARDS = ("aqt9009", "hseep")  # AQ/T 9009 and GB/T 46792 evaluation report; HSEEP AAR/IP
CAUSE_ELEMENT = {
    "plan_defect": "planning",
    "coordination": "organization",
    "resources": "equipment",
    "training": "training",
    "execution": "training",
}
MAX_TEXT = 4000
MET = {"P": "met", "S": "met", "M": "partly", "U": "not_met"}
_TOP = 3  # problems named in a drafted conclusion


def text_key(kind: str, subject: str = "") -> str:
    """The key of one of the lead's texts: ("conclusion"), ("area", area), ("cause", finding
    id), ("cause_area", area)."""
    return kind if kind == "conclusion" else f"{kind}:{subject}"


def check_text(key: str, body: str) -> list[Problem]:
    """Problems of a text the lead writes: an unknown key or area, an overlong body."""
    kind, _, subject = key.partition(":")
    found = []
    if kind not in ("conclusion", "area", "cause", "cause_area") or (
        kind in ("area", "cause_area") and subject not in CAPABILITY_AREAS
    ):
        found.append(problem("signoff.bad_key", key=key))
    if kind == "cause" and not subject.strip():
        found.append(problem("signoff.bad_key", key=key))
    if len(body or "") > MAX_TEXT:
        found.append(problem("signoff.too_long", limit=MAX_TEXT))
    return found


def standard_for(drill: str = "", unit: str = "", plan_lang: str = "zh") -> str:
    """The document standard: the drill's choice, else its unit's, else by the plan's language
    (AQ/T 9009 for a Chinese plan, HSEEP for an English one); never the reader's screen."""
    for choice in (drill, unit):
        if choice in STANDARDS:
            return choice
    return "hseep" if plan_lang == "en" else "aqt9009"


def capability_element(cause: str | None, kind: str = "") -> str:
    """The HSEEP capability element a finding falls under: a gap in the evaluation itself is
    the exercise's; otherwise by its cause (plan defect: planning, coordination: organization,
    resources: equipment, training and execution: training)."""
    if kind == "gap":
        return "exercise"
    return CAUSE_ELEMENT.get(cause or "", "planning")


def objective_met(rating: str | None) -> str:
    """ "met" (P, S), "partly" (M), "not_met" (U) or "" (not rated)."""
    return MET.get(rating or "", "")


def finding_area(finding, evaluation) -> str | None:
    """The capability area of a finding: its own, else its checklist item's, else that of an
    item of its plan step."""
    if getattr(finding, "area", None) in CAPABILITY_AREAS:
        return finding.area
    result = evaluation.item(finding.item_id) if getattr(finding, "item_id", None) else None
    if result is not None:
        return result.area
    step = getattr(finding, "step_id", None)
    return next((r.area for r in evaluation.items if step and r.item.step_id == step), None)


def scored_areas(evaluation) -> list[str]:
    """The areas with checklist items, in CAPABILITY_AREAS order."""
    return [a.area for a in evaluation.areas if a.counts.total]


def draft_area(area: str, evaluation, findings: Sequence, objectives: Sequence, lang: str) -> str:
    """The draft conclusion of one capability area: what was checked and how it ended, the
    score and rating (or "not rated"), its strengths and problems, its objectives met or not."""
    result = evaluation.area(area)
    counts = evaluation.area_categories(area)
    said = [
        t(
            "signoff.draft.count",
            lang=lang,
            n=n,
            what=_lower(OUTCOME_CATEGORIES.label(k, lang), lang),
        )
        for k, n in counts.items()
        if n
    ]
    parts = [
        t(
            "signoff.draft.area_counts",
            lang=lang,
            total=sum(counts.values()),
            parts=join_names(said, lang),
        )
    ]
    if result.score is None:
        parts.append(t("signoff.draft.area_not_rated", lang=lang))
    else:
        parts.append(
            t(
                "signoff.draft.area_score",
                lang=lang,
                score=f"{result.score:.0f}",
                rating=QUALITY_MARKS.label(result.rating, lang) if result.rating else "—",
            )
        )
    mine = [f for f in findings if finding_area(f, evaluation) == area]
    strengths = [f.title for f in mine if f.strength]
    problems = [f.title for f in mine if not f.strength]
    parts.append(
        t("signoff.draft.strengths", lang=lang, items=_quoted(strengths, lang))
        if strengths
        else t("signoff.draft.no_strengths", lang=lang)
    )
    parts.append(
        t("signoff.draft.problems", lang=lang, items=_quoted(problems, lang))
        if problems
        else t("common.no_problems", lang=lang)
    )
    goals = [o for o in objectives if area in o.areas]
    if goals:
        parts.append(
            t(
                "signoff.draft.objectives",
                lang=lang,
                items=join_names((_objective(o, lang) for o in goals), lang),
            )
        )
    return _sentences(parts, lang)


def draft_conclusion(evaluation, findings: Sequence, objectives: Sequence, lang: str) -> str:
    """The draft overall conclusion, as prose: the overall grade, the objectives met, the
    strongest and weakest areas, the main problems and what must follow."""
    parts = []
    if evaluation.score is None:
        parts.append(t("signoff.draft.overall_not_rated", lang=lang))
    elif evaluation.grade is None:  # too little of the checklist observed to grade it
        parts.append(
            t(
                "signoff.draft.overall_no_grade",
                lang=lang,
                score=f"{evaluation.score:.0f}",
                coverage=f"{(evaluation.coverage or 0) * 100:.0f}%",
            )
        )
    else:
        parts.append(
            t(
                "signoff.draft.overall",
                lang=lang,
                grade=SCORE_GRADES.label(evaluation.grade, lang),
                score=f"{evaluation.score:.0f}",
                coverage=f"{(evaluation.coverage or 0) * 100:.0f}%",
            )
        )
    if objectives:
        met = [objective_met(o.rating.rating if o.rating else None) for o in objectives]
        said = [
            t(
                "signoff.draft.count",
                lang=lang,
                n=met.count(key),
                what=t(f"signoff.met.{key}", lang=lang),
            )
            for key in ("met", "partly", "not_met")
            if met.count(key)
        ]
        if said:
            parts.append(
                t(
                    "signoff.draft.objectives_met",
                    lang=lang,
                    total=len(objectives),
                    parts=join_names(said, lang),
                )
            )
        if met.count(""):
            parts.append(t("signoff.draft.objectives_unrated", lang=lang, n=met.count("")))
    rated = sorted((a for a in evaluation.areas if a.score is not None), key=lambda a: -a.score)
    if len(rated) >= 2 and rated[0].score > rated[-1].score:
        parts.append(
            t(
                "signoff.draft.best_worst",
                lang=lang,
                best=CAPABILITY_AREAS.label(rated[0].area, lang),
                worst=CAPABILITY_AREAS.label(rated[-1].area, lang),
            )
        )
    problems = [f for f in findings if not f.strength]
    problems.sort(key=lambda f: FINDING_GRADES.index(f.grade) if f.grade in FINDING_GRADES else 3)
    if problems:
        parts.append(
            t(
                "signoff.draft.main_problems",
                lang=lang,
                n=len(problems),
                items=_quoted([f.title for f in problems[:_TOP]], lang),
            )
        )
        serious = sum(1 for f in problems if f.grade == "deficiency")
        if serious:
            parts.append(t("signoff.draft.deficiencies", lang=lang, n=serious))
        if any(f.cause == "plan_defect" for f in problems):
            parts.append(t("signoff.draft.revise_plan", lang=lang))
    else:
        parts.append(t("signoff.draft.no_main_problems", lang=lang))
    open_conflicts = sum(1 for c in evaluation.conflicts if not c.settled)
    if open_conflicts:
        parts.append(t("signoff.draft.open_conflicts", lang=lang, n=open_conflicts))
    return _sentences(parts, lang)


def lead_texts(
    stored: Mapping[str, str], evaluation, findings: Sequence, objectives: Sequence, lang: str
) -> dict[str, tuple[str, bool]]:
    """key -> (text, edited) of the conclusion and each scored area: the lead's text where
    stored, else the draft; cause analyses only where the lead wrote one."""
    texts = {"conclusion": (draft_conclusion(evaluation, findings, objectives, lang), False)}
    for area in scored_areas(evaluation):
        texts[text_key("area", area)] = (
            draft_area(area, evaluation, findings, objectives, lang),
            False,
        )
    for key, body in stored.items():
        if body.strip():
            texts[key] = (body.strip(), True)
    return texts


def _objective(rated, lang: str) -> str:
    text = f"“{rated.text}”"
    if rated.rating is None:
        return t("signoff.draft.objective_unrated", lang=lang, text=text)
    return t(
        "signoff.draft.objective_rated",
        lang=lang,
        text=text,
        rating=rated.rating.rating,
        met=t(f"signoff.met.{objective_met(rated.rating.rating)}", lang=lang),
    )


def _lower(text: str, lang: str) -> str:
    return text if lang == "zh" else text[:1].lower() + text[1:]


def _quoted(titles: Iterable[str], lang: str) -> str:
    return join_names((f"“{title.rstrip('。.')}”" for title in titles), lang)


def _sentences(parts: Iterable[str], lang: str) -> str:
    end = "。" if lang == "zh" else "."
    out = []
    for part in parts:
        part = part.strip().rstrip("。.;；")
        if part:
            out.append(part + end)
    return ("" if lang == "zh" else " ").join(out)


__all__ = [
    "CAUSE_ELEMENT",
    "MAX_TEXT",
    "STANDARDS",
    "capability_element",
    "check_text",
    "draft_area",
    "draft_conclusion",
    "finding_area",
    "lead_texts",
    "objective_met",
    "scored_areas",
    "standard_for",
    "text_key",
]
