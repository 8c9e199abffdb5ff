"""What each actor may do: the one table of actions (RIGHTS) every store and page consults.

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

Nobody, admin included, approves a version they authored; an author who may submit withdraws
it from review instead (plan.return). An actor
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

Drills and their secrecy, findings, reviews, weights, analytics and screens: the rules and their
table are in access/drill_rights.py; a drill's resource (drill_resource) has the keys the
corrective-action rules read too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from access import drill_rights as drills
from access.actors import ANONYMOUS, SYSTEM, Actor
from access.errors import NotAllowedError

# Roles that read every version of their unit's plans, and roles that read released ones only.
FULL_READERS = frozenset({"plan_owner", "approver", "manager"})
RELEASED_READERS = frozenset({"drill_director", "evaluation_lead", "evaluator", "participant"})
RELEASED_STATUSES = frozenset({"published", "superseded"})
# What a page offers for one version (db.plans_lookup.version_permissions).
VERSION_ACTIONS = (
    "plan.read",
    "plan.edit",
    "plan.submit",
    "plan.return",
    "plan.approve",
    "plan.delete",
)
# What a change of a corrective action touches, and the right each part needs.
ACTION_TEXT_FIELDS = ("action", "owner", "due", "start", "organization")

Rule = Callable[[Actor, dict], bool]


@dataclass(frozen=True)
class Right:
    """One action: who may (`rule`); the catalogue key of a refusal (or a function of the actor
    and resource giving it); whether admins pass whatever the rule says; and the action whose
    refusal means the actor may not even learn that the resource exists (see `require`)."""

    rule: Rule
    refused: str | Callable[[Actor, dict], str] = "access.denied"
    admin: bool = True
    seen_with: str = "plan.read"


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

    Raises: `otherwise` (the caller's not-found error) when the actor may not even know of the
    resource, so a refusal never reveals that it exists; else NotAllowedError whose key says why.
    """
    if allowed(actor, action, resource):
        return
    if otherwise is not None and not allowed(actor, RIGHTS[action].seen_with, resource):
        raise otherwise
    raise NotAllowedError(refusal(actor, action, resource) or "access.denied", action=action)


def refusal(actor: Actor | None, action: str, resource: dict | None = None) -> str | None:
    """None when allowed, else the catalogue key of the reason."""
    right = RIGHTS.get(action)
    if right is None:
        raise ValueError(f"unknown action {action}")
    resource = resource or {}
    if actor is None or not actor.username:
        return "access.denied"
    if actor.must_change_password and action != "account.change_password":
        return "access.must_change_password"
    if (right.admin and "admin" in actor.roles) or right.rule(actor, resource):
        return None
    return right.refused if isinstance(right.refused, str) else right.refused(actor, resource)


def allowed_actions(actor: Actor | None, resource: dict, actions: Iterable[str]) -> frozenset[str]:
    """The subset of `actions` the actor may do on `resource` (what a page may offer)."""
    return frozenset(a for a in actions if allowed(actor, a, resource))


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


def _role_in_unit(role: str) -> Rule:
    return lambda actor, resource: role in actor.roles and _in_unit(actor, resource)


def _approver(actor: Actor, resource: dict) -> bool:
    return "admin" in actor.roles or _role_in_unit("approver")(actor, resource)


def _approves(actor: Actor, resource: dict) -> bool:
    """An approver of the unit (or admin) who did not author the version."""
    return _approver(actor, resource) and not is_author(actor, resource)


def _approve_refused(actor: Actor, resource: dict) -> str:
    own = _approver(actor, resource) and is_author(actor, resource)
    return "access.approve_own" if own else "access.denied"


def _returns(actor: Actor, resource: dict) -> bool:
    """An author withdraws as one who may submit; anyone else returns it as an approver."""
    if is_author(actor, resource):
        return _role_in_unit("plan_owner")(actor, resource)
    return _role_in_unit("approver")(actor, resource)


def _own_password(actor: Actor, resource: dict) -> bool:
    return actor.user_id is not None and resource.get("user_id") == actor.user_id


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


def _drill(rule: Rule, refused="access.denied", *, admin: bool = False) -> Right:
    """A right over a drill: refused like a missing drill to whoever may not know of it."""
    return Right(rule, refused, admin, seen_with="drill.know")


