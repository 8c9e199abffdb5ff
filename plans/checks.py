"""Defects of a plan, all at once: check_plan(plan) -> list[Defect], errors first.

Definitions the checks rely on:
- A step's owners are its `roles`, the lead first; `support` roles help but do not own it.
- A *cycle* is looked for in the order of each level, since `after` may list alternatives that
  apply at different levels.
- A *start step* has no predecessor; a step is *unreachable* when no chain of predecessors leads
  to it from a start step (it sits in, or only follows, a cycle nobody enters), so it never begins.
- A response start has a *decision route* when the plan has an activation step, each activation
  step has an owner (who decides), and an information-report step comes before it, directly or
  through other steps (what the decision is based on).
- Two steps are *duplicates* when they have the same lead owner, the same part, levels in common
  and near-identical text (numbering, spaces and punctuation ignored; similarity >= 0.9).
- A role owns *most of the critical path* when it owns more than half of a level's critical-path
  steps, on paths of at least three steps.
- A role *takes part* when it owns or supports a step, or when one of its sub-roles does (a
  headquarters acts through its groups). A role whose parent takes part, or that is only notified,
  is a note, not a warning: the parent's steps may be its duties.
- Follow-on findings are listed under their cause (`consequences`): without any report step every
  activation lacks one; a cycle makes the steps after it unreachable; and repeats of one warning
  (two or more) become one plan-level finding that lists them. Errors stay one per defect, since
  an approver waives each. Levels with the same critical path share one finding.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import pairwise

from i18n import get_language, join_names, t
from i18n.glossary import PHASES
from plans import graph as plan_graph
from plans.errors import PlanCycleError
from plans.model import Plan, Role, Step

SEVERITIES = ("error", "warning", "info")
ALL_LEVELS = "*"
PREFILTER = 0.75
SIMILAR = 0.9
CONCENTRATED = 0.5
MIN_PATH = 3


@dataclass(frozen=True)
class Defect:
    """One problem (or, as "info", one observation) about a step, role, level or the plan."""

    code: str
    severity: str  # error | warning | info
    target_kind: str  # step | role | level | plan
    target_id: str
    params: dict = field(default_factory=dict, hash=False)
    consequences: tuple[Defect, ...] = field(default=(), hash=False, compare=False)

    def message(self, lang: str = "zh") -> str:
        """The finding for a plan owner, in `lang`, naming the rows it concerns."""
        return t(f"checks.{self.code}", lang=lang, **_display(self.params, lang))

    def hint(self, lang: str = "zh") -> str:
        """What to change in the plan to clear the finding, in `lang`."""
        return t(f"checks.hint.{self.code}", lang=lang)

    @property
    def key(self) -> str:
        """The finding's identity within one version's content ("cycle:step:s2:s2>s3>s2"),
        stable across languages and renames: what an approver's waiver names."""
        detail = [
            ">".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
            for name, value in sorted(self.params.items())
            if name in _KEY_PARAMS
        ]
        return ":".join([self.code, self.target_kind, self.target_id, *detail])


_KEY_PARAMS = ("field", "level_id", "parent_id", "role_id", "step_ref", "steps")


def _display(params: dict, lang: str) -> dict:
    shown = {}
    for key, value in params.items():
        if key == "field":
            value = t(f"checks.field.{value}", lang=lang)
        elif isinstance(value, float):
            value = _number(value)
        elif isinstance(value, (list, tuple)):
            items = [
                t("checks.all_levels", lang=lang) if v == ALL_LEVELS else str(v) for v in value
            ]
            value = join_names(items, lang)
        elif value == ALL_LEVELS:
            value = t("checks.all_levels", lang=lang)
        shown[key] = value
    return shown


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def label(name: str, item_id: str) -> str:
    """How a row is named in messages: "抢险救援组 (r3)"."""
    return f"{name} ({item_id})" if name and name != item_id else item_id


def _step(step: Step) -> str:
    return label(step.name, step.id)


def _role(plan: Plan, role_id: str) -> str:
    role = plan.role(role_id)
    return label(role.name, role_id) if role else role_id


def _level(plan: Plan, level_id: str) -> str:
    if level_id == ALL_LEVELS:
        return ALL_LEVELS
    level = next((lv for lv in plan.levels if lv.id == level_id), None)
    return label(level.name, level_id) if level else level_id


