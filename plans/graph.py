"""The plan as an ordering graph of steps: execution order, cycles, roles' steps, critical path.

Edge direction: an edge a -> b means step a must be done before step b (a is listed in b.after).
Nodes are step ids; only steps that apply to the chosen response level are in a level's graph
(a step applies when its `levels` is empty or names the level). References to unknown steps are
left out here; plans.checks reports them.

Timing model of the critical path (all figures in minutes from T0):
    ready(s)    = latest deadline among s's predecessors (0 when it has none)
    deadline(s) = ready(s)                             when s has no time limit
                = max(ready(s), limit)                 when time_from is "T0" (the default)
                = max(ready(s), deadline(x) + limit)   when time_from is the id of step x
                = ready(s) + limit                     when time_from is "trigger" (or unknown):
                                                       the clock starts when s becomes due
                = ready(s)                             when time_from is "response_end": an
                                                       after-the-fact deadline, off the path
The critical path ends at the step with the latest deadline and walks back through whatever
set each deadline (the anchoring step x, else the predecessor with the latest deadline) to a
step that nothing holds up. A T0 limit is a deadline, not a duration, so limits of consecutive
steps are never added up.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable
from typing import NamedTuple

import networkx as nx

from plans.errors import PlanCycleError
from plans.model import Plan, Step

T0 = "T0"
TRIGGER = "trigger"
RESPONSE_END = "response_end"


def time_limit(step: Step) -> float | None:
    """The step's time limit in minutes, or None when it has none or an impossible one."""
    try:
        minutes = float(step.time_limit_min)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return minutes if math.isfinite(minutes) and minutes >= 0 else None


def applies_to(step: Step, level: str | None) -> bool:
    """True when `step` is part of the response at `level` (None: every level)."""
    return level is None or not step.levels or level in step.levels


_recent = threading.local()


def build_graph(plan: Plan, level: str | None = None) -> nx.DiGraph:
    """The ordering graph of the steps that apply to `level` (None: all steps).

    Node attributes: step (the Step), name, phase, lead (first owner or None), roles,
    time_limit_min, time_from, index (position in the plan). The graph is frozen (copy it to
    change it): plans are immutable, so the graphs of the plan last asked about in this thread
    are kept and shared, and check_plan builds each level's graph once instead of a dozen times
    (and none at all for a forward plan, see _forward).
    """
    graphs = _remembered(plan).graphs
    if level not in graphs:
        graphs[level] = nx.freeze(_build_graph(plan, level))
    return graphs[level]


def _remembered(plan: Plan):
    """What this thread keeps about the plan last asked about: its graphs and whether it is
    forward (see _forward)."""
    if getattr(_recent, "plan", None) is not plan:
        _recent.plan, _recent.graphs, _recent.forward = plan, {}, None
    return _recent


def _forward(plan: Plan) -> bool:
    """Whether step ids are unique and every `after` names an earlier step (or none): then no
    level's order has a cycle and plan order is an execution order, so the checks need no graph.
    Extracted plans always are."""
    memo = _remembered(plan)
    if memo.forward is None:
        position = {step.id: i for i, step in enumerate(plan.steps)}
        memo.forward = len(position) == len(plan.steps) and all(
            position.get(before, -1) < i
            for i, step in enumerate(plan.steps)
            for before in step.after
        )
    return memo.forward


def _level_steps(plan: Plan, level: str | None) -> dict[str, Step]:
    """The steps that apply to `level`, by id, in plan order (for forward plans: unique ids)."""
    return {step.id: step for step in plan.steps if applies_to(step, level)}


def _build_graph(plan: Plan, level: str | None) -> nx.DiGraph:
    graph = nx.DiGraph(level=level)
    for index, step in enumerate(plan.steps):
        if not applies_to(step, level) or step.id in graph:
            continue
        graph.add_node(
            step.id,
            step=step,
            name=step.name,
            phase=step.phase,
            lead=step.roles[0] if step.roles else None,
            roles=step.roles,
            time_limit_min=time_limit(step),
            time_from=step.time_from or T0,
            index=index,
        )
    for step_id, data in graph.nodes(data=True):
        for before in data["step"].after:
            if before in graph:
                graph.add_edge(before, step_id)
    return graph


def _index(graph: nx.DiGraph):
    return lambda node: graph.nodes[node]["index"]


def _cycle_through(graph: nx.DiGraph, start: str) -> list[str]:
    """The shortest closed walk start -> ... -> start (start repeated at the end)."""
    if graph.has_edge(start, start):
        return [start, start]
    best: list[str] | None = None
    for successor in sorted(graph.successors(start), key=_index(graph)):
        try:
            path = nx.shortest_path(graph, successor, start)
        except nx.NetworkXNoPath:
            continue
        if best is None or len(path) < len(best):
            best = path
    return [start, *best] if best else []


