"""Use cases behind what the screens share rather than any one screen owns: the plans the home
screen counts and offers to open, and opening a new draft of a published version, which the
editor and the versions page both offer through ui.start_new_draft.

Each is one store call that authorises (and writes and audits) in one transaction
(db/plans_list.py, db/plans_versions.py), offered here as it is: `list_plans` gives the plans
the actor may read, newest change first; `new_draft` copies a version into the plan's one open
draft and returns its id (Raises: InvalidTransitionError db.draft_exists, NotFoundError,
NotAllowedError).
"""

from __future__ import annotations

from db.plans_store import PlanSummary, list_plans, new_draft

__all__ = ["PlanSummary", "list_plans", "new_draft"]