def _on_step(code: str, severity: str, step: Step, **params) -> Defect:
    return Defect(code, severity, "step", step.id, {"step": _step(step), **params})


def _on_role(code: str, severity: str, role: Role, **params) -> Defect:
    return Defect(code, severity, "role", role.id, {"role": label(role.name, role.id), **params})


def check_plan(plan: Plan) -> list[Defect]:
    """Every defect found in `plan`: errors first, then warnings, then info (which includes the
    critical path of each level); within a severity, check by check in the order of the plan."""
    findings: list[Defect] = []
    for check in (
        _check_empty,
        _check_ids,
        _check_references,
        _check_owners,
        _check_phases,
        _check_roles,
        _check_levels,
        _check_order,
        _check_deadlines,
        _check_duplicates,
        _check_critical_paths,
    ):
        findings.extend(check(plan))
    grouped = _group_repeats(_group_causes(plan, findings))
    return sorted(grouped, key=lambda f: SEVERITIES.index(f.severity))


class DefectsText:
    """Findings named in the language of the moment they are shown: an error parameter (the
    layer that raises never picks a language)."""

    def __init__(self, findings) -> None:
        self.findings = tuple(findings)

    def __str__(self) -> str:
        lang = get_language()
        return ("；" if lang == "zh" else "; ").join(f.message(lang) for f in self.findings)

    def __repr__(self) -> str:
        return f"DefectsText({[f.key for f in self.findings]!r})"


def open_errors(findings: list[Defect]) -> list[Defect]:
    """The error-level findings among `findings` (a cause stands for its consequences)."""
    return [f for f in findings if f.severity == "error"]


def _group_causes(plan: Plan, findings: list[Defect]) -> list[Defect]:
    """Each cause with its follow-on findings under it (see the module docstring)."""
    follows: dict[int, list[Defect]] = {}
    cause_of: dict[int, int] = {}
    causes = [(i, f) for i, f in enumerate(findings) if f.code in ("no_report_step", "cycle")]
    for i, cause in causes:
        if cause.code == "no_report_step":
            after = {"activation_without_report"}
            targets = None
        else:
            after = {"unreachable"}
            cycle = set(cause.params["steps"])
            targets = cycle | plan_graph.steps_after(plan, cycle)
        for k, finding in enumerate(findings):
            if k in cause_of or finding.code not in after:
                continue
            if targets is None or finding.target_id in targets:
                cause_of[k] = i
                follows.setdefault(i, []).append(finding)
    return [
        replace(f, consequences=(*f.consequences, *follows.get(i, ())))
        for i, f in enumerate(findings)
        if i not in cause_of
    ]


# check repeated on many rows -> the plan-level finding that lists them
_REPEATS = {
    "activation_without_report": "activations_without_report",
    "report_without_time_limit": "reports_without_time_limit",
    "role_without_steps": "roles_without_steps",
}
_LISTED = 6


def _group_repeats(findings: list[Defect]) -> list[Defect]:
    """Two or more warnings or notes of one repeated check and severity become one plan-level finding
    that names the first few rows and lists them all as its consequences, where the first was."""
    same: dict[tuple[str, str], list[Defect]] = {}
    for finding in findings:
        if finding.code in _REPEATS:
            same.setdefault((finding.code, finding.severity), []).append(finding)
    result = []
    for finding in findings:
        group = same.get((finding.code, finding.severity), [])
        if len(group) < 2:
            result.append(finding)
        elif finding is group[0]:
            rows = [f.params.get("step") or f.params.get("role") or f.target_id for f in group]
            if len(rows) > _LISTED:
                rows = [*rows[:_LISTED], "…"]
            result.append(
                Defect(
                    _REPEATS[finding.code],
                    finding.severity,
                    "plan",
                    "",
                    {"count": len(group), "items": rows},
                    tuple(group),
                )
            )
    return result


def _check_empty(plan: Plan) -> Iterator[Defect]:
    if not plan.steps:
        yield Defect("no_steps", "error", "plan", "")
    if not plan.roles:
        yield Defect("no_roles", "error", "plan", "")


