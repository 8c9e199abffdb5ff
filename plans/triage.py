"""Section triage: the plan owner says what a section of the document is ("duties, not a
procedure", "the procedure of role X", "not part of the plan"), and only that section is read
again, keeping the manual edits everywhere else."""

from __future__ import annotations

from dataclasses import dataclass, replace

from plans.edit import EditResult
from plans.errors import PlanValidationError
from plans.extract import extract_plan
from plans.model import Block, Plan, Role, Section, Step

# the kinds a plan owner may give a section (see plans.model.SECTION_KINDS); steps come only
# from the response kinds
TRIAGE_KINDS = (
    "response",
    "warning",
    "report",
    "termination",
    "recovery",
    "organisation",
    "levels",
    "support",
    "general",
    "annex",
    "excluded",
)
STEP_KINDS = ("warning", "report", "response", "termination", "recovery")


@dataclass(frozen=True)
class OutlineRow:
    """One section of the outline with what the import found in it."""

    section: str
    heading: str
    level: int
    kind: str
    part: str | None
    steps: int
    roles: int


def outline(plan: Plan) -> list[OutlineRow]:
    """The plan's sections in document order, with the steps and roles that came from each."""
    rows = []
    for sec in plan.sections:
        if sec.block is None:
            continue
        lo, hi = _own_blocks(plan, sec)
        rows.append(
            OutlineRow(
                sec.id,
                sec.heading,
                sec.level,
                sec.kind,
                sec.part,
                sum(1 for s in plan.steps if _inside(s.source, lo, hi)),
                sum(1 for r in plan.roles if _inside(r.source, lo, hi)),
            )
        )
    return rows


def section_steps(plan: Plan, section_id: str) -> list[Step]:
    """The steps whose source lies in the section or its subsections."""
    lo, hi = block_range(plan, _section(plan, section_id))
    return [s for s in plan.steps if _inside(s.source, lo, hi)]


def retriage(
    plan: Plan, blocks: list[Block], section_id: str, kind: str, owner: str | None = None
) -> EditResult:
    """The plan with the section (and its subsections) read again as `kind`, owned by the role
    named `owner` if given; steps and roles elsewhere stay exactly as they are.

    Raises:
        PlanValidationError: an unknown section or kind, or blocks that are not the plan's.
    """
    if kind not in TRIAGE_KINDS:
        raise PlanValidationError("triage.bad_kind", kind=kind)
    sec = _section(plan, section_id)
    if sec.block is None or sec.block >= len(blocks) or blocks[sec.block].text != sec.heading:
        raise PlanValidationError("triage.not_this_document", section=sec.heading)
    lo, hi = block_range(plan, sec)
    fresh = extract_plan(blocks, filename="", overrides={sec.block: (kind, owner or None)})
    added = [s for s in fresh.steps if _inside(s.source, lo, hi)]
    needed = {r for s in added for r in (*s.roles, *s.support, *s.notifies)}
    needed |= {r.id for r in fresh.roles if _inside(r.source, lo, hi) and kind != "excluded"}
    roles, role_map = _merge_roles(plan, fresh, needed)
    taken = {s.id for s in plan.steps}
    gone = {s.id for s in plan.steps if _inside(s.source, lo, hi)}
    step_map = {}
    for s in added:
        step_map[s.id] = _next_id("s", taken)
        taken.add(step_map[s.id])
    # a new step may follow a step outside the section: the kept step with the same source
    outside = {(s.source.block, s.text): s.id for s in plan.steps if s.source and s.id not in gone}
    fresh_by_id = {s.id: s for s in fresh.steps}
    new_steps = []
    for s in added:
        after = []
        for a in s.after:
            if a in step_map:
                after.append(step_map[a])
            elif a in fresh_by_id and fresh_by_id[a].source:
                key = (fresh_by_id[a].source.block, fresh_by_id[a].text)
                if key in outside:
                    after.append(outside[key])
        new_steps.append(
            replace(
                s,
                id=step_map[s.id],
                roles=tuple(role_map[r] for r in s.roles if r in role_map),
                support=tuple(role_map[r] for r in s.support if r in role_map),
                notifies=tuple(role_map[r] for r in s.notifies if r in role_map),
                after=tuple(dict.fromkeys(after)),
            )
        )
    kept = [
        replace(s, after=tuple(a for a in s.after if a not in gone))
        for s in plan.steps
        if s.id not in gone
    ]
    if kind == "excluded":
        roles = _without_unused(roles, kept + new_steps, lo, hi)
    kinds = {x.block: x.kind for x in fresh.sections if x.block is not None}
    sections = tuple(
        replace(x, kind=kind if x.id == sec.id else kinds.get(x.block, x.kind))
        if x.block is not None and lo <= x.block < hi
        else x
        for x in plan.sections
    )
    note = ("triage.done", {"section": sec.heading, "removed": len(gone), "added": len(added)})
    return EditResult(
        replace(plan, steps=tuple(kept + new_steps), roles=roles, sections=sections), (note,)
    )


