"""A drill's checklist: the expected steps derived from the plan graph, then edited by the director.

Items come in execution order (plans.graph) and carry ids "c1", "c2", ...; `step_id` keeps each
item linked to its plan step (extra items have none). When steps are left out because their
roles do not take part, or the director removed them, the items after them are bridged: they
come after the nearest included steps before the gap, so the order the plan asks for survives.
A step of another response level is no gap: it does not happen at this level, and the level's
ordering graph (plans.graph.build_graph) already leaves it out, as the critical path does.
A step whose words repeat an earlier kept step's (the same measure written under two headings)
is one item: its owners join the first one's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from drills.errors import DrillChecklistError
from drills.model import ChecklistItem
from i18n.glossary import PHASES
from plans.graph import RESPONSE_END, T0, TRIGGER, build_graph, execution_order, time_limit
from plans.model import Plan, Step

Checklist = tuple[ChecklistItem, ...]
_NUMBERED = re.compile(r"c(\d+)$")
_NOT_WORD = re.compile(r"[\W_]+")
_LEADING_NUMBER = re.compile(
    r"^\W*(?:[（(]?[0-9０-９一二三四五六七八九十]{1,3}[)）.、．]|[①-⑳])\s*"
)


def _same_words(step: Step) -> str:
    """What makes two steps the same measure: their words without numbering and punctuation."""
    text = (step.text or step.name or "").strip()
    return _NOT_WORD.sub("", _LEADING_NUMBER.sub("", text)).lower()


def _participates(step: Step, roles: frozenset[str]) -> bool:
    """A step is expected when one of its owners takes part; () means every role does.

    A step with no owner is expected only when every role takes part: nobody in particular
    would be watched for it otherwise.
    """
    return not roles or any(role in roles for role in step.roles)


def _bridge(order: Sequence[str], preds: dict[str, Sequence[str]], kept: set[str]) -> dict:
    """node -> the kept nodes it comes after, seeing through the nodes left out (in `order`)."""
    rank = {node: n for n, node in enumerate(order)}
    front: dict[str, tuple[str, ...]] = {}  # node -> what a successor of it waits for
    bridged: dict[str, tuple[str, ...]] = {}
    for node in order:
        waits: set[str] = set()
        for before in preds.get(node, ()):
            waits.update(front.get(before, ()))
        bridged[node] = tuple(sorted(waits, key=rank.__getitem__))
        front[node] = (node,) if node in kept else bridged[node]
    return bridged


def derive_checklist(
    plan: Plan, *, level: str | None = None, roles: Iterable[str] | None = None
) -> Checklist:
    """The expected steps at `level` (None: all) for the participating `roles` (None or (): all).

    Item roles keep the plan's owners that take part, lead first. `time_from` naming a step
    becomes that step's item id, or "T0" when the step is not in the checklist; a limit counted
    from "response_end" (due after the response) is not timed in the drill.

    Raises:
        PlanCycleError: the plan's steps wait on each other at this level.
    """
    taking_part = frozenset(roles or ())
    graph = build_graph(plan, level)
    order = execution_order(plan, level)
    kept: list[str] = []
    twins: dict[str, str] = {}  # words -> the first kept step saying them
    joined: dict[str, list[str]] = {}  # kept step -> owners of its repeats
    for s in order:
        step: Step = graph.nodes[s]["step"]
        if not _participates(step, taking_part):
            continue
        words = _same_words(step)
        if words and words in twins:
            joined.setdefault(twins[words], []).extend(step.roles)
            continue
        twins.setdefault(words, s)
        kept.append(s)
    ids = {step_id: f"c{n}" for n, step_id in enumerate(kept, start=1)}
    preds = {s: tuple(graph.predecessors(s)) for s in order}
    bridged = _bridge(order, preds, set(kept))
    items = []
    for position, step_id in enumerate(kept):
        step: Step = graph.nodes[step_id]["step"]
        everyone = dict.fromkeys((*step.roles, *joined.get(step_id, ())))
        owners = tuple(r for r in everyone if not taking_part or r in taking_part)
        anchor = step.time_from or T0
        # a deadline after the response (补报, a summary report) is due after the drill's end
        limit = None if anchor == RESPONSE_END else time_limit(step)
        if anchor not in (T0, TRIGGER):
            anchor = ids.get(anchor, T0)
        items.append(
            ChecklistItem(
                id=ids[step_id],
                name=step.name,
                text=step.text,
                step_id=step_id,
                roles=owners,
                phase=step.phase,
                time_limit_min=limit,
                time_from=anchor,
                after=tuple(ids[b] for b in bridged[step_id]),
                position=position,
            )
        )
    return tuple(items)


def regenerate_checklist(
    checklist: Sequence[ChecklistItem],
    plan: Plan,
    *,
    level: str | None = None,
    roles: Iterable[str] | None = None,
) -> Checklist:
    """The checklist derived again (the level or the roles changed), keeping the items the
    director added: they follow the derived ones, with their order and time references moved to
    the new ids of the same plan steps (a reference to an item that is gone is dropped; a time
    counted from it counts from T0).

    Raises: as derive_checklist.
    """
    fresh = derive_checklist(plan, level=level, roles=roles)
    by_step = {item.step_id: item.id for item in fresh if item.step_id}
    extras = [item for item in checklist if item.extra]
    new_ids: dict[str, str] = {}
    for item in checklist:
        if item.step_id in by_step:
            new_ids[item.id] = by_step[item.step_id]
    numbers = [int(m.group(1)) for item in fresh if (m := _NUMBERED.match(item.id))]
    start = max(numbers, default=0)
    for n, item in enumerate(extras, start=start + 1):
        new_ids[item.id] = f"c{n}"
    moved = []
    for item in extras:
        after = tuple(new_ids[a] for a in item.after if a in new_ids)
        anchor = item.time_from
        if anchor not in (T0, TRIGGER):
            anchor = new_ids.get(anchor, T0)
        moved.append(replace(item, id=new_ids[item.id], after=after, time_from=anchor))
    return _renumbered((*fresh, *moved))


def roles_without_items(
    checklist: Iterable[ChecklistItem], roles: Iterable[str] | None
) -> list[str]:
    """The participating `roles` (in their order) that own no item of the checklist: taking
    part, they would not be watched for anything."""
    owning = {r for item in checklist for r in item.roles}
    return [r for r in dict.fromkeys(roles or ()) if r not in owning]


def _renumbered(items: Iterable[ChecklistItem]) -> Checklist:
    return tuple(replace(item, position=n) for n, item in enumerate(items))


def remove_items(checklist: Sequence[ChecklistItem], ids: Iterable[str]) -> Checklist:
    """The checklist without the items `ids` (unknown ids are ignored); the items after a removed
    one now come after its own predecessors, and a time counted from it counts from T0."""
    gone = set(ids) & {item.id for item in checklist}
    if not gone:
        return tuple(checklist)
    order = [item.id for item in checklist]
    preds = {item.id: item.after for item in checklist}
    kept = set(order) - gone
    bridged = _bridge(order, preds, kept)
    items = []
    for item in checklist:
        if item.id in gone:
            continue
        anchor = T0 if item.time_from in gone else item.time_from
        items.append(replace(item, after=bridged[item.id], time_from=anchor))
    return _renumbered(items)


def next_item_id(checklist: Sequence[ChecklistItem]) -> str:
    """A fresh item id: "c" and one more than the highest number in use."""
    numbers = [int(m.group(1)) for item in checklist if (m := _NUMBERED.match(item.id))]
    return f"c{max(numbers, default=0) + 1}"


def add_extra_item(
    checklist: Sequence[ChecklistItem],
    name: str,
    *,
    roles: Iterable[str] = (),
    phase: str = "disposal",
    time_limit_min: float | None = None,
    after: Iterable[str] = (),
    time_from: str = T0,
    text: str = "",
) -> Checklist:
    """The checklist with an extra item at the end (no plan step behind it).

    Raises:
        DrillChecklistError: empty name, unknown phase, impossible time limit, or `after` /
            `time_from` naming an item that is not in the checklist.
    """
    known = {item.id for item in checklist}
    name = (name or "").strip()
    if not name:
        raise DrillChecklistError("drills.checklist.empty_name")
    if phase not in PHASES:
        raise DrillChecklistError("drills.checklist.bad_phase", phase=phase)
    if time_limit_min is not None:
        try:
            time_limit_min = float(time_limit_min)
        except (TypeError, ValueError):
            time_limit_min = -1.0
        if not math.isfinite(time_limit_min) or time_limit_min < 0:
            raise DrillChecklistError("drills.checklist.bad_time_limit", value=time_limit_min)
    after = tuple(dict.fromkeys(after))
    for ref in (*after, *([time_from] if time_from not in (T0, TRIGGER) else [])):
        if ref not in known:
            raise DrillChecklistError("drills.checklist.unknown_item", item=ref)
    item = ChecklistItem(
        id=next_item_id(checklist),
        name=name,
        text=text,
        step_id=None,
        roles=tuple(dict.fromkeys(roles)),
        phase=phase,
        time_limit_min=time_limit_min,
        time_from=time_from,
        after=after,
    )
    return _renumbered((*checklist, item))


def items_for_roles(
    checklist: Iterable[ChecklistItem], roles: Iterable[str] | None
) -> list[ChecklistItem]:
    """The items an evaluator watching `roles` sees: those of one of the roles, and those of no
    role (access.secrecy.can_see_checklist_item); None or no roles (an evaluator posted to
    places only) means every item."""
    if not roles:
        return list(checklist)
    share = set(roles)
    return [item for item in checklist if not item.roles or share.intersection(item.roles)]


def group_by_phase(items: Iterable[ChecklistItem]) -> dict[str, list[ChecklistItem]]:
    """phase -> its items, phases in the order of PHASES (unknown phases last), items in order."""
    groups: dict[str, list[ChecklistItem]] = {}
    for item in items:
        groups.setdefault(item.phase, []).append(item)
    rank = {phase: n for n, phase in enumerate(PHASES)}
    return dict(sorted(groups.items(), key=lambda kv: rank.get(kv[0], len(PHASES))))


__all__ = [
    "Checklist",
    "add_extra_item",
    "derive_checklist",
    "group_by_phase",
    "items_for_roles",
    "next_item_id",
    "regenerate_checklist",
    "remove_items",
    "roles_without_items",
]
