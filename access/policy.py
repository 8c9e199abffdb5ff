"""Who acts, and what they may do: the one policy module every store call consults.

A resource is a dict describing what is acted on. Plans: plan_id, title, unit, created_by and
`released` (the plan has a published or superseded version). Versions add version_id, status
and `authors` (everyone who created, edited or submitted it). Users: user_id.

Rights (a user may hold several roles; the rights add up):

| role                                   | plans of their own unit                        |
|----------------------------------------|------------------------------------------------|
| admin                                  | everything, in every unit; users; audit log    |
| plan_owner                             | read all versions, import, edit, submit, bin   |
| approver                               | read all versions, approve or return           |
| manager                                | read all versions, change nothing              |
| drill_director, evaluation_lead,       | read released (published or superseded)        |
| evaluator, participant                 | versions only, never drafts                    |

Nobody, admin included, approves or returns for review a version they authored. An actor
without a unit reaches nothing unit-scoped unless admin. Until an actor has changed a
password marked must-change, only the password change itself is allowed.

Corrective actions of an ended drill (resource: unit, `leads` = the user names of the drill's
directors and evaluation leads, `owner` = the action's owner as written, which names an account
when it equals a user name):

| who                                    | corrective actions                             |
|----------------------------------------|------------------------------------------------|
| the drill's directors, evaluation leads| add, change (text, owner, due date), status,   |
|                                        | verify                                         |
| the action's owner (an account)        | status only: open, in progress, done           |
| managers, everyone else                | read (where they read the drill), nothing more |
| admin                                  | everything                                     |

Settling a conflict between evaluators, rating the drill's objectives and writing the evaluation's
conclusions, cause analysis and document standard (resource: the same action_resource, owner
empty) are for the drill's directors and evaluation leads (and admin). A unit's document
standard is set by its evaluation leads (resource: {"unit": ...}) and admins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from access.errors import NotAllowedError

SYSTEM_ROLES = (
    "admin",
    "plan_owner",
    "approver",
    "drill_director",
    "evaluation_lead",
    "evaluator",
    "participant",
    "manager",
)
# Roles that read every version of their unit's plans, and roles that read released ones only.
FULL_READERS = frozenset({"plan_owner", "approver", "manager"})
RELEASED_READERS = frozenset({"drill_director", "evaluation_lead", "evaluator", "participant"})
RELEASED_STATUSES = frozenset({"published", "superseded"})

ACTIONS = (
    "plan.read",  # a plan (plan-level resource) or one version of it
    "plan.read_source",  # the original uploaded document
    "plan.create",  # import; resource: {"unit": target unit}
    "plan.edit",  # save a draft, start a new draft
    "plan.submit",  # send a draft for review, withdraw one's own submission
    "plan.approve",  # publish or return a version in review
    "plan.delete",  # move to the bin and restore
    "plan.set_unit",  # move a plan to another unit
    "user.manage",  # create, list, disable, reset, change roles of accounts
    "user.unlock",  # end an account's sign-in lock-outs
    "account.change_password",  # one's own password; resource: {"user_id": ...}
    "audit.read",
    "action.create",  # a corrective action for a finding of an ended drill
    "action.edit",  # an action's text, owner and due date
    "action.progress",  # an action's status between open, in progress and done
    "action.verify",  # mark an action verified or not, and say how it was checked
    "drill.settle_conflict",  # choose the outcome of an item two evaluators recorded differently
    "drill.rate_objective",  # rate a drill objective P/S/M/U after the drill
    "drill.write_evaluation",  # the lead's conclusions, cause analysis and document standard
    "unit.set_report_standard",  # the unit's evaluation document standard (AQ/T 9009, HSEEP)
)
# What a change of a corrective action touches, and the right each part needs.
ACTION_TEXT_FIELDS = ("action", "owner", "due", "start", "organization")


@dataclass(frozen=True)
class Actor:
    """The signed-in user (or the machine) on whose behalf a store call runs."""

    username: str
    display_name: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)
    unit: str = ""
    user_id: int | None = None
    must_change_password: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(self.roles))

    @property
    def label(self) -> str:
        """The display name, else the user name."""
        return self.display_name or self.username


# The machine itself: demo seeding, migrations and command-line tools run by the operator.
SYSTEM = Actor(username="system", display_name="系统 / system", roles=frozenset({"admin"}))
# Nobody: refused everything. Pages hold it until someone signs in.
ANONYMOUS = Actor(username="", display_name="", roles=frozenset())
LOCAL_ACTOR = ANONYMOUS  # kept for pages not yet signing in; it has no rights at all


def allowed(actor: Actor | None, action: str, resource: dict | None = None) -> bool:
    """Whether `actor` may do `action` on `resource`."""
    return refusal(actor, action, resource) is None


def require(
    actor: Actor | None,
    action: str,
    resource: dict | None = None,
    *,
    otherwise: Exception | None = None,
) -> None:
    """Return when allowed; otherwise raise.

    Raises: `otherwise` (the caller's not-found error) when the actor may not even read the
    resource, so a refusal never reveals that it exists; else NotAllowedError whose key says why.
    """
    if allowed(actor, action, resource):
        return
    if otherwise is not None and not allowed(actor, "plan.read", resource):
        raise otherwise
    raise NotAllowedError(refusal(actor, action, resource) or "access.denied", action=action)


def refusal(actor: Actor | None, action: str, resource: dict | None = None) -> str | None:
    """None when allowed, else the catalogue key of the reason."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action}")
    resource = resource or {}
    if actor is None or not actor.username:
        return "access.denied"
    if action == "account.change_password":
        own = actor.user_id is not None and resource.get("user_id") == actor.user_id
        return None if own else "access.denied"
    if actor.must_change_password:
        return "access.must_change_password"
    if "admin" not in actor.roles and not _RULES[action](actor, resource):
        return _REFUSED.get(action, "access.denied")
    if action == "plan.approve" and is_author(actor, resource):
        return "access.approve_own"
    return None


