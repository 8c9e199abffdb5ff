"""A second process's drill-clock scheduler, for tests/integration/test_inject_scheduler.py.

`python -m tests.integration.clock_process DB T0 MINUTES GO_FILE` waits for GO_FILE, then ticks
once per drill minute from T0 to T0 + MINUTES, opening the file for each tick (retrying while
the other process holds it), and prints what its ticks released as JSON: [[drill, inject], ...].
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from services.clock import Scheduler, opened


def main(db: str, t0: str, minutes: str, go_file: str) -> None:
    start = datetime.fromisoformat(t0)
    moments = iter(start + timedelta(minutes=m) for m in range(int(minutes) + 1))
    now = [start]
    mine: list[list] = []

    def clock() -> datetime:
        return now[0]

    def heard(released: dict[int, list[str]]) -> None:
        mine.extend([drill, inject] for drill, ids in released.items() for inject in ids)

    scheduler = Scheduler(opened(db, wait_s=60), clock=clock, on_released=heard)
    while not Path(go_file).exists():
        time.sleep(0.01)
    for moment in moments:
        now[0] = moment
        scheduler.tick()
    print(json.dumps(mine))


if __name__ == "__main__":
    main(*sys.argv[1:5])