def delete_section_steps(plan: Plan, section_id: str) -> EditResult:
    """The plan without the steps that came from the section (links to them removed)."""
    gone = {s.id for s in section_steps(plan, section_id)}
    steps = tuple(
        replace(s, after=tuple(a for a in s.after if a not in gone))
        for s in plan.steps
        if s.id not in gone
    )
    sec = _section(plan, section_id)
    return EditResult(
        replace(plan, steps=steps),
        (("triage.deleted", {"section": sec.heading, "n": len(gone)}),),
    )


def reassign_section_steps(plan: Plan, section_id: str, role_id: str) -> EditResult:
    """The plan with every step of the section owned by `role_id` alone.

    Raises:
        PlanValidationError: an unknown role.
    """
    if plan.role(role_id) is None:
        raise PlanValidationError("triage.unknown_role", role=role_id)
    ids = {s.id for s in section_steps(plan, section_id)}
    steps = tuple(
        replace(s, roles=(role_id,), support=tuple(r for r in s.support if r != role_id))
        if s.id in ids
        else s
        for s in plan.steps
    )
    sec = _section(plan, section_id)
    role = plan.role(role_id)
    return EditResult(
        replace(plan, steps=steps),
        (("triage.reassigned", {"section": sec.heading, "n": len(ids), "role": role.name}),),
    )


def block_range(plan: Plan, sec: Section) -> tuple[int, int]:
    """[first, end) of the blocks of the section with its subsections."""
    start = sec.block if sec.block is not None else 0
    end = None
    seen = False
    for x in plan.sections:
        if x.id == sec.id:
            seen = True
            continue
        if seen and x.block is not None and x.level <= sec.level:
            end = x.block
            break
    return start, end if end is not None else 1 << 30


def _own_blocks(plan: Plan, sec: Section) -> tuple[int, int]:
    """[first, end) of the section's own blocks, up to its first subsection."""
    start = sec.block if sec.block is not None else 0
    later = [x.block for x in plan.sections if x.block is not None and x.block > start]
    return start, min(later) if later else 1 << 30


def _inside(source, lo: int, hi: int) -> bool:
    return source is not None and lo <= source.block < hi


def _section(plan: Plan, section_id: str) -> Section:
    sec = next((x for x in plan.sections if x.id == section_id), None)
    if sec is None:
        raise PlanValidationError("triage.unknown_section", section=section_id)
    return sec


def _next_id(prefix: str, taken: set[str]) -> str:
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _without_unused(roles, steps, lo: int, hi: int) -> tuple[Role, ...]:
    """The roles without those that came from the blocks [lo, hi) and nothing uses."""
    used = {r for s in steps for r in (*s.roles, *s.support, *s.notifies)}
    parents = {r.parent for r in roles if r.parent}
    return tuple(
        r for r in roles if not _inside(r.source, lo, hi) or r.id in used or r.id in parents
    )


def _merge_roles(
    plan: Plan, fresh: Plan, needed: set[str]
) -> tuple[tuple[Role, ...], dict[str, str]]:
    """The plan's roles plus those of the fresh reading in `needed` that it lacks (matched by
    name or alias), and fresh role id → plan role id for every fresh role it knows."""
    by_name: dict[str, str] = {}
    for r in plan.roles:
        for name in (r.name, *r.aliases):
            by_name.setdefault(name, r.id)
    roles = list(plan.roles)
    taken = {r.id for r in roles}
    mapping: dict[str, str] = {}
    for r in fresh.roles:
        known = next((by_name[n] for n in (r.name, *r.aliases) if n in by_name), None)
        if known is None and r.id not in needed:
            continue
        if known is None:
            known = _next_id("r", taken)
            taken.add(known)
            roles.append(replace(r, id=known, parent=None))
            by_name[r.name] = known
        mapping[r.id] = known
    # parents of the roles added, where the plan knows them
    out = []
    fresh_by_id = {r.id: r for r in fresh.roles}
    back = {v: k for k, v in mapping.items()}
    for r in roles:
        if r.id not in {x.id for x in plan.roles} and r.parent is None:
            parent = fresh_by_id[back[r.id]].parent if r.id in back else None
            r = replace(r, parent=mapping.get(parent)) if parent else r
        out.append(r)
    return tuple(out), mapping
