"""Plans too big for one chart: a chain of steps spread over many roles."""

from __future__ import annotations

from plans.model import Plan, Role, Step


def big_plan(roles: int, steps: int) -> Plan:
    role_list = tuple(Role(f"r{i}", f"第{i}工作组") for i in range(roles))
    step_list = tuple(
        Step(
            f"s{i}",
            f"步骤{i}",
            f"第{i}步的全文。",
            (f"r{i % roles}",),
            ("report", "activation", "disposal")[i % 3],
            after=(f"s{i - 1}",) if i else (),
        )
        for i in range(steps)
    )
    return Plan("大预案", roles=role_list, steps=step_list)
