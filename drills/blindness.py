"""The proof of blindness for the evaluation report: what was withheld, who could see the drill
before its start and since when, who looked, and when it was revealed.

The reveal log itself is kept by the store; this folds it. Directors could see the drill from
its creation; evaluators and evaluation leads from its sealing when the director let them see
it before the start; anyone else from the moment they were added as an insider (until removed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from drills.model import DrillDesign, RevealEvent
from i18n.glossary import BLINDING_ASPECTS


def _first(events: list[RevealEvent], kind: str) -> datetime | None:
    return next((e.at for e in events if e.kind == kind), None)


def _named_insiders(design: DrillDesign, created, sealed) -> dict[str, dict]:
    insiders: dict[str, dict] = {}

    def add(person: str, as_: str, since) -> None:
        insiders.setdefault(person, {"person": person, "as": as_, "since": since, "until": None})

    for person in design.directors:
        add(person, "director", created)
    if design.blinding.evaluators_see_before_start and sealed is not None:
        for person in design.evaluation_leads:
            add(person, "evaluation_lead", sealed)
        for evaluator in design.evaluators:
            add(evaluator.username, "evaluator", sealed)
    return insiders


def _insider_at(person: str, at: datetime, named: dict, open_grants: dict) -> bool:
    if person in open_grants:
        return True
    since = named[person]["since"] if person in named else None
    return person in named and (since is None or since <= at)


def blindness_summary(design: DrillDesign, reveal_events: Iterable[RevealEvent]) -> dict:
    """A dict for the report: double_blind, withheld and disclosed (of BLINDING_ASPECTS),
    notified_units, created_at, sealed_at, revealed_at, insiders (person, as, since, until),
    views_before_start (person, at) and seen_by_outsiders: people who opened it before the start without being an
    insider at that moment, a breach to explain. Only events before the reveal count."""
    events = sorted(reveal_events, key=lambda e: e.at)
    created, sealed = _first(events, "created"), _first(events, "sealed")
    revealed = _first(events, "revealed")
    named = _named_insiders(design, created, sealed)
    grants: list[dict] = []
    open_grants: dict[str, dict] = {}
    views, outsiders = [], []
    for event in events:
        if revealed is not None and event.at >= revealed:
            break
        if event.kind == "insider_added" and event.person and event.person not in open_grants:
            grant = {"person": event.person, "as": "granted", "since": event.at, "until": None}
            open_grants[event.person] = grant
            grants.append(grant)
        elif event.kind == "insider_removed" and event.person in open_grants:
            open_grants.pop(event.person)["until"] = event.at
        elif event.kind == "viewed":
            views.append({"person": event.person, "at": event.at})
            if not _insider_at(event.person, event.at, named, open_grants):
                outsiders.append(event.person)
    blinding = design.blinding
    withheld = [a for a in BLINDING_ASPECTS if getattr(blinding, f"withhold_{a}")]
    return {
        "double_blind": blinding.double_blind,
        "withheld": withheld,
        "disclosed": [a for a in BLINDING_ASPECTS if a not in withheld],
        "notified_units": list(blinding.notified_units),
        "evaluators_see_before_start": blinding.evaluators_see_before_start,
        "created_at": created,
        "sealed_at": sealed,
        "revealed_at": revealed,
        "insiders": [*named.values(), *grants],
        "views_before_start": views,
        "seen_by_outsiders": list(dict.fromkeys(outsiders)),
    }


__all__ = ["blindness_summary"]