def _cycles_of(graph: nx.DiGraph) -> list[list[str]]:
    cycles = []
    for component in nx.strongly_connected_components(graph):
        first = min(component, key=_index(graph))
        if len(component) > 1 or graph.has_edge(first, first):
            cycles.append(_cycle_through(graph.subgraph(component), first))
    return sorted(cycles, key=lambda cycle: graph.nodes[cycle[0]]["index"])


def find_cycles(plan: Plan, level: str | None = None) -> list[list[str]]:
    """One cycle per knot of mutually waiting steps, each closed: ["s3", "s7", "s3"].

    Each cycle starts at the knot's first step in plan order; [] when the order is sound.
    """
    if _forward(plan):
        return []
    return _cycles_of(build_graph(plan, level))


def _named(graph: nx.DiGraph, step_id: str) -> str:
    name = graph.nodes[step_id]["name"]
    return f"{name} ({step_id})" if name and name != step_id else step_id


def _cycle_text(graph: nx.DiGraph, cycle: list[str]) -> str:
    """A cycle as the plan owner reads it: "接警 (s3) → 核实 (s7) → 接警 (s3)"."""
    return " → ".join(_named(graph, s) for s in cycle)


def _topological(graph: nx.DiGraph) -> list[str]:
    try:
        return list(nx.lexicographical_topological_sort(graph, key=_index(graph)))
    except nx.NetworkXUnfeasible:
        cycle = _cycles_of(graph)[0]
        raise PlanCycleError(steps=list(cycle), path=_cycle_text(graph, cycle)) from None


def execution_order(plan: Plan, level: str | None = None) -> list[str]:
    """Step ids in an order that respects every `after`; ties keep the plan's order.

    Raises:
        PlanCycleError: the steps wait on each other; params: steps (closed cycle), path (names).
    """
    return _topological(build_graph(plan, level))


def tolerant_order(graph: nx.DiGraph) -> list[str]:
    """Like execution_order, but steps caught in a cycle stay together in plan order."""
    condensed = nx.condensation(graph)
    first = {c: min(condensed.nodes[c]["members"], key=_index(graph)) for c in condensed}
    order: list[str] = []
    for component in nx.lexicographical_topological_sort(
        condensed, key=lambda c: graph.nodes[first[c]]["index"]
    ):
        order.extend(sorted(condensed.nodes[component]["members"], key=_index(graph)))
    return order


def start_steps(plan: Plan, level: str | None = None) -> list[str]:
    """Steps with no predecessor (nothing has to happen before them), in plan order."""
    graph = build_graph(plan, level)
    return sorted((s for s in graph if graph.in_degree(s) == 0), key=_index(graph))


def unreachable_steps(plan: Plan, level: str | None = None) -> list[str]:
    """Steps no chain of predecessors leads to from a start step, in plan order.

    In a graph without cycles every step is reachable; a step is unreachable when it sits in a
    cycle that no start step leads into, or follows only such cycles: it can never begin.
    """
    if _forward(plan):
        return []  # no cycle: every step follows a chain from a start step
    graph = build_graph(plan, level)
    reached: set[str] = set()
    for start in (s for s in graph if graph.in_degree(s) == 0):
        reached.add(start)
        reached.update(nx.descendants(graph, start))
    return sorted(set(graph) - reached, key=_index(graph))


def steps_before(plan: Plan, step_id: str, level: str | None = None) -> set[str]:
    """Every step that comes before `step_id`, directly or through other steps."""
    graph = build_graph(plan, level)
    return nx.ancestors(graph, step_id) if step_id in graph else set()


def steps_after(plan: Plan, step_ids: Iterable[str], level: str | None = None) -> set[str]:
    """Every step that comes after one of `step_ids`, directly or through other steps."""
    if _forward(plan):  # one pass in plan order: a step is later when a predecessor is
        steps = _level_steps(plan, level)
        starts = {step_id for step_id in step_ids if step_id in steps}
        later: set[str] = set()
        for step_id, step in steps.items():
            if any(b in starts or b in later for b in step.after if b in steps):
                later.add(step_id)
        return later
    graph = build_graph(plan, level)
    later = set()
    for step_id in step_ids:
        if step_id in graph and step_id not in later:
            later.update(nx.descendants(graph, step_id))
    return later


def steps_for_role(
    plan: Plan, role_id: str, *, level: str | None = None, support: bool = False
) -> list[str]:
    """Ids of the steps `role_id` owns (lead or co-owner), in execution order.

    With support=True, steps it supports are included too. Never raises on cycles: steps in a
    cycle keep their plan order.
    """
    graph = build_graph(plan, level)

    def concerns(step: Step) -> bool:
        return role_id in step.roles or (support and role_id in step.support)

    return [s for s in tolerant_order(graph) if concerns(graph.nodes[s]["step"])]