def _check_ids(plan: Plan) -> Iterator[Defect]:
    for kind, items in (("step", plan.steps), ("role", plan.roles), ("level", plan.levels)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                yield Defect(
                    f"duplicate_{kind}_id",
                    "error",
                    kind,
                    item.id,
                    {"id": item.id, "name": item.name},
                )
            seen.add(item.id)


def _check_references(plan: Plan) -> Iterator[Defect]:
    roles = {r.id for r in plan.roles}
    steps = {s.id for s in plan.steps}
    levels = {lv.id for lv in plan.levels}
    for step in plan.steps:
        for fieldname in ("roles", "support", "notifies"):
            for role_id in getattr(step, fieldname):
                if role_id not in roles:
                    yield _on_step("unknown_role", "error", step, role_id=role_id, field=fieldname)
        anchor = step.time_from or plan_graph.T0
        named = (plan_graph.T0, plan_graph.TRIGGER, plan_graph.RESPONSE_END)
        anchors = [anchor] if anchor not in named else []
        for fieldname, refs in (("after", step.after), ("time_from", anchors)):
            for ref in refs:
                if ref not in steps:
                    yield _on_step("unknown_step", "error", step, step_ref=ref, field=fieldname)
        for level_id in step.levels:
            if level_id not in levels:
                yield _on_step("unknown_level", "error", step, level_id=level_id)
    for role in plan.roles:
        if role.parent is not None and role.parent not in roles:
            yield _on_role("unknown_parent", "error", role, parent_id=role.parent)


def _check_owners(plan: Plan) -> Iterator[Defect]:
    for step in plan.steps:
        if not step.roles:
            code = {"report": "report_without_owner", "activation": "activation_without_owner"}
            yield _on_step(code.get(step.phase, "step_without_owner"), "error", step)
        if step.phase == "report" and step.time_limit_min is None:
            yield _on_step("report_without_time_limit", "warning", step)
        if step.time_limit_min is not None and plan_graph.time_limit(step) is None:
            yield _on_step("invalid_time_limit", "error", step, minutes=str(step.time_limit_min))


def _check_phases(plan: Plan) -> Iterator[Defect]:
    for step in plan.steps:
        if step.phase not in PHASES:
            yield _on_step("unknown_phase", "warning", step, phase=step.phase)
    if not plan.steps:
        return
    phases = {s.phase for s in plan.steps}
    for phase, code in (
        ("report", "no_report_step"),
        ("activation", "no_activation"),
        ("termination", "no_termination"),
    ):
        if phase not in phases:
            yield Defect(code, "warning", "plan", "")
    informed = plan_graph.steps_after(plan, (s.id for s in plan.steps if s.phase == "report"))
    for step in plan.steps:
        if step.phase == "activation" and step.id not in informed:
            yield _on_step("activation_without_report", "warning", step)


def _check_roles(plan: Plan) -> Iterator[Defect]:
    acting = {r for s in plan.steps for r in (*s.roles, *s.support)}
    notified = {r for s in plan.steps for r in s.notifies}
    parent = {r.id: r.parent for r in plan.roles}
    busy = set(acting)
    for role_id in acting:  # a role acts through its sub-roles, up the whole chain
        node, seen = parent.get(role_id), {role_id}
        while node is not None and node not in seen:
            busy.add(node)
            seen.add(node)
            node = parent.get(node)
    for role in plan.roles:
        if role.id in busy:
            continue
        covered = role.parent in acting or role.id in notified
        note = covered or role.kind == "command"
        yield _on_role("role_without_steps", "info" if note else "warning", role)
    yield from _check_role_tree(plan)


def _check_role_tree(plan: Plan) -> Iterator[Defect]:
    parent = {r.id: r.parent for r in plan.roles}
    reported: set[str] = set()
    for role in plan.roles:
        chain, node = [role.id], role.parent
        while node in parent and node not in chain:
            chain.append(node)
            node = parent[node]
        if node == role.id and not reported & set(chain):
            reported.update(chain)
            names = [_role(plan, r) for r in (*chain, role.id)]
            yield Defect(
                "role_parent_cycle",
                "error",
                "role",
                role.id,
                {"role": names[0], "path": " → ".join(names)},
            )


def _check_levels(plan: Plan) -> Iterator[Defect]:
    named = {lv for s in plan.steps for lv in s.levels}
    common = any(not s.levels for s in plan.steps)
    for level in plan.levels:
        params = {"level": label(level.name, level.id)}
        if level.id not in named and not common:
            yield Defect("level_without_steps", "warning", "level", level.id, params)
        elif level.id not in named and named:
            yield Defect("level_not_named", "info", "level", level.id, params)


def _cycles(plan: Plan) -> list[list[str]]:
    """Cycles of each level's order: steps that wait on each other only across levels (where
    `after` lists alternatives per level) are not a cycle."""
    cycles: dict[frozenset[str], list[str]] = {}
    for level in [lv.id for lv in plan.levels] or [None]:
        for cycle in plan_graph.find_cycles(plan, level):
            cycles.setdefault(frozenset(cycle), cycle)
    return list(cycles.values())


def _check_order(plan: Plan) -> Iterator[Defect]:
    for cycle in _cycles(plan):
        path = " → ".join(_step(plan.step(s)) for s in cycle)
        yield Defect("cycle", "error", "step", cycle[0], {"steps": list(cycle), "path": path})
    for step_id in plan_graph.unreachable_steps(plan):
        yield _on_step("unreachable", "warning", plan.step(step_id))


def _levels_meet(a: Step, b: Step) -> bool:
    return not a.levels or not b.levels or bool(set(a.levels) & set(b.levels))


def _check_deadlines(plan: Plan) -> Iterator[Defect]:
    steps = {s.id: s for s in reversed(plan.steps)}
    for step in plan.steps:
        for before in (steps[b] for b in dict.fromkeys(step.after) if b in steps):
            limit, before_limit = plan_graph.time_limit(step), plan_graph.time_limit(before)
            if before.id == step.id or limit is None or before_limit is None:
                continue
            base = step.time_from or plan_graph.T0
            if base != (before.time_from or plan_graph.T0) or base == plan_graph.TRIGGER:
                continue
            if limit >= before_limit or not _levels_meet(before, step):
                continue
            yield _on_step(
                "deadline_before_predecessor",
                "warning",
                step,
                minutes=limit,
                before=_step(before),
                before_minutes=before_limit,
            )


_NUMBERING = re.compile(r"^\s*[（(]?[0-9０-９一二三四五六七八九十]+[）)、.．]\s*")
_NOT_WORD = re.compile(r"[\W_]+")


def _normalised(step: Step) -> str:
    text = _NUMBERING.sub("", step.text or step.name)
    return _NOT_WORD.sub("", text).lower()


def _check_duplicates(plan: Plan) -> Iterator[Defect]:
    groups: dict[tuple[str, str | None], list[Step]] = {}
    for step in plan.steps:
        if step.roles:
            groups.setdefault((step.roles[0], step.part), []).append(step)
    for (lead, _), steps in groups.items():
        for step, match in _first_similar(steps):
            yield _on_step(
                "duplicate_step", "warning", step, other=_step(match), role=_role(plan, lead)
            )


def _first_similar(steps: list[Step]) -> Iterator[tuple[Step, Step]]:
    """(step, the first earlier step it repeats). Texts SIMILAR alike differ in length by at most
    (2 - SIMILAR) / SIMILAR, so only a window of lengths is compared, not every pair."""
    texts = [_normalised(s) for s in steps]
    grams = [_bigrams(t) for t in texts]
    sizes = [len(g) for g in grams]
    levels = [set(s.levels) for s in steps]
    by_length = sorted(range(len(steps)), key=lambda k: len(texts[k]))
    lengths = [len(texts[k]) for k in by_length]
    same_text: dict[str, list[int]] = {}
    for i, step in enumerate(steps):
        n = len(texts[i])
        low = bisect_left(lengths, n * SIMILAR / (2 - SIMILAR) - 1e-9)
        high = bisect_right(lengths, n * (2 - SIMILAR) / SIMILAR + 1e-9)
        mine, own_levels, size = grams[i], levels[i], sizes[i]
        # an earlier step with the very same text repeats it: only steps before that one can
        # be a first repeat, so only they are compared
        same = (
            next(
                (
                    e
                    for e in same_text.get(texts[i], ())
                    if not own_levels or not levels[e] or not own_levels.isdisjoint(levels[e])
                ),
                None,
            )
            if texts[i]
            else None
        )
        same_text.setdefault(texts[i], []).append(i)
        limit = i if same is None else same
        for k in sorted(k for k in by_length[low:high] if k < limit):
            # _levels_meet(step, steps[k]) on the level sets made once per step
            if own_levels and levels[k] and own_levels.isdisjoint(levels[k]):
                continue
            # _may_be_similar inline (the commonest test, run for every pair in the window):
            # the sizes first, then the shared pairs
            total = size + sizes[k]
            if size and sizes[k] and 2 * min(size, sizes[k]) < PREFILTER * total:
                continue
            other = grams[k]
            if mine and other and 2 * len(mine & other) < PREFILTER * total:
                continue
            if _may_be_similar(mine, other) and _similar(texts[i], texts[k]):
                yield step, steps[k]
                break
        else:
            if same is not None:
                yield step, steps[same]


def _bigrams(text: str) -> frozenset:
    return frozenset(map("".join, pairwise(text)))


def _may_be_similar(a: frozenset, b: frozenset) -> bool:
    """A cheap necessary condition (shared character pairs) before the exact comparison: texts
    90% alike share well over half of their character pairs."""
    if not a or not b:
        return a == b
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < PREFILTER * total:
        return False
    return 2 * len(a & b) >= PREFILTER * total


def _similar(a: str, b: str) -> bool:
    if a == b:
        return bool(a)
    if min(len(a), len(b)) < 6:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def critical_path_by_level(plan: Plan) -> dict[str, tuple[float, list[str]]]:
    """level id -> (minutes, step ids) of its critical path (plans.graph's timing model).

    A plan without levels has one entry, "*", for all its steps. Levels whose order has a cycle
    are left out (the cycle is reported by check_plan).
    """
    result = {}
    for level_id in [lv.id for lv in plan.levels] or [ALL_LEVELS]:
        try:
            key = None if level_id == ALL_LEVELS else level_id
            result[level_id] = plan_graph.critical_path_minutes(plan, key)
        except PlanCycleError:
            continue
    return result


def _path_text(plan: Plan, path: list[str], keep: int = 8) -> str:
    names = [_step(plan.step(s)) for s in path]
    if len(names) > keep:
        names = [*names[: keep - 2], "…", *names[-2:]]
    return " → ".join(names)


def _check_critical_paths(plan: Plan) -> Iterator[Defect]:
    paths = critical_path_by_level(plan)
    shared: dict[tuple, list[str]] = {}  # levels with the same path share one finding
    for level_id, (minutes, path) in paths.items():
        if path:
            shared.setdefault((minutes, tuple(path)), []).append(level_id)
    for (minutes, path), level_ids in shared.items():
        timed = any(plan_graph.time_limit(plan.step(s)) is not None for s in path)
        kind = "plan" if level_ids == [ALL_LEVELS] else "level"
        if len(plan.levels) > 1 and len(level_ids) == len(plan.levels):
            names = _level(plan, ALL_LEVELS)
        else:
            names = [_level(plan, lv) for lv in level_ids] if len(level_ids) > 1 else None
        yield Defect(
            "critical_path" if timed else "critical_path_untimed",
            "info",
            kind,
            "" if kind == "plan" else level_ids[0],
            {
                "level": names or _level(plan, level_ids[0]),
                "minutes": float(minutes),
                "count": len(path),
                "path": _path_text(plan, list(path)),
            },
        )
    yield from _concentration(plan, paths)


def _concentration(plan: Plan, paths: dict) -> Iterator[Defect]:
    concentrated: dict[str, tuple[float, list[str]]] = {}
    for level_id, (_, path) in paths.items():
        if len(path) < MIN_PATH:
            continue
        for role_id, share in plan_graph.owner_share(plan, path).items():
            if share > CONCENTRATED:
                top, levels = concentrated.get(role_id, (0.0, []))
                concentrated[role_id] = (max(top, share), [*levels, _level(plan, level_id)])
    for role_id, (share, levels) in concentrated.items():
        if len(plan.levels) > 1 and len(levels) == len(plan.levels):
            levels = [ALL_LEVELS]
        yield Defect(
            "critical_path_concentrated",
            "info",
            "role",
            role_id,
            {"role": _role(plan, role_id), "percent": round(share * 100), "levels": levels},
        )


__all__ = [
    "Defect",
    "DefectsText",
    "check_plan",
    "critical_path_by_level",
    "label",
    "open_errors",
]