_LEADS_ONLY = "access.drill_leads_only"
# The one table: every action any store or page asks about, with its rule.
RIGHTS: dict[str, Right] = {
    # plans and versions
    "plan.read": Right(_may_read),  # a plan (plan-level resource) or one version of it
    "plan.read_source": Right(_full_reader),  # the original uploaded document
    "plan.create": Right(_role_in_unit("plan_owner")),  # import; resource: {"unit": target}
    "plan.edit": Right(_role_in_unit("plan_owner")),  # save a draft, start a new draft
    "plan.submit": Right(_role_in_unit("plan_owner")),  # send a draft for review
    "plan.return": Right(_returns),  # back to draft: withdrawn by its author, or returned
    "plan.approve": Right(_approves, _approve_refused, admin=False),  # publish a version
    "plan.delete": Right(_role_in_unit("plan_owner")),  # move to the bin and restore
    "plan.set_unit": Right(_never),  # move a plan to another unit
    # accounts, units and the audit log
    "user.manage": Right(_never),  # create, list, disable, reset, change roles; units
    "user.unlock": Right(_never),  # end an account's sign-in lock-outs
    "account.change_password": Right(_own_password, admin=False),  # {"user_id": ...}
    "audit.read": Right(_never),
    "unit.set_report_standard": Right(_role_in_unit("evaluation_lead"), "access.unit_leads_only"),
    # corrective actions (resource: action_resource)
    "action.create": Right(_drill_lead, "access.action_leads_only"),
    "action.edit": Right(_drill_lead, "access.action_leads_only"),  # text, owner, due date
    "action.progress": Right(_lead_or_owner, "access.action_progress"),  # open .. done
    "action.verify": Right(_drill_lead, "access.action_verify"),  # verified or not, and how
    # drills (resource: drill_rights.drill_resource, or action_resource for the lead's work)
    "drill.know": _drill(drills.knows),
    "drill.create": Right(drills.creates, "drills_store.not_drill_director", admin=False),
    "drill.direct": _drill(drills.directs, "drills_store.not_director"),
    "drill.observe": _drill(drills.observes, drills.observe_refused),  # record, attach photos
    "drill.amend": _drill(drills.amends, "drills_store.not_your_observation"),  # undo, amend
    "drill.read_observations": _drill(drills.reads_observations, "drills_store.not_evaluator"),
    "drill.read_record": _drill(drills.reads_record, "access.drill_record_only"),  # console
    "drill.read_photo": _drill(drills.reads_photo),
    "drill.see_inject": _drill(drills.sees_inject),
    "drill.see_item": _drill(drills.sees_item),
    "drill.settle_conflict": Right(_drill_lead, _LEADS_ONLY),  # two evaluators disagree
    "drill.rate_objective": Right(_drill_lead, _LEADS_ONLY),  # P/S/M/U after the drill
    "drill.write_evaluation": Right(_drill_lead, _LEADS_ONLY),  # conclusions, causes, standard
    # findings, reviews, weights and analytics
    "findings.read": _drill(drills.reads_record, "findings_store.not_reader"),
    "findings.edit": _drill(drills.edits_findings, "findings_store.not_editor"),
    "review.submit": _drill(drills.reviews, "findings_store.not_participant"),
    "weights.set": Right(drills.sets_weights, "findings_store.not_weights"),  # {"unit": ...}
    "weights.read": Right(drills.reads_weights, "findings_store.not_weights"),
    "analytics.read": Right(drills.reads_analytics, "analytics.not_allowed"),  # {"unit": ...}
    # screens: which links and pages a user is shown (the stores decide the rest)
    **{name: Right(drills.screen(name), "access.page_denied") for name in drills.SCREENS},
}
ACTIONS = tuple(RIGHTS)

__all__ = [
    "ACTIONS",
    "ACTION_TEXT_FIELDS",
    "ANONYMOUS",
    "RELEASED_STATUSES",
    "RIGHTS",
    "SYSTEM",
    "VERSION_ACTIONS",
    "Actor",
    "NotAllowedError",
    "Right",
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