def _timing_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The ordering graph plus an edge x -> s for every step s whose time counts from step x.

    An anchor that would close a cycle is left out; that step's clock then starts when it is due.
    """
    timing = graph  # copied only when a step counts from another step (most plans: none)
    for step_id, data in graph.nodes(data=True):
        anchor = data["time_from"]
        if anchor in (T0, TRIGGER) or anchor not in graph or data["time_limit_min"] is None:
            continue
        if anchor != step_id and not nx.has_path(timing, step_id, anchor):
            if timing is graph:
                timing = nx.DiGraph(graph)
            timing.add_edge(anchor, step_id)
    return timing


class Deadline(NamedTuple):
    """When a step is due (minutes from T0), what set that, and how many steps lead up to it."""

    minute: float
    driver: str | None
    chain: int


_NOT_HELD_UP = Deadline(0.0, None, 1)


def _longer(a: Deadline, b: Deadline) -> bool:
    return (a.minute, a.chain) > (b.minute, b.chain)


def deadlines(plan: Plan, level: str | None = None) -> dict[str, Deadline]:
    """step id -> its Deadline, in execution order (see the module docstring for the model).

    Among predecessors due at the same minute, the one with the longer chain drives, so that a
    plan without time limits still gets its longest chain of steps as critical path.

    Raises:
        PlanCycleError: the ordering has a cycle.
    """
    if _forward(plan):
        steps = _level_steps(plan, level)
        if not any(_counts_from_step(step, steps) for step in steps.values()):
            # no graph needed: plan order is an execution order, the timing graph is the
            # ordering graph, and a step's predecessors are the steps of the level it lists
            rank = {step_id: i for i, step_id in enumerate(steps)}
            before = {
                step_id: sorted({b for b in step.after if b in steps}, key=rank.__getitem__)
                for step_id, step in steps.items()
            }
            return _due_times(list(steps), steps, before, lambda a, s: a in before[s])
    graph = build_graph(plan, level)
    timing = _timing_graph(graph)
    index = dict(graph.nodes(data="index"))
    before = {s: sorted(graph.predecessors(s), key=index.__getitem__) for s in graph}
    return _due_times(_topological(timing), dict(graph.nodes(data="step")), before, timing.has_edge)


def _counts_from_step(step: Step, steps: dict[str, Step]) -> bool:
    """Whether _timing_graph would consider an edge to `step` (its clock starts at a step)."""
    anchor = step.time_from or T0
    if anchor in (T0, TRIGGER) or anchor not in steps or anchor == step.id:
        return False
    return time_limit(step) is not None


def _due_times(
    order: list[str],
    steps: dict[str, Step],
    before: dict[str, list[str]],
    timed: Callable[[str, str], bool],
) -> dict[str, Deadline]:
    """The deadline of each step in execution order `order`; `before` holds each step's
    predecessors in plan order, `timed(x, s)` whether the timing graph has the edge x -> s."""
    result: dict[str, Deadline] = {}
    for step_id in order:
        step = steps[step_id]
        due = _NOT_HELD_UP
        for b in before[step_id]:
            candidate = Deadline(result[b].minute, b, result[b].chain + 1)
            if due.driver is None or _longer(candidate, due):
                due = candidate
        limit, anchor = time_limit(step), step.time_from or T0
        if limit is None or anchor == RESPONSE_END:
            result[step_id] = due
        elif anchor == T0:
            result[step_id] = Deadline(max(due.minute, limit), due.driver, due.chain)
        elif anchor != step_id and timed(anchor, step_id):
            own = result[anchor].minute + limit
            anchored = Deadline(own, anchor, result[anchor].chain + 1)
            result[step_id] = anchored if own >= due.minute else due
        else:
            result[step_id] = due._replace(minute=due.minute + limit)
    return result


def critical_path_minutes(plan: Plan, level: str | None = None) -> tuple[float, list[str]]:
    """(minutes from T0 to the last deadline, the chain of step ids that sets it); (0.0, []) when
    the level has no steps. Equal deadlines: the longer chain wins, then the later step.

    Raises:
        PlanCycleError: the ordering has a cycle.
    """
    times = deadlines(plan, level)
    if not times:
        return 0.0, []
    last = None
    for step_id, due in times.items():  # insertion order is execution order
        if last is None or not _longer(times[last], due):
            last = step_id
    path, node = [], last
    while node is not None:
        path.append(node)
        node = times[node].driver
    return times[last].minute, path[::-1]


def critical_path_owner_share(plan: Plan, level: str | None = None) -> dict[str, float]:
    """role id -> share (0..1) of the critical path's steps that the role owns, largest first.

    Raises:
        PlanCycleError: the ordering has a cycle.
    """
    _, path = critical_path_minutes(plan, level)
    return owner_share(plan, path)


def owner_share(plan: Plan, path: Iterable[str]) -> dict[str, float]:
    """role id -> share of the given steps that the role owns (lead or co-owner), largest first."""
    steps = [plan.step(s) for s in path]
    counts: dict[str, int] = {}
    for step in steps:
        for role_id in dict.fromkeys(step.roles if step else ()):
            counts[role_id] = counts.get(role_id, 0) + 1
    if not steps:
        return {}
    shares = {role: n / len(steps) for role, n in counts.items()}
    return dict(sorted(shares.items(), key=lambda item: -item[1]))