def is_author(actor: Actor, resource: dict) -> bool:
    """Whether the actor created, edited or submitted the version described by `resource`."""
    return actor.username in set(resource.get("authors") or ())


def readable_units(actor: Actor | None) -> frozenset[str] | None:
    """The units whose plans the actor may read something of; None means every unit.

    Only narrows list queries; `allowed` still decides each row.
    """
    if actor is None or not actor.username or actor.must_change_password:
        return frozenset()
    if "admin" in actor.roles:
        return None
    if actor.unit and actor.roles & (FULL_READERS | RELEASED_READERS):
        return frozenset({actor.unit})
    return frozenset()


def allowed_actions(actor: Actor | None, resource: dict, actions: Iterable[str]) -> frozenset[str]:
    """The subset of `actions` the actor may do on `resource` (what a page may offer)."""
    return frozenset(a for a in actions if allowed(actor, a, resource))


def _in_unit(actor: Actor, resource: dict) -> bool:
    """Own unit; a question without a resource ("may I import at all?") means the own unit."""
    return bool(actor.unit) and resource.get("unit", actor.unit) == actor.unit


def _released(resource: dict) -> bool:
    if "status" in resource:
        return resource["status"] in RELEASED_STATUSES
    return bool(resource.get("released", True))


def _may_read(actor: Actor, resource: dict) -> bool:
    if not _in_unit(actor, resource):
        return False
    if actor.roles & FULL_READERS:
        return True
    return bool(actor.roles & RELEASED_READERS) and _released(resource)


def _full_reader(actor: Actor, resource: dict) -> bool:
    return _in_unit(actor, resource) and bool(actor.roles & FULL_READERS)


def _role_in_unit(role: str) -> Callable[[Actor, dict], bool]:
    return lambda actor, resource: role in actor.roles and _in_unit(actor, resource)


def _never(actor: Actor, resource: dict) -> bool:
    return False


def _drill_lead(actor: Actor, resource: dict) -> bool:
    """A director or evaluation lead of the drill the corrective action belongs to."""
    return actor.username in set(resource.get("leads") or ())


def owns_action(actor: Actor | None, resource: dict) -> bool:
    """Whether the action's owner, as written, is the actor's user name (any letter case)."""
    owner = str(resource.get("owner") or "").strip().casefold()
    return actor is not None and bool(owner) and owner == actor.username.strip().casefold()


def _lead_or_owner(actor: Actor, resource: dict) -> bool:
    return _drill_lead(actor, resource) or owns_action(actor, resource)


def action_resource(unit: str, leads: Iterable[str], owner: str = "") -> dict:
    """What the corrective-action rules are told: the drill's unit, the user names of its
    directors and evaluation leads, and the action's owner as written."""
    return {"unit": unit, "leads": frozenset(leads), "owner": owner or ""}


def action_update_rights(before, after) -> frozenset[str]:
    """The rights an update of a corrective action needs (`before`, `after`: objects with action,
    owner, due, status and verification): its text, owner or due date need action.edit; setting
    or lifting "verified", or changing the verification note, need action.verify; any other
    status change (and a change of nothing) needs action.progress."""
    needed = set()
    if any(getattr(before, f, None) != getattr(after, f, None) for f in ACTION_TEXT_FIELDS):
        needed.add("action.edit")
    status_changed = before.status != after.status
    if before.verification != after.verification or (
        status_changed and "verified" in (before.status, after.status)
    ):
        needed.add("action.verify")
    elif status_changed or not needed:
        needed.add("action.progress")
    return frozenset(needed)


_RULES: dict[str, Callable[[Actor, dict], bool]] = {
    "plan.read": _may_read,
    "plan.read_source": _full_reader,
    "plan.create": _role_in_unit("plan_owner"),
    "plan.edit": _role_in_unit("plan_owner"),
    "plan.submit": _role_in_unit("plan_owner"),
    "plan.approve": _role_in_unit("approver"),
    "plan.delete": _role_in_unit("plan_owner"),
    "plan.set_unit": _never,
    "user.manage": _never,
    "user.unlock": _never,
    "audit.read": _never,
    "action.create": _drill_lead,
    "action.edit": _drill_lead,
    "action.progress": _lead_or_owner,
    "action.verify": _drill_lead,
    "drill.settle_conflict": _drill_lead,
    "drill.rate_objective": _drill_lead,
    "drill.write_evaluation": _drill_lead,
    "unit.set_report_standard": _role_in_unit("evaluation_lead"),
}
# Refusals that say who may, where "not allowed" alone would leave the user guessing.
_REFUSED = {
    "action.create": "access.action_leads_only",
    "action.edit": "access.action_leads_only",
    "action.verify": "access.action_verify",
    "action.progress": "access.action_progress",
    "drill.settle_conflict": "access.drill_leads_only",
    "drill.rate_objective": "access.drill_leads_only",
    "drill.write_evaluation": "access.drill_leads_only",
    "unit.set_report_standard": "access.unit_leads_only",
}

__all__ = [
    "ACTIONS",
    "ACTION_TEXT_FIELDS",
    "ANONYMOUS",
    "LOCAL_ACTOR",
    "RELEASED_STATUSES",
    "SYSTEM",
    "SYSTEM_ROLES",
    "Actor",
    "NotAllowedError",
    "action_resource",
    "action_update_rights",
    "allowed",
    "allowed_actions",
    "is_author",
    "owns_action",
    "readable_units",
    "refusal",
    "require",
]
